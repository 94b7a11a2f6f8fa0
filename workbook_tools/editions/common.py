"""Parts of the official format shared by every edition: section titles, table 三 (apart from its
（六）其他处理 rows), table 四, and the 勾稽关系 that balance them.

Labels are character-exact (full-width brackets and commas, ASCII ``.`` in ``1.属于国家秘密``,
U+201C/U+201D quotes); `tests/test_editions.py` compares them with SPEC §13.
"""

from __future__ import annotations

from ..rules.expr import BOUND, Cells, Equation, total_of
from ..spec import Block, Column, Layout, Role, Row, Section, Table

# ---------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------

OVERVIEW_TOPICS = (
    ("主动公开", ("主动公开",)),
    ("依申请公开", ("依申请公开", "政府信息公开申请", "申请公开")),
    ("政府信息管理", ("政府信息管理", "信息管理", "公开属性", "保密审查", "规范性文件清理")),
    ("政府信息公开平台建设", ("平台建设", "公开平台", "政府网站", "门户网站", "政务新媒体", "公开专栏")),
    ("监督保障", ("监督保障", "监督", "考核", "培训", "责任追究", "社会评议")),
)

SECTIONS = (
    Section("一", "一、总体情况", topics=OVERVIEW_TOPICS, cues=("总体情况", "总体", "基本情况", "概述", "概况")),
    Section("二", "二、主动公开政府信息情况", table="T2", cues=("主动公开",)),
    Section("三", "三、收到和处理政府信息公开申请情况", table="T3", cues=("申请",)),
    Section("四", "四、政府信息公开行政复议、行政诉讼情况", table="T4", cues=("复议", "诉讼")),
    Section(
        "五",
        "五、存在的主要问题及改进情况",
        variants=("五、政府信息公开工作存在的主要问题及改进情况", "五、存在问题及改进情况", "五、存在的问题及改进情况"),
        cues=("问题", "不足", "改进", "整改"),
    ),
    Section("六", "六、其他需要报告的事项", cues=("其他", "需要报告", "需要说明", "其它")),
)

# ---------------------------------------------------------------------------------------------
# Table 三: 收到和处理政府信息公开申请情况
# ---------------------------------------------------------------------------------------------

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_BAND = "申请人情况"
LEGAL_PERSONS = "法人或其他组织"

T3_COLUMNS = (
    Column("C1", "自然人"),
    Column("C2", "商业企业", group=LEGAL_PERSONS),
    Column("C3", "科研机构", group=LEGAL_PERSONS),
    Column("C4", "社会公益组织", group=LEGAL_PERSONS),
    Column("C5", "法律服务机构", group=LEGAL_PERSONS),
    Column("C6", "其他", group=LEGAL_PERSONS),
    Column("C7", "总计", roles=frozenset({Role.TOTAL})),
)
T3_PARTS = tuple(c.code for c in T3_COLUMNS[:-1])
T3_TOTAL = "C7"

RESULTS = "三、本年度办理结果"
WITHHELD = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER = "（六）其他处理"


# the meaning of each group of outcome rows, by its merged label
OUTCOME_ROLES = {WITHHELD: Role.WITHHELD, UNAVAILABLE: Role.UNAVAILABLE, NOT_PROCESSED: Role.NOT_PROCESSED,
                 OTHER: Role.OTHER_HANDLING}


def _outcome(code: str, label: str, group: str | None = None, *roles: str) -> Row:
    group_role = OUTCOME_ROLES.get(group) if group else None
    return Row(code, label, group=group, band=RESULTS, role="outcome",
               roles=frozenset(roles + ((group_role,) if group_role else ())))


T3_HEAD = (
    Row("R1", "一、本年新收政府信息公开申请数量", roles=frozenset({Role.RECEIVED})),
    Row("R2", "二、上年结转政府信息公开申请数量", roles=frozenset({Role.CARRIED_OVER})),
    _outcome("R3.1", "（一）予以公开", None, Role.DISCLOSED),
    _outcome("R3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, Role.PARTLY_DISCLOSED),
    _outcome("R3.3.1", "1.属于国家秘密", WITHHELD),
    _outcome("R3.3.2", "2.其他法律行政法规禁止公开", WITHHELD),
    _outcome("R3.3.3", "3.危及“三安全一稳定”", WITHHELD),
    _outcome("R3.3.4", "4.保护第三方合法权益", WITHHELD),
    _outcome("R3.3.5", "5.属于三类内部事务信息", WITHHELD),
    _outcome("R3.3.6", "6.属于四类过程性信息", WITHHELD),
    _outcome("R3.3.7", "7.属于行政执法案卷", WITHHELD),
    _outcome("R3.3.8", "8.属于行政查询事项", WITHHELD),
    _outcome("R3.4.1", "1.本机关不掌握相关政府信息", UNAVAILABLE),
    _outcome("R3.4.2", "2.没有现成信息需要另行制作", UNAVAILABLE),
    _outcome("R3.4.3", "3.补正后申请内容仍不明确", UNAVAILABLE),
    _outcome("R3.5.1", "1.信访举报投诉类申请", NOT_PROCESSED),
    _outcome("R3.5.2", "2.重复申请", NOT_PROCESSED),
    _outcome("R3.5.3", "3.要求提供公开出版物", NOT_PROCESSED),
    _outcome("R3.5.4", "4.无正当理由大量反复申请", NOT_PROCESSED),
    _outcome("R3.5.5", "5.要求行政机关确认或重新出具已获取信息", NOT_PROCESSED),
)
T3_TAIL = (
    Row("R3.7", "（七）总计", band=RESULTS, role="total", roles=frozenset({Role.CLOSED})),
    Row("R4", "四、结转下年度继续办理", roles=frozenset({Role.FORWARD})),
)

# 2019 试行: （六）其他处理 is one data row (no group label, so its role is given here).
OTHER_SINGLE = (_outcome("R3.6", OTHER, None, Role.OTHER_HANDLING),)
# 2021: （六）其他处理 is a group of three rows.
OTHER_SPLIT = (
    _outcome("R3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", OTHER),
    _outcome("R3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", OTHER,
             Role.FEE_NOTICE),
    _outcome("R3.6.3", "3.其他", OTHER),
)


def table3(other_rows: tuple[Row, ...]) -> Table:
    rows = T3_HEAD + other_rows + T3_TAIL
    return Table(
        code="T3",
        number="三",
        section="三",
        name="收到和处理政府信息公开申请情况",
        layout=Layout.CROSSTAB,
        blocks=(Block("M", rows, T3_COLUMNS),),
        column_band=T3_BAND,
        note=T3_NOTE,
        note_cues=("勾稽关系", "第一项加第二项之和"),
        completeness_rule="S06",
        roles=frozenset({Role.APPLICATIONS}),
    )


# ---------------------------------------------------------------------------------------------
# Table 四: 政府信息公开行政复议、行政诉讼情况 (identical in every edition)
# ---------------------------------------------------------------------------------------------

LITIGATION = "行政诉讼"
T4_COLUMNS = (
    Column("C1", "结果维持", roles=frozenset({Role.UPHELD})),
    Column("C2", "结果纠正", roles=frozenset({Role.CORRECTED})),
    Column("C3", "其他结果", roles=frozenset({Role.OTHER_RESULT})),
    Column("C4", "尚未审结", roles=frozenset({Role.PENDING})),
    Column("C5", "总计", roles=frozenset({Role.TOTAL})),
)
T4_ROWS = (
    Row("F", "行政复议", roles=frozenset({Role.REVIEW})),
    Row("L1", "未经复议直接起诉", group=LITIGATION, roles=frozenset({Role.LITIGATION, Role.DIRECT_SUIT})),
    Row("L2", "复议后起诉", group=LITIGATION, roles=frozenset({Role.LITIGATION, Role.SUIT_AFTER_REVIEW})),
)
TABLE4 = Table(
    code="T4",
    number="四",
    section="四",
    name="政府信息公开行政复议、行政诉讼情况",
    layout=Layout.TRANSPOSED,
    blocks=(Block("M", T4_ROWS, T4_COLUMNS),),
    completeness_rule="S07",
    roles=frozenset({Role.APPEALS}),
)

# ---------------------------------------------------------------------------------------------
# Table 二 building block
# ---------------------------------------------------------------------------------------------

INFO = "信息内容"


def article20(item: str, code: str, rows: tuple[Row, ...], columns: tuple[Column, ...]) -> Block:
    """A block of table 二 headed 第二十条第（item）项."""
    return Block(code, rows, columns, caption=f"第二十条第（{item}）项", corner=INFO)


def table2(blocks: tuple[Block, ...], rule: str) -> Table:
    return Table(
        code="T2",
        number="二",
        section="二",
        name="主动公开政府信息情况",
        layout=Layout.STACKED,
        blocks=blocks,
        width=3,
        completeness_rule=rule,
        roles=frozenset({Role.DISCLOSURE}),
    )


# ---------------------------------------------------------------------------------------------
# 勾稽关系 (SPEC §5): declared once, compiled to Python checks and Excel formulas
# ---------------------------------------------------------------------------------------------


def balance_equations(t3: Table) -> tuple[Equation, ...]:
    rows = tuple(r.code for _, r in t3.rows())
    cols = tuple(c.code for c in T3_COLUMNS)
    outcomes = tuple(r.code for _, r in t3.rows() if r.role == "outcome")
    return (
        total_of("T3", Cells("T3", BOUND, (T3_TOTAL,)), Cells("T3", BOUND, T3_PARTS), "row", rows, "A01",
                 "总计 = 自然人 + 法人或其他组织（五列）"),
        total_of("T3", Cells("T3", ("R3.7",), BOUND), Cells("T3", outcomes, BOUND), "col", cols, "A02",
                 "（七）总计 = 各办理结果之和"),
        Equation(
            "A03",
            (Cells("T3", ("R1",), BOUND), Cells("T3", ("R2",), BOUND)),
            (Cells("T3", ("R3.7",), BOUND), Cells("T3", ("R4",), BOUND)),
            each="col",
            over=cols,
            description="一 + 二 = 三（七）总计 + 四",
        ),
        total_of("T4", Cells("T4", BOUND, ("C5",)), Cells("T4", BOUND, ("C1", "C2", "C3", "C4")), "row",
                 tuple(r.code for r in T4_ROWS), "A04", "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
        Equation(
            "A05",
            (Cells("T3", ("R2",), BOUND),),
            (Cells("T3", ("R4",), BOUND).of_previous(),),
            each="col",
            over=cols,
            description="本年 二、上年结转 = 上年 四、结转下年度继续办理",
        ),
    )


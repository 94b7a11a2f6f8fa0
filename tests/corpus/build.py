"""Generator of the test corpus: a report is described once (`Doc`: agency, year, layout, figures,
narrative, style knobs) and rendered as a published document in the requested format and style.

Independent of the toolkit on purpose: the table grids, labels and merged cells are written out here
from SPEC §2–§3, not taken from `workbook_tools.layout`, so that a mistake in the toolkit's declaration
cannot hide itself.  Figures are drawn from a seeded generator and made to balance (SPEC §5: table 三
R1 + R2 = R3.7 + R4 in every column, C7 = C1 + … + C6, table 四 总计 = the four results) unless a case
overrides a printed cell on purpose.

Formats: HTML (Word-pasted, WPS export, plain CMS), Markdown pipe tables, plain text (one cell per
line as copied from Word, or tab-separated rows), .docx (python-docx, merged cells) and, through
LibreOffice, PDF from HTML or from .docx (`to_pdf`, at test time only).
"""

from __future__ import annotations

import html as _html
import random
import re
import subprocess
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# The official labels (SPEC §2.3, §2.4, §3.4, §3.5, §2.5), character-exact
# ---------------------------------------------------------------------------------------------

SECTION_TITLES = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
NUMBERS = tuple(SECTION_TITLES)

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_NOTE_GOUJI = "（本列数据的钩稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLS = ("C1", "C2", "C3", "C4", "C5", "C6")
LEGAL = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")

T3_ROWS_HEAD = (
    ("R3.1", None, "（一）予以公开"),
    ("R3.2", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("R3.3.1", "（三）不予公开", "1.属于国家秘密"),
    ("R3.3.2", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("R3.3.3", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("R3.3.4", "（三）不予公开", "4.保护第三方合法权益"),
    ("R3.3.5", "（三）不予公开", "5.属于三类内部事务信息"),
    ("R3.3.6", "（三）不予公开", "6.属于四类过程性信息"),
    ("R3.3.7", "（三）不予公开", "7.属于行政执法案卷"),
    ("R3.3.8", "（三）不予公开", "8.属于行政查询事项"),
    ("R3.4.1", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("R3.4.2", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("R3.4.3", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("R3.5.1", "（五）不予处理", "1.信访举报投诉类申请"),
    ("R3.5.2", "（五）不予处理", "2.重复申请"),
    ("R3.5.3", "（五）不予处理", "3.要求提供公开出版物"),
    ("R3.5.4", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("R3.5.5", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
)
T3_OTHER_SINGLE = (("R3.6", None, "（六）其他处理"),)
T3_OTHER_SPLIT = (
    ("R3.6.1", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("R3.6.2", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("R3.6.3", "（六）其他处理", "3.其他"),
)
RESULTS = "三、本年度办理结果"
T3_SPLIT_AT = 15  # grid row of 1.本机关不掌握相关政府信息: table 三 is cut after the 不予公开 rows
T4_COLS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

# table 二: (caption, header labels, rows: (code, label), column codes, spans of the value cells)
T2_2021 = (
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
     (("regulations", "规章"), ("normative", "行政规范性文件")), ("issued", "repealed", "in_force")),
    ("第二十条第（五）项", ("本年处理决定数量",), (("licensing", "行政许可"),), ("decisions",)),
    ("第二十条第（六）项", ("本年处理决定数量",), (("penalty", "行政处罚"), ("coercion", "行政强制")), ("decisions",)),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("fees", "行政事业性收费"),), ("amount",)),
)
T2_2019 = (
    ("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
     (("regulations", "规章"), ("normative", "规范性文件")), ("made", "published", "total")),
    ("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
     (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")), ("prev_items", "change", "decisions")),
    ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
     (("penalty", "行政处罚"), ("coercion", "行政强制")), ("prev_items", "change", "decisions")),
    ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), (("fees", "行政事业性收费"),), ("prev_items", "change")),
    ("第二十条第（九）项", ("采购项目数量", "采购总金额"), (("procurement", "政府集中采购"),), ("projects", "amount")),
)

# outcome weights for the seeded distribution of closed applications
WEIGHTS = {"R3.1": 40, "R3.2": 9, "R3.3.1": 0.3, "R3.3.2": 0.6, "R3.3.3": 0.4, "R3.3.4": 1.5, "R3.3.5": 1,
           "R3.3.6": 1.2, "R3.3.7": 0.6, "R3.3.8": 1.5, "R3.4.1": 18, "R3.4.2": 2.5, "R3.4.3": 1.5, "R3.5.1": 3,
           "R3.5.2": 3, "R3.5.3": 0.6, "R3.5.4": 0.4, "R3.5.5": 0.8, "R3.6": 5, "R3.6.1": 3, "R3.6.2": 0,
           "R3.6.3": 2.5}


def t3_rows(layout: str):
    """(code, group, label) of every data row of table 三 below R2, in order, for a layout."""
    other = T3_OTHER_SPLIT if layout == "2021" else T3_OTHER_SINGLE
    return T3_ROWS_HEAD + other + (("R3.7", None, "（七）总计"), ("R4", None, "四、结转下年度继续办理"))


def t3_outcomes(layout: str) -> tuple[str, ...]:
    return tuple(code for code, _, _ in t3_rows(layout) if code not in ("R3.7", "R4"))


def t2_spec(layout: str):
    return T2_2019 if layout == "2019" else T2_2021


# ---------------------------------------------------------------------------------------------
# The description of one document
# ---------------------------------------------------------------------------------------------


@dataclass
class Doc:
    id: str
    fmt: str                     # html | md | txt | docx | pdf
    style: str                   # word | word-chars | wps | cms | pipes | bare | cells | tabs | docx | pdf-cms | pdf-word | pdf-docx
    agency: str
    year: int
    layout: str                  # 2021 | 2019 | 2021-hybrid (table grids)
    expect_edition: str          # what the importer must detect
    self_word: str               # how the prose names the body: 本局, 本委, 县政府 …
    t2: dict                     # T2 cell key → value (Decimal for money, int else)
    apps: dict                   # {"R1": [6 ints], "R2": [...], "R4": [...]} (per column C1..C6)
    t4: dict                     # {"F": [4 ints], "L1": [...], "L2": [...]}
    expect: list                 # [(rule, severity)], a multiset
    classes: list                # what the case covers, for the corpus list
    seed: int = 0
    outcomes: dict = field(default_factory=dict)   # explicit outcome rows {row: [6 ints]}, rest seeded
    printed: dict = field(default_factory=dict)    # cell key → text printed instead of the value
    labels: dict = field(default_factory=dict)     # canonical label → printed label
    heads: dict = field(default_factory=dict)      # section number → printed heading; None = section absent
    title_mode: str = "body"     # body | body-2lines | year-first | title-tag | h1-header | none
    period: str | None = None    # the statistical-period phrase; None = the standard one
    preamble_names_agency: bool = True
    signature: bool = True
    sign_date: str | None = None
    government: bool = False
    fee_notices: int = 0         # 收费通知 sent (section 六)
    fee_amount: str = "0"        # 信息处理费 collected, in 元
    prose: dict = field(default_factory=dict)      # overrides of prose figures: received, closed, carried, forward, review, lawsuit
    prose_t2: bool = False       # the overview states the table-二 figures of 规范性文件
    t3_split: str | None = None  # a paragraph between the two parts of table 三 (after 不予公开)
    expect_messages: list = field(default_factory=list)  # [(rule, substring of the zh message)]
    six_text: list | None = None
    page_numbers: bool = False  # plain text: a page-number line (- N -) after each table, as PDF extraction leaves them
    note: str = ""

    # ----- figures ------------------------------------------------------------------------------

    def __post_init__(self):
        self._t3 = self._make_t3()

    def _make_t3(self) -> dict:
        rng = random.Random(self.seed or hash(self.id) & 0xFFFF)
        outcomes = t3_outcomes(self.layout)
        vals: dict[str, list[int]] = {r: [0] * 6 for r in outcomes}
        for row, v in self.outcomes.items():
            vals[row] = list(v)
        for i in range(6):
            closed = self.apps["R1"][i] + self.apps["R2"][i] - self.apps["R4"][i]
            assert closed >= 0, (self.id, i)
            rest = closed - sum(vals[r][i] for r in self.outcomes)
            assert rest >= 0, (self.id, i, "explicit outcomes exceed the closed applications")
            free = [r for r in outcomes if r not in self.outcomes and WEIGHTS.get(r, 0) > 0]
            weights = [WEIGHTS[r] for r in free]
            for _ in range(rest):
                vals[rng.choices(free, weights)[0]][i] += 1
        out = {"R1": list(self.apps["R1"]), "R2": list(self.apps["R2"])}
        out.update(vals)
        out["R3.7"] = [sum(vals[r][i] for r in outcomes) for i in range(6)]
        out["R4"] = list(self.apps["R4"])
        return out

    def values(self) -> dict[str, int | Decimal]:
        """Every cell of the report as it truly is (before `printed` overrides)."""
        v: dict[str, int | Decimal] = dict(self.t2)
        for row, parts in self._t3.items():
            for i, c in enumerate(T3_COLS):
                v[f"T3/{row}/{c}"] = parts[i]
            v[f"T3/{row}/C7"] = sum(parts)
        for row, parts in self.t4.items():
            for i in range(4):
                v[f"T4/{row}/C{i + 1}"] = parts[i]
            v[f"T4/{row}/C5"] = sum(parts)
        return v

    def total(self, row: str) -> int:
        return sum(self._t3[row])

    def text_of(self, key: str) -> str:
        """The text printed in a cell."""
        if key in self.printed:
            return self.printed[key]
        v = self.values()[key]
        return format(v, "f") if isinstance(v, Decimal) else str(v)

    def expected_cells(self) -> tuple[dict, dict]:
        """(numeric cells key → number, non-numeric cells key → status)."""
        nums, other = {}, {}
        for key, v in self.values().items():
            if key in self.printed:
                p = self.printed[key].strip()
                m = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)(万元|元)?", p)
                if p == "":
                    other[key] = "blank"
                elif m and not m.group(2):
                    nums[key] = Decimal(m.group(1))
                elif m:
                    nums[key] = Decimal(m.group(1))  # a unit in the cell: the column's unit is 万元
                else:
                    other[key] = "placeholder"
            else:
                nums[key] = Decimal(str(v))
        return nums, other

    def label(self, text: str) -> str:
        return self.labels.get(text, text)

    def heading(self, number: str) -> str | None:
        return self.heads.get(number, SECTION_TITLES[number])

    def title(self) -> str:
        if self.title_mode == "year-first":
            return f"{self.year}年{self.agency}政府信息公开工作年度报告"
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"


# ---------------------------------------------------------------------------------------------
# Table grids: rows of cells (text, rowspan, colspan, is_value)
# ---------------------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str
    rs: int = 1
    cs: int = 1
    value: bool = False
    key: str | None = None


def grid_t2(d: Doc) -> list[list[Cell]]:
    rows = []
    for caption, heads, items, cols in t2_spec(d.layout):
        rows.append([Cell(d.label(caption), cs=4)])
        hr = [Cell(d.label("信息内容"))]
        for i, h in enumerate(heads):
            span = 4 - len(heads) if i == len(heads) - 1 else 1
            hr.append(Cell(d.label(h), cs=span))
        rows.append(hr)
        for code, lab in items:
            r = [Cell(d.label(lab))]
            for i, col in enumerate(cols):
                span = 4 - len(cols) if i == len(cols) - 1 else 1
                key = f"T2/{code}/{col}"
                r.append(Cell(d.text_of(key), cs=span, value=True, key=key))
            rows.append(r)
    return rows


def grid_t3(d: Doc) -> list[list[Cell]]:
    note = d.label(T3_NOTE)
    rows = [
        [Cell(note, rs=3, cs=3), Cell(d.label("申请人情况"), cs=7)],
        [Cell(d.label("自然人"), rs=2), Cell(d.label("法人或其他组织"), cs=5), Cell(d.label("总计"), rs=2)],
        [Cell(d.label(x)) for x in LEGAL],
    ]

    def vals(row):
        return [Cell(d.text_of(f"T3/{row}/{c}"), value=True, key=f"T3/{row}/{c}") for c in T3_COLS + ("C7",)]

    rows.append([Cell(d.label("一、本年新收政府信息公开申请数量"), cs=3)] + vals("R1"))
    rows.append([Cell(d.label("二、上年结转政府信息公开申请数量"), cs=3)] + vals("R2"))
    body = [r for r in t3_rows(d.layout) if r[0] != "R4"]
    seen_group = set()
    for i, (code, group, lab) in enumerate(body):
        r = []
        if i == 0:
            r.append(Cell(d.label(RESULTS), rs=len(body)))
        if group is None:
            r.append(Cell(d.label(lab), cs=2))
        else:
            if group not in seen_group:
                seen_group.add(group)
                r.append(Cell(d.label(group), rs=sum(1 for x in body if x[1] == group)))
            r.append(Cell(d.label(lab)))
        rows.append(r + vals(code))
    rows.append([Cell(d.label("四、结转下年度继续办理"), cs=3)] + vals("R4"))
    return rows


def grid_t4(d: Doc) -> list[list[Cell]]:
    rows = [
        [Cell(d.label("行政复议"), cs=5), Cell(d.label("行政诉讼"), cs=10)],
        [Cell(d.label(x), rs=2) for x in T4_COLS] + [Cell(d.label("未经复议直接起诉"), cs=5), Cell(d.label("复议后起诉"), cs=5)],
        [Cell(d.label(x)) for x in T4_COLS * 2],
        [Cell(d.text_of(f"T4/{r}/C{i}"), value=True, key=f"T4/{r}/C{i}") for r in ("F", "L1", "L2") for i in range(1, 6)],
    ]
    return rows


def grid(d: Doc, table: str) -> list[list[Cell]]:
    return {"T2": grid_t2, "T3": grid_t3, "T4": grid_t4}[table](d)


def width(rows: list[list[Cell]]) -> int:
    return sum(c.cs for c in rows[0])


def dense(rows: list[list[Cell]], fill: bool = False) -> list[list[str]]:
    """Every position of the grid: the cell's text at its origin, '' (or the text again, `fill`) elsewhere."""
    n = width(rows)
    out = [[None] * n for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while out[r][c] is not None:
                c += 1
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    out[r + dr][c + dc] = cell.text if (dr == 0 and dc == 0) or fill else ""
            c += cell.cs
    return [[x or "" for x in row] for row in out]


def split_rows(rows: list[list[Cell]], at: int) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """Cut a grid before row `at` as Word does when a table is split: a merged cell that crosses the cut
    keeps its text in the first part and continues, empty, in the second."""
    n = width(rows)
    occ = [[None] * n for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while occ[r][c] is not None:
                c += 1
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    occ[r + dr][c + dc] = (r, c, cell)
            c += cell.cs
    first = []
    for r, row in enumerate(rows[:at]):
        new = []
        for cell in row:
            if r + cell.rs > at:
                new.append(Cell(cell.text, rs=at - r, cs=cell.cs, value=cell.value, key=cell.key))
            else:
                new.append(cell)
        first.append(new)
    second = []
    for r in range(at, len(rows)):
        new = []
        c = 0
        while c < n:
            r0, c0, cell = occ[r][c]
            if r0 == r:
                new.append(cell)
            elif r == at:  # a continued merged cell starts again, empty
                new.append(Cell("", rs=r0 + cell.rs - at, cs=cell.cs))
            c += cell.cs
        second.append(new)
    return first, second


# ---------------------------------------------------------------------------------------------
# Narrative
# ---------------------------------------------------------------------------------------------

OPENINGS = (
    "{y}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "围绕中心工作，持续深化政务公开，不断提升政府信息公开工作的规范化、标准化水平。",
    "{y}年，{me}认真贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，严格执行《中华人民共和国政府信息公开条例》，"
    "以公开促落实、以公开强监管、以公开优服务，各项工作有序推进。",
    "{y}年，{me}按照上级政务公开工作要点的部署，把政府信息公开作为转变作风、服务群众的重要抓手，"
    "健全工作机制，压实工作责任，政府信息公开工作取得新进展。",
)
ACTIVE = (
    "围绕重点领域和群众关切，通过门户网站、政务新媒体等渠道及时发布机构职能、规划计划、财政预决算、"
    "行政执法等信息，做到应公开尽公开。对重要政策文件同步开展解读，以图文、问答等形式方便群众理解。",
    "严格落实主动公开基本目录，及时更新机构信息、政策文件、财政资金、重点项目等栏目内容，"
    "主动公开事项做到要素齐全、更新及时；对涉及群众切身利益的事项在出台前公开征求意见。",
)
MANAGE = (
    "落实公开属性源头认定机制，公文拟制时同步明确公开属性；严格执行“先审查、后公开”和“一事一审”的保密审查制度，"
    "全年未发生泄密事件。",
    "规范政府信息管理，定期对已公开信息进行梳理，动态调整主动公开目录；坚持保密审查与公开审核同步进行，"
    "防止因公开不当损害国家安全和公共利益。",
)
PLATFORM = (
    "持续优化门户网站政府信息公开专栏，规范栏目设置和内容保障，做好政务新媒体账号的日常运维，"
    "及时回应网民关切。",
    "加强政府信息公开平台建设，按照统一规范调整公开专栏，完善信息检索功能，提升平台的易用性和可及性。",
)
SUPERVISE = (
    "明确分管领导和专职人员，将政务公开纳入年度工作要点，组织开展业务培训，提高工作人员的政策水平和业务能力，"
    "主动接受社会监督。",
    "健全监督保障机制，把政府信息公开工作纳入对内设机构的年度考核，开展专题培训，畅通意见反馈渠道，"
    "对发现的问题及时督促整改。",
)
SUPERVISE_GOV = (
    "将政务公开工作纳入对各乡镇和县直部门的年度绩效考核，邀请人大代表、政协委员和群众代表开展社会评议，"
    "全年未发生因政府信息公开工作被责任追究的情形。",
)
FIVE_2021 = (
    ("（一）上年度问题整改情况",
     "针对上年度报告中提出的政策解读形式较为单一、部分栏目更新不够及时等问题，{me}建立栏目更新台账，"
     "增加图解、问答等解读形式，相关问题已整改完成。"),
    ("（二）存在的主要问题",
     "一是政府信息公开的主动性和时效性还需进一步提高；二是依申请公开答复文书的规范性有待加强；"
     "三是工作人员的业务水平与新形势新要求相比仍有差距。"),
    ("（三）改进措施",
     "下一步，{me}将进一步健全公开工作机制，规范依申请公开办理流程，完善答复文书范本，"
     "加强业务培训，推动政府信息公开工作提质增效。"),
)
FIVE_2019 = (
    ("（一）存在的主要问题",
     "一是公开内容还不够全面，部分信息更新不够及时；二是政策解读的形式较为单一；"
     "三是工作人员的业务能力有待进一步提高。"),
    ("（二）改进措施",
     "一是加强统筹协调，建立信息更新提醒机制；二是丰富政策解读形式，提高解读质量；"
     "三是加强业务培训，提升工作人员的能力和水平。"),
)


def pick(d: Doc, bank):
    return bank[d.seed % len(bank)] if d.seed else bank[0]


def fill(d: Doc, text: str) -> str:
    return text.format(y=d.year, me=d.self_word, a=d.agency)


def period_phrase(d: Doc) -> str:
    return d.period or f"{d.year}年1月1日至12月31日"


def preamble(d: Doc) -> list[str]:
    who = d.agency if d.preamble_names_agency else "本机关"
    first = (f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》的要求，"
             f"{who}编制本报告。")
    if d.period == "NONE":  # no statistical-period sentence at all
        period = ""
    elif d.period and d.period.startswith("自"):
        period = f"本报告中所列数据的统计期限{d.period}。"
    else:
        period = f"本报告中所列数据统计期限为{period_phrase(d)}。"
    rest = ("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
            "存在的主要问题及改进情况、其他需要报告的事项六部分组成。" + period +
            "本报告电子版可在门户网站“政府信息公开年报”栏目查阅或下载。如对本报告有疑问，请与"
            + (f"{d.agency}办公室" if d.preamble_names_agency else "本机关办公室") + "联系（电话：0000-8123456）。")
    return [first + rest]


def application_sentence(d: Doc) -> str:
    p = d.prose
    r1, r2, r37, r4 = (p.get("received", d.total("R1")), p.get("carried", d.total("R2")),
                       p.get("closed", d.total("R3.7")), p.get("forward", d.total("R4")))
    return (f"{d.year}年，{d.self_word}共收到政府信息公开申请{r1}件，上年结转政府信息公开申请{r2}件；"
            f"全年办结{r37}件，结转下年度继续办理{r4}件。")


def appeals_sentence(d: Doc) -> str:
    f = d.prose.get("review", sum(d.t4["F"]))
    lit = d.prose.get("lawsuit", sum(d.t4["L1"]) + sum(d.t4["L2"]))
    if f == 0 and lit == 0:
        return "全年未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    return f"全年因政府信息公开被申请行政复议{f}件，被提起行政诉讼{lit}件。"


def t2_sentence(d: Doc) -> str:
    if d.layout == "2019":
        return (f"全年新制作规范性文件{d.t2['T2/normative/made']}件，"
                f"对外公开规范性文件总数{d.t2['T2/normative/total']}件。")
    return (f"全年制发行政规范性文件{d.t2['T2/normative/issued']}件，废止{d.t2['T2/normative/repealed']}件，"
            f"现行有效行政规范性文件{d.t2['T2/normative/in_force']}件。")


def narrative(d: Doc) -> dict[str, list[tuple[str, str]]]:
    """Section number → blocks ("h", text) for sub-headings, ("p", text) for paragraphs."""
    one = [("p", fill(d, pick(d, OPENINGS)))]
    one += [("h", "（一）主动公开"), ("p", fill(d, pick(d, ACTIVE)))]
    one += [("h", "（二）依申请公开"),
            ("p", "畅通依申请公开受理渠道，规范登记、审核、办理、答复、归档各环节。" + application_sentence(d)
             + appeals_sentence(d))]
    manage = fill(d, pick(d, MANAGE))
    if d.prose_t2:
        manage += t2_sentence(d)
    one += [("h", "（三）政府信息管理"), ("p", manage)]
    one += [("h", "（四）平台建设"), ("p", fill(d, pick(d, PLATFORM)))]
    sup = fill(d, pick(d, SUPERVISE))
    if d.government:
        sup += fill(d, SUPERVISE_GOV[0])
    one += [("h", "（五）监督保障"), ("p", sup)]
    two = [("p", "主动公开政府信息情况如下表：")] if d.seed % 3 == 0 else []
    five_bank = FIVE_2019 if d.layout == "2019" else FIVE_2021
    five = []
    for h, p in five_bank:
        five += [("h", h), ("p", fill(d, p))]
    if d.six_text is not None:
        six = [("p", t) for t in d.six_text]
    elif d.layout == "2019":
        six = [("p", "本年度无其他需要报告的事项。")] if d.seed % 2 else [("p", "无。")]
    else:
        if d.fee_notices:
            fee = (f"{d.year}年，{d.self_word}依据《政府信息公开信息处理费管理办法》发出收费通知{d.fee_notices}件，"
                   f"实际收取信息处理费{d.fee_amount}元。")
        else:
            fee = f"{d.year}年，{d.self_word}未收取政府信息公开信息处理费。"
        six = [("p", fee), ("p", "本年度人大代表建议和政协提案办理结果已按规定在门户网站公开。")]
    return {"一": one, "二": two, "三": [], "四": [], "五": five, "六": six}


def signature(d: Doc) -> list[str]:
    if not d.signature:
        return []
    return [d.agency, d.sign_date or f"{d.year + 1}年1月{18 + d.seed % 10}日"]


def outline(d: Doc):
    """The document in reading order: ("title", text) ("pre", text) ("head", number, text) ("h", text)
    ("p", text) ("table", code) ("split", paragraph) ("sign", lines)."""
    out = []
    if d.title_mode in ("body", "year-first"):
        out.append(("title", d.title()))
    elif d.title_mode == "body-2lines":
        out.append(("title2", (d.agency, f"{d.year}年政府信息公开工作年度报告")))
    for p in preamble(d):
        out.append(("pre", p))
    nar = narrative(d)
    tables = {"二": "T2", "三": "T3", "四": "T4"}
    for n in NUMBERS:
        head = d.heading(n)
        if head is None:
            continue
        out.append(("head", n, head))
        for kind, text in nar[n]:
            out.append((kind, text))
        if n in tables:
            out.append(("table", tables[n]))
    out.append(("sign", signature(d)))
    return out


# ---------------------------------------------------------------------------------------------
# HTML renderers
# ---------------------------------------------------------------------------------------------

E = _html.escape
_RUNS = re.compile(r"[0-9A-Za-z.%]+|[^0-9A-Za-z.%]+")


def word_runs(text: str, size="16.0pt", family="仿宋_GB2312") -> str:
    """Text as Word pastes it: CJK runs and Latin/digit runs in separate spans."""
    out = []
    for run in _RUNS.findall(text):
        if re.match(r"[0-9A-Za-z]", run):
            out.append(f"<span lang=EN-US style='font-size:{size};font-family:\"Times New Roman\",serif;"
                       f"mso-fareast-font-family:{family}'>{E(run)}</span>")
        else:
            out.append(f"<span style='font-size:{size};font-family:{family};mso-ascii-font-family:\"Times New Roman\";"
                       f"mso-hansi-font-family:\"Times New Roman\"'>{E(run)}</span>")
    return "".join(out)


def chars(text: str, tag: str) -> str:
    """One character per element, as some CMS editors leave vertical or spaced labels."""
    if tag == "p":
        return "".join(f"<p class=MsoNormal align=center style='text-align:center'><span style='font-size:9.0pt'>{E(ch)}</span></p>"
                       for ch in text)
    return "".join(f"<span style='font-size:9.0pt;mso-bidi-font-size:10.5pt'>{E(ch)}</span>" for ch in text)


def html_table_word(d: Doc, rows: list[list[Cell]], per_char: bool = False) -> str:
    out = ["<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;"
           "border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"]
    for i, row in enumerate(rows):
        out.append(f"<tr style='mso-yfti-irow:{i};height:22.5pt'>")
        for c in row:
            span = (f" rowspan={c.rs}" if c.rs > 1 else "") + (f" colspan={c.cs}" if c.cs > 1 else "")
            if c.value:
                inner = (f"<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:8.0pt;"
                         f"font-family:\"Times New Roman\",serif'>{E(c.text) if c.text else '&nbsp;'}<o:p></o:p></span></p>")
            elif per_char and c.rs > 3 and len(c.text) <= 12:
                inner = chars(c.text, "p")  # vertical merged label, one character per paragraph
            elif per_char and len(c.text) <= 8:
                inner = f"<p class=MsoNormal align=center style='text-align:center'>{chars(c.text, 'span')}<o:p></o:p></p>"
            else:
                inner = (f"<p class=MsoNormal align=center style='text-align:center;mso-line-height-alt:12pt'>"
                         f"{word_runs(c.text, '8.0pt', '宋体')}<o:p></o:p></p>")
            out.append(f"<td{span} valign=middle style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;"
                       f"padding:0cm 5.4pt 0cm 5.4pt'>{inner}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def html_table_wps(d: Doc, rows: list[list[Cell]]) -> str:
    out = ["<table width=\"100%\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;table-layout:fixed\">"]
    for row in rows:
        out.append("<tr height=\"36\" style=\"height:27.00pt;\">")
        for c in row:
            span = (f" rowspan=\"{c.rs}\"" if c.rs > 1 else "") + (f" colspan=\"{c.cs}\"" if c.cs > 1 else "")
            cls = "xl66" if c.value else ("xl67" if c.rs > 3 else "xl65")
            text = E(c.text).replace("\n", "<br/>") if c.text else ""
            out.append(f"<td class=\"{cls}\"{span} x:num>{text}</td>" if c.value and c.text.isdigit()
                       else f"<td class=\"{cls}\"{span} x:str>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def html_table_cms(d: Doc, rows: list[list[Cell]]) -> str:
    out = ["<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" align=\"center\" style=\"width:100%;border-collapse:collapse\"><tbody>"]
    for row in rows:
        out.append("<tr>")
        for c in row:
            span = (f" rowspan=\"{c.rs}\"" if c.rs > 1 else "") + (f" colspan=\"{c.cs}\"" if c.cs > 1 else "")
            text = E(c.text) if c.text else "&nbsp;"
            text = {"本年制发件数": "本年制发<br>件数", "本年废止件数": "本年废止<br>件数", "现行有效件数": "现行有效<br>件数",
                    "本年新制作数量": "本年新<br />制作数量", "自然人": "自 然 人", "商业企业": "商业<br>企业",
                    "法律服务机构": "法律服务<br>机构", "社会公益组织": "社会公益<br>组织"}.get(c.text, text)
            out.append(f"<td{span} style=\"text-align:center\"><span style=\"font-size:10px;\">{text}</span></td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render_html(d: Doc) -> str:
    style = d.style.replace("pdf-", "")
    word = style.startswith("word")
    per_char = style == "word-chars"

    def table(code):
        rows = grid(d, code)
        maker = {"wps": html_table_wps, "cms": html_table_cms}.get(style)
        if code == "T3" and d.t3_split is not None:
            first, second = split_rows(rows, T3_SPLIT_AT)
            parts = [first, second]
        else:
            parts = [rows]
        rendered = []
        for part in parts:
            rendered.append(maker(d, part) if maker else html_table_word(d, part, per_char))
        if len(rendered) == 2:
            between = para(d.t3_split)
            return rendered[0] + "\n" + between + "\n" + rendered[1]
        return rendered[0]

    def para(text, indent=True):
        if word:
            return (f"<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"
                    f"mso-line-height-rule:exactly'>{word_runs(text)}<o:p></o:p></p>")
        if style == "wps":
            return f"<p style=\"text-indent:2em;line-height:2em\"><span style=\"font-family:仿宋;font-size:16px\">{E(text)}</span></p>"
        return f"<p style=\"text-indent:2em;\">{E(text)}</p>"

    def head(text, level):
        if word:
            family = "黑体" if level == 1 else "楷体_GB2312"
            if per_char and level == 1:  # a heading split across tags
                a, b = text[:2], text[2:]
                mid = len(b) // 2
                spans = "".join(f"<span style='font-size:16.0pt;font-family:{family}'>{E(x)}</span>" for x in (a, b[:mid], b[mid:]))
                return f"<p class=MsoNormal style='text-indent:32.0pt'><b>{spans}</b><b><span lang=EN-US><o:p></o:p></span></b></p>"
            return (f"<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><b style='mso-bidi-font-weight:normal'>"
                    f"<span style='font-size:16.0pt;font-family:{family}'>{E(text)}<o:p></o:p></span></b></p>")
        if style == "wps":
            if level == 1:
                return f"<p style=\"text-indent:2em\"><strong><span style=\"font-family:黑体\">{E(text)}</span></strong></p>"
            return f"<p style=\"text-indent:2em\"><span style=\"font-family:楷体\">{E(text)}</span></p>"
        return f"<p style=\"text-indent:2em;\"><strong>{E(text)}</strong></p>" if level == 1 else f"<p style=\"text-indent:2em;\">{E(text)}</p>"

    body = []
    header = ""
    for item in outline(d):
        kind = item[0]
        if kind == "title":
            if word:
                body.append(f"<p class=MsoNormal align=center style='text-align:center'><span style='font-size:22.0pt;"
                            f"font-family:方正小标宋简体'>{word_runs(item[1], '22.0pt', '方正小标宋简体')}<o:p></o:p></span></p>")
            else:
                body.append(f"<p style=\"text-align:center\"><strong>{E(item[1])}</strong></p>")
        elif kind == "title2":
            for line in item[1]:
                body.append(f"<p class=MsoNormal align=center style='text-align:center'>{word_runs(line, '22.0pt', '方正小标宋简体')}<o:p></o:p></p>"
                            if word else f"<p style=\"text-align:center\"><strong>{E(line)}</strong></p>")
        elif kind in ("pre", "p"):
            body.append(para(item[1]))
        elif kind == "head":
            if d.fmt == "pdf" and item[1] in ("二", "三", "四"):
                body.append("<p style=\"page-break-before:always;margin:0\"></p>" if not word else
                            "<span lang=EN-US style='font-size:16.0pt'><br clear=all style='page-break-before:always'></span>")
            body.append(head(item[2], 1))
        elif kind == "h":
            body.append(head(item[1], 2))
        elif kind == "table":
            body.append(table(item[1]))
        elif kind == "sign":
            for line in item[1]:
                body.append(f"<p class=MsoNormal align=right style='text-align:right'>{word_runs(line)}<o:p></o:p></p>"
                            if word else f"<p style=\"text-align:right\">{E(line)}</p>")
    title_tag = ""
    if d.title_mode == "title-tag":
        title_tag = f"{E(d.title())}_政府信息公开年报"
    elif d.title_mode == "h1-header":
        title_tag = "政府信息公开年报"
        header = (f"<div class=\"header\"><div class=\"crumb\">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>"
                  f"<h1 class=\"art-title\">{E(d.title())}</h1><div class=\"art-info\">发布日期：{d.year + 1}-01-2{d.seed % 8}"
                  f"　来源：{E(d.agency)}　浏览次数：<span id=\"hits\">0</span></div></div>")
    elif d.title_mode in ("body", "year-first", "body-2lines"):
        title_tag = E(d.title())
    head_extra = ""
    if word:
        head_extra = ("<meta name=ProgId content=Word.Document><meta name=Generator content=\"Microsoft Word 15\">"
                      "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View><w:Zoom>90</w:Zoom></w:WordDocument></xml><![endif]-->"
                      "<style><!-- p.MsoNormal{mso-style-parent:\"\";margin:0cm;text-align:justify;font-size:10.5pt;"
                      "font-family:\"Times New Roman\",serif;} @page WordSection1{size:595.3pt 841.9pt;} --></style>")
    elif style == "wps":
        head_extra = ("<style>.xl65{mso-style-parent:style0;text-align:center;vertical-align:middle;border:.5pt solid windowtext;"
                      "white-space:normal;font-size:9.0pt;} .xl66{mso-style-parent:style0;mso-number-format:\"0\";text-align:center;"
                      "border:.5pt solid windowtext;} .xl67{mso-style-parent:style0;text-align:center;layout-flow:vertical-ideographic;"
                      "border:.5pt solid windowtext;} td{border:1px solid #000}</style>")
    # a CMS page has the site's navigation and footer around the article; a Word "save as web page" file has none
    chrome_top = "" if word else "<div class=\"top\"><a href=\"/\">门户网站</a> | <a href=\"/xxgk/\">政府信息公开</a></div>\n"
    chrome_bottom = "" if word else (f"<div class=\"footer\">主办单位：{E(d.agency if d.title_mode != 'none' else '门户网站')}"
                                     "　网站标识码：0000000000</div>\n")
    wrap_open = "<div class=WordSection1 style='layout-grid:15.6pt'>" if word else "<div class=\"TRS_Editor\"><div class=\"article-con\">"
    wrap_close = "</div>" if word else "</div></div>"
    return (f"<!DOCTYPE html>\n<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n"
            f"<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><title>{title_tag}</title>{head_extra}</head>\n"
            f"<body lang=ZH-CN style='text-justify-trim:punctuation'>\n"
            f"{chrome_top}{header}\n"
            f"{wrap_open}\n" + "\n".join(body) + f"\n{wrap_close}\n"
            f"{chrome_bottom}"
            "</body></html>\n")


# ---------------------------------------------------------------------------------------------
# Markdown and plain text
# ---------------------------------------------------------------------------------------------


def render_md(d: Doc) -> str:
    outer = d.style == "pipes"
    lines = []

    def table(code):
        rows = dense(grid(d, code))
        out = []
        for i, row in enumerate(rows):
            cells = [c.replace("|", "\\|") for c in row]
            line = " | ".join(cells)
            out.append(f"| {line} |" if outer else line)
            if i == 0:
                sep = " | ".join("---" for _ in row)
                out.append(f"| {sep} |" if outer else sep)
        return out

    for item in outline(d):
        kind = item[0]
        if kind == "title":
            lines += [f"# {item[1]}", ""]
        elif kind == "title2":
            lines += [f"# {item[1][0]}", f"# {item[1][1]}", ""]
        elif kind in ("pre", "p"):
            lines += [item[1], ""]
        elif kind == "head":
            lines += [f"## {item[2]}", ""]
        elif kind == "h":
            lines += [f"**{item[1]}**" if outer else f"### {item[1]}", ""]
        elif kind == "table":
            if item[1] == "T3" and d.t3_split is not None:
                first, second = split_rows(grid(d, "T3"), T3_SPLIT_AT)
                for part in (first, second):
                    rows = dense(part)
                    for i, row in enumerate(rows):
                        line = " | ".join(row)
                        lines.append(f"| {line} |" if outer else line)
                        if i == 0:
                            sep = " | ".join("---" for _ in row)
                            lines.append(f"| {sep} |" if outer else sep)
                    lines.append("")
                    if part is first:
                        lines += [d.t3_split, ""]
            else:
                lines += table(item[1]) + [""]
        elif kind == "sign":
            lines += [*item[1], ""]
    return "\n".join(lines)


def render_txt(d: Doc) -> str:
    lines = []
    page = 1
    for item in outline(d):
        kind = item[0]
        if kind == "title":
            lines += [item[1], ""]
        elif kind == "title2":
            lines += list(item[1]) + [""]
        elif kind in ("pre", "p"):
            lines.append(("    " if d.style == "tabs" else "") + item[1])
        elif kind == "head":
            text = item[2]
            lines.append(text)
        elif kind == "h":
            lines.append(item[1])
        elif kind == "table":
            rows = grid(d, item[1])
            if d.style == "cells":  # one cell per line, as Word copies a table into plain text
                for row in rows:
                    for c in row:
                        lines.append("\t" + c.text)
                    lines.append("")
            elif d.style == "layout":  # as pdftotext -layout prints a ruled table: the cells of a row, spaced out
                for row in rows:
                    lines.append("    " + "    ".join(c.text.replace("\n", "") for c in row if c.text))
            else:  # rows of tab-separated cells, every grid position present
                for row in dense(rows):
                    lines.append("\t".join(row))
            page += 1
            if d.page_numbers:
                lines.append(f"- {page} -")
            lines.append("")
        elif kind == "sign":
            lines += ["", *item[1]]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# .docx (python-docx, merged cells)
# ---------------------------------------------------------------------------------------------


def render_docx(d: Doc, path: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    normal.font.size = Pt(16)

    def par(text, size=16, bold=False, font="仿宋_GB2312", align=None, indent=True):
        p = doc.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
        run.font.name = "Times New Roman"
        run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
        return p

    from docx.oxml import OxmlElement
    from docx.shared import Cm

    sec = doc.sections[0]  # A4, GB/T 9704 margins
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    widths = {4: [4.2, 3.8, 3.8, 3.8], 10: [1.2, 2.2, 4.0] + [1.15] * 7, 15: [1.04] * 15}

    def table(rows, header_rows=0):
        n = width(rows)
        t = doc.add_table(rows=len(rows), cols=n)
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        for k, w in enumerate(widths[n]):
            for cell in t.columns[k].cells:
                cell.width = Cm(w)
        for k, gc in enumerate(t._tbl.tblGrid.findall(qn("w:gridCol"))):
            gc.set(qn("w:w"), str(int(widths[n][k] * 567)))  # LibreOffice reads the grid, in twips
        for k, tr in enumerate(t.rows):
            trPr = tr._tr.get_or_add_trPr()
            trPr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
            if k < header_rows:
                trPr.append(OxmlElement("w:tblHeader"))  # the header repeats on every page
        occ = [[False] * n for _ in rows]
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while occ[r][c]:
                    c += 1
                for dr in range(cell.rs):
                    for dc in range(cell.cs):
                        occ[r + dr][c + dc] = True
                target = t.cell(r, c)
                if cell.rs > 1 or cell.cs > 1:
                    target = target.merge(t.cell(r + cell.rs - 1, c + cell.cs - 1))
                target.text = ""
                p = target.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = p.add_run(cell.text)
                run.font.size = Pt(9 if not cell.value else 10)
                run.font.name = "Times New Roman"
                run._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
                c += cell.cs

    for item in outline(d):
        kind = item[0]
        if kind == "title":
            par(item[1], 22, font="方正小标宋简体", align="center", indent=False)
        elif kind == "title2":
            for line in item[1]:
                par(line, 22, font="方正小标宋简体", align="center", indent=False)
        elif kind in ("pre", "p"):
            par(item[1])
        elif kind == "head":
            par(item[2], font="黑体")
        elif kind == "h":
            par(item[1], font="楷体_GB2312")
        elif kind == "table":
            if item[1] == "T3" and d.t3_split is not None:
                first, second = split_rows(grid(d, "T3"), T3_SPLIT_AT)
                table(first, 3)
                par(d.t3_split)
                table(second)
            else:
                table(grid(d, item[1]), 3 if item[1] == "T3" else 0)
        elif kind == "sign":
            for line in item[1]:
                par(line, align="right", indent=False)
    doc.core_properties.author = "办公室"
    doc.core_properties.title = ""
    doc.save(str(path))


# ---------------------------------------------------------------------------------------------
# Writing the corpus
# ---------------------------------------------------------------------------------------------

SOURCE_EXT = {"html": ".html", "md": ".md", "txt": ".txt", "docx": ".docx"}


def pdf_source_kind(d: Doc) -> str:
    return "docx" if d.style == "pdf-docx" else "html"


def write_source(d: Doc, folder: Path) -> Path:
    """The document itself (for PDFs: the HTML or .docx that LibreOffice will convert)."""
    kind = pdf_source_kind(d) if d.fmt == "pdf" else d.fmt
    path = folder / f"{d.id}{SOURCE_EXT[kind]}"
    if kind == "html":
        path.write_text(render_html(d), encoding="utf-8")
    elif kind == "md":
        path.write_text(render_md(d), encoding="utf-8")
    elif kind == "txt":
        path.write_text(render_txt(d), encoding="utf-8")
    elif kind == "docx":
        render_docx(d, path)
    return path


def to_pdf(sources: list[Path], outdir: Path, soffice: str = "soffice") -> list[Path]:
    """Convert with LibreOffice in one run: HTML through Writer (not Writer/Web, which drops the
    table rules), .docx as it is."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "lo-profile"
    out = []
    html = [s for s in sources if s.suffix == ".html"]
    docx = [s for s in sources if s.suffix == ".docx"]
    base = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    if html:
        subprocess.run(base + ["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                               "--outdir", str(outdir), *map(str, html)], check=True, capture_output=True, timeout=300)
    if docx:
        subprocess.run(base + ["--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx)],
                       check=True, capture_output=True, timeout=300)
    for s in sources:
        p = outdir / (s.stem + ".pdf")
        if not p.exists():
            raise RuntimeError(f"LibreOffice did not write {p.name}")
        out.append(p)
    return out

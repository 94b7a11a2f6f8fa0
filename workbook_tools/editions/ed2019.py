"""2019/2020 edition: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.

Prescribed for the reports on 2019 and 2020.  Data only.
"""

from ..rules.expr import BOUND, Cells, Equation
from ..spec import Column, Edition, Kind, Role, Row
from . import common as c

PREV, CHANGE, DECISIONS = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", kind=Kind.SIGNED),
    Column("decisions", "处理决定数量"),
)

T2 = c.table2(
    (
        c.article20(
            "一",
            "S1",
            (Row("regulations", "规章", roles=frozenset({Role.REGULATIONS})),
             Row("normative", "规范性文件", roles=frozenset({Role.NORMATIVE}))),
            (Column("made", "本年新制作数量"), Column("published", "本年新公开数量"), Column("total", "对外公开总数量")),
        ),
        c.article20("五", "S5", (Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项")), (PREV, CHANGE, DECISIONS)),
        c.article20("六", "S6", (Row("penalty", "行政处罚"), Row("coercion", "行政强制")), (PREV, CHANGE, DECISIONS)),
        c.article20("八", "S8", (Row("fees", "行政事业性收费"),), (PREV, CHANGE)),
        c.article20(
            "九",
            "S9",
            (Row("procurement", "政府集中采购"),),
            # The format prints no unit for 采购总金额: the filer must state 元 or 万元 (rule V04).
            (Column("projects", "采购项目数量"), Column("amount", "采购总金额", kind=Kind.MONEY, unit=None)),
        ),
    ),
    rule="S05",
)
T3 = c.table3(c.OTHER_SINGLE)

ITEMS_ROWS = ("licensing", "other_services", "penalty", "coercion", "fees")

EDITION = Edition(
    id="2019",
    name="2019/2020 版（试行）",
    name_en="2019/2020 edition (trial)",
    document="国办公开办函〔2019〕60号",
    document_title="《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    years=(2019, 2020),
    sections=c.SECTIONS,
    tables=(T2, T3, c.TABLE4),
    equations=c.balance_equations(T3)
    + (
        Equation(
            "A06",
            (Cells("T2", BOUND, ("prev_items",)),),
            (Cells("T2", BOUND, ("prev_items",)).of_previous(), Cells("T2", BOUND, ("change",)).of_previous()),
            each="row",
            over=ITEMS_ROWS,
            description="本年 上一年项目数量 = 上年 上一年项目数量 + 上年 本年增/减",
        ),
    ),
    markers=("本年新制作数量", "第二十条第（九）项", "上一年项目数量", "本年增/减"),
)

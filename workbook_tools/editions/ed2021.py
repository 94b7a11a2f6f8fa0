"""2021 edition: 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号 (2021-09-26).

Prescribed for the reports on 2021 and every later year (no newer edition is known).  Data only.
"""

from decimal import Decimal

from ..rules.expr import BOUND, Cells, Equation
from ..spec import Column, Edition, Kind, Role, Row
from . import common as c

DECISIONS = Column("decisions", "本年处理决定数量")
FEE_AMOUNT = Column("amount", "本年收费金额（单位：万元）", kind=Kind.MONEY, unit="万元", roles=frozenset({Role.FEE_AMOUNT}))

T2 = c.table2(
    (
        c.article20(
            "一",
            "S1",
            (Row("regulations", "规章", roles=frozenset({Role.REGULATIONS})),
             Row("normative", "行政规范性文件", roles=frozenset({Role.NORMATIVE}))),
            (Column("issued", "本年制发件数"), Column("repealed", "本年废止件数"),
             Column("in_force", "现行有效件数", roles=frozenset({Role.IN_FORCE}))),
        ),
        c.article20("五", "S5", (Row("licensing", "行政许可"),), (DECISIONS,)),
        c.article20("六", "S6", (Row("penalty", "行政处罚"), Row("coercion", "行政强制")), (DECISIONS,)),
        c.article20("八", "S8", (Row("fees", "行政事业性收费"),), (FEE_AMOUNT,)),
    ),
    rule="S04",
)
T3 = c.table3(c.OTHER_SPLIT)

# X3 (SPEC §5.3): 现行有效件数 continuity is approximate (制发 includes amendments, 清理 changes the stock),
# hence a warning whose tolerance a run configuration may widen.
IN_FORCE_CONTINUITY = Equation(
    "A07",
    (Cells("T2", BOUND, ("in_force",)),),
    (Cells("T2", BOUND, ("in_force",)).of_previous(), Cells("T2", BOUND, ("issued",)), -Cells("T2", BOUND, ("repealed",))),
    each="row",
    over=("regulations", "normative"),
    tolerance=Decimal(0),
    description="现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数",
)

EDITION = Edition(
    id="2021",
    name="2021 版",
    name_en="2021 edition",
    document="国办公开办函〔2021〕30号",
    document_title="《中华人民共和国政府信息公开工作年度报告格式》",
    years=(2021, None),
    sections=c.SECTIONS,
    tables=(T2, T3, c.TABLE4),
    equations=c.balance_equations(T3) + (IN_FORCE_CONTINUITY,),
    markers=("本年制发件数", "本年收费金额（单位：万元）", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
)

"""Hybrid layout seen in real 2023/2024 district reports: the 2021 table 二 with the 2019 table 三,
whose （六）其他处理 is still a single row.  Never prescribed; declared so that such reports can be
read, validated and flagged (S01) instead of being misread.  Data only: a delta on the 2021 edition.
"""

from dataclasses import replace

from . import common as c
from . import ed2021

T3 = c.table3(c.OTHER_SINGLE)

EDITION = replace(
    ed2021.EDITION,
    id="2021-hybrid",
    name="混合版式（2021 版表二 + 2019 版表三）",
    name_en="hybrid layout (2021 table 2 + 2019 table 3)",
    tables=(ed2021.T2, T3, c.TABLE4),
    equations=c.balance_equations(T3) + (ed2021.IN_FORCE_CONTINUITY,),
    official=False,
    based_on="2021",
    markers=("本年制发件数",),
    notes="表三「（六）其他处理」仍为单行，不符合国办公开办函〔2021〕30号格式。",
)

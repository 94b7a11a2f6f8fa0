"""Provincial and local extensions of the national format.  Data only.

A profile adds one-cell lines (`ExtraLine`, stored as ``X/<code>/V``) and tables of its own
(`ExtraTable`, code ``X1``…, printed right after a national table) with equations over its cells and
the national ones (rule A10), and lists label parentheticals it tolerates; the national cells and
their rules never change.  Add a profile by adding one `Profile` to `PROFILES` (or in a module of its
own whose profiles are added there); template, reading, validation, reports and import follow.
"""

from ..spec import ExtraLine, Kind, Profile

JILIN = Profile(
    id="jilin",
    name="吉林省",
    name_en="Jilin province",
    lines=(
        ExtraLine(
            code="release_total",
            label="{year}年本行政区域（或本部门）政府信息公开发布总数量（非新闻类、消息类）",
            after_table="T2",
            kind=Kind.COUNT,
        ),
    ),
    source="德惠市机关事务管理局2020年政府信息公开工作年度报告（吉林省长春市）",
)

PROFILES = (JILIN,)

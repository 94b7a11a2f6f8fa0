"""Document-structure rules, for reports imported from a published document (S02, S03, S09).

They judge what the importer saw (`report.document`): the section headings as written and in
order, and whether the table-三 note was printed.  Reports typed as data carry no such evidence and
are not judged by these rules.
"""

from __future__ import annotations

import re

from ..labels import normalize
from ..model import SECTION_NUMBERS
from ..spec import Role
from . import check

_NUMBERED = re.compile(r"^\s*([一二三四五六])、")


def _body(title: str) -> str:
    return normalize(re.sub(r"^\s*(?:第?[一二三四五六](?:部分)?|[1-6])\s*[、．.，,：:]?\s*", "", title))


@check("S02")
def six_sections(ctx):
    doc = ctx.report.document
    if doc is None:
        return
    found = [n for n, _ in doc.headings]
    for number in SECTION_NUMBERS:
        if number not in found:
            yield ctx.finding("S02", ctx.loc(section=number), key="S02.missing", section=number,
                              title=ctx.edition.section(number).title)
    order = [SECTION_NUMBERS.index(n) for n in found]
    if order != sorted(order):
        yield ctx.finding("S02", key="S02.order", order="、".join(found))


@check("S03")
def section_titles(ctx):
    """Wording and numbering of a heading that was recognised as its section: a warning, since the
    section is there (S02 is only for a section that is absent or out of place)."""
    doc = ctx.report.document
    if doc is None:
        return
    for number, written in doc.headings:
        sec = ctx.edition.section(number)
        body = _body(written)
        m = _NUMBERED.match(written)
        if body != _body(sec.title):
            known = any(body == _body(v) for v in sec.variants)
            yield ctx.finding("S03", ctx.loc(section=number), key="S03.variant" if known else "S03.differs",
                              written=written.strip(), title=sec.title)
        elif not m or m.group(1) != number:
            yield ctx.finding("S03", ctx.loc(section=number), key="S03.numbering", section=number,
                              written=written.strip(), title=sec.title)


@check("S09")
def table3_note(ctx):
    doc = ctx.report.document
    if doc is None or doc.table3_note is not False:
        return
    t3 = ctx.edition.table_for(Role.APPLICATIONS)
    yield ctx.finding("S09", ctx.loc(table=t3.code), key="S09", note=t3.note)

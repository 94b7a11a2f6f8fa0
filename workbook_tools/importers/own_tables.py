"""A profile's own tables in a published report, found among the document's tables by their labels.

A table a profile declares (`spec.ExtraTable`) is printed right after a national table, in that
table's section.  A source table is taken for it when it aligns with it better than with the
national tables of its section; the national tables never lose a table they fit better.  Nothing
here names a profile: the tables come from the registry.
"""

from __future__ import annotations

from functools import lru_cache

from ..editions import editions, profiles
from ..labels import normalize
from ..spec import Edition, Profile, Table
from .tables import Problem, SourceTable, align


@lru_cache(maxsize=None)
def own_tables() -> tuple[tuple[Profile, Table], ...]:
    """Every registered profile's tables, each as printed in the section of its national table."""
    out = []
    for p in profiles():
        for x in p.tables:
            section = next((t.section for e in editions() if p.fits(e) for t in e.tables if t.code == x.after_table),
                           None)
            if section is not None:
                out.append((p, x.table(section)))
    return tuple(out)


def claim(source: SourceTable, rivals: list[Table]) -> int | None:
    """Index (in `own_tables()`) of the profile table `source` is; None when a national table fits better."""
    best, best_score = None, 0
    for k, (_, t) in enumerate(own_tables()):
        al = align(t, [source])
        if al.cells and al.score > best_score:
            best, best_score = k, al.score
    if best is None:
        return None
    return best if best_score > max((align(t, [source]).score for t in rivals), default=0) else None


def titles(claimed: dict[int, list[SourceTable]]) -> frozenset[str]:
    """The printed titles of the tables found: a paragraph saying just that is the table's caption."""
    return frozenset(normalize(own_tables()[k][1].title) for k in claimed)


def read_into(report, edition: Edition, claimed: dict[int, list[SourceTable]], problems: list[Problem]) -> None:
    """The cells of the profile tables found; the report takes that profile (one profile per report)."""
    for k, tabs in claimed.items():
        profile, table = own_tables()[k]
        if report.meta.profile not in (None, profile.id) or not profile.fits(edition):
            continue
        report.meta.profile = profile.id
        al = align(table, tabs)
        for key, (raw, where) in al.cells.items():
            report.set(key, raw, where)
        report.deviations += al.deviations
        report.unplaced += al.unplaced
        problems += al.problems

"""Registry of the declared editions and profiles, and detection of a layout from its cells.

Adding an edition = one declaration module listed in `_MODULES`; nothing else changes.
`registered(edition)` and `registered_profile(profile)` add a declaration for the duration of a
`with` block (tests, trials).  `applied(edition, profile)` is the edition a report of that profile is
checked and printed against: the national tables and rules plus the profile's own tables and rules.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from functools import lru_cache
from importlib import import_module
from typing import Iterable, Iterator

from ..spec import Edition, Profile, Table, cell_refs, check_edition, check_profile

_MODULES = ("ed2019", "ed2021", "hybrid")
_ALIASES = {"a": "2019", "b": "2021", "2019-2020": "2019", "hybrid": "2021-hybrid"}


class UnknownEdition(KeyError):
    pass


_EXTRA: list[Edition] = []  # declared outside `_MODULES`, by `registered`
_EXTRA_PROFILES: list[Profile] = []  # declared outside `provincial.py`, by `registered_profile`


@lru_cache(maxsize=None)
def editions() -> tuple[Edition, ...]:
    return tuple(import_module(f"{__name__}.{m}").EDITION for m in _MODULES) + tuple(_EXTRA)


def _forget_derived() -> None:
    """Clear every memo in the package: many are built from `editions()` (label vocabularies,
    headings, unit headers), all are pure, so clearing them all is safe and needs no list to keep."""
    for name, module in tuple(sys.modules.items()):
        if name.split(".")[0] != __name__.split(".")[0] or module is None:
            continue
        for obj in tuple(vars(module).values()):
            if callable(getattr(obj, "cache_clear", None)) and getattr(obj, "__module__", None) == name:
                obj.cache_clear()


@contextmanager
def registered(edition: Edition) -> Iterator[Edition]:
    """`edition` is in the registry inside the block, as if its module were listed in `_MODULES`."""
    if any(e.id == edition.id for e in editions()):
        raise ValueError(f"edition {edition.id} is already registered")
    problems = check_edition(edition)
    if problems:
        raise ValueError(f"edition {edition.id}: {'; '.join(problems)}")
    _EXTRA.append(edition)
    _forget_derived()
    try:
        yield edition
    finally:
        _EXTRA.remove(edition)
        _forget_derived()


@contextmanager
def registered_profile(profile: Profile) -> Iterator[Profile]:
    """`profile` is in the registry inside the block, as if it were listed in `provincial.PROFILES`."""
    if any(p.id == profile.id for p in profiles()):
        raise ValueError(f"profile {profile.id} is already registered")
    problems = [f"{e.id}: {x}" for e in editions() if profile.fits(e) for x in check_profile(profile, e)]
    if problems:
        raise ValueError(f"profile {profile.id}: {'; '.join(problems)}")
    _EXTRA_PROFILES.append(profile)
    _forget_derived()
    try:
        yield profile
    finally:
        _EXTRA_PROFILES.remove(profile)
        _forget_derived()


def profiles() -> tuple[Profile, ...]:
    from .provincial import PROFILES

    return PROFILES + tuple(_EXTRA_PROFILES)


@lru_cache(maxsize=None)
def applied(edition_id: str, profile_id: str | None) -> Edition:
    """The edition with the profile's tables (each after its national table) and equations; the
    national edition itself when the profile adds neither.  Cached by ids: cheap for every report."""
    ed = get_edition(edition_id)
    try:
        prof = get_profile(profile_id)
    except UnknownEdition:  # an unknown profile is reported where it is read; the national tables stand
        return ed
    return prof.applied_to(ed) if prof is not None else ed


def get_edition(edition_id: str) -> Edition:
    key = _ALIASES.get(str(edition_id).strip().lower(), str(edition_id).strip())
    for e in editions():
        if e.id == key:
            return e
    raise UnknownEdition(edition_id)


def get_profile(profile_id: str | None) -> Profile | None:
    if not profile_id:
        return None
    for p in profiles():
        if p.id == profile_id.strip().lower():
            return p
    raise UnknownEdition(profile_id)


def edition_for_year(year: int) -> Edition:
    """The official edition prescribed for a report year (the oldest one for years before it).
    An open-ended edition stays prescribed until a newer one starts, so the latest start wins."""
    prescribed = [e for e in editions() if e.prescribed_for(year)]
    if prescribed:
        return max(prescribed, key=lambda e: e.years[0])
    return min((e for e in editions() if e.official), key=lambda e: e.years[0])


def default_edition() -> Edition:
    """The edition used when neither an edition nor a year says otherwise: the newest official one."""
    return max((e for e in editions() if e.official), key=lambda e: e.years[0])


@lru_cache(maxsize=None)
def other_labels(table: Table) -> dict[tuple[str, str], tuple[str, ...]]:
    """Labels other editions print for the same row or column of this table: ``("row", code)`` or
    ``("col", code)`` → labels.  Found from the declarations (same table, block and code means
    the same cell), so a 2021 table that still says 规范性文件 is read as 行政规范性文件."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for e in editions():
        other = next((t for t in e.tables if t.code == table.code), None)
        if other is None or other == table:
            continue
        blocks = {b.code: b for b in other.blocks}
        for b in table.blocks:
            ob = blocks.get(b.code)
            if ob is None:
                continue
            for kind, mine, theirs in (("row", b.rows, ob.rows), ("col", b.columns, ob.columns)):
                labels = {x.code: x.label for x in theirs}
                for x in mine:
                    alt = labels.get(x.code)
                    if alt and alt != x.label and alt not in out.get((kind, x.code), ()):
                        out[(kind, x.code)] = out.get((kind, x.code), ()) + (alt,)
    return out


@lru_cache(maxsize=None)
def _keys(edition: Edition) -> frozenset[str]:
    return frozenset(r.key for r in cell_refs(edition))


def detect_edition(keys: Iterable[str]) -> tuple[Edition | None, float]:
    """The edition whose cells best cover the given cell keys, and how well (0..1).

    Detection looks only at the table structure, never at the year or a cited notice (SPEC §16).
    Ties go to the official edition declared first.
    """
    present = frozenset(keys)
    best, best_score = None, 0.0
    for e in editions():
        mine = _keys(e)
        if not present:
            break
        hit = len(present & mine)
        score = hit / len(present | mine)
        if score > best_score + 1e-9:
            best, best_score = e, score
    return best, best_score


def declaration_problems() -> dict[str, list[str]]:
    return {e.id: check_edition(e) for e in editions()}


def profile_problems() -> dict[str, list[str]]:
    """Problems in each profile's declaration, against every edition it applies to."""
    return {p.id: [f"{e.id}: {x}" for e in editions() if p.fits(e) for x in check_profile(p, e)] for p in profiles()}

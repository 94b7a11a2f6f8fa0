"""Collections (one year's round of reports) and their units' secret links."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...batch.roster import normalize_agency, read_roster
from ..models import Collection, Unit, UnitToken, now
from ..security import new_token, token_hash


class Invalid(ValueError):
    """A form value that cannot be used; `key` is its message in messages/web.py."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


def default_edition(year: int) -> str:
    from ...editions import edition_for_year

    return edition_for_year(year).id


def editions() -> list[tuple[str, str, str]]:
    """(id, Chinese name, English name) of the official editions."""
    from ...editions import editions as all_editions

    return [(e.id, e.name, e.name_en) for e in all_editions() if e.official]


def create(s: Session, name: str, year: str, edition: str | None, deadline: str | None) -> Collection:
    from ...years import plausible_year

    name = (name or "").strip()
    if not name or len(name) > 200:
        raise Invalid("web.err.name")
    try:
        y = int((year or "").strip())
    except ValueError:
        raise Invalid("web.err.year") from None
    if not plausible_year(y):
        raise Invalid("web.err.year")
    known = {e[0] for e in editions()}
    ed = edition if edition in known else default_edition(y)
    day = None
    if deadline:
        try:
            day = dt.date.fromisoformat(deadline.strip())
        except ValueError:
            raise Invalid("web.err.deadline") from None
    c = Collection(name=name, year=y, edition=ed, deadline=day)
    s.add(c)
    s.flush()
    return c


def all_collections(s: Session) -> list[Collection]:
    return list(s.scalars(select(Collection).order_by(Collection.year.desc(), Collection.id.desc())))


# an optional column of the roster saying what kind of body each unit is (it sets the deadline rule P02)
KIND_HEADERS = ("类型", "单位类型", "机关类型", "kind", "type")
KIND_WORDS = {"部门": "department", "政府部门": "department", "department": "department", "政府": "government",
              "人民政府": "government", "government": "government", "其他": "other", "乡镇": "other", "街道": "other",
              "other": "other"}


def roster_kinds(path: Path) -> dict[str, str]:
    """Folded unit name → agency kind, from a kind column beside the name column (if the roster has one)."""
    import unicodedata

    from ...batch import roster as r

    rows = r._xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else r._csv_rows(path)
    fold = lambda v: unicodedata.normalize("NFKC", v or "").replace(" ", "").strip().lower()  # noqa: E731
    for h, row in enumerate(rows[:10]):
        heads = [fold(c) for c in row]
        name = next((heads.index(w) for w in r.NAME_HEADERS if w in heads), None)
        kind = next((heads.index(w) for w in KIND_HEADERS if w in heads), None)
        if name is None or kind is None:
            continue
        return {normalize_agency(x[name]): KIND_WORDS[fold(x[kind])] for x in rows[h + 1:]
                if max(name, kind) < len(x) and fold(x[kind]) in KIND_WORDS}
    return {}


def import_roster(s: Session, c: Collection, path: Path) -> list[tuple[Unit, str]]:
    """Add the roster's units not yet in the collection, in roster order; each gets a new link.
    Returns (unit, token) for the new ones: the tokens are shown once and never stored."""
    roster = read_roster(path)
    kinds = roster_kinds(path)
    existing = {u.name_key for u in c.units}
    pos = s.scalar(select(func.max(Unit.position)).where(Unit.collection_id == c.id)) or 0
    out = []
    for name in roster.names:
        key = normalize_agency(name)
        if key in existing or not key:
            continue
        existing.add(key)
        pos += 1
        u = Unit(collection_id=c.id, position=pos, name=name[:200], name_key=key[:200], kind=kinds.get(key))
        s.add(u)
        s.flush()
        out.append((u, issue(s, u)))
    return out


def issue(s: Session, unit: Unit) -> str:
    """A new secret link for the unit; every earlier one stops working."""
    for t in s.scalars(select(UnitToken).where(UnitToken.unit_id == unit.id, UnitToken.revoked_at.is_(None))):
        t.revoked_at = now()
    token = new_token()
    s.add(UnitToken(unit_id=unit.id, token_hash=token_hash(token)))
    s.flush()
    return token


def unit_by_token(s: Session, token: str) -> Unit | None:
    if not token or len(token) > 100:
        return None
    row = s.scalar(select(UnitToken).where(UnitToken.token_hash == token_hash(token), UnitToken.revoked_at.is_(None)))
    return s.get(Unit, row.unit_id) if row else None


def unit_in(s: Session, collection_id: int, unit_id: int) -> Unit | None:
    u = s.get(Unit, unit_id)
    return u if u is not None and u.collection_id == collection_id else None


def previous_collection(s: Session, c: Collection) -> Collection | None:
    return s.scalars(select(Collection).where(Collection.year == c.year - 1).order_by(Collection.id.desc())).first()

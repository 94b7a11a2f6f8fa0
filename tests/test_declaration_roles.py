"""Cell roles: the declaration says what a cell means, so code outside `editions/` asks by role
instead of spelling a cell code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbook_tools.editions import editions
from workbook_tools.spec import CellRef, Role, cell_refs

PACKAGE = Path(__file__).resolve().parent.parent / "workbook_tools"

# roles every edition declares, with the number of cells each must resolve to
EVERYWHERE = {
    (Role.RECEIVED, Role.TOTAL): 1,
    (Role.CARRIED_OVER, Role.TOTAL): 1,
    (Role.CLOSED, Role.TOTAL): 1,
    (Role.FORWARD, Role.TOTAL): 1,
    (Role.DISCLOSED, Role.TOTAL): 1,
    (Role.PARTLY_DISCLOSED, Role.TOTAL): 1,
    (Role.WITHHELD, Role.TOTAL): 8,
    (Role.UNAVAILABLE, Role.TOTAL): 3,
    (Role.NOT_PROCESSED, Role.TOTAL): 5,
    (Role.REVIEW, Role.TOTAL): 1,
    (Role.LITIGATION, Role.TOTAL): 2,
    (Role.DIRECT_SUIT, Role.TOTAL): 1,
    (Role.SUIT_AFTER_REVIEW, Role.TOTAL): 1,
    (Role.REVIEW, Role.UPHELD): 1,
    (Role.REVIEW, Role.CORRECTED): 1,
    (Role.REVIEW, Role.OTHER_RESULT): 1,
    (Role.REVIEW, Role.PENDING): 1,
    (Role.REGULATIONS,): None,
    (Role.NORMATIVE,): None,
}
# roles only the 2021 table 二 (and so the hybrid layout) declares
TABLE2_2021 = {(Role.NORMATIVE, Role.IN_FORCE): 1, (Role.REGULATIONS, Role.IN_FORCE): 1, (Role.FEE_AMOUNT,): 1}
TABLES = {Role.DISCLOSURE: "二", Role.APPLICATIONS: "三", Role.APPEALS: "四"}


@pytest.mark.parametrize("edition", editions(), ids=lambda e: e.id)
def test_roles_resolve_to_declared_cells(edition):
    known = set(cell_refs(edition))
    expected = dict(EVERYWHERE)
    if (edition.based_on or edition.id) == "2021":
        expected.update(TABLE2_2021)
    for roles, count in expected.items():
        refs = edition.cells_for(*roles)
        assert refs, (edition.id, roles)
        assert set(refs) <= known
        assert count is None or len(refs) == count, (edition.id, roles, refs)
    for role, number in TABLES.items():
        assert edition.table_for(role).number == number
    # the outcome groups cover exactly the rows that add up to （七）总计
    groups = (Role.DISCLOSED, Role.PARTLY_DISCLOSED, Role.WITHHELD, Role.UNAVAILABLE, Role.NOT_PROCESSED,
              Role.OTHER_HANDLING)
    grouped = [r for g in groups for r in edition.rows_for(g)]
    t3 = edition.table_for(Role.APPLICATIONS)
    assert sorted(grouped) == sorted(r.code for _, r in t3.rows() if r.role == "outcome")
    assert edition.cells_for(Role.CLOSED, Role.TOTAL) == tuple(
        CellRef(t3.code, r.code, edition.columns_for(Role.APPLICATIONS, Role.TOTAL)[0])
        for _, r in t3.rows() if r.role == "total")


def test_fee_notice_row_is_2021_only():
    by_id = {e.id: e for e in editions()}
    assert len(by_id["2021"].cells_for(Role.FEE_NOTICE, Role.TOTAL)) == 1
    assert by_id["2019"].cells_for(Role.FEE_NOTICE) == ()
    assert by_id["2021-hybrid"].cells_for(Role.FEE_NOTICE) == ()  # its （六） is the 2019 single row
    assert by_id["2019"].cells_for(Role.IN_FORCE) == ()
    assert by_id["2021-hybrid"].cells_for(Role.IN_FORCE) == by_id["2021"].cells_for(Role.IN_FORCE)


def test_roles_stay_out_of_the_declaration_hash():
    # repr(edition) hashes the issued templates: a role must never show in it
    for e in editions():
        assert "roles=" not in repr(e)


def test_table_for_refuses_roles_spanning_tables():
    with pytest.raises(KeyError):
        editions()[0].table_for(Role.TOTAL)


# Literal cell codes outside the declarations: each is a place that still re-types what a cell is.
# (``"T3/R1/C1"`` in a docstring shows a file format: not a lookup.)
LITERALS = re.compile(r'(?<!``)(?:"(?:R\d[\d.]*|C[1-7]|T[234]|L[12]|in_force)"|"T[234]/)')
ALLOWED = ("editions/", "messages/")
# Modules not migrated to roles yet.  This list may only shrink: remove a module once it asks by role.
KNOWN_REMAINING: dict[str, str] = {
    # "path/under/workbook_tools.py": "why it still spells a code",
}


def _hits() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(ALLOWED):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LITERALS.search(line):
                out.setdefault(rel, []).append(f"{n}: {line.strip()}")
    return out


def test_no_cell_code_literals_outside_the_declarations():
    stray = {rel: lines for rel, lines in _hits().items() if rel not in KNOWN_REMAINING}
    assert not stray, "ask the edition by role (spec.Role, Edition.cells_for) instead:\n" + "\n".join(
        f"{rel}:{line}" for rel, lines in stray.items() for line in lines)


def test_known_remaining_only_shrinks():
    # a module that no longer spells a code must leave the list, so it cannot slip back
    assert set(KNOWN_REMAINING) <= set(_hits()), set(KNOWN_REMAINING) - set(_hits())

"""Super-linear work on small workbooks: shared strings crafted against a backtracking pass, and cell
texts far longer than any report.  Each file is built from the example filled into its template, read by
`xxgk validate` in a child process (1.5 GiB, a wall-time bound): no hang, no traceback, input unchanged."""

from __future__ import annotations

from pathlib import Path

import hostile_xlsx as H
import pytest
from fault_helpers import assert_sane, leftovers, run
from hostile_inputs import filled_parts


def _shared_strings(folder: Path, edit) -> Path:
    parts = filled_parts(folder)
    parts[H.SST] = edit(parts[H.SST])
    return H.write_zip(folder / "case.xlsx", parts)


def _first_text(sst: bytes, text: bytes) -> bytes:
    start = sst.index(b"<t")
    end = sst.index(b"</t>", start)
    head = sst[:start] + b'<t xml:space="preserve">'
    return head + text + sst[end:]


CASES = {
    "40k-unclosed-rPr": lambda s: s.replace(b"<si>", b"<si><r>" + b"<rPr>" * 40_000 + b"</r>", 1),
    "40k-rPr-runs": lambda s: s.replace(b"<si>", b"<si>" + b"<r><rPr><b/></rPr><t>x</t></r>" * 40_000, 1),
    "30MB-cell-text": lambda s: _first_text(s, "很长的正文".encode() * 2_000_000),
    "2MB-cell-text": lambda s: _first_text(s, "较长的正文".encode() * 140_000),
}


@pytest.mark.parametrize("name", CASES)
def test_crafted_shared_strings_cost_little(tmp_path, name):
    src = _shared_strings(tmp_path, CASES[name])
    before = src.read_bytes()
    r = run(["validate", src.name], tmp_path, wall=20)
    assert_sane(r)
    assert r.exit in (0, 1, 2), r.text[-2000:]  # refused, or read; never a crash
    assert src.read_bytes() == before
    assert [p for p in leftovers(tmp_path) if not p.startswith("_filled")] == []

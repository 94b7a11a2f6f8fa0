"""The key figures are declared once (editions/key_figures.py): the batch summary and the 同比 comparison of
the same two reports show the same figures with the same values, each under its declared wording."""

from __future__ import annotations

import csv
import re
import shutil

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from workbook_tools.cli import app
from workbook_tools.editions.key_figures import KEY_FIGURES
from workbook_tools.messages import text

runner = CliRunner()
THIS, LAST = "sample-county-2024.json", "dehui-2020.json"  # two editions: the roles, not the codes, find the cells


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("reports")
    for name in (THIS, LAST):
        shutil.copy(EXAMPLES / name, d / name)
    return d


def _batch(folder, lang) -> dict[str, dict[str, str]]:
    """file name -> its row of the summary CSV, by column header."""
    out = folder.parent / f"summary-{lang}.csv"
    r = runner.invoke(app, ["check", str(folder), "-j", "1", "-o", str(out), "--lang", lang])
    assert r.exit_code in (0, 1), r.output
    with out.open(encoding="utf-8-sig", newline="") as fh:
        return {row[text("batch.col.file", lang)]: row for row in csv.DictReader(fh)}


def _compare(folder, lang) -> dict[str, tuple[str, str]]:
    """label -> (last year's, this year's value) as `xxgk compare` prints them."""
    out = folder.parent / f"compare-{lang}.html"
    r = runner.invoke(app, ["compare", str(folder / THIS), "-p", str(folder / LAST), "-o", str(out), "--lang", lang])
    assert r.exit_code == 0, r.output
    lines = [m.groups() for m in re.finditer(r"^  (.+?)[：:] ?(\S+) → (\S+)[（ ]", r.stdout, re.MULTILINE)]
    return {label: (last, this) for label, last, this in lines}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_batch_and_compare_show_the_same_key_figures(folder, lang):
    rows, shown = _batch(folder, lang), _compare(folder, lang)
    assert len(KEY_FIGURES) == 7 and "disclosed" in {k.name for k in KEY_FIGURES}  # 予以公开 in both now
    assert list(shown) == [text(k.label, lang) for k in KEY_FIGURES]  # every figure, in the declared order, nothing else
    header = list(rows[THIS])
    columns = [text(k.column, lang) for k in KEY_FIGURES]
    assert [h for h in header if h in columns] == columns
    for k in KEY_FIGURES:
        last, this = shown[text(k.label, lang)]
        assert (rows[LAST][text(k.column, lang)], rows[THIS][text(k.column, lang)]) == (last, this), k.name
    assert rows[THIS][text("figures.disclosed.column", lang)] == "12"  # the sample's 予以公开 total

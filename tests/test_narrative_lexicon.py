"""The narrative scanner finds each word by its first character; it must cut every sentence exactly as
one alternation of all the edition's words (longest first) would, on every text the tests know."""

from __future__ import annotations

import ast
import json
import re

import pytest

from conftest import ROOT
from workbook_tools.editions import get_edition
from workbook_tools.narrative import vocab
from workbook_tools.narrative.numbers import NUMBER

pytestmark = pytest.mark.core
CJK = re.compile(r"[\u4e00-\u9fff]")


def _reference_scan(lex: vocab.Lexicon) -> re.Pattern:
    literal = "|".join(re.escape(w) for w in sorted(lex.words, key=len, reverse=True))
    regex = "|".join(f"(?P<{k}>{p})" for k, p in vocab._REGEX_TOKENS)
    return re.compile(rf"(?P<num>{NUMBER.pattern})|{regex}|(?P<lit>{literal})", re.X)


def _texts() -> list[str]:
    """Narrative paragraphs of the bundled examples and conformance reports, and every Chinese string
    written in the narrative tests (the variants people write)."""
    texts: list[str] = []

    def walk(node):
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in [*(ROOT / "examples").glob("*.json"), *(ROOT / "tests" / "conformance").glob("*/report.json")]:
        walk(json.loads(path.read_text(encoding="utf-8")).get("narrative", {}))
    for path in (ROOT / "tests").glob("test_narrative_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
    return [t for t in texts if CJK.search(t)]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_words_are_cut_as_the_alternation_of_all_words_cuts_them(edition):
    lex = vocab.Lexicon(get_edition(edition))
    scan = _reference_scan(lex)
    texts = _texts()
    assert len(texts) > 200
    words = 0
    for text in texts:
        for sentence in [text, *re.split(r"[。；\n]", text)]:
            mine = lex.tokens(sentence)
            ref = list(scan.finditer(sentence))
            assert [(t.start, t.end, t.text) for t in mine] == [(m.start(), m.end(), m.group(0)) for m in ref]
            for t, m in zip(mine, ref):
                if m.group("lit") is not None:
                    assert (t.kind, t.value) == lex.words[m.group("lit")]
                    words += 1
    assert words > 1000  # the texts really were cut into words

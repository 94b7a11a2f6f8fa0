"""Every rule has wording in both languages, and both languages know the same message keys."""

import re

from workbook_tools.editions import editions
from workbook_tools.messages import en, zh
from workbook_tools.rules.catalogue import RULES


def test_titles_in_both_languages():
    ids = {r.id for r in RULES}
    assert set(zh.TITLES) == ids == set(en.TITLES)


def test_same_message_keys_and_placeholders():
    assert set(zh.MESSAGES) == set(en.MESSAGES)
    for key in zh.MESSAGES:
        holders = lambda t: set(re.findall(r"\{(\w+)\}", t))  # noqa: E731
        # English may drop a Chinese-only value but never ask for one the check does not give
        assert holders(en.MESSAGES[key]) <= holders(zh.MESSAGES[key]) | {"which_en"}, key
    assert set(zh.TEXTS) == set(en.TEXTS)


def test_every_implemented_rule_has_a_message():
    keys = set(zh.MESSAGES)
    # the completeness rules of the tables (S04–S07) word a missing row, column or cell generically
    completeness = {t.completeness_rule for e in editions() for t in e.tables}
    assert {"missing.row", "missing.col", "missing.cell"} <= keys
    for r in RULES:
        if r.implemented and r.id not in completeness:
            assert any(k == r.id or k.startswith(r.id + ".") for k in keys), r.id


def test_area_texts_pair_both_languages_with_the_same_placeholders():
    import importlib

    from workbook_tools.messages import AREAS, text

    holders = lambda t: set(re.findall(r"\{(\w+)\}", t))  # noqa: E731
    for area in AREAS:
        texts = importlib.import_module(f"workbook_tools.messages.{area}").TEXTS
        for key, pair in texts.items():
            assert key.startswith(area + "."), key
            zh_text, en_text = pair
            assert zh_text.strip() and en_text.strip(), key
            assert holders(en_text) == holders(zh_text), key
            assert text(key, "en") == en_text or holders(en_text), key
    # an unknown key of an area comes back as itself, visibly, not as another text
    assert text("web.no-such-key") == "web.no-such-key"


def test_configuration_errors_name_the_rule_in_both_languages():
    import pytest

    from workbook_tools.config import Config
    from workbook_tools.errors import InputError

    with pytest.raises(InputError) as e:
        Config.from_dict({"rules": {"A03": {"severity": "fatal"}}}, "rules.toml")
    assert e.value.code == "bad-config" and e.value.path == "rules.toml"
    assert "A03" in e.value.zh and "error、warning 或 info" in e.value.zh
    assert "A03" in e.value.en and "severity" in e.value.en

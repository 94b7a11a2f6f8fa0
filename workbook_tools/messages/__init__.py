"""Wording of findings and interface texts, per language.  Checks only supply keys and values."""

from __future__ import annotations

from decimal import Decimal

from . import en, zh

LANGS = {"zh": zh, "en": en}


def _fmt(v) -> str:
    from ..values import format_number  # here, not at import: the command line's start-up reads texts only

    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        return format_number(v)
    return "" if v is None else str(v)


def _signed(v) -> str:
    from ..values import format_number

    if v is None:
        return ""
    return ("+" if v > 0 else "") + format_number(v)


def location_text(loc, lang: str) -> str:
    m = LANGS.get(lang, zh)
    parts = []
    if loc.section and not loc.table:
        parts.append(m.SECTION.format(section=loc.section))
    if loc.table_label:
        parts.append(m.TABLE.format(table=loc.table_label))
    if loc.block_label:
        parts.append(m.BLOCK.format(block=loc.block_label))
    if loc.row_label:
        parts.append(m.ROW.format(row=loc.row_label))
    if loc.col_label:
        parts.append(m.COL.format(col=loc.col_label))
    text = m.JOIN.join(parts)
    if loc.where:
        text += m.WHERE.format(where=loc.where)
    return text


def render(finding, lang: str = "zh") -> str:
    m = LANGS.get(lang, zh)
    template = m.MESSAGES.get(finding.key) or m.MESSAGES.get(finding.rule) or finding.key
    params = {k: _fmt(v) for k, v in finding.params.items()}
    params.update(
        loc=location_text(finding.location, lang),
        expected=_fmt(finding.expected),
        actual=_fmt(finding.actual),
        diff=_signed(finding.diff),
    )
    try:
        return template.format(**params)
    except (KeyError, IndexError):  # a template asking for a value a check did not give
        return f"{template} {params}"


def in_lang(zh_text: str, en_text: str, lang: str) -> str:
    """A declared name in the language asked (editions and profiles carry both)."""
    return en_text if lang == "en" else zh_text


def title(rule_id: str, lang: str = "zh") -> str:
    return LANGS.get(lang, zh).TITLES.get(rule_id, rule_id)


# Interface texts of one area of the toolkit live in messages/<area>.py as TEXTS = {key: (zh, en)}, the two
# languages side by side; a key "area.name" is looked up there.  Areas load on first use (start-up time).
AREAS = ("inputs", "cli", "web", "office", "compare", "workbook", "batch", "figures", "reading")
_area_texts: dict[str, dict[str, tuple[str, str]]] = {}


def area_texts(area: str) -> dict[str, tuple[str, str]]:
    if area not in _area_texts:
        import importlib

        _area_texts[area] = importlib.import_module(f"{__name__}.{area}").TEXTS
    return _area_texts[area]


def text(key: str, lang: str = "zh", /, **params) -> str:
    area = key.split(".", 1)[0]
    if area in AREAS:
        pair = area_texts(area).get(key)
        t = key if pair is None else pair[1 if lang == "en" else 0]
    else:
        t = LANGS.get(lang, zh).TEXTS.get(key, key)
    return t.format(**params) if params else t

"""The web pages' wording: messages/web.py, looked up by key in the page's language."""

from __future__ import annotations

from ..messages import text


def t(key: str, lang: str = "zh", **params) -> str:
    return text(key, lang, **params)

"""Wording of the batch commands: the texts live in messages/batch.py under "batch.<key>"."""

from __future__ import annotations


def t(key: str, lang: str = "zh", /, **params) -> str:
    from ..messages import text

    return text(f"batch.{key}", lang, **params)

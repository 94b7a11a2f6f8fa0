"""What a command prints, in order: each line with the stream it goes to (stderr for warnings and
refusals), so that the CLI prints without deciding anything."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    err: bool = False


from ..messages import in_lang  # noqa: F401  (the renderers' one import for wording helpers)


def piece(name: str, lang: str, **params) -> str:
    """A separator or bracket of the terminal texts (messages/inputs.py, ``inputs.piece.<name>``)."""
    from ..messages import text

    return text(f"inputs.piece.{name}", lang, **params)


def wrote(paths, lang: str = "zh", err: bool = False) -> list[Line]:
    from ..messages import text

    return [Line(text("wrote", lang, path=p), err) for p in paths]

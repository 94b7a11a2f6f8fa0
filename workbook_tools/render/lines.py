"""What a command prints, in order: each line with the stream it goes to (stderr for warnings and
refusals), so that the CLI prints without deciding anything."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    err: bool = False


def wrote(paths, lang: str = "zh", err: bool = False) -> list[Line]:
    from ..messages import text

    return [Line(text("wrote", lang, path=p), err) for p in paths]

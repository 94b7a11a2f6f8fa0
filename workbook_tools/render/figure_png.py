"""The key-figures picture as PNG: the SVG of `figure_svg.py` converted by a program of the machine.

Tried in order: rsvg-convert (Debian librsvg2-bin), headless Chromium, LibreOffice (--convert-to png).
Each runs in a scratch folder beside the output, in its own process group, killed on every way out.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..errors import InputError
from ..messages import text

TIMEOUT_S = 90
_SIZE = re.compile(r'<svg[^>]*\bwidth="(\d+)"[^>]*\bheight="(\d+)"')
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def converter() -> tuple[str, str] | None:
    """(name, command) of the first converter found: $XXGK_SVG_CONVERTER may name one of them."""
    from .report_pdf import find_soffice

    wanted = os.environ.get("XXGK_SVG_CONVERTER", "").strip().lower()
    found = [("rsvg-convert", shutil.which("rsvg-convert")),
             ("chromium", next((p for p in map(shutil.which, CHROMIUMS) if p), None)),
             ("soffice", find_soffice())]
    for name, exe in found:
        if exe and (not wanted or wanted == name):
            return name, exe
    return None


def _command(name: str, exe: str, src: Path, out: Path, work: Path, size: tuple[int, int]) -> list[str]:
    w, h = size
    if name == "rsvg-convert":
        return [exe, "--format=png", f"--output={out}", str(src)]
    if name == "chromium":
        return [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                f"--user-data-dir={work / 'profile'}", f"--window-size={w},{h}", "--default-background-color=ffffffff",
                f"--screenshot={out}", src.as_uri()]
    return [exe, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
            f"-env:UserInstallation={(work / 'profile').as_uri()}", "--convert-to", "png", "--outdir", str(work),
            str(src)]


def _run(cmd: list[str], name: str) -> str:
    """Run a converter; the whole process group is killed however this ends (Chromium and LibreOffice start
    helpers of their own)."""
    from ..io.process import ProcessTimeout, run_group

    try:
        return run_group(cmd, TIMEOUT_S, tail=300)[1]
    except ProcessTimeout:
        detail = f"> {TIMEOUT_S} s"
        raise InputError(text("compare.figure.convert-failed", "zh", tool=name, detail=detail),
                         text("compare.figure.convert-failed", "en", tool=name, detail=detail), code="png-failed") from None


def svg_to_png(svg: str, near: str | os.PathLike | None = None) -> bytes:
    """PNG bytes of `svg`, by the first converter present; an InputError naming what to install when none is."""
    import tempfile

    from ..io.files import fs_error, scratch_dir

    found = converter()
    if found is None:
        raise InputError(text("compare.figure.no-converter", "zh"), text("compare.figure.no-converter", "en"), code="no-converter")
    name, exe = found
    m = _SIZE.search(svg)
    size = (int(m.group(1)), int(m.group(2))) if m else (1080, 1920)
    place = Path(near) if near is not None and Path(near).is_dir() else Path(tempfile.gettempdir())
    with scratch_dir(place) as work:
        try:
            src, out = work / "compare.figure.svg", work / "compare.figure.png"
            src.write_text(svg, encoding="utf-8")
            detail = _run(_command(name, exe, src, out, work, size), name)
            if not out.is_file() or out.stat().st_size == 0:
                raise InputError(text("compare.figure.convert-failed", "zh", tool=name, detail=detail or "—"),
                                 text("compare.figure.convert-failed", "en", tool=name, detail=detail or "—"), code="png-failed")
            return out.read_bytes()
        except OSError as e:
            raise fs_error(e, place) from None

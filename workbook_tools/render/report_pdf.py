"""The report as PDF: the Word version converted by LibreOffice headless.

LibreOffice is optional.  Without it the caller gets a clear message (exit code 2) before anything
is written.  The official Chinese fonts are not free, so the conversion runs with the project's
fontconfig aliases (`templates/fonts/fonts-zh.conf`: 仿宋 → FandolFang, 小标宋 → Noto Serif CJK SC
Bold, 黑体 → Noto Sans CJK SC, 楷体 → FandolKai, 宋体 → Noto Serif CJK SC) unless the user has set
FONTCONFIG_FILE; an installed official font still wins.  LibreOffice gets the document with its line
grid only (`for_libreoffice`), as it cannot squeeze 28 characters into a character grid.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from ..errors import InputError
from ..model import Report
from . import report_docx
from .templates import FONTS_CONF, Templates

TIMEOUT_S = 180


def find_soffice() -> str | None:
    """LibreOffice's command: $XXGK_SOFFICE, else soffice or libreoffice on PATH."""
    configured = os.environ.get("XXGK_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    exe = find_soffice()
    if exe is None:
        raise InputError(
            "生成 PDF 需要 LibreOffice，但本机未安装（找不到 soffice 命令）。请安装 LibreOffice"
            "（Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk texlive-lang-chinese），"
            "或去掉 --pdf，用 Word/WPS 打开生成的 .docx 另存为 PDF。",
            "PDF output needs LibreOffice, which is not installed (no soffice command). Install it "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui fonts-noto-cjk texlive-lang-chinese), or drop --pdf and "
            "save the .docx as PDF from Word/WPS.",
            code="no-libreoffice")
    return exe


def conversion_env() -> dict[str, str]:
    env = dict(os.environ)
    if "FONTCONFIG_FILE" not in env and FONTS_CONF.is_file():
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


PDF_FILTERS = {".docx": "pdf:writer_pdf_Export", ".xlsx": "pdf:calc_pdf_Export"}


def docx_to_pdf(docx: bytes, timeout: float = TIMEOUT_S, near: str | os.PathLike | None = None) -> bytes:
    return office_to_pdf(for_libreoffice(docx), ".docx", timeout, near)


_CHAR_GRID = re.compile(rb'(<w:docGrid\b[^>]*?\bw:type=")linesAndChars(")')


def for_libreoffice(docx: bytes) -> bytes:
    """The document as LibreOffice should lay it out: its line grid without the character grid.

    Word squeezes 28 三号 characters into the 156 mm line (a grid pitch of 15.79 pt, narrower than the
    type); LibreOffice instead gives every character wider than a grid cell two cells, 14 a line.  The
    body's condensed character spacing (report_docx.condensed_spacing) already makes 28 fit, so the
    character grid is dropped for the conversion only; the .docx keeps it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = _CHAR_GRID.sub(rb"\1lines\2", body)
            dst.writestr(item, body)
    return out.getvalue()


def office_to_pdf(data: bytes, suffix: str, timeout: float = TIMEOUT_S, near: str | os.PathLike | None = None) -> bytes:
    """A Word document or a workbook printed to PDF by LibreOffice (print areas and page setup honoured).

    LibreOffice works in a scratch folder beside the output (`near`: the PDF's path or its folder; else
    the system's temporary folder), with a private profile inside it: no clash with a LibreOffice the user has open, and
    nothing left behind — the folder and LibreOffice's processes are removed on every exit path, by
    the file guard when this process is killed."""
    from ..io.files import fs_error, scratch_dir

    exe = require_soffice()
    place = Path(near if near is not None else tempfile.gettempdir())  # the PDF's path, or a folder
    folder = place if place.is_dir() else place.parent
    with scratch_dir(folder) as work:
        try:
            src = work / f"report{suffix}"
            src.write_bytes(data)
            cmd = [exe, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", PDF_FILTERS[suffix], "--outdir", str(work), str(src)]
            code, detail = _run_office(cmd, timeout)
            pdf = work / "report.pdf"
            if not pdf.is_file():
                if _short_of_space(work):  # LibreOffice's own words for it are a crash report
                    raise fs_error(OSError(errno.ENOSPC, "no space"), place)
                raise InputError(f"LibreOffice 未能生成 PDF（退出码 {code}）：{detail}",
                                 f"LibreOffice produced no PDF (exit code {code}): {detail}",
                                 code="pdf-failed")
            return pdf.read_bytes()
        except OSError as e:
            raise fs_error(e, place) from None


SPACE_NEEDED = 64 * 1024 * 1024  # LibreOffice's private profile and its work files


def _short_of_space(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < SPACE_NEEDED
    except OSError:
        return False


def _run_office(cmd: list[str], timeout: float) -> tuple[int, str]:
    from ..io.process import ProcessTimeout, run_group

    try:
        return run_group(cmd, timeout, env=conversion_env())
    except ProcessTimeout:
        raise InputError(f"LibreOffice 在 {timeout:.0f} 秒内未完成 PDF 转换。",
                         f"LibreOffice did not finish the PDF conversion within {timeout:.0f} s.",
                         code="pdf-failed") from None


def render(report: Report, templates: Templates | None = None) -> bytes:
    return docx_to_pdf(report_docx.render(report, templates))

"""The report as PDF: the Word version converted by LibreOffice headless.

LibreOffice is optional.  Without it the caller gets a clear message (exit code 2) before anything
is written.  The official Chinese fonts are not free, so the conversion runs with the project's
fontconfig aliases (`templates/fonts/fonts-zh.conf`: 仿宋/宋体/楷体/小标宋 → Noto Serif CJK SC,
黑体 → Noto Sans CJK SC) unless the user has set FONTCONFIG_FILE; an installed official font still wins.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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
            "（Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk），"
            "或去掉 --pdf，用 Word/WPS 打开生成的 .docx 另存为 PDF。",
            "PDF output needs LibreOffice, which is not installed (no soffice command). Install it "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui fonts-noto-cjk), or drop --pdf and "
            "save the .docx as PDF from Word/WPS.",
            code="no-libreoffice")
    return exe


def conversion_env() -> dict[str, str]:
    env = dict(os.environ)
    if "FONTCONFIG_FILE" not in env and FONTS_CONF.is_file():
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


PDF_FILTERS = {".docx": "pdf:writer_pdf_Export", ".xlsx": "pdf:calc_pdf_Export"}


def docx_to_pdf(docx: bytes, timeout: float = TIMEOUT_S) -> bytes:
    return office_to_pdf(docx, ".docx", timeout)


def office_to_pdf(data: bytes, suffix: str, timeout: float = TIMEOUT_S) -> bytes:
    """A Word document or a workbook printed to PDF by LibreOffice (print areas and page setup honoured)."""
    exe = require_soffice()
    with tempfile.TemporaryDirectory(prefix="xxgk-pdf-") as tmp:
        work = Path(tmp)
        src = work / f"report{suffix}"
        src.write_bytes(data)
        # a private profile: no clash with a LibreOffice the user has open, nothing left behind
        cmd = [exe, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
               f"-env:UserInstallation={(work / 'profile').as_uri()}",
               "--convert-to", PDF_FILTERS[suffix], "--outdir", str(work), str(src)]
        try:
            proc = subprocess.run(cmd, env=conversion_env(), stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"LibreOffice 在 {timeout:.0f} 秒内未完成 PDF 转换。",
                             f"LibreOffice did not finish the PDF conversion within {timeout:.0f} s.",
                             code="pdf-failed") from None
        pdf = work / "report.pdf"
        if not pdf.is_file():
            detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()[-500:]
            raise InputError(f"LibreOffice 未能生成 PDF（退出码 {proc.returncode}）：{detail}",
                             f"LibreOffice produced no PDF (exit code {proc.returncode}): {detail}",
                             code="pdf-failed")
        return pdf.read_bytes()


def render(report: Report, templates: Templates | None = None) -> bytes:
    return docx_to_pdf(report_docx.render(report, templates))

"""File writing that never loses anything: atomic replace, and no overwrite unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import InputError, OutputExists

MAX_TEXT_INPUT = 50 * 1024 * 1024  # a report JSON or CSV larger than this is not a report


def write_atomic(path: str | os.PathLike, data: bytes, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename."""
    target = Path(path)
    if target.exists() and not force:
        raise OutputExists(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, _file_mode(target))  # mkstemp makes 0600; an output should look like any saved file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def _file_mode(target: Path) -> int:
    """The replaced file's mode, or what a newly created file would get under the umask."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def read_text(path: str | os.PathLike) -> str:
    """Read a text input (UTF-8, with or without BOM; GB18030 as a fallback) with a size bound."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_TEXT_INPUT:
            raise InputError(f"文件过大（{size // 1048576} MB），不像是一份年度报告数据。",
                             f"file too large ({size // 1048576} MB) for a report.", path=str(p), code="too-large")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("文件不存在。", "file not found.", path=str(p), code="not-found") from None
    except IsADirectoryError:
        raise InputError("这是一个文件夹，不是文件。", "this is a folder, not a file.", path=str(p), code="not-a-file") from None
    except PermissionError:
        raise InputError("没有读取该文件的权限。", "permission denied.", path=str(p), code="not-readable") from None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("无法识别文件编码（应为 UTF-8）。", "cannot decode the file (expected UTF-8).", path=str(p), code="encoding")

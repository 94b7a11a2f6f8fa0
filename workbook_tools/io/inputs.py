"""Opening what comes from outside: only regular files, with a size limit checked before reading.

A path named like a report can be a FIFO (opening it blocks until someone writes), a device behind a
symlink (`/dev/zero` never ends), a symlink loop, or a sparse file of gigabytes.  `check_input` looks
at the file through one non-blocking descriptor and refuses all of these before any reader runs;
`read_input` then reads through that same descriptor, never more than the limit, so a file swapped
or grown in between cannot get past it either.  `terminal_safe` is the other half of distrust:
text from inputs (agency names, file names, cell texts) made harmless for a terminal.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from ..errors import InputError, input_error, pair

DEFAULT_LIMIT = 50 * 1024 * 1024

_KIND = (  # what a path is when it is not a regular file, for the message
    (stat.S_ISDIR, "kind.folder"),
    (stat.S_ISFIFO, "kind.fifo"),
    (stat.S_ISCHR, "kind.char-device"),
    (stat.S_ISBLK, "kind.block-device"),
    (stat.S_ISSOCK, "kind.socket"),
)


def _mb(n: int) -> str:
    return f"{n / 1048576:.0f} MB" if n >= 1048576 else f"{n // 1024} KB"


def not_regular(mode: int, path) -> InputError:
    kind = next((key for test, key in _KIND if test(mode)), "kind.special")
    return input_error("not-a-file.kind", path=path, kind=pair(kind))


def too_large(size: int, limit: int, path) -> InputError:
    return input_error("too-large.file", path=path, size=_mb(size), limit=_mb(limit))


def open_error(e: OSError, path) -> InputError:
    """An OSError met while opening or reading an input, as an input error in both languages."""
    reasons = {
        errno.ENOENT: "not-found", errno.ELOOP: "symlink-loop",
        errno.EACCES: "not-readable.permission", errno.EPERM: "not-readable.permission",
        errno.EISDIR: "not-a-file.folder", errno.ENOTDIR: "not-found.not-folder",
        errno.ENAMETOOLONG: "name-too-long", errno.ENXIO: "not-a-file.no-peer",
    }
    return input_error(reasons.get(e.errno, "not-readable"), path=path, **({} if e.errno in reasons else {"reason": e.strerror}))


def _open(path) -> tuple[int, os.stat_result]:
    """A read-only descriptor of a regular file.  O_NONBLOCK: opening a FIFO returns at once instead of
    waiting for a writer (and is refused by the fstat that follows); it has no effect on regular files."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        st = os.stat(path)  # follows symlinks: what matters is what they lead to
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(st.st_mode, path)
        fd = os.open(path, flags)
    except OSError as e:
        raise open_error(e, path) from None
    try:
        st = os.fstat(fd)  # the file actually opened, which may have been swapped since the stat
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(st.st_mode, path)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def check_input(path: str | os.PathLike, limit: int = DEFAULT_LIMIT) -> os.stat_result:
    """Refuse (InputError, exit 2) anything but a regular file of at most `limit` bytes; never blocks."""
    fd, st = _open(path)
    os.close(fd)
    if st.st_size > limit:
        raise too_large(st.st_size, limit, path)
    return st


def read_input(path: str | os.PathLike, limit: int = DEFAULT_LIMIT) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, read through one descriptor."""
    fd, st = _open(path)
    try:
        if st.st_size > limit:
            raise too_large(st.st_size, limit, path)
        chunks, total = [], 0
        while True:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            except OSError as e:
                raise open_error(e, path) from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew after the fstat
                raise too_large(total, limit, path)
        return b"".join(chunks)
    finally:
        os.close(fd)


def decode_text(data: bytes, path) -> str:
    """UTF-8 (with or without BOM), else GB18030; a file with CR line ends only gets LF, so every reader sees lines."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise input_error("encoding", path=path)
    if "\r" in text and "\n" not in text:  # classic-Mac line ends; a CR inside a CRLF file is data (a quoted field)
        text = text.replace("\r", "\n")
    return text


def read_text(path: str | os.PathLike, limit: int = DEFAULT_LIMIT) -> str:
    return decode_text(read_input(path, limit), Path(path))


# ------------------------------------------------------------------------------------------------ terminal

# C0 controls but tab and newline (ESC starts colour and OSC sequences, CR overwrites a line, BEL rings),
# DEL, C1 controls (U+009B is a one-character CSI), bidirectional overrides and lone surrogates
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe(text) -> str:
    """Text as it may be shown on a terminal: control characters removed."""
    return _TERMINAL_UNSAFE.sub("", str(text))


def terminal_safe_json(text: str) -> str:
    """JSON text (ensure_ascii=False) for a terminal: unsafe characters, which can only stand inside
    strings there, written as \\u escapes, so that the document still parses to the same data."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

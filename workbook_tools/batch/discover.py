"""Which files a batch covers: every report-like file under the folders given, in a stable order.

The extensions come from `api.LOADERS` at call time, so a reader registered later (the .xlsx
reader) is picked up without a change here; spreadsheet extensions that no reader handles yet are
included as well, so that a `.xls` or `.ods` someone sent becomes a row with a reason instead of
silently vanishing.  Hidden files and folders and Office lock files (``~$…``) are skipped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import input_error

SPREADSHEET_EXTS = (".xlsx", ".xlsm", ".xls", ".et", ".ods")
MAX_FILES = 100_000


@dataclass(frozen=True)
class Found:
    path: Path  # as it can be opened
    display: str  # as shown in the summary: relative to the folder given, or as given


def extensions() -> frozenset[str]:
    from .. import api

    return frozenset(api.LOADERS) | frozenset(SPREADSHEET_EXTS)


def natural_key(name: str) -> tuple:
    """Numbers in names compared as numbers (2.json before 10.json), then code-point order."""
    parts = re.split(r"(\d+)", name)
    return tuple((int(p), p) if i % 2 else p for i, p in enumerate(parts)), name


def _skipped_name(name: str) -> bool:
    return name.startswith((".", "~$"))


def discover(inputs, exclude=()) -> list[Found]:
    """Files named directly (whatever their extension) and report-like files under folders.

    `exclude`: paths never to include (the output and the roster of this run).  Order: the inputs as
    given; inside a folder, by name with numbers compared as numbers, files before subfolders (the
    same on every machine).
    """
    exts = extensions()
    skip = {_key(Path(p)) for p in exclude}
    roots = [Path(p) for p in inputs]
    dirs = [p for p in roots if p.is_dir()]
    prefix_dirs = len(dirs) > 1
    seen: set = set()
    out: list[Found] = []

    def add(path: Path, display: str) -> None:
        key = _key(path)
        if key in skip or key in seen:
            return
        seen.add(key)
        out.append(Found(path, printable(display)))
        if len(out) > MAX_FILES:
            raise input_error("too-many-files", limit=MAX_FILES)

    for root in roots:
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames[:] = sorted((d for d in dirnames if not _skipped_name(d)), key=natural_key)
                rel_dir = Path(dirpath).relative_to(root)
                for name in sorted(filenames, key=natural_key):
                    if _skipped_name(name) or Path(name).suffix.lower() not in exts:
                        continue
                    path = Path(dirpath) / name
                    rel = (rel_dir / name).as_posix()
                    add(path, f"{root.name}/{rel}" if prefix_dirs else rel)
        elif root.exists() or root.is_symlink():
            add(root, str(root))
        else:
            raise input_error("not-found.path", path=root)
    return out


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _key(path: Path):
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)

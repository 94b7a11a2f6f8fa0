"""`xxgk --help` without typer: importing typer and building the commands is most of the help's time.

The top-level help printed once is kept in the user's cache folder, under a name made of the size and
time of every file it comes from (cli.py, cli_chinese.py, its texts, typer), the language and the width, so any change
makes a new one; `cli.py` prints the kept text before it imports anything heavy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HELP_ARGS = (["--help"], ["-h"])
_UI = "en" if os.environ.get("XXGK_LANG", "").lower().startswith("en") else "zh"  # as cli.py chooses it


def cache_path() -> Path:
    here = Path(__file__)
    sources = [here.with_name("cli.py"), here.with_name("cli_chinese.py"), here.with_name("messages") / "cli.py"]
    sources += [Path(d, "typer", "__init__.py") for d in sys.path if d and os.path.isfile(os.path.join(d, "typer", "__init__.py"))][:1]
    stamp = tuple(n for s in sources for st in [os.stat(s)] for n in (st.st_size, st.st_mtime_ns))
    try:  # the width as click finds it (shutil.get_terminal_size, without importing shutil)
        cols = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        cols = 0
    try:
        cols = cols or os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        cols = 80
    width = max(min(cols, 80) - 2, 50)
    folder = Path(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "xxgk")
    return folder / f"xxgk-help-{_UI}-{width}-{hash(stamp) & 0xFFFFFFFFFFFF:x}.txt"


def wanted() -> bool:
    """The top-level help, asked of `xxgk` itself (console script or `python -m workbook_tools`), not
    of a program that imports the CLI."""
    first = sys.argv[0] if sys.argv else ""
    entry = os.path.basename(first) in ("xxgk", "xxgk.exe") or first == str(Path(__file__).with_name("__main__.py"))
    return entry and sys.argv[1:] in HELP_ARGS


def print_kept() -> None:
    """Print the kept help and exit, when it is wanted and still holds; otherwise return."""
    if not wanted():
        return
    try:
        saved = cache_path().read_text(encoding="utf-8")
    except (OSError, ValueError):  # not made yet, or unreadable: cli.py renders it
        return
    sys.stdout.write(saved)
    sys.stdout.flush()
    raise SystemExit(0)


def show_and_keep(app) -> None:
    """Print the top-level help as `--help` would, keep it for the next time, and exit."""
    from typer.main import get_command

    with get_command(app).make_context("xxgk", [], resilient_parsing=True) as ctx:
        shown = ctx.get_help() + "\n"
    sys.stdout.write(shown)
    sys.stdout.flush()
    _keep(shown)
    raise SystemExit(0)


def _keep(shown: str) -> None:
    """Whole or not at all: another xxgk may be reading it."""
    target = cache_path()
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(shown, encoding="utf-8")
        os.replace(part, target)
        for old in target.parent.glob(target.name.rsplit("-", 1)[0] + "-*.txt"):  # same language and width
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:  # no writable cache folder: the help is rendered each time
        try:
            part.unlink(missing_ok=True)
        except OSError:
            pass

"""No module of the package is longer than 500 lines and no function longer than 80: the limits the
project keeps so that every piece can be read at once."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workbook_tools"
MAX_MODULE, MAX_FUNCTION = 500, 80

# being reworked now; to shrink as they are split (a folder ends with "/")
ALLOWED: tuple[str, ...] = ()  # files allowed past the limits while being split; none now


def _allowed(rel: str) -> bool:
    return any(rel.startswith(a) if a.endswith("/") else rel == a for a in ALLOWED)


def _too_long(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    out = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE:
        out.append(f"module has {lines} lines")
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = node.end_lineno - node.lineno + 1
            if n > MAX_FUNCTION:
                out.append(f"{node.name} (line {node.lineno}) has {n} lines")
    return out


def test_modules_and_functions_stay_within_their_limits():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not _allowed(rel):
            offenders += [f"{rel}: {what}" for what in _too_long(path)]
    assert not offenders, "\n".join(offenders)


def test_the_check_sees_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION))
    long = tmp_path / "long.py"
    long.write_text(f"def f():\n{body}\n", encoding="utf-8")
    assert _too_long(long) == [f"f (line 1) has {MAX_FUNCTION + 1} lines"]
    big = tmp_path / "big.py"
    big.write_text("x = 1\n" * (MAX_MODULE + 1), encoding="utf-8")
    assert _too_long(big) == [f"module has {MAX_MODULE + 1} lines"]


def test_the_allow_list_names_only_what_exists():
    for a in ALLOWED:
        assert (PACKAGE / a).exists(), a

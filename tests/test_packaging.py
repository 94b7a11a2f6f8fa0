"""The package list in pyproject.toml is explicit (it maps templates/ into the wheel): keep it complete."""

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from conftest import ROOT


def test_every_subpackage_is_listed():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "workbook_tools").rglob("__init__.py")}
    listed = set(conf["packages"])
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_templates_ship_inside_the_package():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert conf["package-dir"]["workbook_tools.templates"] == "templates"
    for sub in ("report", "fonts"):
        assert (ROOT / "templates" / sub).is_dir() and f"workbook_tools.templates.{sub}" in conf["packages"]


def test_examples_ship_inside_the_package(tmp_path):
    """`serve --demo` reads the example reports through importlib.resources: they are package data of
    workbook_tools.examples, found in a built tree that has no examples/ folder beside the package."""
    import shutil
    import subprocess
    import sys

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert conf["package-dir"]["workbook_tools.examples"] == "examples"
    assert "workbook_tools.examples" in conf["packages"] and "*.json" in conf["package-data"]["workbook_tools.examples"]
    src = tmp_path / "src"  # a copy: building writes egg-info beside pyproject.toml
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, src / name)
    for name in ("workbook_tools", "templates", "examples"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    built = tmp_path / "built"
    r = subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", "-q", "build_py", "-d", str(built)],
                       cwd=src, capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
    shipped = sorted(p.name for p in (built / "workbook_tools" / "examples").glob("*.json"))
    assert shipped == sorted(p.name for p in (ROOT / "examples").glob("*.json")) and len(shipped) == 2
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); from workbook_tools.web.services import demo; "
             "assert not demo.CHECKOUT.exists(), demo.CHECKOUT; print(len(demo.example_bytes() or b''))")
    r = subprocess.run([sys.executable, "-c", probe, str(built)], cwd=tmp_path, capture_output=True, text=True, check=False,
                       timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert int(r.stdout.strip()) == (ROOT / "examples" / "sample-county-2024.json").stat().st_size

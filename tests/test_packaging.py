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

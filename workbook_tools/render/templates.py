"""The customisable wording and styles of the assembled report (top-level `templates/report/`).

A user copy given with `--template-dir` may hold only what it changes: a file missing from the copy
is read from the built-in folder, and `report.toml` keys are merged over the built-in ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from ..errors import input_error

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

def _templates_root() -> Path:
    """templates/ beside the package in a checkout; workbook_tools/templates in an installed wheel."""
    here = Path(__file__).resolve().parents[1]
    for candidate in (here.parent / "templates", here / "templates"):
        if (candidate / "report").is_dir():
            return candidate
    return here.parent / "templates"


TEMPLATES_ROOT = _templates_root()
BUILTIN = TEMPLATES_ROOT / "report"
FONTS_CONF = TEMPLATES_ROOT / "fonts" / "fonts-zh.conf"
SETTINGS = "report.toml"


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise input_error("bad-template.settings", path=path, reason=e) from None


@dataclass
class Templates:
    """Template files and settings, user copy first, built-in second."""

    user_dir: Path | None = None
    settings: dict = field(default_factory=dict)
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, template_dir: str | os.PathLike | None = None) -> "Templates":
        user = Path(template_dir) if template_dir else None
        if user is not None and not user.is_dir():
            raise input_error("no-template-dir", path=user)
        if not (BUILTIN / SETTINGS).is_file():
            raise input_error("no-templates", path=BUILTIN)
        settings = _read_toml(BUILTIN / SETTINGS)
        if user is not None and (user / SETTINGS).is_file():
            settings = _merge(settings, _read_toml(user / SETTINGS))
        return cls(user, settings)

    def path(self, name: str) -> Path:
        if self.user_dir is not None and (self.user_dir / name).is_file():
            return self.user_dir / name
        return BUILTIN / name

    def text(self, name: str) -> str:
        if name not in self._cache:
            self._cache[name] = self.path(name).read_text(encoding="utf-8")
        return self._cache[name]

    def fill(self, name: str, **values) -> str:
        """Fill a template file; an unknown placeholder is a user mistake, reported plainly."""
        return self.substitute(self.text(name), name, **values)

    def substitute(self, template: str, where: str, **values) -> str:
        try:
            return Template(template).substitute(values)
        except (KeyError, ValueError) as e:
            known = [f"${{{k}}}" for k in values]
            raise input_error("bad-template", where=where, placeholder=e, known=known) from None

    def get(self, section: str, key: str):
        return self.settings.get(section, {})[key]

    def wording(self, key: str):
        return self.get("wording", key)

    @property
    def docx(self) -> dict:
        return self.settings.get("docx", {})

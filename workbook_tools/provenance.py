"""What made a file: the application name and version the toolkit writes into the Office files it makes
(docProps/app.xml), and how `check` shows them again."""

from __future__ import annotations

import re

APPLICATION = "xxgk"
_OFFICE_VERSION = re.compile(r"(\d{1,2})\.(\d{2})(\d{2})$")


def app_version(version: str | None = None) -> str:
    """The package version in the only form Office accepts in AppVersion (XX.YYYY: 0.1.0 → 00.0100);
    a version like 0.1.0 there makes Word call the file corrupt."""
    if version is None:
        from . import __version__ as version
    parts = [int(p) if p.isdigit() else 0 for p in (version.split(".") + ["0", "0"])[:3]]
    major, minor, patch = (min(p, 99) for p in parts)
    return f"{major:02d}.{minor:02d}{patch:02d}"


def shown(application: str, version: str | None) -> str:
    """`Application AppVersion` as a person reads it; the toolkit's own XX.YYYY goes back to 0.1.0."""
    version = (version or "").strip()
    m = _OFFICE_VERSION.match(version)
    if application.strip() == APPLICATION and m:
        version = ".".join(str(int(g)) for g in m.groups())
    return " ".join(x for x in (application.strip(), version) if x)

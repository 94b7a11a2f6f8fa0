"""Shared test helpers: paths, and the rule that in CI a missing tool is a failure, not a skip."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"  # the project's reference material, beside the checkout
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, why: str) -> None:
    """Skip locally when a tool or file is missing; fail in CI, where setup must provide it."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI setup is incomplete: {why}")
    pytest.skip(why)


def require_command(name: str) -> str:
    path = shutil.which(name)
    require(path is not None, f"command '{name}' not installed")
    return path  # type: ignore[return-value]


def shared(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    require(p.exists(), f"reference file {p.name} not found beside the project (../shared)")
    return p

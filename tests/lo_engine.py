"""Driving LibreOffice from the tests: the system Python with python3-uno runs tests/engine/lo_calc.py."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import ROOT, require, require_command

HARNESS = ROOT / "tests" / "engine" / "lo_calc.py"
SYSTEM_PYTHON = "/usr/bin/python3"


def require_engine() -> None:
    require_command("soffice")
    ok = Path(SYSTEM_PYTHON).exists() and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0
    require(ok, "python3-uno (the system Python's LibreOffice bridge) is not installed")


def run_job(job: dict) -> list:
    proc = subprocess.run([SYSTEM_PYTHON, str(HARNESS)], input=json.dumps(job), capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)["results"]


def run_engine(workbook: Path, fillings: list[dict], reads: list[list]) -> list:
    return run_job({"workbook": str(workbook), "fillings": fillings, "read": reads})


def resave(pairs: list[tuple[Path, Path]]) -> None:
    """Open each workbook in LibreOffice and save it again as .xlsx."""
    run_job({"resave": [[str(a), str(b)] for a, b in pairs]})

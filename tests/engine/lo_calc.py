#!/usr/bin/python3
"""LibreOffice as a calculation oracle for the tests (runs under the system Python with python3-uno).

Reads a job from stdin (JSON): {"workbook": PATH, "fillings": [{"cells": [[sheet, row, col, value], ...],
"save": PATH|null}], "read": [[sheet, row0, col0, row1, col1], ...]}.  For each filling it writes the
values into the one open document (numbers as numbers, strings as text, null as an empty cell),
recalculates everything, optionally saves an .xlsx copy, and reads the requested ranges back.
Prints {"results": [[range values, ...] per filling]} on stdout.  Rows and columns are 0-based.

A job {"resave": [[SRC, DST], ...]} instead opens each workbook and saves it again as .xlsx, the way a
user's LibreOffice would (recalculating on the way).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def props(**kw):
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def start_office(profile):
    pipe = "xxgk_" + uuid.uuid4().hex[:10]
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    start = time.time()
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() - start > 90 or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("LibreOffice did not start")
            time.sleep(0.1)
    return proc, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def runs(cells):
    """Group (sheet, row, col, value) into horizontal runs, so one UNO call writes many cells."""
    cells = sorted(cells, key=lambda c: (c[0], c[1], c[2]))
    out = []
    for sheet, row, col, value in cells:
        if out and out[-1][0] == sheet and out[-1][1] == row and out[-1][2] + len(out[-1][3]) == col:
            out[-1][3].append(value)
        else:
            out.append((sheet, row, col, [value]))
    return out


def fill(doc, cells):
    sheets = {}
    for sheet, row, col, values in runs(cells):
        ws = sheets.get(sheet) or sheets.setdefault(sheet, doc.Sheets.getByName(sheet))
        rng = ws.getCellRangeByPosition(col, row, col + len(values) - 1, row)
        if all(v is not None for v in values):
            rng.setDataArray((tuple(values),))
        else:  # empty cells cannot go through a data array: clear them one by one
            for k, v in enumerate(values):
                cell = ws.getCellByPosition(col + k, row)
                if v is None:
                    cell.setFormula("")
                elif isinstance(v, str):
                    cell.setString(v)
                else:
                    cell.setValue(v)


def main():
    job = json.load(sys.stdin)
    profile = tempfile.mkdtemp(prefix="xxgk_lo_")
    proc, desktop = start_office(profile)
    try:
        if "resave" in job:
            for src, dst in job["resave"]:
                doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                                   props(Hidden=True))
                doc.calculateAll()
                doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                               props(FilterName="Calc MS Excel 2007 XML", Overwrite=True))
                doc.close(True)
            json.dump({"results": []}, sys.stdout)
            return
        url = uno.systemPathToFileUrl(os.path.abspath(job["workbook"]))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, props(Hidden=True))
        results = []
        for filling in job["fillings"]:
            fill(doc, filling["cells"])
            doc.calculateAll()
            if filling.get("save"):
                doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(filling["save"])),
                               props(FilterName="Calc MS Excel 2007 XML", Overwrite=True))
            got = []
            for sheet, r0, c0, r1, c1 in job["read"]:
                data = doc.Sheets.getByName(sheet).getCellRangeByPosition(c0, r0, c1, r1).getDataArray()
                got.append([list(row) for row in data])
            results.append(got)
        doc.close(True)
        json.dump({"results": results}, sys.stdout, ensure_ascii=False)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except Exception:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()

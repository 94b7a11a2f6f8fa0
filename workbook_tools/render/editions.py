"""The declared editions and profiles, listed for people (text) and programs (JSON)."""

from __future__ import annotations

import json

from ..editions import editions, profiles


def _title_of(code: str) -> str:
    """表三 for T3: the title any edition prints for a national table code."""
    return next((t.title for e in editions() for t in e.tables if t.code == code), code)


def describe() -> dict:
    out = []
    for e in editions():
        lo, hi = e.years
        out.append({
            "id": e.id,
            "name": e.name,
            "name_en": e.name_en,
            "document": e.document,
            "document_title": e.document_title,
            "years": [lo, hi],
            "official": e.official,
            "tables": [
                {"code": t.code, "title": t.title, "name": t.name,
                 "blocks": [b.caption for b in t.blocks if b.caption],
                 "rows": sum(len(b.rows) for b in t.blocks),
                 "cells": sum(1 for _ in t.cells())}
                for t in e.tables
            ],
            "rules": sorted({eq.rule for eq in e.equations}),
            "notes": e.notes,
        })
    profs = [{"id": p.id, "name": p.name, "name_en": p.name_en,
              "lines": [ln.label for ln in p.lines],
              "tables": [{"code": x.code, "title": x.title, "after_table": x.after_table,
                          "after_title": _title_of(x.after_table),
                          "rows": [r.label for r in x.rows], "columns": [c.label for c in x.columns],
                          "cells": len(x.rows) * len(x.columns)} for x in p.tables],
              "rules": sorted({eq.rule for eq in p.equations}),
              "editions": list(p.editions), "source": p.source} for p in profiles()]
    return {"editions": out, "profiles": profs}


def render_json() -> str:
    return json.dumps(describe(), ensure_ascii=False, indent=2) + "\n"


def render_text() -> str:
    d = describe()
    lines = []
    for e in d["editions"]:
        lo, hi = e["years"]
        years = f"{lo}–{hi}年度" if hi else f"{lo}年度起"
        status = "" if e["official"] else "（非官方版式，仅用于识别）"
        lines.append(f"{e['id']:<12} {e['name']}{status}")
        lines.append(f"{'':<12} {e['document']} {e['document_title']}  适用：{years}")
        for t in e["tables"]:
            extra = "、".join(t["blocks"])
            lines.append(f"{'':<12} {t['title']} {t['name']}：{t['rows']} 行，{t['cells']} 个数据格" + (f"（{extra}）" if extra else ""))
        if e["notes"]:
            lines.append(f"{'':<12} {e['notes']}")
        lines.append("")
    lines.append("省级扩展（--profile）：")
    for p in d["profiles"]:
        lines.append(f"  {p['id']:<10} {p['name']}" + ("：" + "；".join(p["lines"]) if p["lines"] else ""))
        for t in p["tables"]:
            rules = f"，校验 {'、'.join(p['rules'])}" if p["rules"] else ""
            lines.append(f"  {'':<10} {t['code']} {t['title']}（列于{t['after_title']}之后）："
                         f"{len(t['rows'])} 行 × {len(t['columns'])} 列{rules}")
    return "\n".join(lines) + "\n"

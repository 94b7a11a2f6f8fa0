"""Validation of parsed JSON against the report schema (schema/report.schema.json), before any use.

The keywords the schema uses are few (type, const, enum, properties, additionalProperties,
propertyNames/pattern, required, items, oneOf, minimum, maximum), so they are checked here rather
than by the jsonschema package: that one is a test dependency, and importing it would cost about half
the start-up time of `xxgk validate`.  tests/test_hostile_json.py checks that both agree, and that the
schema uses no other keyword.  A violation is reported where it is, as a JSON path, in both languages.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

KEYWORDS = frozenset({"type", "const", "enum", "properties", "additionalProperties", "propertyNames", "pattern",
                      "required", "items", "oneOf", "minimum", "maximum"})
ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "format"})  # say nothing about validity
_TYPES_ZH = {"object": "对象", "array": "数组", "string": "文本", "number": "数字", "integer": "整数",
             "boolean": "true/false", "null": "null"}


class Violation(Exception):
    """Where and what.  The path is written out only when asked for: the alternatives of a oneOf that
    do not apply are tried and fail by the hundred in a valid document."""

    def __init__(self, where, zh: str, en: str):
        super().__init__(where, zh, en)
        self._where = where
        self.zh, self.en = zh, en

    @property
    def path(self) -> str:
        return self._where if isinstance(self._where, str) else json_path(self._where)

    def __str__(self) -> str:
        return f"{self.path}: {self.en}"


def json_path(where) -> str:
    """A location kept as (parent, key) pairs while walking (cheap), written out only for a message."""
    keys = []
    while isinstance(where, tuple):
        where, key = where
        keys.append(key)
    out = where
    for key in reversed(keys):
        out = f"{out}[{key}]" if isinstance(key, int) else _key(out, key)
    return out


@lru_cache(maxsize=1)
def report_schema() -> dict:
    return json.loads((Path(__file__).resolve().parents[1] / "schema" / "report.schema.json").read_text(encoding="utf-8"))


_TYPE_OF = {type(None): "null", bool: "boolean", int: "integer", float: "number", Decimal: "number", str: "string",
            dict: "object", list: "array"}


def type_of(v) -> str:
    found = _TYPE_OF.get(type(v))
    if found is not None:
        return found
    return "number" if getattr(v, "json_number", False) else type(v).__name__  # report_json.JsonNumber


@lru_cache(maxsize=None)
def _accepts(types: tuple, actual: str) -> bool:
    return actual in types or (actual == "integer" and "number" in types)


def _key(path: str, k: str) -> str:
    return f"{path}.{k}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k) else f"{path}[{json.dumps(k, ensure_ascii=False)}]"


def _show(v) -> str:
    text = json.dumps(v, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:40] + "…"


_CHECKED = KEYWORDS - {"type"}
_SHAPES: dict[int, tuple[dict, tuple | None, bool]] = {}  # id(schema) -> (schema, its types, type is all it says)


def _shape(schema: dict) -> tuple[dict, tuple | None, bool]:
    if len(_SHAPES) > 4096:  # schemas made on the fly (tests): keep the memo small
        _SHAPES.clear()
    types = schema.get("type")
    types = None if types is None else (types,) if isinstance(types, str) else tuple(types)
    kept = _SHAPES[id(schema)] = (schema, types, not _CHECKED & schema.keys())
    return kept


def check(v, schema: dict, path="$") -> None:
    """Raise `Violation` at the first place where `v` does not follow `schema`."""
    kept = _SHAPES.get(id(schema))
    if kept is None or kept[0] is not schema:
        kept = _shape(schema)
    _, types, type_only = kept
    if types is not None:
        if not _accepts(types, type_of(v)):
            zh = " 或 ".join(_TYPES_ZH[t] for t in types)
            raise Violation(path, f"应为{zh}，而不是{_TYPES_ZH.get(type_of(v), type_of(v))}",
                            f"must be {' or '.join(types)}, not {type_of(v)}")
    if type_only:  # a leaf such as {"type": ["string", "null"]}: nothing else to look at
        return
    if "const" in schema and (v != schema["const"] or type_of(v) != type_of(schema["const"])):
        raise Violation(path, f"应为 {_show(schema['const'])}", f"must be {_show(schema['const'])}")
    if "enum" in schema and not any(v == e and type_of(v) == type_of(e) for e in schema["enum"]):
        options = "、".join(_show(e) for e in schema["enum"])
        raise Violation(path, f"应为以下之一：{options}（而不是 {_show(v)}）", f"must be one of {options} (not {_show(v)})")
    if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
        if "minimum" in schema and v < schema["minimum"]:
            raise Violation(path, f"应不小于 {schema['minimum']}", f"must be at least {schema['minimum']}")
        if "maximum" in schema and v > schema["maximum"]:
            raise Violation(path, f"应不大于 {schema['maximum']}", f"must be at most {schema['maximum']}")
    if "pattern" in schema and isinstance(v, str) and not _pattern(schema["pattern"]).search(v):
        raise Violation(path, f"格式不对（{_show(v)}）", f"is not in the expected form ({_show(v)})")
    if "oneOf" in schema:
        _one_of(v, schema["oneOf"], path)
    if isinstance(v, dict):
        _object(v, schema, path)
    elif isinstance(v, list) and "items" in schema:
        for i, item in enumerate(v):
            check(item, schema["items"], (path, i))


@lru_cache(maxsize=64)
def _pattern(text: str) -> re.Pattern:  # the schema's few patterns (re's own cache is looked up more slowly)
    return re.compile(text)


_BY_TYPE: dict[int, tuple[list, dict[str, list]]] = {}  # id(options) -> (options, type -> options of that type)


def _of_type(options: list, actual: str) -> list:
    kept = _BY_TYPE.get(id(options))
    if kept is None or kept[0] is not options:
        if len(_BY_TYPE) > 256:  # schemas made on the fly (tests): keep the memo small
            _BY_TYPE.clear()
        kept = _BY_TYPE[id(options)] = (options, {})
    typed = kept[1].get(actual)
    if typed is None:
        typed = kept[1][actual] = [o for o in options if _accepts(tuple(_types(o)), actual)]
    return typed


def _one_of(v, options: list, path) -> None:
    actual = type_of(v)
    typed = _of_type(options, actual)
    if len(typed) == 1:  # the usual case: the alternatives differ by type, so only one can apply
        check(v, typed[0], path)
        return
    errors = []
    for option in options:
        try:
            check(v, option, path)
        except Violation as e:
            errors.append(e)
    if len(errors) == len(options) - 1:
        return
    if not errors:  # pragma: no cover - the schema's alternatives exclude each other by type
        raise Violation(path, "同时符合多种写法", "matches more than one form")
    # the alternative of the right type explains best what is wrong inside it
    here = path if isinstance(path, str) else json_path(path)
    deeper = [e for e in errors if e.path != here]
    if deeper:
        raise deeper[0]
    kinds = "、".join(dict.fromkeys(_TYPES_ZH[t] for o in options for t in _types(o)))
    raise Violation(path, f"应为以下写法之一：{kinds}（而不是 {_show(v)}）",
                    f"must be one of: {', '.join(dict.fromkeys(t for o in options for t in _types(o)))} (not {_show(v)})")


def _types(schema: dict) -> list[str]:
    t = schema.get("type", [])
    return [t] if isinstance(t, str) else list(t)


def _object(v: dict, schema: dict, path) -> None:
    for name in schema.get("required", ()):
        if name not in v:
            raise Violation(path, f"缺少必需的字段 {name}", f"lacks the required field {name}")
    props = schema.get("properties", {})
    names = schema.get("propertyNames")
    extra = schema.get("additionalProperties", True)
    for k, item in v.items():
        if names is not None:
            try:
                check(k, names, (path, k))
            except Violation as e:
                hint = f"（{names['description']}）" if "description" in names else ""
                raise Violation(e.path, f"键 {_show(k)} 不合规定{hint}", f"the key {_show(k)} is not allowed here") from None
        if k in props:
            check(item, props[k], (path, k))
        elif extra is False:
            known = "、".join(props) or "无"
            raise Violation((path, k), f"是未知字段（此处可用：{known}）", f"is not a known field (allowed here: {', '.join(props)})")
        elif isinstance(extra, dict):
            check(item, extra, (path, k))


def schema_keywords(schema) -> set[str]:
    """Every keyword a schema uses, for the test that this module understands all of them."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for k, sub in schema.items():
            found.add(k)
            if k == "properties":
                for s in sub.values():
                    found |= schema_keywords(s)
            elif k in ("items", "additionalProperties", "propertyNames") and isinstance(sub, dict):
                found |= schema_keywords(sub)
            elif k == "oneOf":
                for s in sub:
                    found |= schema_keywords(s)
    return found

"""Per-run configuration: switch a rule off, change its severity or tolerance (TOML or JSON).

Example ``xxgk.toml``::

    [rules.A07]
    severity = "info"      # error | warning | info
    tolerance = 2          # for approximate rules
    [rules.N10]
    enabled = false
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .errors import input_error
from .findings import Severity
from .rules.catalogue import BY_ID


@dataclass
class RuleOverride:
    enabled: bool = True
    severity: Severity | None = None
    tolerance: Decimal | None = None


@dataclass
class Config:
    rules: dict[str, RuleOverride] = field(default_factory=dict)

    def enabled(self, rule_id: str) -> bool:
        o = self.rules.get(rule_id)
        return o.enabled if o else True

    def severity(self, rule_id: str) -> Severity:
        o = self.rules.get(rule_id)
        if o and o.severity:
            return o.severity
        return BY_ID[rule_id].severity if rule_id in BY_ID else Severity.WARNING

    def tolerance(self, rule_id: str) -> Decimal | None:
        o = self.rules.get(rule_id)
        return o.tolerance if o else None

    @classmethod
    def from_dict(cls, data: dict, source: str = "config") -> "Config":
        def bad(case, **params):
            return input_error(f"bad-config.{case}", path=source, **params)

        rules = data.get("rules", {}) if isinstance(data, dict) else None
        if not isinstance(rules, dict):
            raise bad("no-rules")
        out: dict[str, RuleOverride] = {}
        for rid, spec in rules.items():
            rid = str(rid).upper()
            if rid not in BY_ID:
                raise bad("unknown-rule", rule=rid)
            if not isinstance(spec, dict):
                raise bad("not-a-table", rule=rid)
            o = RuleOverride()
            if "enabled" in spec:
                o.enabled = bool(spec["enabled"])
            if "severity" in spec:
                try:
                    o.severity = Severity(str(spec["severity"]).lower())
                except ValueError:
                    raise bad("severity", rule=rid) from None
            if "tolerance" in spec:
                try:
                    o.tolerance = Decimal(str(spec["tolerance"]))
                except Exception:
                    raise bad("tolerance", rule=rid) from None
            out[rid] = o
        return cls(out)

    @classmethod
    def load(cls, path: str | Path | None) -> "Config":
        if path is None:
            return cls()
        from .io.files import read_text

        text = read_text(path)
        if str(path).lower().endswith(".json"):
            try:
                data = json.loads(text)
            except json.JSONDecodeError as e:
                raise input_error("config-syntax.json", path=path, code="unusable-input", detail=str(e)) from None
        else:
            try:
                import tomllib
            except ModuleNotFoundError:  # Python 3.10
                import tomli as tomllib  # type: ignore[no-redef]
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as e:
                raise input_error("config-syntax.toml", path=path, code="unusable-input", detail=str(e)) from None
        return cls.from_dict(data, str(path))

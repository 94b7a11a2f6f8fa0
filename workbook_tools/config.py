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

from .errors import InputError
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
        def bad(zh, en):
            return InputError(f"配置文件有误：{zh}", f"invalid configuration: {en}", path=source, code="bad-config")

        rules = data.get("rules", {}) if isinstance(data, dict) else None
        if not isinstance(rules, dict):
            raise bad("应有 [rules.规则编号] 小节", "expected [rules.RULE] tables")
        out: dict[str, RuleOverride] = {}
        for rid, spec in rules.items():
            rid = str(rid).upper()
            if rid not in BY_ID:
                raise bad(f"未知规则 {rid}", f"unknown rule {rid}")
            if not isinstance(spec, dict):
                raise bad(f"{rid} 的设置应为表", f"settings of {rid} must be a table")
            o = RuleOverride()
            if "enabled" in spec:
                o.enabled = bool(spec["enabled"])
            if "severity" in spec:
                try:
                    o.severity = Severity(str(spec["severity"]).lower())
                except ValueError:
                    raise bad(f"{rid} 的 severity 应为 error、warning 或 info", f"severity of {rid} must be error, warning or info") from None
            if "tolerance" in spec:
                try:
                    o.tolerance = Decimal(str(spec["tolerance"]))
                except Exception:
                    raise bad(f"{rid} 的 tolerance 应为数字", f"tolerance of {rid} must be a number") from None
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
                raise InputError(f"配置文件不是有效的 JSON：{e}", f"configuration is not valid JSON: {e}", path=str(path)) from None
        else:
            try:
                import tomllib
            except ModuleNotFoundError:  # Python 3.10
                import tomli as tomllib  # type: ignore[no-redef]
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as e:
                raise InputError(f"配置文件不是有效的 TOML：{e}", f"configuration is not valid TOML: {e}", path=str(path)) from None
        return cls.from_dict(data, str(path))

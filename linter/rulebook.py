"""Rule metadata (code, slug, default severity, explanation, fix) loaded from data files.

Every finding that does not come from a checklist item has a rule defined in
``linter/rules/*.yaml``. Analyzers call :func:`finding` with the code; the rulebook
stamps the slug, the default severity and the checklist items the rule bears on, so
detection code never repeats that metadata (the engine-stamps-identity idea from yamllint).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from linter.model import Finding, Location, Severity

RULE_FIELDS_REQUIRED = ("code", "name", "severity", "summary", "explanation", "fix")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    fix: str
    family: str = ""
    example_bad: str = ""
    example_good: str = ""
    items: tuple[str, ...] = ()
    source: str = ""


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """All rules, by code. Raises on duplicate codes or names (a packaging bug, not user input)."""
    out: dict[str, Rule] = {}
    names: set[str] = set()
    pkg = resources.files("linter") / "rules"
    for entry in sorted(pkg.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        for raw in data.get("rules", []):
            rule = _parse(raw, entry.name)
            if rule.code in out or rule.name in names:
                raise RuntimeError(f"linter/rules/{entry.name}: duplicate rule {rule.code} {rule.name}")
            out[rule.code] = rule
            names.add(rule.name)
    return out


def _parse(raw: dict[str, Any], filename: str) -> Rule:
    missing = [k for k in RULE_FIELDS_REQUIRED if not raw.get(k)]
    if missing:
        raise RuntimeError(f"linter/rules/{filename}: rule {raw.get('code')!r} lacks {', '.join(missing)}")
    example = raw.get("example") or {}
    return Rule(
        code=str(raw["code"]),
        name=str(raw["name"]),
        severity=Severity.parse(raw["severity"]),
        summary=str(raw["summary"]).strip(),
        explanation=str(raw["explanation"]).strip(),
        fix=str(raw["fix"]).strip(),
        family=str(raw.get("family", "")),
        example_bad=str(example.get("bad", "")).rstrip(),
        example_good=str(example.get("good", "")).rstrip(),
        items=tuple(raw.get("items", ())),
        source=str(raw.get("source", "")),
    )


def get(code: str) -> Rule:
    try:
        return rules()[code]
    except KeyError:
        raise KeyError(f"no rule {code!r} in linter/rules/*.yaml") from None


def by_name_or_code(key: str) -> Rule | None:
    table = rules()
    if key in table:
        return table[key]
    for r in table.values():
        if r.name == key:
            return r
    return None


def finding(
    code: str,
    message: str,
    path: str,
    line: int | None = None,
    column: int | None = None,
    *,
    severity: Severity | None = None,
    confidence: float = 1.0,
    fix: str | None = None,
    related: tuple[Location, ...] = (),
    **data: Any,
) -> Finding:
    """Build a finding for rule ``code``; name, default severity, items and fix come from the rulebook."""
    rule = get(code)
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=severity or rule.severity,
        message=message,
        location=Location(path, line, column),
        items=rule.items,
        confidence=confidence,
        fix=rule.fix if fix is None else fix,
        related=related,
        data=data,
    )

"""``guidelint explain CODE|ITEM`` and ``guidelint rules``: what a rule or item asks and why.

A key is a rule code (``RND101``, any case), a rule slug (``unseeded-randomness``), a checklist
item reference (``tripod-ai.18e``) or a bare item id (``18e``: every checklist item with that id
is explained). Item text comes from the checklist loader (:mod:`linter.checklist`), rule text
from ``linter/rules/*.yaml``. An unknown key raises :class:`KeyError` whose message names close
matches, for the CLI to print as is.
"""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from linter import rulebook
from linter.errors import InputError
from linter.report.common import source_text

WIDTH = 88


@dataclass(frozen=True)
class RuleSummary:
    """One line of ``guidelint rules``."""

    code: str
    name: str
    severity: str
    family: str
    summary: str
    kind: str = "code"  # code | item


def _checklist_module():
    try:
        from linter import checklist
    except ImportError:
        return None
    return checklist


def _describe(ref: str) -> dict[str, Any] | None:
    mod = _checklist_module()
    describe = getattr(mod, "describe_rule", None) if mod else None
    if describe is None:
        return None
    try:
        found = describe(ref)
    except (KeyError, LookupError, ValueError):
        return None
    return dict(found) if isinstance(found, Mapping) else None


def _item_refs() -> list[str]:
    """Every ``<checklist>.<item>`` of the latest version of each bundled checklist."""
    mod = _checklist_module()
    if mod is None:
        return []
    lister = getattr(mod, "item_refs", None)
    if callable(lister):
        return sorted(str(r) for r in lister())
    available, load = getattr(mod, "available", None), getattr(mod, "load", None)
    if not (callable(available) and callable(load)):
        return []
    latest = {cid: version for cid, version, _path in available()}  # sorted by version: last wins
    refs: list[str] = []
    for cid, version in latest.items():
        try:
            refs += [item.ref for item in load(f"{cid}@{version}").all_items()]
        except InputError:  # a broken bundled checklist is reported by its own tests
            continue
    return sorted(set(refs))


def _bare_matches(key: str) -> list[str]:
    """Refs of the items whose id (or alias) is ``key``, one per checklist."""
    mod = _checklist_module()
    finder = getattr(mod, "find_items", None) if mod else None
    if callable(finder):
        found = {item.checklist: item.ref for item in finder(key)}
        return sorted(found.values())
    return [ref for ref in _item_refs() if ref.partition(".")[2].lower() == key.lower()]


def _block(heading: str, text: str, indent: str = "  ") -> list[str]:
    if not text.strip():
        return []
    body = [textwrap.fill(p, WIDTH, initial_indent=indent, subsequent_indent=indent)
            for p in text.strip().split("\n\n")]
    return [f"{heading}:", *body, ""]


def _example(heading: str, code: str) -> list[str]:
    return [f"{heading}:", textwrap.indent(code, "    "), ""] if code.strip() else []


def explain_rule(rule: rulebook.Rule) -> str:
    lines = [f"{rule.code} {rule.name} ({rule.severity.value}; family {rule.family or 'core'})",
             "", textwrap.fill(rule.summary, WIDTH), ""]
    lines += _block("Why it matters", rule.explanation)
    lines += _block("How to fix", rule.fix)
    lines += _example("Example (problem)", rule.example_bad)
    lines += _example("Example (better)", rule.example_good)
    if rule.items:
        lines += [f"Checklist items: {', '.join(rule.items)}", ""]
    if rule.source:
        lines += [f"Source: {rule.source}", ""]
    return "\n".join(lines).rstrip() + "\n"


def explain_item(ref: str, desc: Mapping[str, Any]) -> str:
    checklist = str(desc.get("checklist") or ref.partition(".")[0])
    version = desc.get("version")
    title = str(desc.get("title") or "")
    head = f"{ref} {title}".strip()
    lines = [head]
    where = f"Checklist: {checklist}" + (f"@{version}" if version and "@" not in checklist else "")
    if desc.get("checklist_title"):
        where += f" ({desc['checklist_title']})"
    if desc.get("section"):
        where += f", section {desc['section']}"
    lines.append(where)
    if desc.get("severity"):
        lines.append(f"Severity when missing: {desc['severity']}")
    lines.append("")
    lines += _block("What it asks", str(desc.get("requirement") or ""))
    lines += _block("Why it matters", str(desc.get("why") or ""))
    lines += _block("How to report it", str(desc.get("fix") or ""))
    if desc.get("conditional"):
        lines += _block("When it may not apply", str(desc["conditional"]))
    src = source_text(desc.get("source"))
    if src:
        lines += [f"Source: {src}", "(The requirement above is paraphrased; read the guideline for its wording.)", ""]
    return "\n".join(lines).rstrip() + "\n"


def _find_rule(key: str) -> rulebook.Rule | None:
    table = rulebook.rules()
    found = rulebook.by_name_or_code(key) or table.get(key.upper())
    if found is None:
        lowered = key.lower()
        found = next((r for r in table.values() if r.name == lowered), None)
    return found


def explain(key: str) -> str:
    """Explanation text for a rule code, slug, item reference or bare item id (see module doc)."""
    key = key.strip()
    rule = _find_rule(key)
    if rule is not None:
        return explain_rule(rule)
    if "." in key:
        desc = _describe(key) or _describe(key.lower())
        if desc is not None:
            return explain_item(key, desc)
    matches = _bare_matches(key)
    described = [(ref, d) for ref in matches if (d := _describe(ref)) is not None]
    if len(described) == 1:
        return explain_item(*described[0])
    if described:
        head = f"'{key}' is an item in {len(described)} checklists: {', '.join(r for r, _ in described)}\n"
        return head + "\n" + "\n".join(explain_item(r, d) for r, d in described)
    raise KeyError(_unknown_message(key))


def _unknown_message(key: str) -> str:
    table = rulebook.rules()
    candidates = list(table) + [r.name for r in table.values()] + _item_refs()
    close = difflib.get_close_matches(key, candidates, n=5, cutoff=0.6)
    close += [c for c in difflib.get_close_matches(key.upper(), candidates, n=3, cutoff=0.6) if c not in close]
    hint = f"; did you mean {', '.join(close)}?" if close else "; `guidelint rules` lists the rules"
    return f"unknown rule or item '{key}'{hint}"


def list_rules(include_items: bool = False) -> list[RuleSummary]:
    """Every code rule (and, with ``include_items``, every checklist item), sorted by code."""
    out = [
        RuleSummary(r.code, r.name, r.severity.value, r.family or "core", r.summary)
        for r in sorted(rulebook.rules().values(), key=lambda r: r.code)
    ]
    if include_items:
        for ref in _item_refs():
            desc = _describe(ref) or {}
            out.append(RuleSummary(
                code=ref,
                name=str(desc.get("title") or ""),
                severity=str(desc.get("severity") or ""),
                family=str(desc.get("checklist") or ref.partition(".")[0]),
                summary=" ".join(str(desc.get("requirement") or "").split()),
                kind="item",
            ))
    return out

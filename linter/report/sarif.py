"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer, ...).

One result per finding, in the report's order. Suppressed findings are kept as results
with a ``suppressions`` entry (``inSource`` for comments and metadata waivers,
``external`` for a baseline), so viewers hide them but an audit still sees them.
Each rule that produced a result appears once in ``tool.driver.rules`` with its short and
full description, help text (plain and Markdown), default level and tags (family and
checklist items). ``partialFingerprints["guidelint/v1"]`` is the finding's line-independent
fingerprint so a finding is tracked across runs.

Paths are written relative to ``%SRCROOT%``; a finding without a line gets no region.
Options (``RenderOptions.extra``): ``srcroot`` — an absolute directory written as the
``%SRCROOT%`` base (omitted by default, so the file does not depend on the machine).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from linter.model import Finding, Location, Report, Severity
from linter.report.common import RuleInfo, rule_info

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "guidelint/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, options: Any) -> str:
    extra = getattr(options, "extra", {}) or {}
    return json.dumps(to_sarif(report, extra.get("srcroot")), indent=2, ensure_ascii=False) + "\n"


def to_sarif(report: Report, srcroot: str | None = None) -> dict[str, Any]:
    """The SARIF log as a plain dict (see module docstring)."""
    infos: dict[str, RuleInfo] = {}
    for f in report.findings:
        if f.rule not in infos:
            infos[f.rule] = rule_info(f.rule, finding=f, item=_item_for(report, f.rule))
    rule_ids = sorted(infos)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    with_baseline = any(f.suppressed == "baseline" for f in report.findings)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "guidelint",
            "version": report.tool_version,
            "semanticVersion": report.tool_version,
            "rules": [_rule(infos[rid]) for rid in rule_ids],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule], with_baseline) for f in report.findings],
        "invocations": [_invocation(report)],
        "properties": {"checklists": [_checklist_prop(c) for c in report.checklists]},
    }
    if srcroot:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(srcroot).resolve().as_uri() + "/"}}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _item_for(report: Report, rule_id: str):
    for it in report.items:
        if it.ref == rule_id:
            return it
    return None


def _rule(info: RuleInfo) -> dict[str, Any]:
    full = info.explanation or info.summary
    rule: dict[str, Any] = {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": full},
        "help": {"text": _help_text(info), "markdown": _help_markdown(info)},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "properties": {"tags": _tags(info)},
    }
    return rule


def _tags(info: RuleInfo) -> list[str]:
    tags = ["reproducibility"]
    for tag in (info.family, *info.items):
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _help_text(info: RuleInfo) -> str:
    parts = [info.summary]
    if info.explanation:
        parts.append(f"Why: {info.explanation}")
    if info.fix:
        parts.append(f"Fix: {info.fix}")
    if info.source:
        parts.append(f"Source: {info.source}")
    return "\n\n".join(parts)


def _help_markdown(info: RuleInfo) -> str:
    parts = [f"**{info.id} {info.name}**: {info.summary}"]
    if info.explanation:
        parts.append(f"**Why it matters.** {info.explanation}")
    if info.fix:
        parts.append(f"**How to fix.** {info.fix}")
    if info.example_bad:
        parts.append("Problem:\n\n```\n" + info.example_bad + "\n```")
    if info.example_good:
        parts.append("Better:\n\n```\n" + info.example_good + "\n```")
    if info.source:
        parts.append(f"Source: {info.source}")
    return "\n\n".join(parts)


def artifact_uri(path: str) -> dict[str, str]:
    """``{"uri": ..., "uriBaseId": "%SRCROOT%"}`` for a relative path; a file URI for an absolute one."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return {"uri": Path(posix).as_uri()}
    return {"uri": quote(posix, safe="/-._~"), "uriBaseId": SRCROOT}


def _physical(loc: Location) -> dict[str, Any]:
    phys: dict[str, Any] = {"artifactLocation": artifact_uri(loc.path)}
    if loc.line is not None and loc.line >= 1:
        region: dict[str, int] = {"startLine": loc.line}
        if loc.column is not None and loc.column >= 1:
            region["startColumn"] = loc.column
        if loc.end_line is not None and loc.end_line >= loc.line:
            region["endLine"] = loc.end_line
        phys["region"] = region
    return phys


def _result(f: Finding, rule_index: int, with_baseline: bool) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": _physical(f.location)}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    }
    if f.related:
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(loc), "message": {"text": "related"}}
            for i, loc in enumerate(f.related, start=1)
        ]
    if f.suppressed is not None:
        kind = "external" if f.suppressed == "baseline" else "inSource"
        result["suppressions"] = [{"kind": kind, "status": "accepted", "justification": f.suppressed}]
    if with_baseline:
        result["baselineState"] = "unchanged" if f.suppressed == "baseline" else "new"
    props: dict[str, Any] = {"items": list(f.items), "confidence": f.confidence}
    if f.fix:
        props["fix"] = f.fix
    result["properties"] = props
    return result


def _invocation(report: Report) -> dict[str, Any]:
    inv: dict[str, Any] = {"executionSuccessful": True}
    if report.errors:
        inv["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": str(err)}} for err in report.errors
        ]
    return inv


def _checklist_prop(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: meta[k] for k in ("id", "version", "title") if k in meta}

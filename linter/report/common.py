"""Helpers shared by the formatters: rule metadata, status labels, grouping, excerpts.

Nothing here checks anything or touches the file system; it only reshapes a
:class:`~linter.model.Report` for rendering.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from linter.model import Evidence, Finding, ItemResult, Report, Severity, Status

STATUS_LABELS: dict[Status, str] = {
    Status.REPORTED: "✓ reported",
    Status.PARTIAL: "◐ partial",
    Status.MISSING: "✗ missing",
    Status.NOT_APPLICABLE: "n/a",
    Status.MANUAL: "manual",
}

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
CODE_GROUP = "code"  # pseudo-checklist for findings that bear on no checklist item


@dataclass(frozen=True)
class RuleInfo:
    """Everything a formatter may show about one rule id (code rule or checklist item)."""

    id: str
    name: str
    kind: str  # "code" | "item"
    severity: Severity
    summary: str
    explanation: str = ""
    fix: str = ""
    family: str = ""
    items: tuple[str, ...] = ()
    source: str = ""
    example_bad: str = ""
    example_good: str = ""


def _describe_item(rule_id: str) -> dict[str, Any] | None:
    """Ask the checklist loader about ``<checklist>.<item>``; None when it cannot say."""
    try:
        from linter import checklist  # the lead's loader; optional until it exists
    except ImportError:
        return None
    describe = getattr(checklist, "describe_rule", None)
    if describe is None:
        return None
    try:
        found = describe(rule_id)
    except (KeyError, LookupError, ValueError):
        return None
    return found if isinstance(found, Mapping) else None


def source_text(source: Any) -> str:
    """A checklist source (string, or mapping with citation/doi/url) as one line."""
    if not source:
        return ""
    if isinstance(source, Mapping):
        parts = [str(source.get("citation") or "").strip()]
        if source.get("doi"):
            parts.append(f"https://doi.org/{source['doi']}")
        elif source.get("url"):
            parts.append(str(source["url"]))
        return ". ".join(p for p in parts if p)
    text = str(source).strip()
    return f"https://doi.org/{text}" if re.match(r"^10\.\S+/\S+$", text) else text


def rule_info(rule_id: str, finding: Finding | None = None, item: ItemResult | None = None) -> RuleInfo:
    """Metadata for ``rule_id``: the rulebook for codes, the checklist loader for items.

    Falls back to what the finding or item result itself carries, so rendering never
    fails because metadata is unavailable.
    """
    from linter import rulebook

    rule = rulebook.rules().get(rule_id)
    if rule is not None:
        return RuleInfo(
            id=rule.code, name=rule.name, kind="code", severity=rule.severity, summary=rule.summary,
            explanation=rule.explanation, fix=rule.fix, family=rule.family or "code", items=rule.items,
            source=rule.source, example_bad=rule.example_bad, example_good=rule.example_good,
        )
    desc = _describe_item(rule_id) or {}
    checklist_id, _, item_id = rule_id.partition(".")
    title = str(desc.get("title") or (item.title if item else "") or (finding.name if finding else rule_id))
    severity = item.severity if item else (finding.severity if finding else Severity.WARNING)
    summary = str(desc.get("requirement") or title)
    return RuleInfo(
        id=rule_id,
        name=finding.name if finding and finding.name else slug(title),
        kind="item" if item_id else "code",
        severity=severity,
        summary=summary,
        explanation=str(desc.get("why") or ""),
        fix=str(desc.get("fix") or (finding.fix if finding else "")),
        family=checklist_id if item_id else "code",
        items=(rule_id,) if item_id else tuple(finding.items if finding else ()),
        source=source_text(desc.get("source")),
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


def one_line(text: str, width: int = 0) -> str:
    """Collapse whitespace; with ``width`` > 0, cut to that many characters with an ellipsis."""
    flat = " ".join(str(text).split())
    if width and len(flat) > width:
        return flat[: max(1, width - 1)].rstrip() + "…"
    return flat


def finding_groups(finding: Finding) -> tuple[str, ...]:
    """The checklists a finding bears on (from its rule id and items), or ``("code",)``."""
    groups: list[str] = []
    refs = list(finding.items)
    if "." in finding.rule:
        refs.insert(0, finding.rule)
    for ref in refs:
        name = ref.partition(".")[0]
        if name and name not in groups:
            groups.append(name)
    return tuple(groups) or (CODE_GROUP,)


def checklist_meta(report: Report, checklist: str, version: str) -> dict[str, Any]:
    for meta in report.checklists:
        if meta.get("id") == checklist and str(meta.get("version", version)) == version:
            return meta
    return {}


def grouped_items(report: Report) -> list[tuple[str, str, list[tuple[str, list[ItemResult]]]]]:
    """Items as ``[(checklist, version, [(section, [items...]), ...]), ...]`` in checklist order.

    Sections follow the checklist's declared ``sections`` order when the report carries it,
    otherwise the order in which they first appear.
    """
    order: list[tuple[str, str]] = []
    by_list: dict[tuple[str, str], dict[str, list[ItemResult]]] = {}
    for it in report.items:
        key = (it.checklist, it.version)
        if key not in by_list:
            order.append(key)
            by_list[key] = {}
        by_list[key].setdefault(it.section or "Other", []).append(it)
    out = []
    for key in order:
        sections = by_list[key]
        declared = [s for s in checklist_meta(report, *key).get("sections") or [] if s in sections]
        names = declared + [s for s in sections if s not in declared]
        out.append((key[0], key[1], [(s, sections[s]) for s in names]))
    return out


def status_counts(items: Sequence[ItemResult]) -> dict[Status, int]:
    counts = {s: 0 for s in Status}
    for it in items:
        counts[it.status] += 1
    return counts


SectionLookup = Callable[[str, int], "str | None"]


def section_lookup(documents: Any) -> SectionLookup:
    """Build ``(path, line) -> "A › B"`` from ``{path: Document}`` (anything with ``section_at``)."""
    docs = documents if isinstance(documents, Mapping) else {}

    def lookup(path: str, line: int) -> str | None:
        doc = docs.get(path)
        sec = doc.section_at(line) if doc is not None and hasattr(doc, "section_at") else None
        if sec is None:
            return None
        path = tuple(sec.path)
        if len(path) > 1 and path[0] == getattr(doc, "title", None):
            path = path[1:]  # the paper's title heading adds nothing to "where"
        return " › ".join(path)

    return lookup


def where(ev: Evidence, lookup: SectionLookup | None = None) -> str:
    """``Methods › Data availability (paper.md:57)``; the heading path comes from the evidence
    (an optional ``section`` attribute) or from ``lookup``; else just ``paper.md:57``."""
    loc = ev.location
    section = getattr(ev, "section", None)
    if isinstance(section, (tuple, list)):
        section = " › ".join(str(s) for s in section)
    if not section and lookup is not None and loc.line is not None:
        section = lookup(loc.path, loc.line)
    place = str(loc)
    return f"{section} ({place})" if section else place


def item_note(it: ItemResult) -> str:
    """The author's note, the not-applicable reason, or the engine's note, in that order."""
    parts = []
    if it.waiver:
        parts.append(f"n/a: {it.waiver}")
    if it.author_note:
        parts.append(it.author_note)
    if it.note and not it.waiver:
        parts.append(it.note)
    return " — ".join(one_line(p) for p in parts if p.strip())


def study_name(report: Report, options_extra: Mapping[str, Any]) -> str:
    """The study's display name: an explicit option, the inputs' title, or the manuscript name."""
    for value in (options_extra.get("study"), report.inputs.get("title"), report.inputs.get("study")):
        if value:
            return str(value)
    for key in ("manuscript", "metadata", "repo"):
        if report.inputs.get(key):
            return str(report.inputs[key])
    return "study"


def checklist_title(report: Report, checklist: str, version: str) -> str:
    meta = checklist_meta(report, checklist, version)
    title = meta.get("title") or checklist
    return f"{title} ({checklist}@{version})"

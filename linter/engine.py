"""The engine: evaluate checklist items against the parsed inputs and produce a Report.

Checks only detect; the engine decides item status, stamps identity and severity on findings,
applies waivers, suppressions and configuration, and keeps waived/suppressed things visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from linter import __version__
from linter.checklist import Checklist, Group, Item, Use
from linter.checks import CHECKS, Context, Result
from linter.model import Finding, ItemResult, Location, Report, Severity, Status
from linter.rulebook import finding as rule_finding
from linter.suppress import Directive, parse_directives, selector_matches

_ANY_RANK = {Status.REPORTED: 3, Status.PARTIAL: 2, Status.MANUAL: 1, Status.MISSING: 0, Status.NOT_APPLICABLE: 4}
_DOWNGRADE = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO, Severity.INFO: Severity.INFO}


@dataclass
class Options:
    severity: dict[str, str] = field(default_factory=dict)  # selector -> severity override
    ignore: list[str] = field(default_factory=list)  # selectors
    no_waivers: bool = False
    study_type: str | None = None


def evaluate(ctx: Context, checklists: list[Checklist], options: Options | None = None,
             inputs: dict[str, str | None] | None = None) -> Report:
    options = options or Options()
    directives, problems = parse_directives(ctx.doc)
    study_type = options.study_type or _study_type(ctx.metadata)
    repo_findings = list(ctx.repo.findings) if ctx.repo else []
    _apply_config(repo_findings, options)
    ctx.repo_findings = [f for f in repo_findings if f.suppressed is None]
    items: list[ItemResult] = []
    findings: list[Finding] = []
    for checklist in checklists:
        for item in checklist.all_items():
            result = _evaluate_item(ctx, item, directives, options, study_type)
            items.append(result)
            f = _item_finding(ctx, item, result)
            if f is not None:
                findings.append(f)
    findings.extend(_cross_findings(ctx))
    path = ctx.doc.path if ctx.doc else (ctx.metadata_path or "")
    for line, problem in problems:
        findings.append(rule_finding("GL003", problem, path, line))
    _apply_config(findings, options)
    findings.extend(repo_findings)
    _apply_directives(findings, directives, path)
    findings.sort(key=Finding.sort_key)
    return Report(
        tool_version=__version__,
        inputs=inputs or {},
        checklists=[c.describe() for c in checklists],
        items=items,
        findings=findings,
        errors=list(ctx.repo.skipped) if ctx.repo else [],
    )


def _cross_findings(ctx: Context) -> list[Finding]:
    """Manuscript ↔ code comparisons, when a repository and a manuscript or metadata are present."""
    if ctx.repo is None or (ctx.doc is None and not ctx.metadata):
        return []
    try:
        from linter.cross import cross_check
    except ImportError:  # the cross-check module is optional while it is being built
        return []
    return list(cross_check(ctx))


def _study_type(metadata: dict[str, Any]) -> str | None:
    study = metadata.get("study") if isinstance(metadata, dict) else None
    if isinstance(study, dict) and isinstance(study.get("type"), str):
        return study["type"]
    return None


def _applies(item: Item, study_type: str | None) -> str | None:
    """None if the item applies; otherwise the reason it does not."""
    if not item.applies_to or not study_type or "any" in item.applies_to:
        return None
    kinds = set(study_type.split("+"))
    if kinds & set(item.applies_to):
        return None
    return f"applies to {' and '.join(item.applies_to)} studies; this is a {study_type} study (study.type)"


def _waiver(ctx: Context, item: Item, directives: list[Directive]) -> str | None:
    waivers = ctx.metadata.get("not_applicable") if isinstance(ctx.metadata, dict) else None
    if isinstance(waivers, dict):
        for key in (item.ref, item.id, *item.aliases, *(f"{item.checklist}.{a}" for a in item.aliases)):
            reason = waivers.get(key)
            if isinstance(reason, str) and reason.strip():
                return f"{reason.strip()} (metadata not_applicable)"
    for d in directives:
        if d.verb == "not-applicable" and any(selector_matches(c, item.ref, "", ()) or c in item.aliases for c in d.codes):
            d.used = True
            return f"{d.reason} (manuscript comment, line {d.line})"
    return None


def _evaluate_item(ctx: Context, item: Item, directives: list[Directive], options: Options,
                   study_type: str | None) -> ItemResult:
    severity = _override(item.ref, "", item.severity, options)
    res = ItemResult(item.checklist, item.version, item.id, item.title, item.section, severity, Status.MANUAL,
                     applies_to=item.applies_to)
    notes = ctx.metadata.get("notes") if isinstance(ctx.metadata, dict) else None
    if isinstance(notes, dict):
        res.author_note = str(notes.get(item.ref) or notes.get(item.id) or "")
    reason = _applies(item, study_type)
    waiver = _waiver(ctx, item, directives)
    if reason:
        res.status, res.waiver = Status.NOT_APPLICABLE, reason
        return res
    if waiver and not options.no_waivers:
        res.status, res.waiver = Status.NOT_APPLICABLE, waiver
        return res
    if item.evidence is None:
        res.note = "no automatic evidence exists for this item: check it by hand"
        return res
    outcome = _group(ctx, item.evidence)
    if outcome is None:
        needs_repo = any(u.check.startswith("repo.") for u in _uses(item.evidence))
        res.note = "needs a code repository (--repo) to check" if needs_repo else "no input to check this item against"
        return res
    res.status, res.evidence, res.note = outcome.status, outcome.evidence, outcome.note
    if waiver and options.no_waivers:
        res.note = (res.note + "; " if res.note else "") + f"waiver ignored (--no-waivers): {waiver}"
    return res


def _uses(group: Group):
    for t in group.terms:
        if isinstance(t, Use):
            yield t
        else:
            yield from _uses(t)


def _group(ctx: Context, group: Group) -> Result | None:
    results: list[tuple[Use | Group, Result]] = []
    for term in group.terms:
        r = _run(ctx, term) if isinstance(term, Use) else _group(ctx, term)
        if r is not None:
            results.append((term, r))
    if not results:
        return None
    if group.mode == "any":
        # A detector's "may not apply here" (manual) outranks another check merely finding nothing.
        best = max((r for _t, r in results), key=lambda r: _ANY_RANK[r.status])
        evidence = [e for _t, r in results if r.status is best.status for e in r.evidence][:4]
        return Result(best.status, evidence, best.note)
    # In an all-group, repository checks only support a manuscript statement: code that sets a seed
    # does not mean the paper states one. They can lower "reported" to "partial", never raise "missing".
    primary = [r for t, r in results if not _supporting(t, group)]
    support = [r for t, r in results if _supporting(t, group)]
    judged = primary or support
    worst = min(judged, key=lambda r: r.status.rank)
    status = worst.status
    if status is Status.MISSING and any(r.status in (Status.REPORTED, Status.PARTIAL) for r in judged):
        status = Status.PARTIAL  # some parts reported, others not: partly reported, not missing
    if primary and status is Status.REPORTED and any(r.status in (Status.PARTIAL, Status.MISSING) for r in support):
        status = Status.PARTIAL
    evidence = [e for _t, r in results for e in r.evidence][:4]
    notes = "; ".join(r.note for _t, r in results if r.note and r.status is not Status.REPORTED)
    return Result(status, evidence, notes)


def _supporting(term: "Use | Group", group: Group) -> bool:
    """A repository check inside an all-group that also has manuscript or metadata evidence."""
    has_other = any(not (isinstance(t, Use) and t.check.startswith("repo.")) for t in group.terms)
    return isinstance(term, Use) and term.check.startswith("repo.") and has_other


def _run(ctx: Context, use: Use) -> Result | None:
    key = _run_key(use)
    if key in ctx.cache:
        return ctx.cache[key]
    result = CHECKS[use.check].func(ctx, use.params)
    ctx.cache[key] = result
    return result


_RUN_KEYS: dict[int, tuple[Use, tuple[str, str, str]]] = {}  # id(use) -> (use, its cache key): checklists are cached


def _run_key(use: Use) -> tuple[str, str, str]:
    """The result-cache key of a check use (its parameters' repr, computed once per use: checklists
    are loaded once and their uses evaluated for every manuscript)."""
    memo = _RUN_KEYS.get(id(use))
    if memo is None or memo[0] is not use:  # the use is kept in the memo, so its id is not reused meanwhile
        if len(_RUN_KEYS) >= 100_000:
            _RUN_KEYS.clear()
        memo = _RUN_KEYS[id(use)] = (use, ("check", use.check, repr(sorted(use.params.items()))))
    return memo[1]


def _item_finding(ctx: Context, item: Item, res: ItemResult) -> Finding | None:
    if res.status not in (Status.MISSING, Status.PARTIAL):
        return None
    path = ctx.doc.path if ctx.doc else (ctx.metadata_path or "")
    label = f"{item.checklist} {item.id} ({item.title})"
    if res.status is Status.MISSING:
        severity = res.severity
        message = f"{label} not reported: {item.requirement}"
        loc = Location(path)
        confidence = 0.8
    else:
        severity = _DOWNGRADE[res.severity]
        message = f"{label} only partly reported: {res.note or 'incomplete'}"
        first = res.evidence[0].location if res.evidence else Location(path)
        loc = first if first.path == path else Location(path)
        confidence = 0.6
    return Finding(
        rule=item.ref,
        name=item.slug,
        severity=severity,
        message=message,
        location=loc,
        items=(f"{item.checklist}@{item.version}:{item.id}",),
        confidence=confidence,
        fix=item.fix or f"Report this item: {item.requirement}",
        data={"status": res.status.value, "fingerprint_key": f"{item.ref}|{res.status.value}"},
    )


def _override(rule: str, name: str, default: Severity, options: Options, items: tuple[str, ...] = ()) -> Severity:
    for selector, sev in options.severity.items():
        if selector_matches(selector, rule, name, items):
            return Severity.parse(sev)
    return default


def _apply_config(findings: list[Finding], options: Options) -> None:
    for f in findings:
        if not f.rule.count("."):  # item findings got their severity from the item already
            f.severity = _override(f.rule, f.name, f.severity, options)
        for selector in options.ignore:
            if f.suppressed is None and selector_matches(selector, f.rule, f.name):
                f.suppressed = f"ignored in configuration ({selector})"


def _apply_directives(findings: list[Finding], directives: list[Directive], path: str) -> None:
    for d in directives:
        if d.verb != "ignore":
            continue
        for f in findings:
            if f.suppressed is None and any(selector_matches(c, f.rule, f.name) for c in d.codes):
                f.suppressed = f"manuscript comment line {d.line}" + (f": {d.reason}" if d.reason else "")
                d.used = True
    for d in directives:
        if not d.used:
            findings.append(rule_finding("GL001", f"suppression names {', '.join(d.codes)} but nothing matched",
                                         path, d.line))

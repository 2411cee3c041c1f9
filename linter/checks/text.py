"""Manuscript text checks: shared statement detectors, inline patterns, section presence."""

from __future__ import annotations

import bisect
import re
from typing import Any

from linter.checks import Context, Result, check
from linter.manuscript.document import Document
from linter.model import Evidence, Location, Status
from linter.statements import StatementDB, StatementSpec, compile_spec, load_statements
from linter.textscan import best_status, excerpt, find_statement, to_evidence, units

MIN_UNITS_FOR_APPLICABILITY = 15
MAX_INLINE_SPECS = 1024
_INLINE_SPECS: dict[str, StatementSpec] = {}  # text.pattern parameters -> compiled detector, for the process
_SECTIONS = {"type": "array", "items": {"type": "string"}}
_PATTERNS = {"type": "array", "items": {"type": "string"}, "minItems": 1}


@check("text.statement", {
    "required": ["statement"],
    "properties": {"statement": {"type": "string"}, "sections": _SECTIONS},
})
def statement(ctx: Context, params: dict[str, Any]) -> Result | None:
    """A shared statement detector (checklists/statements) finds the item in the manuscript text.

    Reported when a sentence in the right sections states it (not negated, not only hypothetical);
    partial for weak forms ("available on request") or a mention without specifics.
    """
    if ctx.doc is None:
        return None
    db = load_statements()
    name = params["statement"]
    spec = db.statements.get(name)
    if spec is None:
        raise KeyError(f"unknown statement detector {name!r}")
    sections = tuple(params["sections"]) if params.get("sections") else None
    hits = find_statement(ctx.doc, spec, db, sections)
    status = best_status(hits)
    note = ""
    if status is Status.PARTIAL:
        note = next((h.note for h in hits if h.note), "")
    elif status is Status.MANUAL:
        # The detector thinks the item may not apply (e.g. no model is described). A near-empty
        # text gives no grounds for that conclusion: there, the item is simply missing.
        if len(units(ctx.doc, db)) < MIN_UNITS_FOR_APPLICABILITY:
            status = Status.MISSING
        else:
            note = next((h.note for h in hits if h.note), "")
    return Result(status, to_evidence(ctx.doc, hits, f"text.statement:{name}"), note)


@check("text.pattern", {
    "required": ["patterns"],
    "properties": {"patterns": _PATTERNS, "sections": _SECTIONS, "weak": _SECTIONS, "exclude": _SECTIONS,
                   "min": {"type": "integer", "minimum": 1}, "allow_hypothetical": {"type": "boolean"}},
})
def pattern(ctx: Context, params: dict[str, Any]) -> Result | None:
    """Inline regexes (case-insensitive) searched sentence by sentence in the given sections."""
    if ctx.doc is None:
        return None
    spec = _inline_spec(repr(sorted((k, repr(v)) for k, v in params.items())), params)
    hits = find_statement(ctx.doc, spec)
    if len(hits) < params.get("min", 1):
        return Result(Status.MISSING)
    return Result(best_status(hits), to_evidence(ctx.doc, hits, "text.pattern"))


def _inline_spec(key: str, params: dict[str, Any]) -> StatementSpec:
    """The compiled detector of a ``text.pattern`` item, kept across documents (keyed by its parameters)."""
    spec = _INLINE_SPECS.get(key)
    if spec is None:
        spec = compile_spec("inline", {"cues": params["patterns"], "sections": params.get("sections") or ["any"],
                                       "weak": params.get("weak") or [], "exclude": params.get("exclude") or [],
                                       "allow_hypothetical": bool(params.get("allow_hypothetical", False))},
                            "checklist")
        if len(_INLINE_SPECS) >= MAX_INLINE_SPECS:
            _INLINE_SPECS.pop(next(iter(_INLINE_SPECS)))  # oldest first: checklists are few, this rarely runs
        _INLINE_SPECS[key] = spec
    return spec


@check("text.section", {"required": ["section"], "properties": {"section": {"type": "string"}}})
def section(ctx: Context, params: dict[str, Any]) -> Result | None:
    """A heading (or bold run-in label) of the given section class exists and has text under it."""
    if ctx.doc is None:
        return None
    wanted = params["section"]
    db = load_statements()
    lines = _unit_lines(ctx.doc, db)
    for s in ctx.doc.sections:
        if wanted in _heading_classes(ctx.doc, db, s.title):
            after = bisect.bisect_right(lines, s.line)  # the first unit below the heading
            if after < len(lines) and lines[after] <= s.end_line:
                return Result(Status.REPORTED, [Evidence(Location(ctx.doc.path, s.line), s.title, "text.section")])
    for u in units(ctx.doc, db):
        if u.heading and wanted in _heading_classes(ctx.doc, db, u.heading):
            return Result(Status.REPORTED, [Evidence(Location(ctx.doc.path, u.line), excerpt(u.text), "text.section")])
    return Result(Status.MISSING)


def _heading_classes(doc: Document, db: StatementDB, title: str) -> frozenset[str]:
    """``db.classify_heading(title)``, remembered per document (headings repeat on every unit)."""
    memo = doc.cache.setdefault("heading_classes", {})
    found = memo.get(title)
    if found is None:
        found = memo[title] = db.classify_heading(title)
    return found


def _unit_lines(doc: Document, db: StatementDB) -> list[int]:
    """The units' lines, sorted (to ask "is there text between these lines?" by bisection)."""
    lines = doc.cache.get("unit_lines_sorted")
    if lines is None:
        lines = doc.cache["unit_lines_sorted"] = sorted(u.line for u in units(doc, db))
    return lines


_ = re  # keep import for pattern users


@check("text.heading", {
    "required": ["patterns"],
    "properties": {"patterns": _PATTERNS, "sections": _SECTIONS},
})
def heading(ctx: Context, params: dict[str, Any]) -> Result | None:
    """A heading or bold run-in label matching one of the patterns, with text under it.

    For items that authors report under a telling heading ("Sample size", "Patient and public
    involvement") whose sentences need not repeat the heading's words. ``sections`` limits where
    the heading may sit (e.g. a run-in "Objective." label inside the abstract).
    """
    if ctx.doc is None:
        return None
    compiled = ctx.cache.get(("heading", tuple(params["patterns"])))
    if compiled is None:
        compiled = [re.compile(p, re.I) for p in params["patterns"]]
        ctx.cache[("heading", tuple(params["patterns"]))] = compiled
    scope = tuple(params.get("sections") or ["any"])
    db = load_statements()
    telling: dict[str, bool] = {}  # heading -> does a pattern match it (headings repeat on every unit)
    for u in units(ctx.doc, db):
        if not u.heading or ("any" not in scope and not u.classes.intersection(scope)):
            continue
        match = telling.get(u.heading)
        if match is None:
            match = telling[u.heading] = any(p.search(u.heading) for p in compiled)
        if match and len(u.text.split()) >= 3:
            return Result(Status.REPORTED, [Evidence(Location(ctx.doc.path, u.line), excerpt(u.text), "text.heading")])
    return Result(Status.MISSING)

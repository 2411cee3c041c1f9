"""DEF301: calls that rely on a library default which changed between releases.

The knowledge lives in ``linter/knowledge/defaults.yaml`` (validated by its schema in the
tests). A call is reported when it leaves out such a parameter (or uses an API whose
behaviour changed) and the versions the repository allows fall on both sides of the change:
the library is not declared, declared without a version, given a range that spans the
change, or pinned differently in different files. An exact pin on one side is silent: that
environment reproduces itself. A call passing ``**kwargs`` is silent (the parameter may be
in there). ``stated_versions`` (library → version from the manuscript) adds the cross-check:
a stated version on the other side of the change from what the repository allows is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.utils import canonicalize_name
from packaging.version import Version

from linter.model import Finding, Severity
from linter.repo.defaults.conditions import SourceIndex, call_params, condition_holds, passes_parameter
from linter.repo.defaults.knowledge import DefaultChange, Knowledge, load_knowledge, parse_knowledge
from linter.repo.deps.versions import allowed, intersect, parse_version, sides, specifier
from linter.repo.facts import CallFact, Dependency, RepoFacts, SourceFile
from linter.repo.hparams.code import shared_trees
from linter.rulebook import finding

__all__ = ["analyze", "load_knowledge", "parse_knowledge", "Knowledge", "DefaultChange"]

# ------------------------------------------------------------------ versions


@dataclass(frozen=True)
class Allowed:
    """Which side(s) of a change the repository (or the manuscript) allows, and why."""

    before: bool
    after: bool
    reason: str


def repo_allowed(library: str, deps: list[Dependency], boundary: Version) -> Allowed:
    if not deps:
        return Allowed(True, True, f"{library} is not listed in any dependency file")
    exact = [(v, d) for d in deps if d.pinned and (v := parse_version(d.version)) is not None]
    if exact:
        before, after = any(v < boundary for v, _ in exact), any(v >= boundary for v, _ in exact)
        pins = sorted({f"{v} ({d.path})" for v, d in exact})
        if before and after:
            return Allowed(True, True, f"{library} is pinned at {' and '.join(pins)}, on both sides of the change")
        return Allowed(before, after, f"{library} is pinned at {pins[0]}")
    loose = [d for d in deps if not d.pinned]
    ranges = [r for d in loose if (r := allowed(d)) is not None]
    if not ranges or all(all(str(s) == "" for s in r) for r in ranges):
        return Allowed(True, True, f"{library} is not pinned")
    combined = intersect(ranges) or []
    before, after = sides(combined, boundary)
    if not before and not after:  # contradictory ranges: judge each one
        before = any(sides(r, boundary)[0] for r in ranges)
        after = any(sides(r, boundary)[1] for r in ranges)
    where = ", ".join(f"{library}{d.spec} ({d.path}{':' + str(d.line) if d.line else ''})"
                      for d in loose if d.spec)
    return Allowed(before, after, f"the declared range {where} allows versions on both sides")


def stated_allowed(text: str, boundary: Version) -> tuple[bool, bool] | None:
    """Sides allowed by a version stated in the manuscript ("1.2", "1.2.x", ">=1.0")."""
    cleaned = text.strip().lstrip("v")
    version = parse_version(cleaned) if re.fullmatch(r"\d+(\.\d+)*", cleaned) else None
    if version is not None:
        return version < boundary, version >= boundary
    spec = specifier(cleaned.replace(".x", ".*")) or specifier("==" + cleaned.replace(".x", ".*"))
    return sides([spec], boundary) if spec is not None else None


# ------------------------------------------------------------------ analysis


def analyze(files: list[SourceFile], facts: RepoFacts, stated_versions: dict[str, str] | None = None,
            knowledge: Knowledge | None = None) -> None:
    """Add DEF301 findings for calls in ``facts.calls`` (and settings in the file texts)."""
    kb = knowledge or load_knowledge()
    stated = _stated_by_library(stated_versions or {}, kb)
    judge = _Judge(kb, facts.dependencies, stated)
    source = SourceIndex(files, shared_trees(facts.extra))
    seen: set[tuple[str, int, int, str]] = set()
    for call in facts.calls:
        for entry in kb.by_api.get(call.qualname, ()):
            key = (call.path, call.line, call.column, entry.id)
            if key in seen or entry.affects == "no":
                continue
            seen.add(key)
            result = _check_call(entry, call, judge, source)
            if result is not None:
                facts.findings.append(result)
    facts.findings.extend(_check_settings(kb, files, facts, judge))


def _stated_by_library(stated: dict[str, str], kb: Knowledge) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, version in stated.items():
        norm = canonicalize_name(str(name))
        for library, names in kb.libraries.items():
            if norm in names:
                out[library] = str(version)
    return out


class _Judge:
    """Decides, per library and change version, whether the allowed versions straddle it."""

    def __init__(self, kb: Knowledge, deps: list[Dependency], stated: dict[str, str]) -> None:
        self.kb, self.stated = kb, stated
        self.deps = {lib: [d for d in deps if d.ecosystem in ("pypi", "conda") and canonicalize_name(d.name) in names]
                     for lib, names in kb.libraries.items()}
        self._cache: dict[tuple[str, str], str | None] = {}

    def verdict(self, library: str, changed_in: str) -> str | None:
        """None when silent, else the reason to put in the message."""
        key = (library, changed_in)
        if key not in self._cache:
            self._cache[key] = self._verdict(library, changed_in)
        return self._cache[key]

    def _verdict(self, library: str, changed_in: str) -> str | None:
        boundary = Version(changed_in)
        repo = repo_allowed(library, self.deps.get(library, []), boundary)
        if library not in self.stated:
            return repo.reason if repo.before and repo.after else None
        claim = stated_allowed(self.stated[library], boundary)
        if claim is None:
            return repo.reason if repo.before and repo.after else None
        before, after = claim
        text = f"the manuscript states {library} {self.stated[library]}"
        if before and after:
            return f"{text}, which allows versions on both sides of the change"
        if (before and repo.after) or (after and repo.before):
            side = "before" if before else "after"
            return f"{text} ({side} the change) but {repo.reason}" if repo.before and repo.after else \
                f"{text} ({side} the change) but {repo.reason}, on the other side"
        return None


def _severity(entry: DefaultChange, uncertain: bool) -> Severity | None:
    if uncertain or entry.affects == "maybe" or entry.confidence == "L":
        return Severity.INFO
    return None  # the rule's own severity


def _suffix(entry: DefaultChange) -> str:
    notes = [n for n in (entry.caveat, entry.condition.note) if n]
    return f" ({'; '.join(notes)})" if notes else ""


def call_label(qualname: str) -> str:
    """``RandomForestClassifier()`` for a class, ``xgboost.train()`` for a function."""
    parts = qualname.split(".")
    if parts[-1][:1].isupper() or len(parts) < 2:
        return parts[-1] + "()"
    return ".".join(parts[-2:]) + "()"


def _check_call(entry: DefaultChange, call: CallFact, judge: _Judge, source: SourceIndex) -> Finding | None:
    params = call_params(entry, call)
    if passes_parameter(entry, call, params) is not False:
        return None
    applies = condition_holds(entry, call, params, source)
    if applies is False:
        return None
    reason = judge.verdict(entry.library, entry.changed_in)
    if reason is None:
        return None
    short = call_label(call.qualname)
    if entry.kind == "behaviour":
        what = f"{short} depends on {entry.behaviour}, which changed from {entry.old} to {entry.new}"
    else:
        what = f"{short} relies on the default {entry.parameter}, which changed from {entry.old} to {entry.new}"
    message = f"{what} in {entry.library} {entry.changed_in}; {reason}{_suffix(entry)}"
    return finding("DEF301", message, call.path, call.line, call.column, severity=_severity(entry, applies is None),
                   library=entry.library, parameter=entry.parameter or entry.behaviour, old_default=entry.old,
                   new_default=entry.new, changed_in=entry.changed_in, knowledge_id=entry.id, call=call.qualname,
                   confidence_mark=entry.confidence, fingerprint_key=f"{call.qualname}|{entry.id}",
                   **({"cell": call.cell} if getattr(call, "cell", None) is not None else {}))


def _check_settings(kb: Knowledge, files: list[SourceFile], facts: RepoFacts, judge: _Judge) -> list[Finding]:
    out: list[Finding] = []
    texts = {f.path: f.text for f in files if f.text is not None}
    for entry in kb.entries:
        if entry.kind != "setting" or entry.affects == "no":
            continue
        if any(marker in text for text in texts.values() for marker in entry.set_by_text):
            continue
        module = entry.library.replace("-", "_")
        users = sorted({c.path for c in facts.calls if c.qualname.split(".", 1)[0] == module})
        hit = _first_trigger(users, texts, entry.trigger_text)
        reason = judge.verdict(entry.library, entry.changed_in) if hit else None
        if hit is None or reason is None:
            continue
        path, line = hit
        message = (f"Code that runs on {entry.trigger_text[0].upper()} relies on the default of {entry.behaviour}, "
                   f"which changed from {entry.old} to {entry.new} in {entry.library} {entry.changed_in}; "
                   f"{reason}{_suffix(entry)}")
        out.append(finding("DEF301", message, path, line, severity=_severity(entry, bool(entry.condition.note)),
                           library=entry.library, parameter=entry.behaviour, old_default=entry.old,
                           new_default=entry.new, changed_in=entry.changed_in, knowledge_id=entry.id,
                           confidence_mark=entry.confidence, fingerprint_key=entry.id))
    return out


def _first_trigger(paths: list[str], texts: dict[str, str], triggers: tuple[str, ...]) -> tuple[str, int] | None:
    patterns = [re.compile(rf"\b{re.escape(t)}\b") for t in triggers]
    for path in paths:
        for number, line in enumerate((texts.get(path) or "").splitlines(), start=1):
            if any(p.search(line) for p in patterns):
                return path, number
    return None

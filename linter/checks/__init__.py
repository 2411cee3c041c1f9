"""Registry of named checks. Checklist items reference them (``check: text.statement``).

A check is a small function ``(ctx, params) -> Result``: it reads the already-parsed inputs in
``ctx`` (never the file system) and says whether it found the item reported, partly reported or
missing, with evidence locations — or ``None`` when its input is absent (no repository given),
in which case the engine ignores it. The engine, not the check, turns results into findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import jsonschema

from linter.manuscript.document import Document
from linter.model import Evidence, Finding, Status
from linter.repo.facts import RepoFacts


@dataclass
class Context:
    doc: Document | None
    metadata: dict[str, Any] = field(default_factory=dict)
    metadata_path: str | None = None
    repo: RepoFacts | None = None
    repo_findings: list[Finding] = field(default_factory=list)  # active (unsuppressed) code findings
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass
class Result:
    status: Status
    evidence: list[Evidence] = field(default_factory=list)
    note: str = ""


CheckFn = Callable[[Context, dict[str, Any]], "Result | None"]


@dataclass(frozen=True)
class CheckDef:
    name: str
    func: CheckFn
    params: dict[str, Any]  # JSON Schema of the ``with:`` parameters
    doc: str


CHECKS: dict[str, CheckDef] = {}


def check(name: str, params: dict[str, Any]) -> Callable[[CheckFn], CheckFn]:
    """Register a check under ``name`` with a JSON Schema for its parameters."""

    def deco(fn: CheckFn) -> CheckFn:
        if name in CHECKS:
            raise RuntimeError(f"check {name} registered twice")
        schema = {"type": "object", "additionalProperties": False, **params}
        CHECKS[name] = CheckDef(name, fn, schema, (fn.__doc__ or "").strip())
        return fn

    return deco


def validate_params(name: str, params: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(CHECKS[name].params)
    out = []
    for err in validator.iter_errors(params):
        where = ".".join(str(p) for p in err.absolute_path) or "with"
        out.append(f"{where}: {err.message}")
    return out


# Explicit imports register the checks (no entry points: STYLE.md 10.4).
from linter.checks import meta as _meta  # noqa: E402,F401
from linter.checks import repo as _repo  # noqa: E402,F401
from linter.checks import text as _text  # noqa: E402,F401

try:  # cross-checks arrive with the manuscript↔code issue
    from linter.checks import cross as _cross  # noqa: E402,F401
except ImportError:  # pragma: no cover
    pass

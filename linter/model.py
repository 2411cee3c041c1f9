"""Plain data shared by every stage: locations, findings, item results, the report.

Readers produce documents and repository facts, checks produce evidence, the engine
produces a :class:`Report`, formatters render it. Nothing here does I/O.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


_LINE_REFS = re.compile(r"(?<=\w):\d+(?::\d+)?\b|\b(?:line|lines|cell)\s+\d+(?:\s*[-–]\s*\d+)?\b", re.I)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


class Status(str, Enum):
    REPORTED = "reported"
    PARTIAL = "partial"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"
    MANUAL = "manual"

    @property
    def rank(self) -> int:
        """Strength of evidence; higher wins when several checks answer one item."""
        return {"missing": 0, "manual": -1, "partial": 1, "reported": 2, "not_applicable": 3}[self.value]


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input. ``line``/``column`` are 1-based; None means the whole file."""

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None

    def __str__(self) -> str:
        out = self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line}


@dataclass(frozen=True)
class Evidence:
    """Where something was found, with a short excerpt and which check found it."""

    location: Location
    excerpt: str = ""
    check: str = ""
    strength: str = "reported"  # reported | partial (weak form)

    def to_dict(self) -> dict[str, Any]:
        d = self.location.to_dict()
        d.update({"excerpt": self.excerpt, "check": self.check, "strength": self.strength})
        return d


@dataclass
class Finding:
    """One problem. ``rule`` is the stable code (``RND101`` or ``tripod-ai.18e``)."""

    rule: str
    name: str
    severity: Severity
    message: str
    location: Location
    items: tuple[str, ...] = ()
    confidence: float = 1.0
    fix: str = ""
    related: tuple[Location, ...] = ()  # e.g. the manuscript line for a code mismatch
    data: dict[str, Any] = field(default_factory=dict)  # machine-readable details (values compared ...)
    suppressed: str | None = None  # reason when suppressed (kept for baselines/audit)

    @property
    def fingerprint(self) -> str:
        """Stable across line shifts: rule, file, and the message with line references masked."""
        key = self.data.get("fingerprint_key") or _LINE_REFS.sub("", self.message)
        raw = f"{self.rule}|{self.location.path}|{key}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple:
        return (self.location.path, self.location.line or 0, self.location.column or 0, self.rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.to_dict(),
            "items": list(self.items),
            "confidence": self.confidence,
            "fix": self.fix,
            "related": [loc.to_dict() for loc in self.related],
            "fingerprint": self.fingerprint,
            "data": {k: v for k, v in self.data.items() if k != "fingerprint_key"},
            "suppressed": self.suppressed,
        }


@dataclass
class ItemResult:
    """The status of one checklist item for one study."""

    checklist: str
    version: str
    id: str
    title: str
    section: str
    severity: Severity
    status: Status
    evidence: list[Evidence] = field(default_factory=list)
    note: str = ""  # why this status (e.g. "weak form: on request only")
    waiver: str | None = None  # not_applicable reason
    author_note: str = ""  # from metadata
    applies_to: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.checklist}.{self.id}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "checklist": self.checklist,
            "version": self.version,
            "id": self.id,
            "ref": self.ref,
            "title": self.title,
            "section": self.section,
            "severity": self.severity.value,
            "status": self.status.value,
            "evidence": [e.to_dict() for e in self.evidence],
            "note": self.note,
            "waiver": self.waiver,
            "author_note": self.author_note,
        }


@dataclass
class Report:
    tool_version: str
    inputs: dict[str, str | None]
    checklists: list[dict[str, Any]]
    items: list[ItemResult]
    findings: list[Finding]
    errors: list[str] = field(default_factory=list)  # non-fatal reading problems (skipped files ...)
    attachments: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # for formatters only

    SCHEMA_VERSION = 1

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            if f.suppressed is None:
                out[f.severity.value] += 1
        return out

    def coverage(self) -> dict[str, dict[str, int]]:
        cov: dict[str, dict[str, int]] = {}
        for it in self.items:
            c = cov.setdefault(f"{it.checklist}@{it.version}", {s.value: 0 for s in Status})
            c[it.status.value] += 1
        return cov

    def active_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.SCHEMA_VERSION,
            "tool": {"name": "guidelint", "version": self.tool_version},
            "inputs": self.inputs,
            "checklists": self.checklists,
            "summary": {"findings": self.counts(), "items": self.coverage()},
            "items": [i.to_dict() for i in self.items],
            "findings": [f.to_dict() for f in self.findings],
            "errors": list(self.errors),
        }

"""The completed checklist as plain rows, shared by the Markdown and Word renderers.

Each item of each checklist becomes a :class:`Row`: id, title, status label, where it is
reported (heading path and line), a short evidence excerpt, and the author's note or the
not-applicable reason. Dates appear only when asked for, so outputs are reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from linter.model import ItemResult, Report, Status
from linter.report.common import (
    STATUS_LABELS,
    checklist_meta,
    grouped_items,
    item_note,
    one_line,
    section_lookup,
    source_text,
    status_counts,
    study_name,
    where,
)

EXCERPT_WIDTH = 90
INPUT_LABELS = {"manuscript": "Manuscript", "metadata": "Methods metadata", "repo": "Code repository"}
MAX_PLACES = 3


@dataclass(frozen=True)
class Row:
    item: str
    title: str
    status: Status
    status_label: str
    where: str
    excerpt: str
    note: str


@dataclass(frozen=True)
class SectionRows:
    name: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class ChecklistPart:
    checklist: str
    version: str
    title: str
    source: str
    counts: Mapping[Status, int]
    sections: tuple[SectionRows, ...]


@dataclass(frozen=True)
class Completed:
    study: str
    tool_version: str
    date: str
    inputs: tuple[tuple[str, str], ...]
    parts: tuple[ChecklistPart, ...]


def build(report: Report, extra: Mapping[str, Any]) -> Completed:
    """Rows for every item; ``extra`` may carry ``study``, ``date`` and ``documents``
    (``{path: Document}``, used to name the section of each evidence line)."""
    lookup = section_lookup(extra.get("documents"))
    parts = []
    for checklist, version, sections in grouped_items(report):
        meta = checklist_meta(report, checklist, version)
        all_items = [it for _s, items in sections for it in items]
        parts.append(ChecklistPart(
            checklist=checklist,
            version=version,
            title=str(meta.get("title") or checklist),
            source=source_text(meta.get("source") or {k: meta[k] for k in ("citation", "doi") if meta.get(k)}),
            counts=status_counts(all_items),
            sections=tuple(SectionRows(name, tuple(_row(it, lookup) for it in items)) for name, items in sections),
        ))
    inputs = tuple((INPUT_LABELS.get(k, k.capitalize()), str(v)) for k, v in report.inputs.items()
                   if v and k not in ("title", "study"))
    return Completed(
        study=study_name(report, extra),
        tool_version=report.tool_version,
        date=str(extra.get("date") or ""),
        inputs=inputs,
        parts=tuple(parts),
    )


def _row(it: ItemResult, lookup) -> Row:
    places = [where(ev, lookup) for ev in it.evidence]
    unique = list(dict.fromkeys(places))
    shown = "; ".join(unique[:MAX_PLACES])
    if len(unique) > MAX_PLACES:
        shown += f"; +{len(unique) - MAX_PLACES} more"
    excerpt = next((ev.excerpt for ev in it.evidence if ev.excerpt.strip()), "")
    return Row(
        item=it.id,
        title=it.title,
        status=it.status,
        status_label=STATUS_LABELS[it.status],
        where=shown,
        excerpt=one_line(excerpt, EXCERPT_WIDTH),
        note=item_note(it),
    )


def coverage_line(counts: Mapping[Status, int]) -> str:
    """``12 reported · 2 partial · 3 missing · 1 n/a · 4 manual`` (zero counts left out)."""
    names = {Status.NOT_APPLICABLE: "n/a"}
    parts = [f"{n} {names.get(s, s.value)}" for s, n in counts.items() if n]
    return " · ".join(parts) or "no items"

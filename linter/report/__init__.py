"""Formatters: each renders a finished :class:`~linter.model.Report`; none of them checks anything.

``FORMATTERS`` maps a format name to a module exposing ``render(report, options) -> str | bytes``.
Modules are imported lazily so a missing optional dependency (python-docx) only matters when
that format is asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

FORMATTERS: dict[str, str] = {
    "text": "linter.report.text",
    "json": "linter.report.json_format",
    "sarif": "linter.report.sarif",
    "junit": "linter.report.junit",
    "github": "linter.report.github",
    "checklist-md": "linter.report.checklist_md",
    "docx": "linter.report.docx_format",
    "html": "linter.report.html",
}

BINARY_FORMATS = {"docx"}


@dataclass
class RenderOptions:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    show_items: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def render(report, fmt: str, options: RenderOptions | None = None) -> str | bytes:
    if fmt not in FORMATTERS:
        raise KeyError(fmt)
    module = importlib.import_module(FORMATTERS[fmt])
    return module.render(report, options or RenderOptions())

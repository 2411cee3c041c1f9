"""GitHub Actions workflow commands: one annotation per active finding.

``::error file=train.py,line=12,col=5,title=RND101 unseeded-randomness::message``.
Errors become ``error``, warnings ``warning``, info findings ``notice``. Suppressed
findings (comments, waivers, baseline) are not annotated. The fix hint follows the
message on a new line. Values are escaped as the workflow-command syntax requires:
``%``, CR and LF everywhere, and also ``:`` and ``,`` inside properties.
"""

from __future__ import annotations

from typing import Any

from linter.model import Finding, Report, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = [f"file={escape_property(f.location.path)}"]
    if f.location.line is not None:
        props.append(f"line={f.location.line}")
        if f.location.end_line is not None and f.location.end_line >= f.location.line:
            props.append(f"endLine={f.location.end_line}")
        if f.location.column is not None:
            props.append(f"col={f.location.column}")
    props.append(f"title={escape_property(f'{f.rule} {f.name}'.strip())}")
    body = f.message if not f.fix else f"{f.message}\nFix: {f.fix}"
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(body)}"


def render(report: Report, options: Any) -> str:
    lines = [annotation(f) for f in sorted(report.active_findings(), key=Finding.sort_key)]
    return "".join(line + "\n" for line in lines)

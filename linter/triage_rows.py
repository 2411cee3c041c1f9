"""Triage result rows: one JSON object per submission (``linter/schemas/triage_row.schema.json``).

A row says whether the submission could be checked (``status``), where its parts were found,
how many findings of each severity it has, how the items of each checklist came out, and six
flags for the reproducibility essentials an editor queries first. Each flag is:

- ``ok``: reported (and, with code, the code agrees);
- ``partial``: reported in part, or the code shows gaps (e.g. unseeded randomness);
- ``missing``: not reported;
- ``not_checked``: could not be judged (item not in the chosen checklists, not applicable to the
  study type, waived, needs a human, or no code / no manuscript-to-code comparison available).

``mismatches`` is ``ok`` when the manuscript and code were compared and nothing disagreed,
``partial`` when at least one manuscript–code mismatch (XC601–XC605) was found.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from linter.model import Report, Severity, Status

ROW_VERSION = 1
FLAG_NAMES = ("seeds", "versions", "data_access", "code_access", "hyperparameters", "mismatches")
FLAG_VALUES = ("ok", "partial", "missing", "not_checked")
COVERAGE_KEYS = tuple(s.value for s in Status)
SEVERITIES = tuple(s.value for s in Severity)

# flag -> (repro-core item, code rules whose findings make the flag at best partial)
FLAG_SOURCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "seeds": ("repro-core.seeds", ("RND101", "RND102", "RND104", "RND120")),
    "versions": ("repro-core.software-versions", ("DEP201", "DEP202", "DEP204")),
    "data_access": ("repro-core.data-access", ()),
    "code_access": ("repro-core.code-access", ()),
    "hyperparameters": ("repro-core.hyperparameters", ()),
}
MISMATCH_RULES = ("XC601", "XC602", "XC603", "XC604", "XC605")
_STATUS_FLAG = {Status.REPORTED: "ok", Status.PARTIAL: "partial", Status.MISSING: "missing"}
MAX_MESSAGE = 500


def one_line(message: str) -> str:
    """Collapse whitespace (a message is one line in every output) and cap its length."""
    text = " ".join(str(message).split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _base(name: str, found: dict[str, str | None], duration: float) -> dict[str, Any]:
    return {
        "submission": name,
        "status": "ok",
        "error": None,
        "manuscript": found.get("manuscript"),
        "metadata": found.get("metadata"),
        "code": found.get("code"),
        "counts": None,
        "coverage": {},
        "flags": {f: "not_checked" for f in FLAG_NAMES},
        "duration_s": round(duration, 4),
        "row_version": ROW_VERSION,
    }


def error_row(name: str, message: str, found: dict[str, str | None] | None = None,
              duration: float = 0.0) -> dict[str, Any]:
    """The row of a submission that could not be checked."""
    row = _base(name, found or {}, duration)
    row["status"] = "error"
    row["error"] = one_line(message) or "unknown error"
    return row


def report_row(name: str, report: Report, found: dict[str, str | None], duration: float) -> dict[str, Any]:
    """The row of a checked submission, from its report."""
    row = _base(name, found, duration)
    row["counts"] = report.counts()
    row["coverage"] = report.coverage()
    row["flags"] = flags(report, code_checked=found.get("code") is not None)
    return row


def flags(report: Report, *, code_checked: bool) -> dict[str, str]:
    """The six reproducibility flags of one report."""
    statuses = {item.ref: item.status for item in report.items}
    fired = {f.rule for f in report.active_findings()}
    out = {}
    for flag, (ref, rules) in FLAG_SOURCES.items():
        value = _STATUS_FLAG.get(statuses.get(ref), "not_checked")  # type: ignore[arg-type]
        if fired.intersection(rules) and value in ("ok", "not_checked"):
            value = "partial"
        out[flag] = value
    out["mismatches"] = _mismatch_flag(report, fired, code_checked)
    return out


def _mismatch_flag(report: Report, fired: set[str], code_checked: bool) -> str:
    if fired.intersection(MISMATCH_RULES):
        return "partial"
    compared = code_checked and (report.inputs.get("manuscript") or report.inputs.get("metadata"))
    if compared and importlib.util.find_spec("linter.cross") is not None:
        return "ok"
    return "not_checked"

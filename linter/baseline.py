"""Baselines: report only findings that are new since a saved JSON report (``--baseline report.json``).

A lab can switch the hook on today and fail only on new problems. Findings are matched by
fingerprint (rule, file and message, no line numbers), so edits that move a finding up or down
do not make it "new". Matching counts occurrences: if the baseline holds one unseeded shuffle in
``train.py`` and the code now has two identical ones, one of them is reported.

A second key masks line references inside the message (``line 12``, ``train.py:12``) so a
message that mentions a line still matches after the code moves. Matched findings are kept in
the report, marked ``suppressed="baseline"`` (visible for audit, not counted).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from linter.errors import InputError
from linter.model import Finding, Report

BASELINE_REASON = "baseline"
_LINE_REFS = (
    re.compile(r"\b(lines?)\s+\d+(?:\s*[-–]\s*\d+)?", re.IGNORECASE),
    re.compile(r"(\.[A-Za-z0-9]+):\d+(?::\d+)?"),
)


def _masked(message: str) -> str:
    for pattern in _LINE_REFS:
        message = pattern.sub(r"\1 #", message)
    return message


def shift_key(rule: str, path: str, message: str) -> str:
    """Line-independent key from the message with line references masked (``~`` prefix)."""
    raw = f"{rule}|{path}|{_masked(message)}"
    return "~" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def keys_of(finding: Finding) -> tuple[str, str]:
    return finding.fingerprint, shift_key(finding.rule, finding.location.path, finding.message)


def load_baseline(path: str | Path) -> Counter[str]:
    """Keys of every finding in a saved JSON report (the ``json`` format), with counts.

    Each baseline finding contributes its stored ``fingerprint`` and a masked-message key.
    Raises :class:`InputError` for a missing, unreadable or malformed file.
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"baseline is not valid JSON (line {exc.lineno}): {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError(str(path), "baseline must be a guidelint JSON report with a 'findings' list")
    keys: Counter[str] = Counter()
    for n, raw in enumerate(data["findings"], start=1):
        keys.update(_keys_from_json(raw, str(path), n))
    return keys


def _keys_from_json(raw: Any, path: str, n: int) -> list[str]:
    if not isinstance(raw, dict):
        raise InputError(path, f"finding #{n} is not an object")
    out = []
    fp = raw.get("fingerprint")
    if isinstance(fp, str) and fp:
        out.append(fp)
    loc = raw.get("location")
    rule, message = raw.get("rule"), raw.get("message")
    if isinstance(rule, str) and isinstance(message, str) and isinstance(loc, dict) and isinstance(loc.get("path"), str):
        out.append(shift_key(rule, loc["path"], message))
    if not out:
        raise InputError(path, f"finding #{n} has neither a fingerprint nor rule, message and location.path")
    return out


def apply_baseline(report: Report, baseline: Mapping[str, int] | Iterable[str]) -> int:
    """Mark findings matched by ``baseline`` as suppressed with reason ``"baseline"``.

    ``baseline`` is what :func:`load_baseline` returns (keys with counts) or a plain set of
    fingerprints (then every match is suppressed). Findings already suppressed for another
    reason are left alone. Returns how many findings were newly suppressed.
    """
    if isinstance(baseline, Mapping):
        budget: dict[str, int] | None = dict(baseline)
        known = set(budget)
    else:
        budget, known = None, set(baseline)
    marked = 0
    for f in sorted(report.findings, key=Finding.sort_key):
        if f.suppressed is not None:
            continue
        key = next((k for k in keys_of(f) if k in known and (budget is None or budget[k] > 0)), None)
        if key is None:
            continue
        if budget is not None:
            _spend(budget, f)
        f.suppressed = BASELINE_REASON
        marked += 1
    return marked


def _spend(budget: dict[str, int], finding: Finding) -> None:
    """One baseline finding is used up: take one from each of its keys still available."""
    for k in keys_of(finding):
        if budget.get(k, 0) > 0:
            budget[k] -= 1

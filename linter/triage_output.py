"""Triage outputs: the crash-safe JSONL log, the summary CSV, per-submission report files, progress.

The JSONL file is the record of a run: each row is appended, flushed and synced to disk as soon
as its submission finishes, so an interrupted run keeps everything it finished. ``--resume`` reads
it back; a last line cut short by a crash is dropped (that submission is done again).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import IO, Any

from linter.errors import InputError
from linter.triage_rows import FLAG_NAMES, SEVERITIES

COVERAGE_COLUMNS = ("reported", "partial", "missing", "not_applicable", "manual")


class ResultLog:
    """Append-only JSONL writer; one row per submission name, each durable once written."""

    def __init__(self, path: Path, *, append: bool, done: set[str] | None = None):
        self.path = path
        self.written: set[str] = set(done or ())
        try:
            self._fh = open(path, "ab" if append else "wb")
        except OSError as exc:
            raise InputError(str(path), f"cannot write the results file: {exc.strerror or exc}") from None

    def write(self, row: dict[str, Any]) -> bool:
        """Append ``row`` unless its submission already has one; True when written."""
        name = row["submission"]
        if name in self.written:
            return False
        line = json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n"
        try:
            self._fh.write(line.encode("utf-8", errors="surrogateescape"))
            self._fh.flush()
            os.fsync(self._fh.fileno())
        except OSError as exc:
            raise InputError(str(self.path), f"cannot write the results file: {exc.strerror or exc}") from None
        self.written.add(name)
        return True

    def close(self) -> None:
        self._fh.close()


def read_rows(path: Path, *, repair: bool = False) -> dict[str, dict[str, Any]]:
    """The rows of a JSONL results file by submission name (a repeated name: the first row wins).

    A last line without its newline — a write cut short by a crash — is ignored; with ``repair``
    it is also cut from the file, so appending goes on from a clean line boundary.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InputError(str(path), f"cannot read the results file: {exc.strerror or exc}") from None
    end = data.rfind(b"\n") + 1
    if end < len(data) and repair:
        with open(path, "r+b") as fh:
            fh.truncate(end)
            fh.flush()
            os.fsync(fh.fileno())
    rows: dict[str, dict[str, Any]] = {}
    for raw in data[:end].splitlines():
        try:
            row = json.loads(raw.decode("utf-8", errors="replace"))
        except ValueError:
            continue
        if isinstance(row, dict) and isinstance(row.get("submission"), str):
            rows.setdefault(row["submission"], row)
    return rows


# ------------------------------------------------------------------------------------------ reports


def report_filename(name: str) -> str:
    """A safe, unique file name for a submission's report (``name`` is untrusted)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".") or "submission"
    if safe != name:
        safe += "-" + hashlib.sha256(name.encode("utf-8", errors="surrogateescape")).hexdigest()[:8]
    return safe[:150] + ".html"


def write_report(reports_dir: Path, name: str, rendered: str) -> None:
    target = reports_dir / report_filename(name)
    try:
        target.write_text(rendered, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(str(target), f"cannot write the report: {exc.strerror or exc}") from None


# ---------------------------------------------------------------------------------------------- CSV


def checklist_keys(rows: list[dict[str, Any]]) -> list[str]:
    return sorted({key for row in rows for key in (row.get("coverage") or {})})


def csv_header(checklists: list[str]) -> list[str]:
    head = ["submission", "status", "error", "manuscript", "metadata", "code"]
    head += [f"findings_{s}" for s in SEVERITIES]
    head += [f"flag_{f}" for f in FLAG_NAMES]
    head += [f"{cl}:{c}" for cl in checklists for c in COVERAGE_COLUMNS]
    return head + ["duration_s"]


def csv_row(row: dict[str, Any], checklists: list[str]) -> list[Any]:
    counts = row.get("counts") or {}
    flags = row.get("flags") or {}
    coverage = row.get("coverage") or {}
    out: list[Any] = [_cell(row.get(k)) for k in ("submission", "status", "error", "manuscript", "metadata", "code")]
    out += [counts.get(s, "") for s in SEVERITIES]
    out += [_cell(flags.get(f, "")) for f in FLAG_NAMES]
    out += [(coverage.get(cl) or {}).get(c, "") for cl in checklists for c in COVERAGE_COLUMNS]
    return out + [row.get("duration_s", "")]


def _cell(value: Any) -> Any:
    """Text for a spreadsheet cell; untrusted text that a spreadsheet would run as a formula is quoted."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """One line per submission, sorted by name, columns in a fixed order."""
    rows = sorted(rows, key=lambda r: r["submission"])
    checklists = checklist_keys(rows)
    try:
        with open(path, "w", newline="", encoding="utf-8", errors="replace") as fh:
            writer = csv.writer(fh)
            writer.writerow(csv_header(checklists))
            for row in rows:
                writer.writerow(csv_row(row, checklists))
    except OSError as exc:
        raise InputError(str(path), f"cannot write the summary: {exc.strerror or exc}") from None


# ----------------------------------------------------------------------------------------- progress


class Progress:
    """A one-line progress display on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int, stream: IO[str] | None = None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.done = self.errors = 0
        self.start = time.monotonic()
        self._last = 0.0

    def update(self, row: dict[str, Any]) -> None:
        self.done += 1
        self.errors += row.get("status") == "error"
        now = time.monotonic()
        if self.enabled and (now - self._last >= 0.2 or self.done == self.total):
            self._last = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        return (f"triage [{bar}] {self.done}/{self.total}  errors {self.errors}  "
                f"{rate:.1f}/s  ETA {int(left) // 60}:{int(left) % 60:02d}")

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()

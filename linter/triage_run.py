"""``run_triage``: every submission of a folder checked once, rows appended as they finish.

Guarantees: exactly one row per submission name in the results file — never two, never none —
whatever happens to individual submissions (errors, time-outs, worker crashes). An interrupted
run keeps its finished rows; ``resume=True`` only does the submissions not yet in the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from linter.errors import InputError
from linter.triage import warm_up
from linter.triage_io import JUNK_NAMES
from linter.triage_output import Progress, ResultLog, read_rows, write_report
from linter.triage_pool import PoolSettings, Task, connect_dask, default_jobs, run_dask, run_local
from linter.triage_rows import error_row


@dataclass(frozen=True)
class RunResult:
    total: int  # submissions in the folder
    checked: int  # rows written by this run
    resumed: int  # submissions skipped because the file already had their row
    errors: int  # error rows written by this run


def list_submissions(folder: Path, skip: Sequence[Path] = ()) -> list[Task]:
    """Every entry of ``folder`` except hidden ones, OS junk and the run's own output files."""
    if not folder.is_dir():
        raise InputError(str(folder), "no such submissions folder")
    skip_real = {os.path.realpath(p) for p in skip}
    tasks = []
    try:
        entries = sorted(os.listdir(folder))
    except OSError as exc:
        raise InputError(str(folder), f"cannot list the submissions folder: {exc.strerror or exc}") from None
    for entry in entries:
        if entry.startswith(".") or entry in JUNK_NAMES:
            continue
        full = os.path.join(os.path.abspath(folder), entry)
        if os.path.realpath(full) in skip_real:
            continue
        name = entry.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
        tasks.append(Task(name=name, path=full))
    return tasks


def run_triage(folder: str | Path, output_jsonl: str | Path, jobs: int | None = None, timeout_s: float = 60.0,
               memory_mb: int | None = 2048, resume: bool = False, executor: str = "local",
               scheduler: str | None = None, *, options: dict[str, Any] | None = None,
               reports_dir: str | Path | None = None, progress: bool | None = None,
               extra_outputs: Sequence[Path] = ()) -> RunResult:
    """Triage every submission in ``folder`` into the JSONL file ``output_jsonl``.

    ``jobs`` worker processes (default: the cores available), ``timeout_s`` per submission,
    ``memory_mb`` address-space cap per worker, ``resume`` to keep rows already in the file,
    ``executor`` "local" or "dask" (with ``scheduler``), ``reports_dir`` to also write each
    submission's HTML report, ``progress`` to force the progress line on or off (default: on
    when stderr is a terminal). Raises InputError for bad arguments, before checking anything.
    """
    folder, output = Path(folder), Path(output_jsonl)
    options = dict(options or {})
    _check_arguments(jobs, timeout_s, memory_mb, executor, scheduler)
    reports = Path(reports_dir) if reports_dir is not None else None
    tasks = list_submissions(folder, [output, *(extra_outputs or ()), *([reports] if reports else [])])
    warm_up(options, "html" if reports is not None else None)
    if executor == "local":
        _check_memory(memory_mb)
    client = connect_dask(scheduler or "") if executor == "dask" else None
    done = set(read_rows(output, repair=True)) if resume else set()
    todo = [t for t in tasks if t.name not in done]
    if reports is not None:
        try:
            reports.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(str(reports), f"cannot create the reports folder: {exc.strerror or exc}") from None
    settings = PoolSettings(jobs=jobs or default_jobs(), timeout_s=timeout_s, memory_mb=memory_mb, options=options,
                            report_format="html" if reports is not None else None)
    log = ResultLog(output, append=resume, done=done)
    bar = Progress(len(todo), enabled=progress)
    counts = {"rows": 0, "errors": 0}

    def emit(row: dict[str, Any], rendered: str | None) -> None:
        if rendered is not None and reports is not None:
            try:
                write_report(reports, row["submission"], rendered)
            except InputError as exc:
                row = error_row(row["submission"], f"checked, but {exc}", row, row.get("duration_s", 0.0))
        if log.write(row):
            counts["rows"] += 1
            counts["errors"] += row.get("status") == "error"
            bar.update(row)

    try:
        if client is not None:
            run_dask(todo, settings, client, emit)
        else:
            run_local(todo, settings, emit)
        _fill_gaps(todo, log, emit)
    finally:
        bar.close()
        log.close()
    return RunResult(total=len(tasks), checked=counts["rows"], resumed=len(tasks) - len(todo), errors=counts["errors"])


def _fill_gaps(todo: list[Task], log: ResultLog, emit: Any) -> None:
    """Last line of defence for 'never lost': any submission still without a row gets an error row."""
    for task in todo:
        if task.name not in log.written:
            emit(error_row(task.name, "no result was returned for this submission"), None)


def _check_memory(memory_mb: int | None) -> None:
    """Workers start as copies of this process: a cap below its size would fail every submission."""
    if not memory_mb:
        return
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:  # not Linux
        return
    sizes = [int(line.split()[1]) // 1024 for line in status.splitlines() if line.startswith("VmSize:")]
    if sizes and memory_mb < sizes[0] + 32:
        raise InputError(None, f"--memory-mb {memory_mb} is too small: a worker needs about {sizes[0] + 32} MiB "
                               "of address space before it reads anything")


def _check_arguments(jobs: int | None, timeout_s: float, memory_mb: int | None, executor: str,
                     scheduler: str | None) -> None:
    if jobs is not None and jobs < 1:
        raise InputError(None, f"--jobs must be at least 1, got {jobs}")
    if not timeout_s > 0:
        raise InputError(None, f"--timeout must be a positive number of seconds, got {timeout_s}")
    if memory_mb is not None and memory_mb < 64:
        raise InputError(None, f"--memory-mb must be at least 64, got {memory_mb}")
    if executor not in ("local", "dask"):
        raise InputError(None, f"--executor must be local or dask, got {executor!r}")
    if executor == "dask" and not scheduler:
        raise InputError(None, "--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    if executor == "local" and scheduler:
        raise InputError(None, "--scheduler is only used with --executor dask")

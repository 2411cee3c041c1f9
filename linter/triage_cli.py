"""``guidelint triage``: check a folder of submissions in parallel, one result row per submission.

Exit codes: 0 when the batch completed (even if some submissions are error rows — they are
results), 2 for bad arguments (no such folder, bad --jobs ...), 130 when interrupted (the rows
written so far are kept; rerun with --resume).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

from linter.errors import InputError


def register(app: typer.Typer, guarded: Callable) -> None:
    """Add the ``triage`` command to the guidelint command line."""
    app.command("triage")(guarded(triage))


def triage(
    submissions: Path = typer.Argument(..., help="Folder with one entry per submission: a folder or a .zip/.tar.gz/.tgz archive."),
    output: Path = typer.Option(..., "--output", "-o", help="Results file (JSON Lines, one row per submission, appended as each finishes)."),
    summary: Optional[Path] = typer.Option(None, "--summary", help="Also write a CSV summary (one line per submission, sorted)."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML dashboard."),
    reports: Optional[Path] = typer.Option(None, "--reports", help="Also write each submission's HTML report into this folder (linked from the dashboard)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: the number of cores)."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds allowed per submission; slower ones become error rows."),
    memory_mb: int = typer.Option(2048, "--memory-mb", help="Memory cap per worker process, in MiB."),
    resume: bool = typer.Option(False, "--resume", help="Keep the rows already in --output and only check the rest."),
    checklist: List[str] = typer.Option([], "--checklist", "-c", help="Checklist id, id@version or file; repeatable (default: tripod-ai, repro-core)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Editor's configuration file (checklists, ignore, severity, exclude). Submissions' own configuration files are not used."),
    executor: str = typer.Option("local", "--executor", help="local (worker processes) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, with --executor dask."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress line on stderr (default: only on a terminal)."),
) -> None:
    """Triage a folder of submissions: which ones need a reproducibility query before review."""
    from linter.triage_run import run_triage

    if not submissions.is_dir():
        raise InputError(str(submissions), "no such submissions folder")
    options = _options(checklist, config)
    extra = [p for p in (summary, html) if p is not None]
    result = run_triage(submissions, output, jobs=jobs, timeout_s=timeout, memory_mb=memory_mb, resume=resume,
                        executor=executor, scheduler=scheduler, options=options, reports_dir=reports,
                        progress=progress, extra_outputs=extra)
    _write_summaries(output, summary, html, reports, submissions)
    resumed = f", {result.resumed} already done" if resume else ""
    typer.echo(f"guidelint triage: {result.total} submissions, {result.checked} checked now "
               f"({result.errors} could not be checked){resumed}; results in {output}", err=True)


def _options(checklists: List[str], config: Optional[Path]) -> dict[str, Any]:
    """Settings for every submission: the editor's, never a submission's own configuration."""
    from linter.config import Config, load_config

    cfg = load_config(None, str(config)) if config else Config()
    refs = list(checklists) or list(cfg.checklists)
    base = cfg.base_dir or Path.cwd()
    resolved = []
    for ref in refs:  # files become absolute paths so workers elsewhere (Dask) find them
        candidate = Path(ref) if Path(ref).exists() else base / ref
        resolved.append(str(candidate.resolve()) if candidate.is_file() else ref)
    return {"checklists": resolved, "ignore": list(cfg.ignore), "severity": dict(cfg.severity),
            "exclude": list(cfg.exclude), "study_type": cfg.study_type}


def _write_summaries(output: Path, summary: Optional[Path], html: Optional[Path], reports: Optional[Path],
                     submissions: Path) -> None:
    from linter.triage_html import write_dashboard
    from linter.triage_output import read_rows, write_csv

    if summary is None and html is None:
        return
    rows = list(read_rows(output).values())
    if summary is not None:
        write_csv(summary, rows)
    if html is not None:
        write_dashboard(html, rows, reports, title=f"guidelint triage: {submissions.name or submissions}")

"""Command line: ``guidelint check | scan-repo | checklists | schema | explain | rules | init | triage``.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or input error.
Bad input never shows a traceback: one line naming the file and the problem.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Callable, List, Optional

import typer

from linter import __version__
from linter.errors import InputError
from linter.model import Report, Severity

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Lint a clinical ML study (manuscript, methods metadata, code) against reporting checklists.")
checklists_app = typer.Typer(no_args_is_help=True, help="List, show and validate checklists.")
app.add_typer(checklists_app, name="checklists")

FORMAT_HELP = "text, json, sarif, junit, github, checklist-md, docx, html"


def _fail(message: str) -> None:
    typer.echo(f"guidelint: error: {message}", err=True)
    raise typer.Exit(2)


def guarded(fn: Callable) -> Callable:
    """Turn InputError (and other unexpected errors) into one line on stderr and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            _fail(str(exc))
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # the reader went away (`guidelint explain x | head -1`): stop quietly, as Python's docs advise
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(1)
        except KeyboardInterrupt:
            typer.echo("guidelint: interrupted", err=True)
            raise typer.Exit(130)
        except Exception as exc:  # noqa: BLE001 - last line of defence: no tracebacks for users
            if os.environ.get("GUIDELINT_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set GUIDELINT_DEBUG=1 for a traceback)")

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"guidelint {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """guidelint: reporting-guideline and reproducibility linter for clinical machine-learning studies."""


def _emit(report: Report, fmt: str, output: Optional[Path], quiet: bool, statistics: bool,
          baseline: Optional[Path]) -> None:
    from linter.report import FORMATTERS, RenderOptions, render

    if fmt not in FORMATTERS:
        raise InputError(None, f"unknown format {fmt!r} (choose from: {', '.join(FORMATTERS)})")
    if baseline is not None:
        from linter.baseline import apply_baseline, load_baseline

        apply_baseline(report, load_baseline(str(baseline)))
    color = (fmt == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
             and os.environ.get("TERM") != "dumb")
    extra = {"documents": report.attachments.get("documents", {}), "sources": _source_reader(),
             "study": report.attachments.get("study")}
    try:
        rendered = render(report, fmt, RenderOptions(color=color, quiet=quiet, statistics=statistics, extra=extra))
    except (ImportError, RuntimeError) as exc:
        if isinstance(exc, RuntimeError) and type(exc).__name__ != "DocxUnavailableError":
            raise
        raise InputError(None, f"format {fmt!r} needs an optional dependency: {exc}") from None
    if output is None:
        if isinstance(rendered, bytes):
            raise InputError(None, f"format {fmt!r} is binary: give --output FILE")
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    try:
        if isinstance(rendered, bytes):
            output.write_bytes(rendered)
        else:
            output.write_text(rendered, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(output), f"cannot write output: {exc.strerror or exc}") from None


def _source_reader() -> Callable[[str], Optional[str]]:
    """Text of a reported file (relative to the working directory), for context in HTML reports."""
    cwd = Path.cwd().resolve()

    def read(path: str) -> Optional[str]:
        try:
            p = (cwd / path).resolve()
            if cwd not in p.parents or not p.is_file() or p.stat().st_size > 2_000_000:
                return None
            return p.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None

    return read


def _exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in report.active_findings()) else 0


def _check_fail_on(value: Optional[str]) -> Optional[str]:
    if value is not None and value.lower() not in ("error", "warning", "info", "never"):
        raise typer.BadParameter("expected error, warning, info or never")
    return value.lower() if value else None


def _parse_severity(pairs: List[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or value.lower() not in ("error", "warning", "info"):
            raise InputError(None, f"--severity expects RULE=error|warning|info, got {pair!r}")
        out[key] = value.lower()
    return out


@app.command()
@guarded
def check(
    manuscript: Optional[Path] = typer.Argument(None, help="The manuscript (.md, .qmd, .Rmd, .tex)."),
    metadata: Optional[Path] = typer.Option(None, "--metadata", "-m", help="Methods metadata YAML (default: front matter or a sidecar methods.yaml)."),
    repo: Optional[Path] = typer.Option(None, "--repo", "-r", help="Code repository: folder, .zip or .tar.gz."),
    checklist: List[str] = typer.Option([], "--checklist", "-c", help="Checklist id, id@version or file; repeatable."),
    fmt: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", callback=_check_fail_on, help="error (default), warning, info or never."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (.guidelint.yaml or pyproject.toml)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Rule code, name, item ref or glob to ignore; repeatable."),
    severity: List[str] = typer.Option([], "--severity", help="Override a severity: RULE=error|warning|info; repeatable."),
    no_waivers: bool = typer.Option(False, "--no-waivers", help="Judge waived (not-applicable) items anyway."),
    study_type: Optional[str] = typer.Option(None, "--study-type", help="development, evaluation, development+evaluation, trial."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Only report findings not in this saved JSON report."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only finding lines and the summary."),
    statistics: bool = typer.Option(False, "--statistics", help="Counts per rule."),
) -> None:
    """Check a study: manuscript (+ metadata, + code) against reporting checklists."""
    from linter.api import StudyInputs, check_study
    from linter.config import load_config

    start = manuscript or metadata or repo or Path(".")
    cfg = load_config(start, str(config) if config else None)
    report = check_study(StudyInputs(
        manuscript=str(manuscript) if manuscript else None,
        metadata=str(metadata) if metadata else None,
        repo=str(repo) if repo else None,
        checklists=checklist, ignore=ignore, severity=_parse_severity(severity),
        no_waivers=no_waivers, study_type=study_type, config=cfg,
    ))
    _emit(report, fmt, output, quiet, statistics, baseline)
    raise typer.Exit(_exit_code(report, fail_on or cfg.fail_on))


@app.command("scan-repo")
@guarded
def scan_repo(
    path: Path = typer.Argument(Path("."), help="Repository folder, .zip or .tar.gz."),
    fmt: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", callback=_check_fail_on),
    config: Optional[Path] = typer.Option(None, "--config"),
    ignore: List[str] = typer.Option([], "--ignore"),
    exclude: List[str] = typer.Option([], "--exclude", help="Glob of paths not to scan; repeatable."),
    baseline: Optional[Path] = typer.Option(None, "--baseline"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    statistics: bool = typer.Option(False, "--statistics"),
) -> None:
    """Code-only checks of a repository (seeds, dependencies, defaults, hygiene). Used by the pre-commit hook."""
    from linter.api import scan_code
    from linter.config import load_config

    cfg = load_config(path, str(config) if config else None)
    report = scan_code(str(path), config=cfg, ignore=ignore, exclude=exclude)
    _emit(report, fmt, output, quiet, statistics, baseline)
    raise typer.Exit(_exit_code(report, fail_on or cfg.fail_on))


@checklists_app.command("list")
@guarded
def checklists_list() -> None:
    """List bundled checklists (id, version, title)."""
    from linter.checklist import available, load

    for cid, version, _path in available():
        cl = load(f"{cid}@{version}")
        extra = f" (extends {cl.base.ref})" if cl.base else ""
        typer.echo(f"{cid}@{version}\t{len(cl.all_items())} items\t{cl.title}{extra}")


@checklists_app.command("show")
@guarded
def checklists_show(ref: str = typer.Argument(..., help="id, id@version or file")) -> None:
    """Show a checklist's items."""
    from linter.checklist import load

    cl = load(ref)
    typer.echo(f"{cl.ref} — {cl.title}")
    if cl.source.get("doi"):
        typer.echo(f"source: doi:{cl.source['doi']}")
    section = None
    for item in cl.all_items():
        if item.section != section:
            section = item.section
            typer.echo(f"\n{section}")
        how = "manual" if item.evidence is None else "auto"
        typer.echo(f"  {item.checklist}.{item.id:<10} {item.severity.value:<8} {how:<6} {item.title}")


@checklists_app.command("validate")
@guarded
def checklists_validate(path: Path = typer.Argument(..., help="A checklist YAML file.")) -> None:
    """Validate a checklist file against the checklist schema and the known checks."""
    from linter.checklist import validate_file

    errors = validate_file(str(path))
    if errors:
        for e in errors:
            typer.echo(f"{path}: {e}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{path}: valid")


@app.command()
@guarded
def schema(name: str = typer.Argument(..., help="methods | report | checklist")) -> None:
    """Print a JSON Schema: the methods metadata, the JSON report, or the checklist format."""
    from linter.paths import checklist_dir, schema_path

    paths = {"methods": schema_path("methods.schema.json"), "report": schema_path("report.schema.json"),
             "checklist": checklist_dir() / "schema.json"}
    if name not in paths:
        raise InputError(None, f"unknown schema {name!r} (choose from: {', '.join(paths)})")
    typer.echo(json.dumps(json.loads(paths[name].read_text(encoding="utf-8")), indent=2))


@app.command()
@guarded
def explain(key: str = typer.Argument(..., help="A rule code (RND101), rule name or item (tripod-ai.18e).")) -> None:
    """Explain a rule or checklist item: what it asks, why, how to fix it."""
    from linter.explain import explain as do_explain

    try:
        typer.echo(do_explain(key))
    except KeyError as exc:
        raise InputError(None, str(exc.args[0]) if exc.args else f"unknown rule or item {key!r}") from None


@app.command()
@guarded
def rules() -> None:
    """List every code rule with its default severity."""
    from linter.rulebook import rules as all_rules

    for rule in sorted(all_rules().values(), key=lambda r: r.code):
        typer.echo(f"{rule.code:<8} {rule.severity.value:<8} {rule.name:<34} {rule.summary}")


def _register_optional() -> None:
    """Commands that live in their own modules (init, triage) register themselves if present."""
    for module in ("linter.init_cmd", "linter.triage_cli"):
        try:
            mod = __import__(module, fromlist=["register"])
        except ImportError:
            continue
        mod.register(app, guarded)


_register_optional()


def main() -> None:
    app(prog_name="guidelint")

"""The repository scanner: read a folder or archive, analyse it without running it, and return
:class:`~linter.repo.facts.RepoFacts` (facts plus findings).

Order: read the files (:mod:`linter.repo.walk`), analyse Python files and notebooks
(:mod:`linter.repo.pyscan`), run the other analyzers in turn (R, dependencies,
hyperparameters, changed defaults, hygiene), then apply suppressions
(:mod:`linter.repo.suppress`). One analyzer failing on an odd file becomes a GL002 finding
naming the analyzer and the error; the scan goes on.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from linter.errors import InputError
from linter.repo import pyscan, suppress
from linter.repo.facts import RepoFacts, SourceFile
from linter.repo.walk import DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, Limits, read_tree
from linter.rulebook import finding

ANALYZERS = ("linter.repo.r_lang", "linter.repo.deps", "linter.repo.hparams", "linter.repo.defaults",
             "linter.repo.hygiene")

__all__ = ["scan", "scan_files", "ANALYZERS"]


def scan(
    root: str | Path,
    *,
    excludes: Sequence[str] = (),
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    ignore_rules: Sequence[str] = (),
    max_files: int = DEFAULT_MAX_FILES,
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES,
) -> RepoFacts:
    """Scan the repository at ``root`` (a folder, ``.zip``, ``.tar.gz`` or ``.tgz``).

    ``excludes``: extra paths to skip, as ``.gitignore`` patterns. ``ignore_rules``: rule codes
    or names to mark as suppressed ("ignored by configuration"). Raises
    :class:`~linter.errors.InputError` when ``root`` is missing or unreadable.
    """
    limits = Limits(max_file_bytes=max_file_bytes, max_files=max_files, max_archive_bytes=max_archive_bytes)
    with pyscan.paused_gc():
        files, skipped = read_tree(root, excludes=excludes, limits=limits)
        return scan_files(files, root=str(root), skipped=skipped, ignore_rules=ignore_rules)


def scan_files(files: list[SourceFile], *, root: str, skipped: Sequence[str] = (),
               ignore_rules: Sequence[str] = ()) -> RepoFacts:
    """Analyse files already read (for example from an archive held in memory) exactly as
    :func:`scan` analyses the files it reads itself."""
    with pyscan.paused_gc():
        facts = RepoFacts(root=root, files=[f.path for f in files], skipped=list(skipped))
        _run("linter.repo.pyscan", pyscan.analyze, files, facts)
        for name in ANALYZERS:
            try:
                module = importlib.import_module(name)
            except Exception as exc:  # noqa: BLE001 - a broken analyzer must not stop the scan
                facts.findings.append(_failure(name, exc))
                continue
            _run(name, module.analyze, files, facts)
        facts.extra.pop(pyscan.TREES_KEY, None)
        suppress.apply(files, facts, ignore_rules)
    facts.findings.sort(key=lambda f: f.sort_key())
    return facts


def _run(name: str, analyze: Callable[[list[SourceFile], RepoFacts], None], files: list[SourceFile],
         facts: RepoFacts) -> None:
    try:
        analyze(files, facts)
    except InputError as exc:
        facts.findings.append(finding("GL002", f"{name}: {exc}", exc.path or "."))
    except RecursionError:
        facts.findings.append(_failure(name, RecursionError("input nested too deeply")))
    except Exception as exc:  # noqa: BLE001 - reported as a finding, message only (no traceback)
        facts.findings.append(_failure(name, exc))


def _failure(name: str, exc: BaseException) -> object:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return finding("GL002", f"analyzer {name} failed: {type(exc).__name__}{': ' + text if text else ''}", ".",
                   analyzer=name)

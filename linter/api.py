"""The library entry points used by the CLI, the triage runner and other programs.

``check_study`` and ``scan_code`` are pure functions of their inputs (they read the files they
are given and return a Report); they never write anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from linter.checklist import Checklist, load
from linter.checks import Context
from linter.config import Config, load_config
from linter.engine import Options, evaluate
from linter.errors import InputError
from linter.manuscript import read_manuscript
from linter.metadata import find_metadata
from linter.model import Report


@dataclass
class StudyInputs:
    manuscript: str | None = None
    metadata: str | None = None
    repo: str | None = None
    checklists: Sequence[str] = ()
    ignore: Sequence[str] = ()
    severity: dict[str, str] = field(default_factory=dict)
    exclude: Sequence[str] = ()
    no_waivers: bool = False
    study_type: str | None = None
    config: Config | None = None


def load_checklists(refs: Sequence[str]) -> list[Checklist]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        cl = load(ref)
        if cl.ref not in seen:
            seen.add(cl.ref)
            out.append(cl)
    return out


def scan_repository(path: str, exclude: Sequence[str] = (), display_prefix: str | None = None):
    """Scan a repository; with ``display_prefix`` every path in the facts is shown under it
    (``code/train.py`` when the study's code folder was given as ``code``)."""
    from linter.repo import scan

    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such repository folder or archive")
    facts = scan(p, excludes=list(exclude))
    if display_prefix and display_prefix not in (".", "./"):
        _prefix_paths(facts, display_prefix.rstrip("/") + "/")
    return facts


def _prefix_paths(facts, prefix: str) -> None:
    """Rewrite repository-relative paths so findings point at files as the user sees them."""
    import dataclasses

    def fix(path):
        if not isinstance(path, str) or not path or path.startswith(prefix):
            return path
        if path in (".", "./"):
            return prefix.rstrip("/")
        return prefix + path

    def fix_obj(obj):
        if dataclasses.is_dataclass(obj) and hasattr(obj, "path"):
            return dataclasses.replace(obj, path=fix(obj.path))
        return obj

    facts.extra["display_prefix"] = prefix
    langs = facts.extra.get("language_versions")
    if isinstance(langs, list):
        facts.extra["language_versions"] = [fix_obj(x) if not isinstance(x, dict) else {**x, "path": fix(x.get("path"))}
                                            for x in langs]
    facts.files = [fix(f) for f in facts.files]
    facts.entry_points = [fix(f) for f in facts.entry_points]
    facts.manifests = [fix(f) for f in facts.manifests]
    facts.lock_files = [fix(f) for f in facts.lock_files]
    facts.licence_path = fix(facts.licence_path)
    facts.readme_path = fix(facts.readme_path)
    for name in ("calls", "seeds", "dependencies", "hyperparameters"):
        setattr(facts, name, [fix_obj(x) for x in getattr(facts, name)])
    for f in facts.findings:
        f.location = fix_obj(f.location)
        f.related = tuple(fix_obj(r) for r in f.related)


def check_study(inputs: StudyInputs) -> Report:
    """Check one study (manuscript and/or metadata and/or repository) against its checklists."""
    if not (inputs.manuscript or inputs.metadata or inputs.repo):
        raise InputError(None, "nothing to check: give a manuscript, --metadata or --repo")
    start = Path(inputs.manuscript or inputs.metadata or inputs.repo or ".")
    config = inputs.config or load_config(start)
    doc = read_manuscript(inputs.manuscript) if inputs.manuscript else None
    metadata, metadata_path = find_metadata(doc, inputs.manuscript, inputs.metadata)
    repo = (scan_repository(inputs.repo, [*config.exclude, *inputs.exclude], display_prefix=inputs.repo)
            if inputs.repo else None)
    checklists = load_checklists(list(inputs.checklists) or config.checklists)
    ctx = Context(doc=doc, metadata=metadata, metadata_path=metadata_path, repo=repo)
    options = Options(
        severity={**config.severity, **inputs.severity},
        ignore=[*config.ignore, *inputs.ignore],
        no_waivers=inputs.no_waivers,
        study_type=inputs.study_type or config.study_type,
    )
    report = evaluate(ctx, checklists, options, {"manuscript": inputs.manuscript, "metadata": metadata_path,
                                                 "repo": inputs.repo})
    report.attachments["documents"] = {doc.path: doc} if doc else {}
    if doc is not None and doc.title:
        report.attachments["study"] = doc.title
    return report


def scan_code(path: str, *, config: Config | None = None, ignore: Sequence[str] = (),
              exclude: Sequence[str] = ()) -> Report:
    """Code-only checks of a repository (what the pre-commit hook runs)."""
    config = config or load_config(Path(path))
    repo = scan_repository(path, [*config.exclude, *exclude], display_prefix=path)
    ctx = Context(doc=None, repo=repo)
    options = Options(severity=dict(config.severity), ignore=[*config.ignore, *ignore])
    return evaluate(ctx, [], options, {"repo": path})

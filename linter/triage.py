"""The unit of work of ``guidelint triage``: one submission path in, one result row out.

:func:`triage_one` is a plain, picklable, top-level function, so the same code runs in a local
worker process or on a Dask cluster. It never raises: whatever goes wrong with a submission
(unreadable archive, binary "manuscript", broken YAML, no manuscript, an internal error) becomes
a row with ``status: "error"`` and a one-line message.

A submission is a folder or an archive (``.zip``, ``.tar.gz``, ``.tgz``) holding:

- one **manuscript**, found by extension (``.md``, ``.markdown``, ``.qmd``, ``.Rmd``, ``.tex``); READMEs,
  licences and change logs are not candidates; when several remain, the one named ``paper``,
  ``manuscript``, ``main``, ``article`` or ``submission`` wins (else the one whose name starts so,
  e.g. ``manuscript_v3.md``), otherwise the submission needs a ``submission.yaml``;
- optional **methods metadata**: a ``guidelint:`` block in the manuscript's front matter, else
  ``methods.yaml`` next to the manuscript or at the top of the submission;
- optional **code**: a nested archive or a folder holding code (one named ``code``, ``src``,
  ``repo`` ... wins when there are several), or the submission itself when code files lie at its top;
- optionally a ``submission.yaml`` naming any of them explicitly::

      manuscript: paper/main.md
      metadata: paper/methods.yaml
      code: analysis.zip        # or a folder, or "." for the whole submission

The row format is described by ``linter/schemas/triage_row.schema.json`` (see :mod:`linter.triage_rows`).
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any


from linter.errors import InputError, load_yaml
from linter.triage_io import Tree, open_submission
from linter.triage_rows import error_row, one_line, report_row

MANUSCRIPT_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd", ".tex")
OTHER_FORMATS = (".docx", ".doc", ".pdf", ".odt", ".rtf")
NOT_MANUSCRIPTS = frozenset({"readme", "license", "licence", "changelog", "changes", "contributing",
                             "code_of_conduct", "news", "history", "authors", "citation", "todo", "security"})
PREFERRED_MANUSCRIPTS = ("paper", "manuscript", "main", "article", "submission")
CODE_SUFFIXES = frozenset({".py", ".ipynb", ".r", ".jl", ".m", ".sh", ".do", ".sas", ".stan"})
CODE_MANIFESTS = frozenset({"requirements.txt", "pyproject.toml", "setup.py", "setup.cfg", "environment.yml",
                            "environment.yaml", "pipfile", "pipfile.lock", "poetry.lock", "uv.lock", "description",
                            "renv.lock", "dockerfile"})
CODE_NAMES = ("code", "src", "source", "repo", "repository", "software", "scripts", "analysis")
SUBMISSION_KEYS = ("manuscript", "metadata", "code")
SIDECARS = ("methods.yaml", "methods.yml")
MAX_MANUSCRIPT_BYTES = 20 * 1024 * 1024
MAX_YAML_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Layout:
    """Where the parts of a submission are (paths relative to the submission; code ``""`` = all)."""

    manuscript: str
    metadata: str | None
    code: str | None


def triage_one(submission_path: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Check one submission and return its result row (a JSON-ready dict); never raises.

    ``options`` (all optional): ``checklists`` (list of checklist refs; default TRIPOD+AI and
    repro-core), ``ignore`` (rule selectors), ``severity`` (selector -> severity), ``exclude``
    (repository globs), ``study_type``, ``no_waivers``.
    """
    return triage_with_report(submission_path, options)[0]


def triage_with_report(submission_path: str, options: dict[str, Any] | None = None,
                       report_format: str | None = None) -> tuple[dict[str, Any], str | None]:
    """Like :func:`triage_one`, and also render the submission's report (e.g. ``"html"``) when asked."""
    start = time.perf_counter()
    name = Path(submission_path).name
    found: dict[str, str | None] = {"manuscript": None, "metadata": None, "code": None}
    out_of_memory = False
    try:
        report, doc = _check(submission_path, options or {}, found)
        rendered = _render(report, report_format, name, doc) if report_format else None
        return report_row(name, report, found, time.perf_counter() - start), rendered
    except MemoryError:
        out_of_memory = True  # build the row after the except block, once the big objects are freed
    except InputError as exc:
        message = str(exc)
    except RecursionError:
        message = "input nested too deeply to analyse"
    except Exception as exc:  # noqa: BLE001 - one bad submission must not stop the batch
        message = f"internal error: {type(exc).__name__}: {exc}"
    if out_of_memory:
        gc.collect()
        message = "ran out of memory (the submission is too large for the memory limit)"
    return error_row(name, one_line(message), found, time.perf_counter() - start), None


def _check(submission_path: str, options: dict[str, Any], found: dict[str, str | None]):
    """Read and check one submission; fills ``found`` (where its parts are) as it goes."""
    from linter.api import load_checklists
    from linter.checks import Context
    from linter.config import DEFAULT_CHECKLISTS
    from linter.engine import Options, evaluate

    with open_submission(submission_path) as tree:
        if not tree.files:
            unsafe = sum("absolute or '..' path" in s for s in getattr(tree, "skipped", ()))
            extra = f" ({unsafe} archive member(s) with absolute or '..' paths were ignored)" if unsafe else ""
            raise InputError(tree.name, f"empty submission: no files found{extra}")
        layout = find_layout(tree)
        found["manuscript"] = layout.manuscript
        found["code"] = None if layout.code is None else (layout.code or ".")
        doc = _read_manuscript(tree, layout.manuscript)
        metadata, metadata_rel = _read_metadata(tree, layout, doc)
        found["metadata"] = metadata_rel
        repo = None
        if layout.code is not None:
            from linter.repo.walk import Limits

            repo = tree.scan_code(layout.code, list(options.get("exclude") or ()), Limits())
    checklists = load_checklists(list(options.get("checklists") or DEFAULT_CHECKLISTS))
    ctx = Context(doc=doc, metadata=metadata, metadata_path=_shown(tree, metadata_rel), repo=repo)
    engine_options = Options(severity=dict(options.get("severity") or {}), ignore=list(options.get("ignore") or ()),
                             no_waivers=bool(options.get("no_waivers")), study_type=options.get("study_type"))
    inputs = {"manuscript": tree.display(layout.manuscript), "metadata": _shown(tree, metadata_rel),
              "repo": None if layout.code is None else tree.display(layout.code)}
    return evaluate(ctx, checklists, engine_options, inputs), doc


def _shown(tree: Tree, rel: str | None) -> str | None:
    if rel is None:
        return None
    return tree.display(rel.split("#", 1)[0]) + ("#front-matter" if rel.endswith("#front-matter") else "")


def _render(report, fmt: str, name: str, doc) -> str:
    from linter.report import RenderOptions, render

    out = render(report, fmt, RenderOptions(extra={"study": name, "sources": {doc.path: doc.text}}))
    return out.decode("utf-8", errors="replace") if isinstance(out, bytes) else out


# ------------------------------------------------------------------------------------------- layout


def find_layout(tree: Tree) -> Layout:
    """Decide which file is the manuscript, which the metadata and where the code is."""
    explicit = _submission_yaml(tree)
    code = explicit.get("code") if "code" in explicit else _find_code(tree)
    manuscript = explicit.get("manuscript") or _find_manuscript(tree, code)
    return Layout(manuscript=manuscript, metadata=explicit.get("metadata"), code=code)


def _submission_yaml(tree: Tree) -> dict[str, str | None]:
    names = [n for n in ("submission.yaml", "submission.yml") if n in tree.files]
    if not names:
        return {}
    shown = tree.display(names[0])
    text = _decode(shown, tree.read(names[0], MAX_YAML_BYTES))
    data = load_yaml(shown, text)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(shown, "must be a mapping with keys manuscript, metadata, code")
    unknown = sorted(str(k) for k in data if k not in SUBMISSION_KEYS)
    if unknown:
        raise InputError(shown, f"unknown key {unknown[0]!r} (expected manuscript, metadata, code)")
    out: dict[str, str | None] = {}
    for key in SUBMISSION_KEYS:
        if key in data and data[key] is not None:
            out[key] = _explicit_path(tree, shown, key, data[key])
    return out


def _explicit_path(tree: Tree, shown: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(shown, f"{key}: expected a relative path, got {value!r}")
    raw = value.strip().replace("\\", "/")
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if raw.startswith("/") or ".." in parts:
        raise InputError(shown, f"{key}: {value!r} must be a path inside the submission")
    rel = "/".join(parts)
    if key == "code" and (rel == "" or tree.is_folder(rel)):
        return rel
    if rel not in tree.files:
        raise InputError(shown, f"{key}: {value!r} not found in the submission")
    return rel


def _find_code(tree: Tree) -> str | None:
    top_files = [p for p in tree.files if "/" not in p]
    if any(_is_code_file(p) for p in top_files):
        return ""
    from linter.repo.walk import is_archive_name

    candidates = sorted(p for p in tree.files if p.count("/") <= 1 and is_archive_name(p)
                        and "data" not in PurePosixPath(p).name.lower())
    folders: dict[str, bool] = {}
    for p in tree.files:
        head, sep, _ = p.partition("/")
        if sep and _is_code_file(p):
            folders[head] = True
    candidates += sorted(folders)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    preferred = [c for c in candidates if _stem(c.rsplit("/", 1)[-1]) in CODE_NAMES]
    if len(preferred) == 1:
        return preferred[0]
    listed = ", ".join(candidates[:5])
    raise InputError(tree.name, f"several possible code locations ({listed}): add a submission.yaml naming 'code'")


def _is_code_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    return PurePosixPath(name).suffix in CODE_SUFFIXES or name in CODE_MANIFESTS or name.startswith("requirements")


def _stem(name: str) -> str:
    lower = name.lower()
    for suffix in (".tar.gz", ".tgz", ".zip", ".tar"):
        if lower.endswith(suffix):
            return lower[: -len(suffix)]
    return PurePosixPath(lower).stem


def _find_manuscript(tree: Tree, code: str | None) -> str:
    inside = (code + "/") if code else None
    candidates = sorted(
        p for p in tree.files
        if p.lower().endswith(MANUSCRIPT_SUFFIXES) and _stem(p.rsplit("/", 1)[-1]) not in NOT_MANUSCRIPTS
        and not (inside and p.startswith(inside))
    )
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        other = sorted(p for p in tree.files if p.lower().endswith(OTHER_FORMATS))[:3]
        found = f"; found {', '.join(other)}, a format triage cannot read: convert it to Markdown or LaTeX" if other else ""
        raise InputError(tree.name, f"no manuscript found (expected a .md, .qmd, .Rmd or .tex file{found})")
    stems = {p: _stem(p.rsplit("/", 1)[-1]) for p in candidates}
    exact = [p for p in candidates if stems[p] in PREFERRED_MANUSCRIPTS]
    prefixed = [p for p in candidates if stems[p].startswith(PREFERRED_MANUSCRIPTS)]
    for preferred in (exact, prefixed):
        if len(preferred) == 1:
            return preferred[0]
    listed = ", ".join((exact or prefixed or candidates)[:5])
    raise InputError(tree.name, f"several manuscript candidates ({listed}): add a submission.yaml naming 'manuscript'")


# ------------------------------------------------------------------------------------- the inputs


def _decode(shown: str, data: bytes) -> str:
    from linter.manuscript import decode_text

    return decode_text(shown, data)


def _read_manuscript(tree: Tree, rel: str):
    from linter.manuscript import READERS, parse_manuscript

    shown = tree.display(rel)
    suffix = PurePosixPath(rel).suffix.lower()
    if suffix not in READERS:
        raise InputError(shown, f"unsupported manuscript format {suffix or '(no extension)'!r}")
    text = _decode(shown, tree.read(rel, MAX_MANUSCRIPT_BYTES))
    return parse_manuscript(shown, text, suffix)


def _read_metadata(tree: Tree, layout: Layout, doc) -> tuple[dict[str, Any], str | None]:
    from linter.metadata import parse_yaml, validate

    rel = layout.metadata
    if rel is None:
        block = doc.front_matter.get("guidelint") if isinstance(doc.front_matter, dict) else None
        if block is not None or (isinstance(doc.front_matter, dict) and "guidelint" in doc.front_matter):
            if not isinstance(block, dict):
                raise InputError(doc.path, "front matter 'guidelint:' must be a mapping of methods metadata")
            validate(f"{doc.path} (front matter guidelint:)", block)
            return block, f"{layout.manuscript}#front-matter"
        rel = _sidecar(tree, layout.manuscript)
        if rel is None:
            return {}, None
    shown = tree.display(rel)
    data = parse_yaml(shown, _decode(shown, tree.read(rel, MAX_YAML_BYTES)))
    validate(shown, data)
    return data, rel


def _sidecar(tree: Tree, manuscript: str) -> str | None:
    folder = manuscript.rsplit("/", 1)[0] + "/" if "/" in manuscript else ""
    for base in dict.fromkeys((folder, "")):
        for name in SIDECARS:
            if base + name in tree.files:
                return base + name
    return None


_WARM_UP_TEXT = """# Warm-up

## Methods

All analyses used random seed 1 in Python 3.11 with scikit-learn 1.4.2.

## Data availability

Data are available on request.
"""


_WARM_UP_CODE = {  # one file of each kind the scanner has knowledge files for
    "train.py": "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\nnp.random.seed(1)\n"
                "RandomForestClassifier(n_estimators=10).fit([[0]], [0])\n",
    "analysis.R": "set.seed(1)\nx <- sample(10)\n",
    "config.yaml": "lr: 0.1\n",
    "requirements.txt": "numpy==1.26.4\nscikit-learn==1.4.2\n",
    "README.md": "# Warm-up\n\nRun `python train.py`.\n",
    "LICENSE": "MIT License\n",
}


def warm_up(options: dict[str, Any] | None = None, report_format: str | None = None) -> None:
    """Load checklists, rules, schemas and compiled patterns once (before worker processes fork).

    Raises InputError for an unknown checklist, so a bad ``--checklist`` fails before the batch starts.
    """
    from linter.api import load_checklists
    from linter.checks import Context
    from linter.config import DEFAULT_CHECKLISTS
    from linter.engine import evaluate
    from linter.manuscript import parse_manuscript

    from linter.repo.facts import SourceFile
    from linter.triage_io import scan_source_files

    options = options or {}
    checklists = load_checklists(list(options.get("checklists") or DEFAULT_CHECKLISTS))
    doc = parse_manuscript("warm-up.md", _WARM_UP_TEXT, ".md")
    files = [SourceFile(path, len(text), text) for path, text in _WARM_UP_CODE.items()]
    repo = scan_source_files(files, [], "warm-up", ())
    report = evaluate(Context(doc=doc, metadata={"seeds": {"values": [1]}}, repo=repo), checklists)
    if report_format:
        _render(report, report_format, "warm-up", doc)


def run_triage(*args: Any, **kwargs: Any):
    """Triage a whole folder in parallel; see :func:`linter.triage_run.run_triage`."""
    from linter.triage_run import run_triage as _run

    return _run(*args, **kwargs)

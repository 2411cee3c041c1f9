"""Golden reports for the bundled sample studies, and what each study is meant to show.

Every folder ``sample_reports/<case>/`` holds a manuscript (paper.md), its methods metadata
(methods.yaml), a small research repository (code/), the command to run (case.yaml: ``{args: [...]}``,
relative to the folder) and the expected JSON report (expected.json).

* The golden test runs the CLI in-process with the case folder as working directory (so every path
  in the report is relative) and compares the report with expected.json, after replacing the tool
  version. ``GUIDELINT_UPDATE_GOLDEN=1 python -m pytest tests/test_samples.py`` rewrites the files.
* The intent tests check what each study was written to show, independently of the golden file, so
  a wrong golden cannot hide a bug. Lines are found by searching the study's files for a marker
  phrase, never hard-coded. Items the detectors currently get wrong are listed in KNOWN_* tables
  and marked ``xfail(strict=True)``: when a detector is fixed the test passes unexpectedly and fails,
  as a reminder to delete the entry.
* Tests that need the code scanner (``linter.repo.scan``) or one of its analyzers skip, with the
  reason, until that code exists and is no longer a placeholder; they then run by themselves.
"""

from __future__ import annotations

import ast
import atexit
import functools
import importlib.util
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from linter.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_reports"
CASES = sorted(p.name for p in SAMPLES.iterdir() if (p / "case.yaml").is_file())
UPDATE = os.environ.get("GUIDELINT_UPDATE_GOLDEN") == "1"
VERSION_PLACEHOLDER = "<version>"

# Modules that implement each family of code rules (any one of them, not a placeholder, will do).
ANALYZER_MODULES = {
    "RND": ("linter.repo.pyscan", "linter.repo.rndchecks", "linter.repo.randomness"),
    "DEP": ("linter.repo.deps",),
    "DEF": ("linter.repo.defaults",),
    "HYG": ("linter.repo.hygiene",),
}


# ----------------------------------------------------------------------------------- helpers

def case_args(case: str) -> list[str]:
    data = yaml.safe_load((SAMPLES / case / "case.yaml").read_text(encoding="utf-8"))
    args = data["args"]
    assert isinstance(args, list) and all(isinstance(a, str) for a in args), f"{case}/case.yaml: args must be a list of strings"
    return args


def without_repo(args: list[str]) -> list[str]:
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("--repo", "-r"):
            skip = True
        else:
            out.append(a)
    return out


def scanner_missing() -> str | None:
    """Why the code scanner cannot run yet, or None when it can."""
    try:
        from linter.repo import scan  # noqa: F401
    except ImportError as exc:
        return f"the repository scanner is not there yet (linter.repo.scan: {exc})"
    return None


def _is_placeholder(module: str) -> bool:
    try:
        spec = importlib.util.find_spec(module)
    except ImportError:
        return True
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return True
    doc = ast.get_docstring(ast.parse(Path(spec.origin).read_text(encoding="utf-8"))) or ""
    return doc.lstrip().lower().startswith("placeholder")


def analyzer_missing(code: str) -> str | None:
    """Why findings of rule ``code`` cannot be expected yet, or None when they can."""
    reason = scanner_missing()
    if reason:
        return reason
    from linter.rulebook import rules

    if code not in rules():
        return f"rule {code} is not in the rulebook yet"
    modules = ANALYZER_MODULES[code[:3]]
    if all(_is_placeholder(m) for m in modules):
        return f"the {code[:3]} analyzer ({' / '.join(modules)}) is still a placeholder"
    return None


@functools.lru_cache(maxsize=None)
def _run_cached(cwd: str, args: tuple[str, ...]) -> tuple[int, str, str]:
    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(before)
    return result.exit_code, result.stdout, result.stderr


def run(cwd: Path, args: list[str]) -> tuple[int, dict[str, Any]]:
    """Run the CLI in ``cwd``; return the exit code and the parsed JSON report (a fresh copy)."""
    code, out, err = _run_cached(str(cwd), tuple(args))
    assert code in (0, 1), f"guidelint {' '.join(args)} exited {code}: {err.strip() or out[:500]}"
    return code, json.loads(out)


def run_case(case: str, *, repo: bool) -> tuple[int, dict[str, Any]]:
    if repo:
        reason = scanner_missing()
        if reason:
            pytest.skip(reason)
    args = case_args(case)
    return run(SAMPLES / case, args if repo else without_repo(args))


@functools.lru_cache(maxsize=None)
def _text_only_dir(case: str) -> str:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f"guidelint-{case}-"))
    atexit.register(shutil.rmtree, folder, True)
    shutil.copy(SAMPLES / case / "paper.md", folder / "paper.md")
    return str(folder)


def run_text_only(case: str) -> dict[str, Any]:
    """The manuscript alone (no methods.yaml, no code): only the text detectors can report items."""
    args = without_repo(case_args(case))
    return run(Path(_text_only_dir(case)), args)[1]


def normalise(report: dict[str, Any]) -> dict[str, Any]:
    report = json.loads(json.dumps(report))
    report["tool"]["version"] = VERSION_PLACEHOLDER
    return report


def line_of(path: Path, marker: str) -> int:
    """1-based line of the only line of ``path`` containing ``marker``."""
    hits = [i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in text]
    assert len(hits) == 1, f"marker {marker!r} found on lines {hits} of {path}, expected exactly one"
    return hits[0]


def items_by_ref(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {it["ref"]: it for it in report["items"]}


def evidence_lines(item: dict[str, Any], path: str = "paper.md") -> list[int]:
    return [e["line"] for e in item["evidence"] if e["path"] == path and e["line"] is not None]


def active(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["suppressed"] is None]


def code_findings(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in active(report) if f["rule"] == rule]


def known(table: dict[str, str], key: str):
    """pytest.param marks for a known detector miss (strict: a fix makes the test fail as a reminder)."""
    if key in table:
        return [pytest.mark.xfail(strict=True, reason=f"known detector miss: {table[key]}")]
    return []


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def golden_diff(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    """A short, readable account of how two reports differ."""
    lines = []
    exp_items, act_items = items_by_ref(expected), items_by_ref(actual)
    for ref in sorted(set(exp_items) | set(act_items)):
        e, a = exp_items.get(ref), act_items.get(ref)
        if e is None or a is None:
            lines.append(f"item {ref}: {'added' if e is None else 'removed'}")
        elif e != a:
            fields = ", ".join(k for k in e if e.get(k) != a.get(k))
            lines.append(f"item {ref}: {e['status']} {evidence_lines(e)} -> {a['status']} {evidence_lines(a)} ({fields})")

    def key(f: dict[str, Any]) -> str:
        loc = f["location"]
        return f"{f['rule']} {loc['path']}:{loc['line']}:{loc['column']} {f['severity']}"

    exp_f = sorted(key(f) for f in expected["findings"])
    act_f = sorted(key(f) for f in actual["findings"])
    lines += [f"finding removed: {k}" for k in exp_f if k not in act_f]
    lines += [f"finding added: {k}" for k in act_f if k not in exp_f]
    act_by_key = {key(f): f for f in actual["findings"]}
    for f in expected["findings"]:
        g = act_by_key.get(key(f))
        if g is not None and g != f:
            fields = ", ".join(k for k in f if f.get(k) != g.get(k))
            lines.append(f"finding changed: {key(f)} ({fields})")
    for name in ("summary", "checklists", "inputs", "errors", "schema_version", "tool"):
        if expected.get(name) != actual.get(name):
            lines.append(f"{name}: {expected.get(name)!r} -> {actual.get(name)!r}")
    if not lines:
        lines.append("(same items and findings; a message, excerpt or other field differs)")
    return "\n".join(lines[:60])


# ----------------------------------------------------------------------------- golden reports

def test_cases_are_bundled():
    assert CASES == ["complete-tripod", "consort-ai-trial", "gappy-study"]
    for case in CASES:
        folder = SAMPLES / case
        for name in ("paper.md", "methods.yaml", "code/README.md"):
            assert (folder / name).is_file(), f"{case}: {name} missing"


@pytest.mark.parametrize("case", CASES)
def test_metadata_is_valid(case):
    from linter.metadata import load_file

    load_file(SAMPLES / case / "methods.yaml")  # raises InputError with the field on a schema error


@pytest.mark.parametrize("case", CASES)
def test_golden_report(case):
    reason = scanner_missing() if "--repo" in case_args(case) else None
    if reason:
        pytest.skip(reason)
    _, report = run(SAMPLES / case, case_args(case))
    report = normalise(report)
    leaked = [s for s in _strings(report) if str(ROOT) in s]
    assert not leaked, f"the report holds absolute paths, so the golden file would depend on the machine: {leaked[:3]}"
    golden = SAMPLES / case / "expected.json"
    if UPDATE:
        golden.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    assert golden.is_file(), f"{golden} is missing: run GUIDELINT_UPDATE_GOLDEN=1 python -m pytest tests/test_samples.py"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert report == expected, (f"{case}: the report differs from expected.json "
                                f"(GUIDELINT_UPDATE_GOLDEN=1 rewrites it once the change is intended):\n"
                                + golden_diff(expected, report))


# ------------------------------------------------------------------- complete-tripod: intent

CT = SAMPLES / "complete-tripod"

# TRIPOD+AI items the complete study reports in words that the text detectors do not recognise yet.
KNOWN_TRIPOD_MISSES = {
    "tripod-ai.A13": "'**Registration.** Analysis plan registered on OSF Registries (doi:...)'",
}
TRIPOD_WAIVED = {"tripod-ai.6c", "tripod-ai.24"}
TRIPOD_MANUAL = {"tripod-ai.27c"}  # the checklist has no evidence rule for it


def _tripod_refs() -> list[str]:
    from linter.checklist import load

    return [f"{it.checklist}.{it.id}" for it in load("tripod-ai@2024").all_items()]


def test_complete_tripod_manuscript_side_has_no_errors():
    code, report = run_case("complete-tripod", repo=False)
    errors = [f"{f['rule']}: {f['message'][:90]}" for f in active(report) if f["severity"] == "error"]
    assert errors == []
    assert code == 0


def test_complete_tripod_every_repro_core_item_reported():
    _, report = run_case("complete-tripod", repo=False)
    statuses = {ref: it["status"] for ref, it in items_by_ref(report).items() if ref.startswith("repro-core.")}
    assert len(statuses) == 10
    assert {ref: s for ref, s in statuses.items() if s != "reported"} == {}


def test_complete_tripod_waivers_come_from_metadata():
    _, report = run_case("complete-tripod", repo=False)
    items = items_by_ref(report)
    for ref in TRIPOD_WAIVED:
        assert items[ref]["status"] == "not_applicable"
        assert "metadata not_applicable" in items[ref]["waiver"]
    assert [f for f in report["findings"] if f["rule"] in TRIPOD_WAIVED] == []


@pytest.mark.parametrize("ref", [pytest.param(r, marks=known(KNOWN_TRIPOD_MISSES, r)) for r in _tripod_refs()])
def test_complete_tripod_item_reported(ref):
    _, report = run_case("complete-tripod", repo=False)
    status = items_by_ref(report)[ref]["status"]
    if ref in TRIPOD_WAIVED:
        assert status == "not_applicable"
    elif ref in TRIPOD_MANUAL:
        assert status == "manual"
    else:
        assert status == "reported", f"{ref} is {status}"


# ... and, from the text alone, these too (metadata reports them in the full run).
KNOWN_TRIPOD_TEXT_MISSES = {
    **KNOWN_TRIPOD_MISSES,
    "tripod-ai.18c": "'The study protocol, including the analysis plan ..., was written before ... and was registered on OSF "
                     "Registries (doi:...); it is available at https://osf.io/k7d3m' (cue and verb more than 80 characters apart)",
    "tripod-ai.18d": "same sentence: 'The study protocol ... was registered on OSF Registries (doi:10.17605/OSF.IO/K7D3M)'",
}


@pytest.mark.parametrize("ref", [pytest.param(r, marks=known(KNOWN_TRIPOD_TEXT_MISSES, r)) for r in _tripod_refs()
                                 if r not in TRIPOD_WAIVED | TRIPOD_MANUAL])
def test_complete_tripod_item_reported_from_text_alone(ref):
    report = run_text_only("complete-tripod")
    status = items_by_ref(report)[ref]["status"]
    assert status == "reported", f"{ref} is {status}"


def test_complete_tripod_registration_links_are_not_code_evidence():
    report = run_text_only("complete-tripod")
    lines = evidence_lines(items_by_ref(report)["repro-core.code-access"])
    assert line_of(CT / "paper.md", "**Registration.** Analysis plan registered") not in lines
    assert line_of(CT / "paper.md", "The study protocol, including the analysis plan") not in lines


# Where the paper states each reproducibility essential: (item, marker phrase on that line).
CT_EVIDENCE = [
    ("repro-core.data-access", "is available through PhysioNet"),
    ("tripod-ai.18e", "is available through PhysioNet"),
    ("repro-core.code-access", "is available at https://github.com/northvale-ml/readmit30"),
    ("tripod-ai.18f", "is available at https://github.com/northvale-ml/readmit30"),
    ("repro-core.software-versions", "Analyses were run in Python 3.11.7 with xgboost 2.0.3"),
    ("repro-core.seeds", "drew on one master seed, 2024"),
    ("repro-core.hyperparameters", "| learning_rate | 0.031 | tuned |"),
    ("repro-core.tuning", "Hyperparameters were tuned with Bayesian optimisation"),
    ("repro-core.runs", "the internal-test AUROC averaged 0.746 with a standard deviation"),
    ("repro-core.data-split", "We randomly divided the MIMIC-IV patients (not admissions)"),
    ("repro-core.compute", "All computations ran on a single workstation"),
]
KNOWN_CT_EVIDENCE_MISSES = {
}


@pytest.mark.parametrize("ref,marker", [pytest.param(r, m, marks=known(KNOWN_CT_EVIDENCE_MISSES, r), id=r)
                                        for r, m in CT_EVIDENCE])
def test_complete_tripod_text_evidence_at_the_stated_line(ref, marker):
    """From the manuscript alone (no metadata), each essential is reported with evidence on its line."""
    report = run_text_only("complete-tripod")
    item = items_by_ref(report)[ref]
    line = line_of(CT / "paper.md", marker)
    assert item["status"] == "reported", f"{ref} is {item['status']} (expected reported from line {line})"
    assert line in evidence_lines(item), f"{ref}: evidence on lines {evidence_lines(item)}, expected line {line}"


CODE_FAMILIES = ("RND", "DEP", "DEF", "HYG", "HYP")


def test_complete_tripod_with_code_has_no_errors_and_a_clean_repository():
    code, report = run_case("complete-tripod", repo=True)
    errors = [f"{f['rule']} {f['location']['path']}:{f['location']['line']}" for f in active(report) if f["severity"] == "error"]
    assert errors == []
    assert code == 0
    noisy = [f"{f['rule']} {f['location']['path']}:{f['location']['line']} {f['message'][:80]}"
             for f in active(report) if f["rule"].startswith(CODE_FAMILIES) and f["severity"] != "info"]
    assert noisy == [], "the seeded, pinned, licensed repository should draw no code warnings"
    statuses = {ref: it["status"] for ref, it in items_by_ref(report).items() if ref.startswith("repro-core.")}
    assert {ref: s for ref, s in statuses.items() if s != "reported"} == {}


# ------------------------------------------------------------------------ gappy-study: intent

GS = SAMPLES / "gappy-study"

# (item, expected status from the text alone, marker of the line the finding/evidence points at or None)
GS_TEXT = [
    ("repro-core.seeds", "missing", None),
    ("repro-core.runs", "missing", None),
    ("repro-core.compute", "missing", None),
    ("repro-core.software-versions", "partial", "implemented in Python 3.8 using the scikit-learn"),
    ("repro-core.hyperparameters", "partial", "were optimised using grid search with 10-fold"),
    ("repro-core.data-access", "partial", "available from the corresponding author on reasonable request"),
    ("repro-core.code-access", "partial", "can be obtained from the authors upon request"),
    ("repro-core.tuning", "reported", "were optimised using grid search with 10-fold"),
    ("repro-core.data-split", "reported", "in a ratio of 80:20"),
    ("tripod-ai.18e", "partial", "available from the corresponding author on reasonable request"),
    ("tripod-ai.18f", "partial", "can be obtained from the authors upon request"),
    ("tripod-ai.5b", "missing", None),
    ("tripod-ai.10", "missing", None),
    ("tripod-ai.14", "missing", None),
    ("tripod-ai.17", "missing", None),
    ("tripod-ai.18c", "missing", None),
    ("tripod-ai.18d", "missing", None),
    ("tripod-ai.19", "missing", None),
    ("tripod-ai.23a", "missing", None),
    ("tripod-ai.11", "reported", "Missing numerical values were replaced by the mean"),
    ("tripod-ai.18a", "reported", "This research received no external funding."),
    ("tripod-ai.18b", "reported", "The authors declare no conflict of interest."),
]


@pytest.mark.parametrize("ref,status,marker", GS_TEXT, ids=[r for r, _, _ in GS_TEXT])
def test_gappy_text_statuses_and_lines(ref, status, marker):
    report = run_text_only("gappy-study")
    item = items_by_ref(report)[ref]
    assert item["status"] == status, f"{ref}: {item['status']}, expected {status}"
    findings = [f for f in report["findings"] if f["rule"] == ref]
    if status == "reported":
        assert findings == []
    else:
        assert len(findings) == 1, f"{ref}: expected one finding, got {findings}"
    if marker is not None:
        line = line_of(GS / "paper.md", marker)
        assert line in evidence_lines(item), f"{ref}: evidence on lines {evidence_lines(item)}, expected {line}"
        if status == "partial":  # the finding points at the weak statement
            assert (findings[0]["location"]["path"], findings[0]["location"]["line"]) == ("paper.md", line)


# Items the gappy manuscript does not report, which must not be credited from unrelated sentences.
GS_NOT_REPORTED = {
    "tripod-ai.9b": "credited from the Keywords line ('feature selection') and an Introduction sentence about other "
                    "studies' attributes; the predictors are only listed, never defined (how or when measured)",
    "tripod-ai.A4": "",
    "tripod-ai.1": "",
    "tripod-ai.5b": "",
    "tripod-ai.6b": "",
    "tripod-ai.8a": "",
    "tripod-ai.23a": "",
    "repro-core.runs": "",
}


@pytest.mark.parametrize("ref", [pytest.param(r, marks=known({k: v for k, v in GS_NOT_REPORTED.items() if v}, r))
                                 for r in GS_NOT_REPORTED])
def test_gappy_not_credited_for_what_it_does_not_say(ref):
    report = run_text_only("gappy-study")
    assert items_by_ref(report)[ref]["status"] != "reported"


def test_gappy_has_error_findings_and_fails():
    code, report = run_case("gappy-study", repo=False)
    errors = {f["rule"] for f in active(report) if f["severity"] == "error"}
    assert {"repro-core.seeds", "tripod-ai.10"} <= errors
    assert code == 1


def test_gappy_on_request_metadata_stays_partial():
    _, report = run_case("gappy-study", repo=False)
    assert items_by_ref(report)["repro-core.data-access"]["status"] == "partial"


def test_gappy_metadata_without_versions_stays_partial():
    _, report = run_case("gappy-study", repo=False)
    items = items_by_ref(report)
    assert items["repro-core.software-versions"]["status"] == "partial"
    assert items["repro-core.hyperparameters"]["status"] == "partial"


# (rule, file in code/, marker of the offending line or None for a file-level finding)
GS_CODE = [
    ("RND101", "main.py", "np.random.shuffle(idx)"),
    ("RND101", "preprocessing.py", "np.random.normal("),
    ("RND102", "main.py", "train_test_split(X, y, test_size=0.2)"),
    ("RND102", "models.py", "'Random Forest': RandomForestClassifier(),"),
    ("RND102", "models.py", "'SVM': SVC(kernel='rbf', probability=True),"),
    ("RND102", "eda.ipynb", "sample = df.sample(50)"),
    ("DEP202", "requirements.txt", "numpy"),
    ("DEP202", "requirements.txt", "scikit-learn"),
    ("DEP202", "requirements.txt", "seaborn>=0.11"),
    ("DEF301", "models.py", "'Random Forest': RandomForestClassifier(),"),
    ("DEF301", "models.py", "'SVM': SVC(kernel='rbf', probability=True),"),
    ("DEF301", "models.py", "'Logistic Regression': LogisticRegression(max_iter=500),"),
    ("HYG504", "main.py", "data_path = '/home/shaddad/"),
    ("HYG501", None, None),
    ("HYG503", "README.md", None),
]
KNOWN_GS_CODE_MISSES = {
    "RND102-eda.ipynb": "pandas DataFrame.sample with a positional n (df.sample(50)) is not recognised; only n=/frac= keywords are",
}


def _notebook_cell_line(path: Path, marker: str) -> tuple[int, int]:
    """(1-based cell number, 1-based line in the cell) of the only source line containing ``marker``."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    hits = [(c, i) for c, cell in enumerate(nb["cells"], 1)
            for i, text in enumerate("".join(cell["source"]).splitlines(), 1) if marker in text]
    assert len(hits) == 1, f"marker {marker!r} found at {hits} in {path}"
    return hits[0]


@pytest.mark.parametrize("rule,file,marker", [
    pytest.param(r, f, m, marks=known(KNOWN_GS_CODE_MISSES, f"{r}-{f}"), id=f"{r}-{f}-{m}") for r, f, m in GS_CODE])
def test_gappy_code_findings_at_their_lines(rule, file, marker):
    reason = analyzer_missing(rule)
    if reason:
        pytest.skip(reason)
    _, report = run_case("gappy-study", repo=True)
    found = code_findings(report, rule)
    if file is None:
        assert found, f"no {rule} finding"
        return
    path = f"code/{file}"
    at_file = [f for f in found if f["location"]["path"] == path]
    if marker is None:
        assert at_file, f"no {rule} finding on {path}; {rule} findings: {[f['location'] for f in found]}"
        return
    if file.endswith(".ipynb"):
        cell, line = _notebook_cell_line(GS / "code" / file, marker)
        assert any(f["location"]["line"] == line and f["data"].get("cell") == cell for f in at_file), \
            f"no {rule} at {path} cell {cell} line {line}; got {[(f['location'], f['data']) for f in at_file]}"
        return
    line = line_of(GS / "code" / file, marker)
    assert line in [f["location"]["line"] for f in at_file], \
        f"no {rule} at {path}:{line}; got {[f['location']['line'] for f in at_file]}"


GS_SILENT = [
    ("models.py", "'KNN': KNeighborsClassifier(),"),  # a deterministic estimator
    ("main.py", "grid = GridSearchCV(model, param_grids[name], cv=10"),  # unshuffled stratified folds
    ("preprocessing.py", "scaler = MinMaxScaler()"),  # no randomness
]


@pytest.mark.parametrize("file,marker", GS_SILENT, ids=[f for f, _ in GS_SILENT])
def test_gappy_code_silent_on_deterministic_calls(file, marker):
    reason = analyzer_missing("RND102")
    if reason:
        pytest.skip(reason)
    _, report = run_case("gappy-study", repo=True)
    line = line_of(GS / "code" / file, marker)
    hits = [f["rule"] for f in active(report) if f["rule"].startswith("RND")
            and f["location"]["path"] == f"code/{file}" and f["location"]["line"] == line]
    assert hits == []


# ------------------------------------------------------------------- consort-ai-trial: intent

TR = SAMPLES / "consort-ai-trial"

KNOWN_TRIAL_MISSES = {
}
# Items that metadata (ai_system) reports but the text detectors miss.
KNOWN_TRIAL_TEXT_MISSES = {
    **KNOWN_TRIAL_MISSES,
}


def _consort_refs() -> list[str]:
    from linter.checklist import load

    return [f"{it.checklist}.{it.id}" for it in load("consort-ai@2020").all_items()]


@pytest.mark.parametrize("ref", [pytest.param(r, marks=known(KNOWN_TRIAL_MISSES, r)) for r in _consort_refs()])
def test_trial_item_reported(ref):
    _, report = run_case("consort-ai-trial", repo=False)
    assert items_by_ref(report)[ref]["status"] == "reported"


@pytest.mark.parametrize("ref", [pytest.param(r, marks=known(KNOWN_TRIAL_TEXT_MISSES, r))
                                 for r in _consort_refs() if r.startswith("consort-ai.")])
def test_trial_ai_items_reported_from_text_alone(ref):
    report = run_text_only("consort-ai-trial")
    assert items_by_ref(report)[ref]["status"] == "reported"


def test_trial_repro_core_follows_the_study_type():
    _, report = run_case("consort-ai-trial", repo=False)
    statuses = {ref: it["status"] for ref, it in items_by_ref(report).items() if ref.startswith("repro-core.")}
    development_only = {"repro-core.hyperparameters", "repro-core.tuning", "repro-core.defaults",
                        "repro-core.data-split", "repro-core.compute", "repro-core.runs"}
    assert {r for r, s in statuses.items() if s == "not_applicable"} == development_only
    assert {r: s for r, s in statuses.items() if r not in development_only} == {
        "repro-core.seeds": "reported", "repro-core.software-versions": "reported",
        "repro-core.data-access": "reported", "repro-core.code-access": "reported"}


def test_trial_seed_values_from_text_alone():
    report = run_text_only("consort-ai-trial")
    item = items_by_ref(report)["repro-core.seeds"]
    assert item["status"] == "reported"
    assert line_of(TR / "paper.md", "(seed 20220915)") in evidence_lines(item)


TRIAL_TEXT_EVIDENCE = [
    ("repro-core.software-versions", "All analyses used R 4.3.2 with the packages lme4"),
    ("repro-core.data-access", "De-identified individual participant data and a data dictionary"),
    ("repro-core.code-access", "The R code for all trial analyses is openly available"),
    ("consort.23", "The trial was prospectively registered (ISRCTN49021736)"),
    ("consort.24", "The full protocol and the statistical analysis plan are available"),
    ("consort.7a", "To detect an absolute increase of 12 percentage points"),
]


@pytest.mark.parametrize("ref,marker", TRIAL_TEXT_EVIDENCE, ids=[r for r, _ in TRIAL_TEXT_EVIDENCE])
def test_trial_text_evidence_at_the_stated_line(ref, marker):
    report = run_text_only("consort-ai-trial")
    item = items_by_ref(report)[ref]
    assert item["status"] == "reported"
    assert line_of(TR / "paper.md", marker) in evidence_lines(item)


def test_trial_protocol_link_is_not_code_evidence():
    report = run_text_only("consort-ai-trial")
    protocol_line = line_of(TR / "paper.md", "The full protocol and the statistical analysis plan are available")
    assert protocol_line not in evidence_lines(items_by_ref(report)["repro-core.code-access"])


def test_trial_with_code_has_no_unseeded_randomness():
    reason = analyzer_missing("RND120")
    if reason:
        pytest.skip(reason)
    _, report = run_case("consort-ai-trial", repo=True)
    rnd = [f"{f['rule']} {f['location']['path']}:{f['location']['line']}" for f in active(report)
           if f["rule"] in ("RND120", "RND122")]
    assert rnd == [], "every R script seeds before drawing (set.seed, mice(seed=), the allocation seed from the environment)"
    errors = [f"{f['rule']} {f['location']['path']}:{f['location']['line']}" for f in active(report)
              if f["severity"] == "error" and f["rule"].startswith(CODE_FAMILIES)]
    assert errors == []


def test_trial_r_version_from_renv_lock_is_seen():
    reason = analyzer_missing("RND121")
    if reason:
        pytest.skip(reason)
    _, report = run_case("consort-ai-trial", repo=True)
    assert code_findings(report, "RND121") == []

"""guidelint triage: submission discovery, error rows, parallel runs, time/memory limits, crash
recovery, crash-safe resume, CSV and HTML outputs, the row schema, the Dask executor."""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from linter.cli import app
from linter.triage import find_layout, triage_one
from linter.triage_io import open_submission
from linter.triage_output import read_rows, report_filename
from linter.triage_pool import PoolSettings, Task, run_local
from linter.triage_rows import error_row
from linter.triage_run import run_triage
from tests.triage_fixtures import (BARE_PAPER, GOOD_PAPER, METHODS_YAML, REQUIREMENTS, TRAIN_PY, make_folder,
                                   make_tgz, make_zip, tar_bytes, zip_bytes)

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "linter" / "schemas" / "triage_row.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
ESSENTIALS = ("seeds", "versions", "data_access", "code_access", "hyperparameters")


def valid(row: dict) -> dict:
    VALIDATOR.validate(row)
    return row


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ------------------------------------------------------------------------------------ single rows


def test_folder_zip_and_tarball_give_the_same_result(tmp_path):
    files = {"paper.md": GOOD_PAPER, "methods.yaml": METHODS_YAML}
    folder = valid(triage_one(str(make_folder(tmp_path, "s1", files)), {}))
    zipped = valid(triage_one(str(make_zip(tmp_path, "s2.zip", files, wrapper="s2")), {}))
    tarred = valid(triage_one(str(make_tgz(tmp_path, "s3.tgz", files)), {}))
    for row in (folder, zipped, tarred):
        assert row["status"] == "ok" and row["error"] is None
        assert (row["manuscript"], row["metadata"], row["code"]) == ("paper.md", "methods.yaml", None)
    assert folder["counts"] == zipped["counts"] == tarred["counts"]
    assert folder["coverage"] == zipped["coverage"] == tarred["coverage"]
    assert set(folder["coverage"]) == {"tripod-ai@2024", "repro-core@1.0"}
    assert (folder["submission"], zipped["submission"], tarred["submission"]) == ("s1", "s2.zip", "s3.tgz")


def test_flags_follow_the_manuscript(tmp_path):
    good = valid(triage_one(str(make_folder(tmp_path, "good", {"paper.md": GOOD_PAPER})), {}))
    bare = valid(triage_one(str(make_folder(tmp_path, "bare", {"paper.md": BARE_PAPER})), {}))
    assert {f: good["flags"][f] for f in ESSENTIALS} == dict.fromkeys(ESSENTIALS, "ok")
    assert {f: bare["flags"][f] for f in ESSENTIALS} == dict.fromkeys(ESSENTIALS, "missing")
    assert good["flags"]["mismatches"] == bare["flags"]["mismatches"] == "not_checked"  # no code to compare
    assert bare["counts"]["error"] > good["counts"]["error"]


def test_flags_not_checked_without_repro_core(tmp_path):
    sub = make_folder(tmp_path, "s", {"paper.md": GOOD_PAPER})
    row = valid(triage_one(str(sub), {"checklists": ["tripod-ai"]}))
    assert set(row["coverage"]) == {"tripod-ai@2024"}
    assert set(row["flags"].values()) == {"not_checked"}


def test_metadata_in_front_matter_and_explicit_submission_yaml(tmp_path):
    front = "---\nguidelint:\n  seeds:\n    values: [3]\n---\n" + BARE_PAPER
    row = valid(triage_one(str(make_folder(tmp_path, "fm", {"paper.md": front})), {}))
    assert row["metadata"] == "paper.md#front-matter" and row["flags"]["seeds"] == "ok"
    files = {"draft/a.md": BARE_PAPER, "draft/b.md": GOOD_PAPER, "meta/m.yaml": METHODS_YAML,
             "submission.yaml": "manuscript: draft/b.md\nmetadata: meta/m.yaml\n"}
    row = valid(triage_one(str(make_zip(tmp_path, "explicit.zip", files)), {}))
    assert (row["status"], row["manuscript"], row["metadata"]) == ("ok", "draft/b.md", "meta/m.yaml")


@pytest.mark.parametrize("files, message", [
    ({"a.md": BARE_PAPER, "b.md": GOOD_PAPER}, "several manuscript candidates (a.md, b.md)"),
    ({"README.md": "# Read me\n", "notes.txt": "x"}, "no manuscript found (expected a .md, .qmd, .Rmd or .tex file)"),
    ({"paper.docx": b"PK\x03\x04", "code/a.py": "x"}, "found paper.docx, a format triage cannot read"),
    ({"paper.md": b"\x00\x01PNG junk" * 50}, "binary"),
    ({"paper.md": GOOD_PAPER, "methods.yaml": "study: [unclosed\n"}, "invalid YAML"),
    ({"paper.md": GOOD_PAPER, "methods.yaml": "study:\n  type: 7\n"}, "study.type"),
    ({"paper.md": GOOD_PAPER, "submission.yaml": "manuscript: ../../etc/passwd\n"}, "must be a path inside"),
    ({"paper.md": GOOD_PAPER, "submission.yaml": "manuscrpt: paper.md\n"}, "unknown key 'manuscrpt'"),
    ({"paper.md": GOOD_PAPER, "submission.yaml": "code: missing/\n"}, "not found in the submission"),
])
def test_broken_submissions_become_error_rows(tmp_path, files, message):
    for sub in (make_folder(tmp_path, "folder", files), make_zip(tmp_path, "archive.zip", files)):
        row = valid(triage_one(str(sub), {}))
        assert row["status"] == "error" and message in row["error"], row["error"]
        assert "\n" not in row["error"] and row["counts"] is None and row["coverage"] == {}
        assert set(row["flags"].values()) == {"not_checked"}


def test_unreadable_entries_become_error_rows(tmp_path):
    (tmp_path / "corrupt.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    (tmp_path / "truncated.tar.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "empty").mkdir()
    (tmp_path / "stray.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "link").symlink_to(make_folder(tmp_path, "target", {"paper.md": GOOD_PAPER}))
    expected = {"corrupt.zip": "cannot read the zip archive", "truncated.tar.gz": "cannot read the tar archive",
                "empty": "empty submission", "stray.pdf": "expected a folder or a .zip",
                "link": "symbolic link", "missing.zip": "no such file"}
    for name, message in expected.items():
        row = valid(triage_one(str(tmp_path / name), {}))
        assert row["status"] == "error" and message in row["error"], (name, row["error"])


def test_archive_paths_that_climb_out_are_ignored(tmp_path):
    data = zip_bytes({"../../evil.md": GOOD_PAPER, "/abs/evil2.md": GOOD_PAPER, "sub/paper.md": BARE_PAPER})
    (tmp_path / "climb.zip").write_bytes(data)
    row = valid(triage_one(str(tmp_path / "climb.zip"), {}))
    assert row["status"] == "ok" and row["manuscript"] == "paper.md"
    assert row["flags"]["seeds"] == "missing"  # the bare paper was read, not the ones outside
    (tmp_path / "only_evil.zip").write_bytes(zip_bytes({"../paper.md": GOOD_PAPER}))
    row = valid(triage_one(str(tmp_path / "only_evil.zip"), {}))
    assert row["status"] == "error" and "empty submission" in row["error"]
    assert "1 archive member(s) with absolute or '..' paths were ignored" in row["error"]


def test_hidden_files_and_macos_junk_are_ignored(tmp_path):
    files = {"paper.md": GOOD_PAPER, ".draft.md": BARE_PAPER, "__MACOSX/._paper.md": b"\x00\x05\x16\x07junk",
             ".git/notes.md": "x"}
    for sub in (make_folder(tmp_path, "f", files), make_zip(tmp_path, "z.zip", files)):
        row = valid(triage_one(str(sub), {}))
        assert row["status"] == "ok" and row["manuscript"] == "paper.md"


def test_symlinked_manuscript_is_not_followed(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD_PAPER)
    sub = make_folder(tmp_path, "s", {"notes.txt": "x"})
    (sub / "paper.md").symlink_to(outside)
    row = triage_one(str(sub), {})
    assert row["status"] == "error" and "no manuscript found" in row["error"]


# ------------------------------------------------------------------------------------------ code

CODE = {"train.py": TRAIN_PY, "requirements.txt": REQUIREMENTS}


def test_code_is_scanned_the_same_in_folders_archives_and_nested_archives(tmp_path):
    in_folder = {"paper.md": GOOD_PAPER, **{f"code/{k}": v for k, v in CODE.items()}}
    nested_zip = {"paper.md": GOOD_PAPER, "code.zip": zip_bytes(CODE, wrapper="project-main")}
    nested_tgz = {"paper.md": GOOD_PAPER, "code.tar.gz": tar_bytes(CODE)}
    rows = [
        triage_one(str(make_folder(tmp_path, "a", in_folder)), {}),
        triage_one(str(make_zip(tmp_path, "b.zip", in_folder, wrapper="b")), {}),
        triage_one(str(make_tgz(tmp_path, "c.tgz", in_folder)), {}),
        triage_one(str(make_folder(tmp_path, "d", nested_zip)), {}),
        triage_one(str(make_zip(tmp_path, "e.zip", nested_zip)), {}),
        triage_one(str(make_zip(tmp_path, "f.zip", nested_tgz)), {}),
    ]
    for row in rows:
        valid(row)
        assert row["status"] == "ok", row
        assert (row["counts"], row["flags"]) == (rows[0]["counts"], rows[0]["flags"])
    assert [r["code"] for r in rows] == ["code", "code", "code", "code.zip", "code.zip", "code.tar.gz"]
    assert rows[0]["flags"]["seeds"] == "ok" and rows[0]["flags"]["mismatches"] == "ok"


def test_unseeded_code_and_contradicted_seed_are_flagged(tmp_path):
    unseeded = TRAIN_PY.replace("np.random.seed(17)\n", "").replace(", random_state=17", "")
    other_seed = TRAIN_PY.replace("17", "42")
    for name, script, seeds, mismatches in (("unseeded", unseeded, "partial", "ok"),
                                           ("other-seed", other_seed, "ok", "partial")):
        files = {"paper.md": GOOD_PAPER, "code/train.py": script, "code/requirements.txt": REQUIREMENTS}
        for sub in (make_folder(tmp_path, name, files), make_zip(tmp_path, name + ".zip", files)):
            row = valid(triage_one(str(sub), {}))
            assert (row["flags"]["seeds"], row["flags"]["mismatches"]) == (seeds, mismatches), (name, row["flags"])


def test_corrupt_code_archive_is_an_error_row(tmp_path):
    files = {"paper.md": GOOD_PAPER, "code.zip": b"PK\x03\x04 not a zip"}
    for sub in (make_folder(tmp_path, "f", files), make_zip(tmp_path, "z.zip", files)):
        row = valid(triage_one(str(sub), {}))
        assert row["status"] == "error" and "cannot read the zip archive" in row["error"]
        assert (row["manuscript"], row["code"]) == ("paper.md", "code.zip")


# --------------------------------------------------------------------------------------- layouts


@pytest.mark.parametrize("files, code", [
    ({"paper.md": "x", "code/train.py": "x", "data/readme.md": "x"}, "code"),
    ({"paper.md": "x", "analysis.zip": b"PK"}, "analysis.zip"),
    ({"paper.md": "x", "train.py": "x", "requirements.txt": "x"}, ""),
    ({"paper.md": "x", "src/a.R": "x", "notebooks/b.ipynb": "{}"}, "src"),
    ({"paper.md": "x", "data.zip": b"PK", "figures/f1.png": b"\x89PNG"}, None),
    ({"paper.md": "x", "submission.yaml": "code: .\n"}, ""),
])
def test_code_location(tmp_path, files, code):
    with open_submission(make_folder(tmp_path, "s", files)) as tree:
        layout = find_layout(tree)
    assert layout.code == code and layout.manuscript == "paper.md"


def test_manuscript_preference_and_code_exclusion(tmp_path):
    files = {"paper.md": "x", "appendix.md": "x", "code/docs/usage.md": "x", "code/run.py": "x", "README.md": "x"}
    with open_submission(make_folder(tmp_path, "s", files)) as tree:
        assert find_layout(tree).manuscript == "paper.md"
    files = {"paper.md": "x", "paper_supplement.md": "x", "cover-letter.md": "x"}
    with open_submission(make_folder(tmp_path, "exact", files)) as tree:
        assert find_layout(tree).manuscript == "paper.md"
    files = {"manuscript_v3.tex": "x", "supplementary.md": "x"}
    with open_submission(make_folder(tmp_path, "prefix", files)) as tree:
        assert find_layout(tree).manuscript == "manuscript_v3.tex"
    with open_submission(make_folder(tmp_path, "t", {"a/x.py": "x", "b/y.py": "x", "paper.md": "x"})) as tree:
        with pytest.raises(Exception, match="several possible code locations"):
            find_layout(tree)


# ------------------------------------------------------------------------------------ whole runs


def mixed_batch(root: Path) -> dict[str, str | None]:
    """Six good submissions and six broken ones; name -> expected error text (None for ok)."""
    root.mkdir()
    good = {"paper.md": GOOD_PAPER, "methods.yaml": METHODS_YAML}
    expected: dict[str, str | None] = {}
    for i in range(3):
        make_folder(root, f"ok-folder-{i}", good)
        make_zip(root, f"ok-zip-{i}.zip", good, wrapper=f"sub{i}")
        expected[f"ok-folder-{i}"] = expected[f"ok-zip-{i}.zip"] = None
    (root / "bad-corrupt.zip").write_bytes(b"PK\x03\x04 broken")
    make_folder(root, "bad-binary", {"paper.md": b"\x00" * 300})
    make_folder(root, "bad-yaml", {"paper.md": GOOD_PAPER, "methods.yaml": "a: [b\n"})
    (root / "bad-empty").mkdir()
    (root / "bad-climb.zip").write_bytes(zip_bytes({"../../paper.md": GOOD_PAPER}))
    make_folder(root, "bad-two-papers", {"a.md": GOOD_PAPER, "b.md": GOOD_PAPER})
    expected.update({"bad-corrupt.zip": "zip", "bad-binary": "binary", "bad-yaml": "YAML", "bad-empty": "empty",
                     "bad-climb.zip": "empty", "bad-two-papers": "several manuscript"})
    (root / ".DS_Store").write_bytes(b"\x00junk")
    return expected


def check_rows(rows: list[dict], expected: dict[str, str | None]) -> None:
    names = [r["submission"] for r in rows]
    assert sorted(names) == sorted(expected) and len(names) == len(set(names))
    for row in rows:
        valid(row)
        want = expected[row["submission"]]
        if want is None:
            assert row["status"] == "ok", row
        else:
            assert row["status"] == "error" and want in row["error"], row


def test_mixed_batch_in_parallel_gives_exactly_one_row_each(tmp_path):
    expected = mixed_batch(tmp_path / "subs")
    result = run_triage(tmp_path / "subs", tmp_path / "out.jsonl", jobs=2, timeout_s=60, progress=False)
    rows = rows_of(tmp_path / "out.jsonl")
    check_rows(rows, expected)
    assert (result.total, result.checked, result.errors, result.resumed) == (12, 12, 6, 0)
    again = run_triage(tmp_path / "subs", tmp_path / "out.jsonl", jobs=2, resume=True, progress=False)
    assert (again.checked, again.resumed) == (0, 12) and rows_of(tmp_path / "out.jsonl") == rows


def big_manuscript(mb: float) -> str:
    sentence = "We measured discrimination and calibration of the model in patients seen at each site. "
    para = sentence * 6 + "\n\n"
    return "# A very long paper\n\n## Methods\n\n" + para * int(mb * 1e6 / len(para))


def test_slow_submission_times_out_and_the_batch_goes_on(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    make_folder(subs, "huge", {"paper.md": big_manuscript(5)})  # takes far longer than 2 s to check
    for i in range(4):
        make_folder(subs, f"small-{i}", {"paper.md": GOOD_PAPER})
    start = time.monotonic()
    run_triage(subs, tmp_path / "out.jsonl", jobs=2, timeout_s=2, progress=False)
    rows = {r["submission"]: valid(r) for r in rows_of(tmp_path / "out.jsonl")}
    assert len(rows) == 5 and rows["huge"]["status"] == "error"
    assert rows["huge"]["error"] == "timed out after 2 s" and rows["huge"]["duration_s"] == 2
    assert all(rows[f"small-{i}"]["status"] == "ok" for i in range(4))
    assert time.monotonic() - start < 30


def _vm_size_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) // 1024
    raise RuntimeError("no VmSize")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc are Linux-specific")
def test_memory_guard_turns_a_huge_submission_into_an_error_row(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    make_folder(subs, "huge", {"paper.md": big_manuscript(18)})  # under the 20 MiB manuscript cap
    make_folder(subs, "small", {"paper.md": GOOD_PAPER})
    limit = _vm_size_mb() + 64  # workers are forked from this process: its size plus a margin
    run_triage(subs, tmp_path / "out.jsonl", jobs=1, timeout_s=60, memory_mb=limit, progress=False)
    rows = {r["submission"]: valid(r) for r in rows_of(tmp_path / "out.jsonl")}
    assert rows["small"]["status"] == "ok"
    assert rows["huge"]["status"] == "error" and "memory" in rows["huge"]["error"], rows["huge"]


def test_killed_workers_lose_nothing_and_duplicate_nothing(tmp_path):
    import multiprocessing

    tasks = []
    for i in range(6):
        sub = make_folder(tmp_path, f"s{i}", {"paper.md": big_manuscript(0.05) + GOOD_PAPER})
        tasks.append(Task(sub.name, str(sub)))
    stop = threading.Event()
    kills = []

    def killer() -> None:  # kill every worker process, again and again, for two seconds
        end = time.monotonic() + 2
        while time.monotonic() < end and not stop.is_set():
            for child in multiprocessing.active_children():
                if child.pid and child.is_alive():
                    os.kill(child.pid, signal.SIGKILL)
                    kills.append(child.pid)
            time.sleep(0.02)

    rows: list[dict] = []
    thread = threading.Thread(target=killer)
    thread.start()
    try:
        run_local(tasks, PoolSettings(jobs=2, timeout_s=60, memory_mb=None), lambda row, _html: rows.append(row))
    finally:
        stop.set()
        thread.join()
    assert kills
    assert sorted(r["submission"] for r in rows) == [t.name for t in tasks]
    for row in rows:
        valid(row)
        assert row["status"] == "ok" or "was killed by signal 9" in row["error"], row


def test_resume_after_a_killed_run(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for i in range(16):
        make_folder(subs, f"sub-{i:02d}", {"paper.md": big_manuscript(0.01) + GOOD_PAPER})
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "linter", "triage", str(subs), "--output", str(out), "--jobs", "1"],
                            cwd=tmp_path, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 3:
                break
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    before = rows_of(out)
    assert 3 <= len(before) < 16
    with open(out, "ab") as fh:  # a crash in the middle of writing a row
        fh.write(b'{"submission": "sub-15", "status": "o')
    result = run_triage(subs, out, jobs=2, resume=True, progress=False)
    after = rows_of(out)  # every line parses: the cut line was removed
    names = [r["submission"] for r in after]
    assert sorted(names) == [f"sub-{i:02d}" for i in range(16)] and len(set(names)) == 16
    assert after[: len(before)] == before
    assert result.resumed == len(before) and result.checked == 16 - len(before)
    assert all(valid(r)["status"] == "ok" for r in after)


def test_read_rows_tolerates_a_cut_last_line(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_bytes(b'{"submission": "a", "status": "ok"}\nnot json\n{"submission": "b", "sta')
    assert set(read_rows(out)) == {"a"} and out.read_bytes().endswith(b'"sta')
    assert set(read_rows(out, repair=True)) == {"a"} and out.read_bytes().endswith(b"not json\n")


# ------------------------------------------------------------------------------- CSV, HTML, CLI


def test_summary_csv_is_sorted_and_deterministic(tmp_path):
    expected = mixed_batch(tmp_path / "subs")
    runner = CliRunner()
    tables = []
    for jobs in ("1", "2"):
        out, summary = tmp_path / f"o{jobs}.jsonl", tmp_path / f"s{jobs}.csv"
        result = runner.invoke(app, ["triage", str(tmp_path / "subs"), "--output", str(out), "--summary", str(summary),
                                     "--jobs", jobs])
        assert result.exit_code == 0, result.output
        with open(summary, newline="", encoding="utf-8") as fh:
            table = list(csv.reader(fh))
        tables.append([line[:-1] for line in table])  # without the duration column
        assert table[0][0] == "submission" and table[0][-1] == "duration_s"
    assert [line[0] for line in tables[0][1:]] == sorted(expected)
    assert tables[0] == tables[1]
    header = tables[0][0]
    assert header.index("flag_seeds") < header.index("repro-core@1.0:reported") < header.index("tripod-ai@2024:reported")


def test_csv_cells_cannot_become_formulas(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    make_folder(subs, "=HYPERLINK(1)", {"paper.md": GOOD_PAPER})
    runner = CliRunner()
    result = runner.invoke(app, ["triage", str(subs), "-o", str(tmp_path / "o.jsonl"), "--summary", str(tmp_path / "s.csv")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "s.csv", newline="", encoding="utf-8") as fh:
        table = list(csv.reader(fh))
    assert table[1][0] == "'=HYPERLINK(1)"


def test_dashboard_links_reports_and_escapes_names(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    evil = '<img src=x onerror="alert(1)">'
    make_folder(subs, evil, {"paper.md": GOOD_PAPER})
    make_folder(subs, "plain", {"paper.md": BARE_PAPER})
    (subs / "broken.zip").write_bytes(b"nope")
    dash, reports = tmp_path / "out" / "dash.html", tmp_path / "out" / "reports"
    dash.parent.mkdir()
    result = CliRunner().invoke(app, ["triage", str(subs), "-o", str(tmp_path / "o.jsonl"), "--html", str(dash),
                                      "--reports", str(reports)])
    assert result.exit_code == 0, result.output
    page = dash.read_text(encoding="utf-8")
    assert evil not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert page.count("<tr class=") == 3 and "cannot read the zip archive" in page
    assert 'href="reports/plain.html"' in page and (reports / "plain.html").is_file()
    assert (reports / report_filename(evil)).is_file() and not (reports / report_filename("broken.zip")).exists()
    assert "<script src" not in page and "http://" not in page and "https://" not in page
    assert not (tmp_path / "s.csv").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["o.jsonl", "out", "subs"]


def test_outputs_inside_the_submissions_folder_are_not_submissions(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    make_folder(subs, "one", {"paper.md": GOOD_PAPER})
    runner = CliRunner()
    args = ["triage", str(subs), "-o", str(subs / "results.jsonl"), "--summary", str(subs / "summary.csv"),
            "--html", str(subs / "dash.html"), "--reports", str(subs / "reports")]
    for _ in range(2):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert [r["submission"] for r in rows_of(subs / "results.jsonl")] == ["one"]


def test_a_submission_cannot_configure_its_own_checks(tmp_path):
    project = "[project]\nname = 'x'\nversion = '1'\n"
    plain = valid(triage_one(str(make_folder(tmp_path, "plain", {"paper.md": BARE_PAPER, "pyproject.toml": project})), {}))
    sneaky_files = {"paper.md": BARE_PAPER, ".guidelint.yaml": "ignore: ['*']\nchecklists: [consort]\n",
                    "pyproject.toml": project + "[tool.guidelint]\nignore = ['*']\n"}
    sneaky = valid(triage_one(str(make_folder(tmp_path, "sneaky", sneaky_files)), {}))
    assert (sneaky["counts"], sneaky["coverage"]) == (plain["counts"], plain["coverage"])
    editor = valid(triage_one(str(tmp_path / "plain"), {"ignore": ["tripod-ai.*"]}))
    assert editor["counts"]["error"] < plain["counts"]["error"]


def test_cli_bad_arguments_exit_2(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["triage", str(tmp_path / "nope"), "--output", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "no such submissions folder" in result.output
    (tmp_path / "subs").mkdir()
    too_small = ["--memory-mb", "70"] if sys.platform.startswith("linux") else ["--memory-mb", "10"]
    for extra in (["--jobs", "0"], ["--timeout", "0"], ["--executor", "spark"], ["--executor", "dask"],
                  ["--checklist", "no-such-checklist"], ["--memory-mb", "10"], too_small,
                  ["--scheduler", "tcp://127.0.0.1:1"]):
        result = runner.invoke(app, ["triage", str(tmp_path / "subs"), "-o", str(tmp_path / "o.jsonl"), *extra])
        assert result.exit_code == 2, (extra, result.output)
    assert not (tmp_path / "o.jsonl").exists()


def test_progress_only_on_a_terminal(tmp_path):
    import io

    from linter.triage_output import Progress

    quiet = io.StringIO()
    bar = Progress(2, stream=quiet)
    bar.update({"status": "ok"})
    bar.close()
    assert quiet.getvalue() == ""
    shown = io.StringIO()
    bar = Progress(2, stream=shown, enabled=True)
    bar.update({"status": "error"})
    bar.update({"status": "ok"})
    bar.close()
    assert "2/2" in shown.getvalue() and "errors 1" in shown.getvalue() and "/s" in shown.getvalue()


def test_schema_rejects_malformed_rows():
    row = triage_one("/nonexistent/submission.zip", {})
    valid(row)
    for bad in ({**row, "status": "maybe"}, {**row, "flags": {**row["flags"], "seeds": "yes"}},
                {k: v for k, v in row.items() if k != "submission"}):
        with pytest.raises(jsonschema.ValidationError):
            VALIDATOR.validate(bad)


# -------------------------------------------------------------------------------------------- dask


def test_dask_executor_on_a_local_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    expected = mixed_batch(tmp_path / "subs")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        run_triage(tmp_path / "subs", tmp_path / "out.jsonl", executor="dask", scheduler=cluster.scheduler_address,
                   progress=False)
    check_rows(rows_of(tmp_path / "out.jsonl"), expected)


def test_dask_missing_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "subs").mkdir()
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = CliRunner().invoke(app, ["triage", str(tmp_path / "subs"), "-o", str(tmp_path / "o.jsonl"),
                                      "--executor", "dask", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "pip install 'guidelint[dask]'" in result.output


# ------------------------------------------------------------------------------------------ browser

CHROMIUM = next((p for p in (os.environ.get("GUIDELINT_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium")
                 if p and Path(p).is_file()), None)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")
def test_dashboard_sorts_and_filters_in_a_browser(tmp_path):
    from linter.triage_html import render_dashboard

    rows = [error_row("b-broken.zip", "cannot read the zip archive")]
    for name, errors in (("a-paper", 3), ("c-paper", 9), ("d-paper", 1)):
        row = error_row(name, "x")
        row.update(status="ok", error=None, counts={"error": errors, "warning": 0, "info": 0})
        rows.append(row)
    page = render_dashboard(rows)
    probe = ("(function(){var th=document.querySelectorAll('th')[2];th.click();th.click();"
             "var first=document.querySelector('tbody tr td').textContent;"
             "var box=document.getElementById('filter');box.value='zip archive';box.dispatchEvent(new Event('input'));"
             "var shown=Array.prototype.filter.call(document.querySelectorAll('tbody tr'),function(r){return !r.hidden;});"
             "document.body.setAttribute('data-probe',first+'|'+shown.length+'|'+shown[0].cells[0].textContent);})();")
    digest = base64.b64encode(hashlib.sha256(probe.encode()).digest()).decode()
    page = page.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)  # allow the test-only probe
    page = page.replace("</body>", f"<script>{probe}</script>\n</body>", 1)
    target = tmp_path / "dash.html"
    target.write_text(page, encoding="utf-8")
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--no-first-run", "--enable-logging=stderr", "--v=0", f"--user-data-dir={tmp_path / 'profile'}",
                           "--dump-dom", target.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not [line for line in proc.stderr.splitlines() if re.search(r":CONSOLE[:(]|Uncaught|Refused to", line)]
    assert 'data-probe="c-paper|1|b-broken.zip"' in proc.stdout  # most errors first; the filter kept one row

"""CLI behaviour: exit codes, formats, bad input (one line, exit 2, never a traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from linter.cli import app
from linter.paths import schema_path

runner = CliRunner()

GOOD = """---
title: Predicting 30-day readmission with gradient boosting
---

# Predicting 30-day readmission

## Methods

Analyses used Python 3.11 with scikit-learn 1.4.2 and XGBoost 2.0.3.
All random processes used the seed 2024 (random_state=2024).

## Data availability

The data are available to credentialed users on PhysioNet under a data use agreement.

## Code availability

All analysis code is available at https://github.com/example-lab/readmission (archived at https://doi.org/10.5281/zenodo.1234567).
"""


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_version():
    r = invoke("--version")
    assert r.exit_code == 0
    assert r.stdout.startswith("guidelint ")


def test_missing_manuscript_exits_2_with_one_line(tmp_path):
    r = invoke("check", str(tmp_path / "nope.md"))
    assert r.exit_code == 2
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "nope.md" in lines[0] and "no such file" in lines[0]
    assert "Traceback" not in r.output


def test_binary_manuscript_exits_2(write):
    p = write("paper.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    r = invoke("check", str(p))
    assert r.exit_code == 2
    assert "binary" in r.stderr


def test_broken_front_matter_exits_2(write):
    p = write("paper.md", "---\ntitle: [unclosed\n---\n# T\n")
    r = invoke("check", str(p))
    assert r.exit_code == 2
    assert "front matter" in r.stderr and "paper.md" in r.stderr


def test_metadata_wrong_type_names_field(write):
    p = write("paper.md", GOOD)
    m = write("methods.yaml", "software:\n  - name: scikit-learn\n    version: 1.4\n")
    r = invoke("check", str(p), "--metadata", str(m))
    assert r.exit_code == 2
    assert "software[0].version" in r.stderr
    assert "expected a string" in r.stderr


def test_unknown_checklist_exits_2(write):
    p = write("paper.md", GOOD)
    r = invoke("check", str(p), "--checklist", "no-such-list")
    assert r.exit_code == 2
    assert "unknown checklist" in r.stderr and "tripod-ai" in r.stderr


def test_unknown_format_exits_2(write):
    p = write("paper.md", GOOD)
    r = invoke("check", str(p), "--format", "yaml")
    assert r.exit_code == 2
    assert "unknown format" in r.stderr


def test_malformed_checklist_file_exits_2(write):
    p = write("paper.md", GOOD)
    cl = write("mine.yaml", "id: mine\nversion: '1'\ntitle: T\nsource: {citation: x}\nitems:\n  - id: a\n    section: S\n    title: T\n    requirement: Report the thing clearly here.\n    severity: high\n")
    r = invoke("check", str(p), "--checklist", str(cl))
    assert r.exit_code == 2
    assert "mine.yaml" in r.stderr and "item a" in r.stderr and "severity" in r.stderr


def test_empty_manuscript_reports_everything_missing(write):
    p = write("empty.md", "")
    r = invoke("check", str(p), "--checklist", "repro-core", "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    statuses = {i["id"]: i["status"] for i in data["items"]}
    assert statuses["seeds"] == "missing"
    assert statuses["data-access"] == "missing"


def test_json_report_validates_against_schema(write):
    p = write("paper.md", GOOD)
    r = invoke("check", str(p), "--format", "json")
    data = json.loads(r.stdout)
    schema = json.loads(schema_path("report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    assert {c["id"] for c in data["checklists"]} == {"tripod-ai", "repro-core"}
    items = {(i["checklist"], i["id"]): i for i in data["items"]}
    code = items[("repro-core", "code-access")]
    assert code["status"] == "reported"
    assert code["evidence"][0]["line"] == GOOD.splitlines().index(
        next(ln for ln in GOOD.splitlines() if "All analysis code" in ln)) + 1


def test_fail_on_controls_exit_code(write):
    p = write("paper.md", GOOD)
    assert invoke("check", str(p), "--checklist", "repro-core", "--fail-on", "never").exit_code == 0
    assert invoke("check", str(p), "--checklist", "repro-core", "--fail-on", "info").exit_code == 1


def test_output_file_written(write, tmp_path):
    p = write("paper.md", GOOD)
    out = tmp_path / "report.json"
    r = invoke("check", str(p), "--format", "json", "--output", str(out), "--fail-on", "never")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert json.loads(out.read_text())["schema_version"] == 1


def test_text_output_has_locations_and_summary(write):
    p = write("paper.md", "# Title\n\n## Methods\n\nThe data are available on request from the authors.\n")
    r = invoke("check", str(p), "--checklist", "repro-core")
    assert r.exit_code == 1
    assert f"{p}:5:1: repro-core.data-access warning" in r.stdout
    assert "Found" in r.stdout.splitlines()[-1]
    assert "\x1b[" not in r.stdout  # no colour when not a terminal


def test_schema_command_prints_methods_schema():
    r = invoke("schema", "methods")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["type"] == "object"


def test_checklists_list_and_show():
    r = invoke("checklists", "list")
    assert r.exit_code == 0
    assert "tripod-ai@2024" in r.stdout and "consort-ai@2020" in r.stdout
    r = invoke("checklists", "show", "tripod-ai@2024")
    assert r.exit_code == 0
    assert "tripod-ai.18e" in r.stdout


def test_checklists_validate_reports_errors(write):
    good = write("good.yaml", "id: mine\nversion: '1'\ntitle: T\nsource: {citation: x}\nitems:\n  - id: a\n    section: S\n    title: T\n    requirement: Report the thing clearly here.\n    severity: error\n    evidence: {any: [{check: text.statement, with: {statement: seed}}]}\n")
    assert invoke("checklists", "validate", str(good)).exit_code == 0
    bad = write("bad.yaml", "id: mine\nversion: '1'\ntitle: T\nsource: {citation: x}\nitems:\n  - id: a\n    section: S\n    title: T\n    requirement: Report the thing clearly here.\n    severity: error\n    evidence: {any: [{check: text.nothing}]}\n")
    r = invoke("checklists", "validate", str(bad))
    assert r.exit_code == 1
    assert "unknown check 'text.nothing'" in r.stderr


def test_directory_as_manuscript_is_named(tmp_path):
    r = invoke("check", str(tmp_path))
    assert r.exit_code == 2
    assert "is a directory" in r.stderr


def test_broken_pipe_is_quiet(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(f"{sys.executable} -m linter rules | head -c 10", shell=True, capture_output=True,
                          text=True, timeout=120, cwd=str(Path(__file__).resolve().parents[1]))
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr

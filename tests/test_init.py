"""`guidelint init`: a methods.yaml draft filled from the code, valid against the schema, accepted by
`guidelint check`, with TODOs for the author; never overwrites without --force; writes only its output."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from linter import metadata
from linter.cli import app

CASES = Path(__file__).parent / "cross_cases"
runner = CliRunner()


def _scanner_ready() -> str | None:
    try:
        mod = importlib.import_module("linter.repo")
    except ImportError:
        return "linter.repo.scan is not written yet"
    if getattr(mod, "scan", None) is None:
        return "linter.repo.scan is not written yet"
    return None


pytestmark = pytest.mark.skipif(_scanner_ready() is not None, reason=str(_scanner_ready()))


def invoke(*args: str):
    return runner.invoke(app, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def agree(tmp_path) -> Path:
    dst = tmp_path / "study"
    shutil.copytree(CASES / "agree", dst)
    return dst


def test_draft_from_code_is_schema_valid_and_filled(agree):
    result = invoke("init", "--repo", str(agree / "code"))
    assert result.exit_code == 0, result.output
    text = result.stdout
    data = yaml.safe_load(text)
    assert metadata.errors_of(data) == []
    assert data["metadata_version"] == 1
    assert data["language"] == {"name": "Python", "version": "3.11.6"}
    assert {"name": "scikit-learn", "version": "1.3.2"} in data["software"]
    assert {"name": "xgboost", "version": "2.0.3"} in data["software"]
    assert data["seeds"]["values"] == [2024] and data["seeds"]["set_in_code"] is True
    hps = {(h["name"], h.get("value")) for h in data["hyperparameters"]}
    assert {("learning_rate", 0.05), ("max_depth", 6), ("n_estimators", 400), ("C", 0.1)} <= hps
    assert data["splits"]["proportions"] == {"train": 0.8, "test": 0.2} and data["splits"]["n_folds"] == 5
    assert data["data"]["sources"] == [{"name": "MIMIC-IV", "version": "2.2"}]
    assert data["code_availability"]["licence"] == "MIT"
    # sources as comments, TODOs for the author, and nothing the author must supply filled in
    assert "# configs/xgb.yaml:2" in text and "requirements.txt:3" in text
    assert "# TODO type:" in text and "# TODO runs:" in text and "TODO availability" in text
    assert "type" not in data.get("study", {}) and "availability" not in data["data"]
    assert "physionet" in text.lower()


def test_check_accepts_the_draft(agree, tmp_path):
    out = tmp_path / "methods.yaml"
    result = invoke("init", "--repo", str(agree / "code"), "--manuscript", str(agree / "paper.md"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text())["study"]["title"].startswith("Predicting 30-day mortality")
    result = invoke("check", str(agree / "paper.md"), "--metadata", str(out), "--repo", str(agree / "code"),
                    "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.stdout)
    assert report["inputs"]["metadata"] == str(out)
    assert [f for f in report["findings"] if f["rule"].startswith("XC")] == []
    result = invoke("check", "--metadata", str(out), "--repo", str(agree / "code"), "--fail-on", "never", "-q")
    assert result.exit_code == 0, result.output


def test_draft_lists_disagreements_but_check_still_flags_the_manuscript(tmp_path):
    study = tmp_path / "s"
    shutil.copytree(CASES / "disagree", study)
    out = tmp_path / "methods.yaml"
    assert invoke("init", "-r", str(study / "code"), "-m", str(study / "paper.md"), "-o", str(out)).exit_code == 0
    text = out.read_text()
    assert "# NOTE the manuscript and the code disagree" in text and "#   XC601 manuscript says seed 42" in text
    assert metadata.errors_of(yaml.safe_load(text)) == []
    result = invoke("check", str(study / "paper.md"), "--metadata", str(out), "--repo", str(study / "code"),
                    "--format", "json", "--fail-on", "never")
    import json

    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert {"XC601", "XC602", "XC603", "XC604", "XC605"} <= rules


def test_never_overwrites_without_force(agree, tmp_path):
    out = tmp_path / "methods.yaml"
    out.write_text("# mine\n")
    result = invoke("init", "--repo", str(agree / "code"), "-o", str(out))
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output and "Traceback" not in result.output
    assert out.read_text() == "# mine\n"
    result = invoke("init", "--repo", str(agree / "code"), "-o", str(out), "--force")
    assert result.exit_code == 0 and out.read_text().startswith("# Methods metadata for guidelint")


def test_writes_only_the_output(agree, tmp_path):
    before = snapshot(agree)
    out = tmp_path / "out" / "draft.yaml"
    out.parent.mkdir()
    assert invoke("init", "--repo", str(agree / "code"), "-m", str(agree / "paper.md"), "-o", str(out)).exit_code == 0
    assert snapshot(agree) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["draft.yaml"]
    assert invoke("init", "--repo", str(agree / "code")).exit_code == 0
    assert snapshot(agree) == before


def test_bad_inputs_exit_2(tmp_path):
    result = invoke("init", "--repo", str(tmp_path / "missing"))
    assert result.exit_code == 2 and "no such repository" in result.output
    (tmp_path / "dir").mkdir()
    result = invoke("init", "--repo", str(CASES / "partial" / "code"), "-o", str(tmp_path / "dir"), "--force")
    assert result.exit_code == 2 and "folder" in result.output


def test_git_remote_and_commit_without_credentials(tmp_path):
    repo = tmp_path / "hf-readmission"
    (repo / ".git" / "refs" / "heads").mkdir(parents=True)
    (repo / ".git" / "config").write_text(
        '[core]\n\tbare = false\n[remote "origin"]\n\turl = https://user:s3cret@github.com/example-lab/hf-readmission.git\n'
        '\tfetch = +refs/heads/*:refs/remotes/origin/*\n')
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (repo / ".git" / "refs" / "heads" / "main").write_text("3f9c2a1b" + "0" * 32 + "\n")
    (repo / "fit.R").write_text("set.seed(11)\nlibrary(randomForest)\nm <- randomForest(y ~ ., data = d, ntree = 300)\n")
    result = invoke("init", "--repo", str(repo))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert metadata.errors_of(data) == []
    assert data["code_availability"]["url"] == "https://github.com/example-lab/hf-readmission"
    assert data["code_availability"]["commit"] == "3f9c2a1b0000"
    assert "s3cret" not in result.stdout
    assert data["language"]["name"] == "R"


def test_ssh_remote_is_turned_into_a_web_address(tmp_path):
    repo = tmp_path / "proj"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text('[remote "origin"]\n\turl = git@gitlab.com:lab/proj.git\n')
    (repo / "main.py").write_text("print('hello')\n")
    data = yaml.safe_load(invoke("init", "--repo", str(repo)).stdout)
    assert data["code_availability"]["url"] == "https://gitlab.com/lab/proj"


def test_empty_repository_gives_a_valid_all_todo_draft(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing to see\n")
    result = invoke("init", "--repo", str(tmp_path))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert metadata.errors_of(data) == []
    assert set(data) == {"metadata_version"}
    for section in ("study", "language", "software", "seeds", "hyperparameters", "splits", "data", "code_availability"):
        assert f"# TODO {section}:" in result.stdout


def test_small_floats_stay_numbers(tmp_path):
    (tmp_path / "config.yaml").write_text("optimizer:\n  lr: 1.0e-05\n  weight_decay: 0.0001\n")
    data = yaml.safe_load(invoke("init", "--repo", str(tmp_path)).stdout)
    assert metadata.errors_of(data) == []
    values = {h["name"]: h["value"] for h in data.get("hyperparameters", [])}
    assert values == {"lr": 1e-05, "weight_decay": 0.0001}


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_git_folder_reached_through_a_link_is_not_read(tmp_path):
    outside = tmp_path / "outside"
    (outside).mkdir()
    (outside / "config").write_text('[remote "origin"]\n\turl = https://github.com/elsewhere/secret.git\n')
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "main.py").write_text("x = 1\n")
    (repo / ".git").symlink_to(outside, target_is_directory=True)
    result = invoke("init", "--repo", str(repo))
    assert result.exit_code == 0 and "elsewhere" not in result.stdout

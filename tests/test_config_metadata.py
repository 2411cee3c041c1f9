"""Configuration discovery and validation; metadata discovery and validation."""

from __future__ import annotations

import pytest

from linter.config import load_config
from linter.errors import InputError
from linter.manuscript.markdown import read_markdown
from linter.metadata import errors_of, find_metadata, load_file


def test_pyproject_config_found_upwards(write, tmp_path):
    write("pyproject.toml", '[tool.guidelint]\nchecklists = ["repro-core"]\nfail-on = "warning"\nignore = ["HYP401"]\n'
                            '[tool.guidelint.severity]\nDEP202 = "error"\n')
    paper = write("paper/paper.md", "# T\n")
    (tmp_path / ".git").mkdir()
    cfg = load_config(paper)
    assert cfg.checklists == ["repro-core"]
    assert cfg.fail_on == "warning"
    assert cfg.ignore == ["HYP401"]
    assert cfg.severity == {"DEP202": "error"}


def test_guidelint_yaml_preferred_in_same_folder(write):
    write("pyproject.toml", '[tool.guidelint]\nchecklists = ["repro-core"]\n')
    write(".guidelint.yaml", "checklists: [tripod-ai]\n")
    paper = write("paper.md", "# T\n")
    assert load_config(paper).checklists == ["tripod-ai"]


def test_pyproject_without_section_is_ignored(write):
    write("pyproject.toml", "[project]\nname = 'x'\n")
    paper = write("paper.md", "# T\n")
    assert load_config(paper).checklists == ["tripod-ai", "repro-core"]


@pytest.mark.parametrize("content, message", [
    ("checklist: [x]\n", "unknown configuration key 'checklist'"),
    ("fail-on: sometimes\n", "fail-on"),
    ("severity: {DEP202: fatal}\n", "severity.DEP202"),
    ("ignore: 3\n", "ignore: expected a list"),
])
def test_bad_config_is_input_error(write, content, message):
    write(".guidelint.yaml", content)
    paper = write("paper.md", "# T\n")
    with pytest.raises(InputError) as exc:
        load_config(paper)
    assert message in str(exc.value) and ".guidelint.yaml" in str(exc.value)


def test_sidecar_metadata_found(write):
    paper = write("study/paper.md", "# T\n")
    write("study/methods.yaml", "seeds:\n  values: [1]\n")
    doc = read_markdown(str(paper), "# T\n")
    data, where = find_metadata(doc, str(paper), None)
    assert data == {"seeds": {"values": [1]}}
    assert where.endswith("methods.yaml")


def test_front_matter_block_wins_over_sidecar(write):
    text = "---\ntitle: X\nguidelint:\n  seeds:\n    values: [9]\n---\n# T\n"
    paper = write("study/paper.md", text)
    write("study/methods.yaml", "seeds:\n  values: [1]\n")
    doc = read_markdown(str(paper), text)
    data, where = find_metadata(doc, str(paper), None)
    assert data["seeds"]["values"] == [9] and where == str(paper)


def test_front_matter_block_validated(write):
    text = "---\nguidelint:\n  seeds: five\n---\n# T\n"
    paper = write("paper.md", text)
    doc = read_markdown(str(paper), text)
    with pytest.raises(InputError) as exc:
        find_metadata(doc, str(paper), None)
    assert "seeds" in str(exc.value) and "front matter" in str(exc.value)


@pytest.mark.parametrize("content, fragment", [
    ("software:\n  - {name: numpy, version: 1.26}\n", "software[0].version: expected a string"),
    ("seeds: {values: [one]}\n", "seeds.values[0]"),
    ("sofware: []\n", "sofware"),
    ("- a\n- b\n", "mapping"),
    ("a: [unclosed\n", "invalid YAML"),
])
def test_metadata_errors_point_to_field(write, content, fragment):
    m = write("methods.yaml", content)
    with pytest.raises(InputError) as exc:
        load_file(m)
    assert fragment in str(exc.value)
    assert "methods.yaml" in str(exc.value)


def test_valid_metadata_has_no_errors():
    assert errors_of({"software": [{"name": "numpy", "version": "1.26.4"}], "seeds": {"values": [1, 2]}}) == []


def test_unquoted_dates_become_iso_text(write):
    m = write("methods.yaml", "data:\n  sources:\n    - name: cohort\n      accrual_start: 2019-01-01\n")
    data = load_file(m)
    assert data["data"]["sources"][0]["accrual_start"] == "2019-01-01"

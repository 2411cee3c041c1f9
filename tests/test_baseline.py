"""Baselines: saved JSON report -> fingerprints; only new findings stay active."""

from __future__ import annotations

import dataclasses
import json

import pytest

from linter.baseline import BASELINE_REASON, apply_baseline, load_baseline
from linter.errors import InputError
from linter.model import Finding, Location, Report, Severity


def finding(path="code/train.py", line=12, msg="np.random.shuffle draws random numbers but no seed is set",
            rule="RND101", **kw) -> Finding:
    return Finding(rule, "unseeded-randomness", Severity.WARNING, msg, Location(path, line, 5), **kw)


def report(*findings: Finding) -> Report:
    return Report(tool_version="0.1.0", inputs={"repo": "."}, checklists=[], items=[], findings=list(findings))


def save(tmp_path, rep: Report):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(rep.to_dict()), encoding="utf-8")
    return path


def shifted(f: Finding, by: int) -> Finding:
    return dataclasses.replace(f, location=Location(f.location.path, f.location.line + by, f.location.column))


def test_round_trip_shifted_finding_matches_new_one_does_not(tmp_path):
    old = finding()
    keys = load_baseline(save(tmp_path, report(old)))
    moved = shifted(old, 5)
    new = finding(path="code/eval.py")
    other_rule = finding(rule="RND102")
    rep = report(moved, new, other_rule)
    assert apply_baseline(rep, keys) == 1
    assert moved.suppressed == BASELINE_REASON
    assert new.suppressed is None and other_rule.suppressed is None
    assert rep.counts()["warning"] == 2  # suppressed findings do not count
    assert len(rep.findings) == 3  # ... but stay in the report


def test_message_with_line_reference_still_matches_after_shift(tmp_path):
    old = finding(msg="seed 42 in the paper but train.py:12 sets 7 (see line 12)")
    keys = load_baseline(save(tmp_path, report(old)))
    moved = dataclasses.replace(shifted(old, 5), message="seed 42 in the paper but train.py:17 sets 7 (see line 17)")
    changed_value = finding(msg="seed 42 in the paper but train.py:17 sets 8 (see line 17)")
    apply_baseline(report(moved, changed_value), keys)
    assert moved.suppressed == BASELINE_REASON
    assert changed_value.suppressed is None  # a different value is a different problem


def test_counts_occurrences_of_identical_findings(tmp_path):
    keys = load_baseline(save(tmp_path, report(finding(line=12))))
    a, b = finding(line=14), finding(line=40)
    apply_baseline(report(a, b), keys)
    assert [a.suppressed, b.suppressed] == [BASELINE_REASON, None]


def test_plain_fingerprint_set_suppresses_every_match():
    a, b = finding(line=14), finding(line=40)
    assert apply_baseline(report(a, b), {a.fingerprint}) == 2


def test_existing_suppression_is_kept(tmp_path):
    old = finding()
    keys = load_baseline(save(tmp_path, report(old)))
    inline = dataclasses.replace(finding(), suppressed="inline comment")
    apply_baseline(report(inline), keys)
    assert inline.suppressed == "inline comment"


def test_fingerprint_only_baseline(tmp_path):
    old = finding()
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"findings": [{"fingerprint": old.fingerprint}]}))
    f = shifted(old, 3)
    apply_baseline(report(f), load_baseline(path))
    assert f.suppressed == BASELINE_REASON


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not valid JSON"),
    ("[]", "'findings' list"),
    ('{"findings": {}}', "'findings' list"),
    ('{"findings": [3]}', "not an object"),
    ('{"findings": [{"rule": "X"}]}', "neither a fingerprint"),
])
def test_bad_baseline_is_an_input_error(tmp_path, content, problem):
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(InputError, match=problem):
        load_baseline(path)


def test_missing_baseline_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_baseline(tmp_path / "nope.json")

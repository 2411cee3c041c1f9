"""Hold the line on measured manuscript accuracy: run benchmarks/accuracy.py over the development corpus
(../shared/corpus next to the checkout) and compare with benchmarks/accuracy_baseline.json.

The baseline is updated only deliberately (``benchmarks/accuracy.py --update-baseline "note"``), never by
this test. The corpus texts are third-party works that live outside the repository; without them the
test is skipped.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy.py"
_spec = importlib.util.spec_from_file_location("guidelint_accuracy_benchmark", _SCRIPT)
accuracy = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = accuracy
_spec.loader.exec_module(accuracy)  # the benchmark script is not part of the installed package

CORPUS = accuracy.DEFAULT_CORPUS


@pytest.fixture(scope="module")
def measured() -> dict:
    if not (CORPUS / "manuscripts.yaml").is_file():
        pytest.skip(f"development corpus not found at {CORPUS} (it is kept outside the repository)")
    return accuracy.score(CORPUS)


@pytest.fixture(scope="module")
def baseline() -> dict:
    return json.loads(accuracy.BASELINE.read_text(encoding="utf-8"))


def test_no_manuscript_is_skipped(measured: dict) -> None:
    assert measured["skipped"] == [], "every corpus format needs a reader (is pylatexenc installed?)"


def test_no_topic_drops_below_the_baseline(measured: dict, baseline: dict) -> None:
    now = measured["summary"]["topics"]
    drops = {t: f"{now[t]['right']}/{now[t]['total']} < {b['right']}/{b['total']}"
             for t, b in baseline["topics"].items() if now[t]["right"] < b["right"]}
    wrong = [f"{c.manuscript}:{c.topic} label={c.label} tool={c.status}" for c in measured["cells"] if not c.right]
    assert not drops, f"accuracy dropped: {drops}; wrong cells now: {wrong}"


def test_error_level_false_alarms_do_not_rise(measured: dict, baseline: dict) -> None:
    now = measured["summary"]["error_false_alarms"]
    cells = [f"{c.manuscript}:{c.topic} {c.error_false_alarm}" for c in measured["cells"] if c.error_false_alarm]
    assert now <= baseline["error_false_alarms"], f"error-level false alarms on reported topics: {cells}"


def test_goals_of_issue_7_still_hold(measured: dict) -> None:
    topics = measured["summary"]["topics"]
    for name, t in topics.items():
        goal = 0.95 if name in ("data_availability", "code_availability", "software_versions") else 0.90
        assert t["right"] / t["total"] >= goal, (name, t)
    assert measured["summary"]["error_false_alarms"] == 0


def test_scoring_rules() -> None:
    assert accuracy.decide("present", "partial") == (True, False)
    assert accuracy.decide("partial", "partial") == (True, True)
    assert accuracy.decide("absent", "manual") == (False, False)
    assert accuracy.decide("n/a", "manual") == (True, True)
    assert accuracy.decide("n/a", "missing") == (False, False)
    assert accuracy.combine(["missing", "reported"]) == "reported"
    assert accuracy.combine(["manual"]) == "manual"
    assert accuracy.label_lines("Methods > Data 190; Results 420-432; Table 3") == [(190, 190), (420, 432)]
    assert accuracy.label_lines("(hidden chunk 57)") == []

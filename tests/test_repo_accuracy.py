"""Hold the line on measured precision and recall of the code rules over the labelled repository
corpus (benchmarks/repo_corpus, scored by benchmarks/repo_accuracy.py), and check the scorer itself.

The baseline (benchmarks/repo_accuracy_baseline.json) is updated only deliberately, with
``benchmarks/repo_accuracy.py --update-baseline "note"``, never by this test.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from fractions import Fraction
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "repo_accuracy.py"
_spec = importlib.util.spec_from_file_location("guidelint_repo_accuracy_benchmark", _SCRIPT)
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench
_spec.loader.exec_module(bench)  # the benchmark script is not part of the installed package

REPOS = sorted(p for p in bench.CORPUS.iterdir() if (p / bench.LABELS).is_file())


@pytest.fixture(scope="module")
def measured() -> dict:
    return bench.score(bench.CORPUS)


@pytest.fixture(scope="module")
def baseline() -> dict:
    return json.loads(bench.BASELINE.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the corpus and its labels


def test_corpus_has_at_least_twelve_labelled_repositories() -> None:
    assert len(REPOS) >= 12


@pytest.mark.parametrize("repo", REPOS, ids=[p.name for p in REPOS])
def test_labels_are_well_formed_and_point_at_real_code(repo: Path) -> None:
    labels = bench.load_labels(repo)  # raises LabelError on a bad key, missing line or wrong 'at' text
    assert labels.expect or labels.must_not


def test_exactly_one_clean_repository_is_declared() -> None:
    clean = [p.name for p in REPOS if bench.load_labels(p).clean]
    assert clean == ["clean_readmission"]


def test_labels_file_is_not_scanned_as_part_of_the_repository() -> None:
    found = bench.scan_repo(bench.CORPUS / "phi_readmit_csv")
    assert found and all(g.path != bench.LABELS for g in found)


# ------------------------------------------------------------------ hold the line


def _at_least(now: dict, base: dict, key: str) -> bool:
    """now's precision/recall >= base's; an undefined ratio (no denominator) counts as 1."""
    other = "fp" if key == "precision" else "fn"

    def ratio(c: dict) -> Fraction:
        den = c["tp"] + c[other]
        return Fraction(c["tp"], den) if den else Fraction(1)

    return ratio(now) >= ratio(base)


def test_no_rule_loses_precision_or_recall(measured: dict, baseline: dict) -> None:
    now = measured["rules"]
    zero = {"tp": 0, "fp": 0, "fn": 0}
    drops = []
    for rule in sorted(set(now) | set(baseline["rules"])):
        n, b = now.get(rule, zero), baseline["rules"].get(rule, zero)
        for key in ("precision", "recall"):
            if not _at_least(n, b, key):
                drops.append(f"{rule} {key}: now TP={n['tp']} FP={n['fp']} FN={n['fn']}, "
                             f"baseline TP={b['tp']} FP={b['fp']} FN={b['fn']}")
    assert not drops, "accuracy dropped below benchmarks/repo_accuracy_baseline.json:\n" + "\n".join(drops)


def test_clean_repository_has_no_error_level_finding(measured: dict) -> None:
    errors = [f"{name}/{g.where()} {g.rule}: {g.message}" for name, g in measured["clean_errors"]]
    assert errors == []


def test_goals_met_in_the_baseline_stay_met(measured: dict, baseline: dict) -> None:
    for rule, (p_goal, r_goal) in bench.GOALS.items():
        b = baseline["rules"].get(rule)
        if b is None or not b["tp"]:
            continue
        b_met = b["tp"] / (b["tp"] + b["fp"]) >= p_goal and b["tp"] / (b["tp"] + b["fn"]) >= r_goal
        c = measured["rules"][rule]
        if b_met:
            assert (c["precision"] or 0) >= p_goal and (c["recall"] or 0) >= r_goal, (rule, c)


# ------------------------------------------------------------------ the matcher


def _labels(expect=(), must_not=(), optional=(), clean=False) -> "bench.RepoLabels":
    return bench.RepoLabels("toy", clean, list(expect), list(must_not), list(optional))


def _got(rule="RND101", path="a.py", line=3, column=5, cell=None, param=None, severity="error"):
    return bench.Got(rule, path, line, column, cell, param, severity, "message")


def _label(kind="expect", rules=("RND101",), path="a.py", lines=(3,), column=None, cell=None, param=None):
    return bench.Label(kind, tuple(rules), path, tuple(lines), column, cell, param)


def test_finding_at_the_labelled_place_is_a_true_positive() -> None:
    r = bench.match(_labels([_label(column=5)]), [_got()])
    assert (len(r.tp), r.fp, r.fn) == (1, [], [])


def test_wrong_column_line_rule_or_cell_is_both_a_miss_and_a_false_alarm() -> None:
    for got in (_got(column=9), _got(line=4), _got(rule="RND102"), _got(cell=2)):
        r = bench.match(_labels([_label(column=5, cell=None if got.cell is None else 1)]), [got])
        assert (r.tp, len(r.fp), len(r.fn)) == ([], 1, 1), got


def test_alternative_lines_accept_either_but_only_one_finding() -> None:
    r = bench.match(_labels([_label(lines=(9, 10))]), [_got(line=10), _got(line=9)])
    assert (len(r.tp), len(r.fp), len(r.fn)) == (1, 1, 0)


def test_specific_labels_are_matched_before_loose_ones() -> None:
    loose = _label(lines=(), column=None)  # RND101 anywhere in a.py
    exact = _label(lines=(7,))
    r = bench.match(_labels([loose, exact]), [_got(line=7), _got(line=2)])
    assert {(lb.lines, g.line) for lb, g in r.tp} == {((7,), 7), ((), 2)}


def test_repository_level_label_matches_any_path() -> None:
    r = bench.match(_labels([_label(rules=("DEP203",), path=None, lines=())]),
                    [_got(rule="DEP203", path="requirements.txt", line=None, column=None)])
    assert len(r.tp) == 1 and not r.fp


def test_parameter_distinguishes_two_findings_on_one_call() -> None:
    want = _label(rules=("DEF301",), param="init")
    r = bench.match(_labels([want]), [_got(rule="DEF301", param="learning_rate"), _got(rule="DEF301", param="init")])
    assert [g.param for _, g in r.tp] == ["init"] and [g.param for g in r.fp] == ["learning_rate"]


def test_optional_findings_are_neither_credited_nor_false_alarms() -> None:
    r = bench.match(_labels(optional=[_label(kind="optional")]), [_got()])
    assert (r.tp, r.fp, r.fn, len(r.optional)) == ([], [], [], 1)


def test_must_not_hit_is_a_false_alarm_and_a_trap_hit() -> None:
    r = bench.match(_labels(must_not=[_label(kind="must_not", rules=("RND101", "RND102"))]), [_got(), _got(line=8)])
    assert len(r.fp) == 2 and [g.line for _, g in r.trap_hits] == [3]


def test_error_findings_on_a_clean_repository_are_listed() -> None:
    r = bench.match(_labels(clean=True), [_got(severity="error"), _got(severity="warning", line=5)])
    assert [g.severity for g in r.clean_errors] == ["error"]


def test_summary_counts_per_rule() -> None:
    r = bench.match(_labels([_label(), _label(rules=("RND102",), lines=(4,))]), [_got(), _got(rule="RND104")])
    s = bench.summarise([r])
    assert s["RND101"] == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0}
    assert s["RND102"]["recall"] == 0.0 and s["RND102"]["precision"] is None
    assert s["RND104"]["fp"] == 1 and s["RND104"]["precision"] == 0.0


def test_label_checks_reject_a_line_that_does_not_hold_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import random\nrandom.shuffle(x)\n", encoding="utf-8")
    (tmp_path / "labels.yaml").write_text("expect:\n  - {rule: RND101, path: a.py, line: 2, at: np.random}\n",
                                          encoding="utf-8")
    with pytest.raises(bench.LabelError):
        bench.load_labels(tmp_path)
    (tmp_path / "labels.yaml").write_text("expect:\n  - {rule: RND101, path: a.py, line: 2, at: random.shuffle}\n",
                                          encoding="utf-8")
    assert bench.load_labels(tmp_path).expect[0].column == 1


def test_label_checks_reject_a_must_not_that_contradicts_an_expectation(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import random\nrandom.shuffle(x)\n", encoding="utf-8")
    (tmp_path / "labels.yaml").write_text(
        "expect:\n  - {rule: RND101, path: a.py, line: 2}\nmust_not:\n  - {rule: [RND101], path: a.py, line: 2}\n",
        encoding="utf-8")
    with pytest.raises(bench.LabelError):
        bench.load_labels(tmp_path)

"""Manuscript <-> code cross-checks: each kind of disagreement is flagged with both values and both
places; agreement (in any of the usual spellings) stays silent; a value the code never sets is an
XC610 info, not an error. Unit tests build RepoFacts by hand; the case folders under
tests/cross_cases/ run the real scanner and engine."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from linter.checks import Context
from linter.cross import cross_check
from linter.manuscript import read_manuscript
from linter.repo.facts import CallFact, Dependency, HyperParam, RepoFacts, SeedFact

CASES = Path(__file__).parent / "cross_cases"


def run(write, body: str, repo: RepoFacts, metadata=None):
    paper = write("paper.md", f"# Study\n\n## Methods\n\n{body}\n")
    ctx = Context(doc=read_manuscript(str(paper)), metadata=metadata or {}, metadata_path="methods.yaml", repo=repo)
    return cross_check(ctx)


def repo(**kw) -> RepoFacts:
    kw.setdefault("files", ["train.py"])
    kw.setdefault("languages", {"python": 1})
    return RepoFacts(root="", **kw)


def rules(findings) -> list[str]:
    return sorted(f.rule for f in findings)


def dep(name, spec, path="requirements.txt", line=1, version=None, **kw):
    pinned = version is not None or spec.startswith("==")
    return Dependency(name, spec, pinned, path, line, version=version or (spec[2:] if spec.startswith("==") else None), **kw)


# ---------------------------------------------------------------- seeds

def test_seed_mismatch_names_both_values_and_places(write):
    found = run(write, "All analyses used a random seed of 42.", repo(seeds=[SeedFact("numpy", "train.py", 8, 1, 7, "7")]))
    assert rules(found) == ["XC601"]
    f = found[0]
    assert "seed 42" in f.message and "paper.md:5" in f.message
    assert "7 (train.py:8)" in f.message
    assert (f.location.path, f.location.line) == ("train.py", 8)
    assert [(Path(r.path).name, r.line) for r in f.related] == [("paper.md", 5)]
    assert f.severity.value == "error" and "repro-core.seeds" in f.items


@pytest.mark.parametrize("seeds", [
    [SeedFact("numpy", "train.py", 8, 1, 42, "SEED")],
    [SeedFact("torch", "a.py", 3, 1, 7, "7"), SeedFact("numpy", "b.py", 4, 1, 42, "42")],  # one of them agrees
    [SeedFact("numpy", "train.py", 8, 1, None, "args.seed")],  # only via argparse default below
])
def test_seed_agreement_is_silent(write, seeds):
    hp = [HyperParam("seed", 42, "train.py", 3, "argparse", "--seed")]
    assert run(write, "All analyses used a random seed of 42.", repo(seeds=seeds, hyperparameters=hp)) == []


def test_seed_range_matches_any(write):
    r = repo(seeds=[SeedFact("python", "run.py", 2, 1, 3, "3")])
    assert run(write, "Results are averaged over runs with seeds 1 to 5.", r) == []


def test_seed_unresolved_or_absent_is_info_not_error(write):
    unresolved = repo(seeds=[SeedFact("numpy", "train.py", 9, 1, None, "args.seed")])
    found = run(write, "The random seed was 42 for all runs.", unresolved)
    assert rules(found) == ["XC610"] and "args.seed (train.py:9)" in found[0].message
    found = run(write, "The random seed was 42 for all runs.", repo())
    assert rules(found) == ["XC610"] and "sets no seed" in found[0].message


def test_seed_in_tests_and_hashseed_do_not_count(write):
    r = repo(seeds=[SeedFact("numpy", "tests/test_model.py", 3, 1, 42, "42"), SeedFact("hashseed", "run.sh", 1, 1, 0, "0"),
                    SeedFact("numpy", "train.py", 8, 1, 7, "7")])
    found = run(write, "The random seed was 42 for all runs.", r)
    assert rules(found) == ["XC601"] and "tests/" not in found[0].message


# ---------------------------------------------------------------- versions

def test_version_pin_mismatch(write):
    found = run(write, "We used scikit-learn 1.3.2.", repo(dependencies=[dep("scikit-learn", "==1.2.0", line=3)]))
    assert rules(found) == ["XC602"]
    f = found[0]
    assert "scikit-learn 1.3.2" in f.message and "1.2.0 (requirements.txt:3)" in f.message
    assert (f.location.path, f.location.line) == ("requirements.txt", 3)


@pytest.mark.parametrize("stated, deps", [
    ("PyTorch 2.1", [dep("torch", "==2.1.0")]),                                   # 2.1 == 2.1.0, alias
    ("PyTorch 2.1.0", [dep("pytorch", "=2.1.0", version="2.1.0", ecosystem="conda")]),
    ("scikit-learn 1.3", [dep("scikit-learn", "==1.3.2")]),                       # less precise manuscript
    ("scikit-learn 1.3.2", [dep("scikit-learn", ">=1.2,<1.4")]),                  # a range that admits it
    ("scikit-learn 1.3.2", [dep("scikit-learn", "^1.2", source="poetry")]),
    ("scikit-learn 1.3", [dep("scikit-learn", ">=1.3.1")]),                       # cannot judge: silent
    ("scikit-learn 1.3.2", [dep("scikit-learn", "==1.2.0"), dep("scikit-learn", "==1.3.2", "poetry.lock", 40)]),
    ("torch 2.1.0", [dep("torch", "==2.1.0+cu118")]),
])
def test_version_agreement_is_silent(write, stated, deps):
    assert run(write, f"Models were fitted with {stated} in the analysis.", repo(dependencies=deps)) == []


def test_range_that_excludes_the_stated_version(write):
    found = run(write, "We used XGBoost 1.7.6.", repo(dependencies=[dep("xgboost", ">=2.0", line=4)]))
    assert rules(found) == ["XC602"] and "xgboost>=2.0 (requirements.txt:4), which excludes 1.7.6" in found[0].message


def test_stated_package_not_declared_is_info(write):
    found = run(write, "We used XGBoost 1.7.6.", repo(dependencies=[dep("pandas", "==2.1.4")]))
    assert rules(found) == ["XC610"] and "does not declare xgboost" in found[0].message
    # an R package stated for a Python-only repository says nothing about that repository
    assert run(write, "Forests were grown with randomForest 4.7.1.", repo(dependencies=[dep("pandas", "==2.1.4")])) == []
    # unknown software (a questionnaire, a lab instrument) is never reported
    assert run(write, "Scores came from QuestPro 2.3 forms.", repo(dependencies=[dep("pandas", "==2.1.4")])) == []


def test_r_package_version_from_renv(write):
    r = repo(files=["analysis.R"], languages={}, dependencies=[dep("caret", "", "renv.lock", 12, version="6.0-94", ecosystem="cran")])
    assert run(write, "Models were tuned with caret 6.0.94.", r) == []
    found = run(write, "Models were tuned with caret 6.0.90.", r)
    assert rules(found) == ["XC602"]


@pytest.mark.parametrize("claim, expected", [("3.9", ["XC602"]), ("3.10.12", []), (">=3.9", []), ("3", []),
                                             (">=3.11", ["XC602"])])
def test_language_version(write, claim, expected):
    r = repo(extra={"language_versions": [{"language": "python", "value": claim, "path": ".python-version", "line": 1}]})
    found = run(write, "Analyses were run in Python 3.10.", r)
    assert rules(found) == expected
    if expected:
        assert "Python 3.10" in found[0].message and f"Python {claim} (.python-version:1)" in found[0].message


# ---------------------------------------------------------------- hyperparameters

def test_learning_rate_mismatch(write):
    r = repo(hyperparameters=[HyperParam("lr", 0.01, "train.py", 22, "call", "Adam")])
    found = run(write, "The network was trained with a learning rate of 0.001.", r)
    assert rules(found) == ["XC603"]
    assert "learning rate 0.001 (" in found[0].message and "lr=0.01 (train.py:22)" in found[0].message
    assert (found[0].location.path, found[0].location.line) == ("train.py", 22)


@pytest.mark.parametrize("sentence, hp", [
    ("The learning rate was 1e-3.", HyperParam("lr", 0.001, "cfg.yaml", 2, "config", "optim.lr")),
    ("The learning rate was 10^-3.", HyperParam("learning_rate", "1e-3", "cfg.yaml", 2, "config", "lr")),  # YAML string
    ("XGBoost used eta = 0.05.", HyperParam("learning_rate", 0.05, "fit.py", 9, "call", "XGBClassifier")),
    ("The forest had 500 trees.", HyperParam("ntree", 500, "fit.R", 4, "r", "randomForest")),
    ("We applied a dropout of 50%.", HyperParam("dropout", 0.5, "net.py", 3, "argparse", "--dropout")),
    ("A minimum node size of 5 was used.", HyperParam("min_samples_leaf", 5, "fit.py", 9, "call", "RandomForestClassifier")),
    ("The learning rate was 0.01.", HyperParam("lr[1]", 0.01, "sweep.yaml", 3, "config", "lr[1]")),  # in a grid
])
def test_hyperparameter_agreement_is_silent(write, sentence, hp):
    assert run(write, sentence, repo(hyperparameters=[hp])) == []


def test_several_code_values_flag_only_when_none_matches(write):
    hps = [HyperParam("learning_rate", 0.1, "a.py", 5, "call", "XGBClassifier"), HyperParam("lr", 0.001, "b.py", 7, "argparse", "--lr")]
    assert run(write, "The learning rate was 0.001.", repo(hyperparameters=hps)) == []
    found = run(write, "The learning rate was 0.005.", repo(hyperparameters=hps))
    assert rules(found) == ["XC603"] and "learning_rate=0.1 (a.py:5)" in found[0].message and "lr=0.001 (b.py:7)" in found[0].message


def test_model_family_keeps_values_apart(write):
    hps = [HyperParam("learning_rate", 0.1, "gbm.py", 5, "call", "xgboost.XGBClassifier")]
    found = run(write, "The LSTM network was trained with a learning rate of 0.001.", repo(hyperparameters=hps))
    assert rules(found) == ["XC610"]  # the XGBoost value is not the network's: nothing contradicts


def test_expression_only_is_silent_and_absent_is_info(write):
    expr = repo(hyperparameters=[HyperParam("lr", "<expr:args.lr>", "train.py", 30, "call", "Adam")])
    assert run(write, "The learning rate was 0.001.", expr) == []
    found = run(write, "The learning rate was 0.001.", repo())
    assert rules(found) == ["XC610"] and found[0].severity.value == "info"
    assert (Path(found[0].location.path).name, found[0].location.line) == ("paper.md", 5)


def test_batchnorm_momentum_is_not_the_optimiser_momentum(write):
    hps = [HyperParam("momentum", 0.1, "net.py", 8, "call", "torch.nn.BatchNorm1d")]
    assert rules(run(write, "SGD used a momentum of 0.9.", repo(hyperparameters=hps))) == ["XC610"]


# ---------------------------------------------------------------- splits

def split_call(test_size=None, train_size=None, line=14, name="sklearn.model_selection.train_test_split"):
    kwargs = {k: v for k, v in (("test_size", test_size), ("train_size", train_size)) if v is not None}
    return CallFact(name, "prep.py", line, 5, kwargs=kwargs)


def test_split_mismatch(write):
    found = run(write, "The data were randomly split 80/20 into training and test sets.", repo(calls=[split_call(0.3)]))
    assert rules(found) == ["XC604"]
    assert "80/20 split" in found[0].message and "test_size=0.3 (prep.py:14)" in found[0].message


@pytest.mark.parametrize("sentence, calls", [
    ("The data were randomly split 80/20 into training and test sets.", [split_call(0.2)]),
    ("The data were randomly split 80/20 into training and test sets.", [split_call(train_size=0.8)]),
    ("Patients were split 70/15/15 into training, validation and test sets.", [split_call(0.3), split_call(0.5, line=15)]),
    ("Patients were split 70/10/20 into training, validation and test sets.", [split_call(0.2), split_call(0.125, line=15)]),
    ("We held out 20% of the patients as a test set.",
     [CallFact("caret::createDataPartition", "split.R", 3, 1, kwargs={"p": 0.8})]),
])
def test_split_agreement_is_silent(write, sentence, calls):
    assert run(write, sentence, repo(calls=calls)) == []


def test_folds(write):
    kfold = CallFact("sklearn.model_selection.KFold", "cv.py", 9, 1, kwargs={"n_splits": 5})
    found = run(write, "Models were selected by 10-fold cross-validation.", repo(calls=[kfold]))
    assert rules(found) == ["XC604"] and "10-fold" in found[0].message and "KFold(n_splits=5) (cv.py:9)" in found[0].message
    grid = CallFact("sklearn.model_selection.GridSearchCV", "cv.py", 12, 1, kwargs={"cv": 10})
    assert run(write, "Models were selected by 10-fold cross-validation.", repo(calls=[kfold, grid])) == []
    found = run(write, "Models were selected by 10-fold cross-validation.", repo())
    assert rules(found) == ["XC610"]
    r_cv = CallFact("r::trainControl", "fit.R", 4, 1, kwargs={"method": "repeatedcv", "number": 5, "repeats": 3})
    assert rules(run(write, "Models were selected by 10-fold cross-validation.", repo(calls=[r_cv]))) == ["XC604"]
    boot = CallFact("r::trainControl", "fit.R", 4, 1, kwargs={"method": "boot", "number": 25})
    assert rules(run(write, "Models were selected by 10-fold cross-validation.", repo(calls=[boot]))) == ["XC610"]


# ---------------------------------------------------------------- datasets

@pytest.mark.parametrize("readme, expected", [
    ("Download MIMIC-IV v1.0 from PhysioNet.", ["XC605"]),
    ("wget -r https://physionet.org/files/mimiciv/1.0/", ["XC605"]),
    ("Uses MIMIC-IV 2.2 (and was first written for MIMIC-IV 1.0).", []),
    ("data path: /data/mimiciv/2.2/hosp", []),
    ("Emergency data come from MIMIC-IV-ED 1.0.", []),
    ("Requires access to MIMIC-IV on PhysioNet.", ["XC610"]),
    ("No dataset is named here.", []),
])
def test_dataset_versions(write, tmp_path, readme, expected):
    code = tmp_path / "code"
    (code / "README.md").parent.mkdir(parents=True, exist_ok=True)
    (code / "README.md").write_text(readme + "\n", encoding="utf-8")
    r = RepoFacts(root=str(code), files=["README.md"])
    found = run(write, "The cohort came from MIMIC-IV v2.2.", r)
    assert rules(found) == expected
    if expected == ["XC605"]:
        assert "MIMIC-IV 2.2" in found[0].message and "MIMIC-IV 1.0 (README.md:1)" in found[0].message
        assert found[0].severity.value == "warning"


# ---------------------------------------------------------------- metadata, and the engine's contract

def test_metadata_and_text_are_compared_separately(write):
    r = repo(seeds=[SeedFact("numpy", "train.py", 8, 1, 7, "7")])
    found = run(write, "All analyses used a random seed of 42.", r, metadata={"seeds": {"values": [7]}})
    assert rules(found) == ["XC601"]  # the metadata agrees with the code; the manuscript text does not
    found = run(write, "Nothing about seeds here.", r, metadata={"seeds": {"values": [42]}})
    assert rules(found) == ["XC601"] and found[0].message.startswith("methods metadata (methods.yaml) says seed 42;")


def test_no_repository_or_no_statement_means_no_findings(write):
    paper = write("p.md", "# S\n\nThe random seed was 42 in all runs.\n")
    assert cross_check(Context(doc=read_manuscript(str(paper)), repo=None)) == []
    assert run(write, "We describe the cohort.", repo(seeds=[SeedFact("numpy", "train.py", 8, 1, 7, "7")])) == []


def test_rules_are_defined_with_items():
    from linter import rulebook

    expected = {"XC601": ("seed-mismatch", "error"), "XC602": ("version-mismatch", "error"),
                "XC603": ("hyperparameter-mismatch", "error"), "XC604": ("split-mismatch", "error"),
                "XC605": ("dataset-version-mismatch", "warning"), "XC610": ("stated-not-found-in-code", "info")}
    for code, (name, severity) in expected.items():
        rule = rulebook.get(code)
        assert (rule.name, rule.severity.value) == (name, severity)
        assert rule.items and all(i.startswith("repro-core.") for i in rule.items)


# ---------------------------------------------------------------- case folders, real scanner

def _scanner_ready() -> str | None:
    try:
        mod = importlib.import_module("linter.repo")
    except ImportError:
        return "linter.repo.scan is not written yet"
    scan = getattr(mod, "scan", None)
    if scan is None or "placeholder" in (scan.__doc__ or "").lower():
        return "linter.repo.scan is still a placeholder"
    return None


needs_scanner = pytest.mark.skipif(_scanner_ready() is not None, reason=str(_scanner_ready()))


def check_case(name: str):
    from linter.api import StudyInputs, check_study

    report = check_study(StudyInputs(manuscript=str(CASES / name / "paper.md"), repo=str(CASES / name / "code")))
    return [f for f in report.findings if f.rule.startswith("XC")]


@needs_scanner
def test_case_agree_is_silent():
    assert check_case("agree") == []


@needs_scanner
def test_case_disagree_flags_each_kind_with_both_places():
    found = check_case("disagree")
    errors = {(f.rule, Path(f.location.path).name, f.location.line) for f in found if f.rule != "XC610"}
    assert errors == {("XC601", "train.py", 10), ("XC602", "requirements.txt", 3), ("XC603", "train.py", 19),
                      ("XC604", "train.py", 16), ("XC604", "train.py", 17), ("XC605", "README.md", 3)}
    by_rule = {f.rule + str(f.location.line): f.message for f in found}
    assert "seed 42" in by_rule["XC60110"] and "7 (" in by_rule["XC60110"]
    assert "scikit-learn 1.3.2" in by_rule["XC6023"] and "1.2.0" in by_rule["XC6023"]
    assert "learning rate 0.001" in by_rule["XC60319"] and "lr=0.01" in by_rule["XC60319"]
    assert "80/20" in by_rule["XC60416"] and "test_size=0.3" in by_rule["XC60416"]
    assert "10-fold" in by_rule["XC60417"] and "n_splits=5" in by_rule["XC60417"]
    assert "MIMIC-IV 2.2" in by_rule["XC6053"] and "MIMIC-IV 1.0" in by_rule["XC6053"]
    for f in found:
        if f.rule != "XC610":
            assert "paper.md:" in f.message and [Path(r.path).name for r in f.related] == ["paper.md"]
    assert {f.message.split(" (")[0] for f in found if f.rule == "XC610"} == {
        "manuscript says dropout rate 30%", "manuscript says number of epochs 50"}


@needs_scanner
def test_case_partial_has_only_information():
    found = check_case("partial")
    assert found and {f.rule for f in found} == {"XC610"}
    text = " ".join(f.message for f in found)
    assert "seed 2023" in text and "args.seed" in text
    assert "imbalanced-learn 0.12.0" in text
    assert "10-fold" in text


@needs_scanner
def test_case_config_layout_values_in_yaml_lock_file_and_table():
    """Seed and learning rate in a Hydra config, versions in poetry.lock, values in a manuscript table."""
    found = check_case("config_layout")
    got = {(f.rule, f.location.path.split("code/", 1)[-1], f.location.line) for f in found}
    assert got == {("XC601", "conf/train.yaml", 1), ("XC602", "poetry.lock", 2), ("XC602", "poetry.lock", 9),
                   ("XC603", "conf/train.yaml", 6)}
    lr = next(f for f in found if f.rule == "XC603")
    assert "learning rate 0.0001" in lr.message and "paper.md:17" in lr.message and "lr=0.0003" in lr.message


@needs_scanner
def test_case_r_agree():
    """R: set.seed, createDataPartition(p=), trainControl(number=), renv.lock versions (6.0-94 style)."""
    found = check_case("r_agree")
    # mtry set inside tuneGrid = data.frame(mtry = 4) is not read as a hyperparameter: info, not an error
    assert [(f.rule, f.message.split(";")[0]) for f in found] == [
        ("XC610", f"manuscript says features tried at each split (mtry / max_features) 4 ({CASES / 'r_agree' / 'paper.md'}:6)")]


@needs_scanner
def test_stated_version_feeds_the_silent_defaults_analysis(tmp_path):
    defaults = importlib.import_module("linter.repo.defaults")
    if "stated_versions" not in defaults.analyze.__code__.co_varnames:
        pytest.skip("linter.repo.defaults.analyze does not take stated_versions yet")
    from linter.api import StudyInputs, check_study

    (tmp_path / "code").mkdir()
    (tmp_path / "paper.md").write_text("# M\n\n## Methods\n\nWe used scikit-learn 0.21.3 with a random forest.\n")
    (tmp_path / "code" / "requirements.txt").write_text("scikit-learn==1.3.2\n")
    (tmp_path / "code" / "fit.py").write_text(
        "from sklearn.ensemble import RandomForestClassifier\nm = RandomForestClassifier(random_state=0)\n")
    report = check_study(StudyInputs(manuscript=str(tmp_path / "paper.md"), repo=str(tmp_path / "code")))
    de = [f for f in report.findings if f.rule == "DEF301"]
    assert len(de) == 1 and de[0].location.line == 2 and "manuscript states scikit-learn 0.21.3" in de[0].message
    # without the manuscript the exact pin is silent
    report = check_study(StudyInputs(repo=str(tmp_path / "code")))
    assert [f for f in report.findings if f.rule == "DEF301"] == []


def test_odd_code_values_do_not_break_the_comparison(write):
    r = repo(
        seeds=[SeedFact("numpy", "a.py", 1, 1, "abc", "abc"), SeedFact("numpy", "a.py", 2, 1, True, "True"),
               SeedFact("numpy", "a.py", 3, 1, 2**70, "big")],
        hyperparameters=[HyperParam("lr", {"a": 1}, "c.yaml", 1, "config"), HyperParam("lr", float("nan"), "c.yaml", 2, "config"),
                         HyperParam("lr", [None, "x", 1e400], "c.yaml", 3, "config"), HyperParam("dropout", None, "c.yaml", 4, "config"),
                         HyperParam("test_size", "<expr:args.t>", "c.yaml", 5, "config")],
        dependencies=[dep("scikit-learn", "@ git+https://github.com/x/y"), dep("torch", "==not-a-version"),
                      Dependency("xgboost", ">>1", False, "req.txt", None)],
        calls=[CallFact("sklearn.model_selection.KFold", "cv.py", 1, 1, args=("<expr:k>",)),
               CallFact("sklearn.model_selection.train_test_split", "cv.py", 2, 1, kwargs={"test_size": 3})],
        extra={"language_versions": ["3.10", {"language": "python", "value": None}]},
    )
    body = ("The random seed was 42. We used scikit-learn 1.3.2, PyTorch 2.1 and XGBoost 1.7 in Python 3.10. "
            "The learning rate was 0.001 with dropout of 0.2, and the data were split 80/20 into training and test "
            "sets with 5-fold cross-validation.")
    found = run(write, body, r)
    assert "XC603" not in rules(found) and "XC602" not in rules(found)  # nothing comparable: no contradiction
    assert all(f.rule in ("XC601", "XC610") for f in found)


def test_config_split_fraction_names_are_read():
    from linter.cross_code import split_fractions
    from linter.repo.facts import HyperParam, RepoFacts

    facts = RepoFacts(root="r", hyperparameters=[
        HyperParam("split.test_fraction", 0.2, "config.yaml", 5, "config"),
        HyperParam("split.n_folds", 5, "config.yaml", 6, "config"),
        HyperParam("model.learning_rate", 0.1, "config.yaml", 7, "config"),
    ])
    values = [(v.value, v.where.line) for v in split_fractions(facts)]
    assert values == [(0.2, 5)]


HELPER_SEED = '''import random

import numpy as np

SEED = 1234


def fix_seeds(seed: int = SEED) -> None:
    random.seed(seed)
    np.random.seed(seed)
'''

MAIN_USES_HELPER = '''import numpy as np

from pipeline.reproducibility import SEED, fix_seeds


def main():
    fix_seeds(SEED)
    print(np.random.rand(3).mean())


if __name__ == "__main__":
    main()
'''


@pytest.mark.parametrize("stated, expected", [(42, ["XC601"]), (1234, [])])
def test_seed_held_in_a_helper_module_constant(tmp_path, stated, expected):
    """The seeding calls take a variable; the value is a constant in the helper module."""
    from linter.api import StudyInputs, check_study

    (tmp_path / "code" / "pipeline").mkdir(parents=True)
    (tmp_path / "code" / "pipeline" / "reproducibility.py").write_text(HELPER_SEED)
    (tmp_path / "code" / "main.py").write_text(MAIN_USES_HELPER)
    paper = tmp_path / "paper.md"
    paper.write_text(f"# A model\n\n## Methods\n\nWe trained a random forest classifier. "
                     f"All random number generators were seeded with {stated}.\n")
    report = check_study(StudyInputs(manuscript=str(paper), repo=str(tmp_path / "code"), checklists=["repro-core"]))
    xc = [f for f in report.findings if f.rule.startswith("XC60")]
    assert [f.rule for f in xc] == expected
    if expected:
        assert "1234" in xc[0].message and "42" in xc[0].message
        assert xc[0].location.path.endswith("pipeline/reproducibility.py") and xc[0].location.line == 5

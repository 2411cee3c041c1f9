"""Facts a manuscript states for the manuscript <-> code cross-checks: what must be found, with its
line, and the look-alikes that must not ("42 patients", "version 2 of a questionnaire", alpha = 0.05)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.cross_facts import stated_facts
from linter.cross_params import from_sentence, parse_number, same_value, synonyms
from linter.manuscript import read_manuscript

CORPUS = Path("/work/shared/corpus/texts")


def facts_of(write, body: str, metadata=None):
    path = write("paper.md", f"# Study\n\n## Methods\n\n{body}\n")
    return stated_facts(read_manuscript(str(path)), metadata or {}, "methods.yaml")


# ---------------------------------------------------------------- seeds

@pytest.mark.parametrize("sentence, seeds", [
    ("All analyses used a random seed of 42.", {42}),
    ("To make runs repeatable we fixed the seed to 2024 for all experiments.", {2024}),
    ("Results are averaged over runs with seeds 1 to 5.", {1, 2, 3, 4, 5}),
    ("The splits used seeds 0, 1 and 2 for the three repetitions of the model.", {0, 1, 2}),
    ("Every estimator was given a random state of 2023.", {2023}),
    ("We called `set.seed(123)` before creating the folds.", {123}),
    ("NumPy was seeded with np.random.seed(0) at start-up.", {0}),
    ("The random_state=7 argument was passed to each splitter.", {7}),
    ("All experiments were seeded with 77 in the training script.", {77}),
    ("Random seeds were fixed (seed = 5).", {5}),
])
def test_seeds_found(write, sentence, seeds):
    facts = facts_of(write, sentence)
    assert {s.value for s in facts.seeds} == seeds
    assert all(s.where.line == 5 for s in facts.seeds)


@pytest.mark.parametrize("sentence", [
    "We included 42 patients from 3 hospitals in the random sample.",
    "BLAST searches used a seed length of 11 and the model was trained on the hits.",
    "Results were averaged over five random seeds.",
    "We trained the model with 10 random seeds and 100 trees.",
    "Seed germination reached 42% in the treated random plots.",
    "A seed-based connectivity model of 20 regions was fitted at random.",
    "Random forests grew from a seed of 3 cm in the training figure.",
])
def test_seed_look_alikes_ignored(write, sentence):
    assert facts_of(write, sentence).seeds == []


def test_seed_line_is_the_line_of_the_value(write):
    facts = facts_of(write, "The models were trained on the development data and\nthe random seed was 99 throughout.")
    assert [(s.value, s.where.line) for s in facts.seeds] == [(99, 6)]


# ---------------------------------------------------------------- versions

def test_software_versions_with_package_keys(write):
    facts = facts_of(write, "Models used scikit-learn 1.3.2 and PyTorch (v2.1) in Python 3.10; "
                            "statistics used R version 4.3.1.")
    got = {(v.key, v.version, v.is_language, v.known) for v in facts.versions}
    assert ("scikit-learn", "1.3.2", False, True) in got
    assert ("torch", "2.1", False, True) in got
    assert ("python", "3.10", True, False) in got
    assert ("r", "4.3.1", True, False) in got


def test_requirement_pins_written_in_text(write):
    facts = facts_of(write, "Install with pip install xgboost==1.7.3 before running the model.")
    assert [(v.key, v.version) for v in facts.versions] == [("xgboost", "1.7.3")]


def test_questionnaire_versions_and_datasets_are_not_software(write):
    facts = facts_of(write, "Frailty was scored with version 2 of the Clinical Frailty Scale. "
                            "The cohort came from MIMIC-IV v2.2.")
    assert not [v for v in facts.versions if v.known]
    assert not [v for v in facts.versions if v.name.upper().startswith("MIMIC")]


# ---------------------------------------------------------------- numbers and hyperparameters

@pytest.mark.parametrize("text", ["0.001", "1e-3", "1E-3", "10^-3", "10^{-3}", "10−3", "1 × 10^-3", "1×10⁻³",
                                  "10**-3", ".001"])
def test_number_normalisation(text):
    assert same_value(parse_number(text), 0.001)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("0123456789.,-−^e%×xE ()|=:seedlratfoldMIMIC-IVv\n")), max_size=120))
def test_any_text_is_read_without_error(write, text):
    facts = facts_of(write, text)
    for p in facts.params:
        assert p.value == p.value and abs(p.value) != float("inf")


def test_number_forms():
    assert parse_number("10^999") is None and parse_number("1e999") is None
    assert same_value(parse_number("5 × 10^-4"), 0.0005)
    assert parse_number("1,000") == 1000
    assert parse_number("100") == 100
    assert parse_number("sqrt") is None
    assert parse_number(True) is None


def _params(sentence: str) -> dict[str, float]:
    return {k: (v / 100 if pct else v) for k, _raw, v, pct, _off in from_sentence(sentence, synonyms())}


@pytest.mark.parametrize("sentence, expected", [
    ("We used a learning rate of 1e-3 and a batch size of 32.", {"learning_rate": 0.001, "batch_size": 32}),
    ("Adam with lr = 10^-3 was trained for 100 epochs.", {"learning_rate": 0.001, "epochs": 100}),
    ("The forest had 500 trees and a minimum node size of 5.", {"n_estimators": 500, "min_samples_leaf": 5}),
    ("XGBoost used n_estimators=300, max_depth: 4 and subsample of 80%.",
     {"n_estimators": 300, "max_depth": 4, "subsample": 0.8}),
    ("We applied a dropout of 50% after each layer.", {"dropout": 0.5}),
    ("The XGBoost model used eta = 0.1.", {"learning_rate": 0.1}),
    ("The SVM used a penalty C = 1.0 with an RBF kernel.", {"C": 1.0}),
    ("Early stopping used a patience of 10 epochs.", {"patience": 10}),
    ("A random forest (mtry = 3, ntree = 1000) was fitted.", {"max_features": 3, "n_estimators": 1000}),
    ("The initial learning rate (lr) was 0.01 and weight decay 5 × 10^-4.",
     {"learning_rate": 0.01, "weight_decay": 0.0005}),
    ("The optimiser was Adam with a learning rate (0.001) and beta1 = 0.9.", {"learning_rate": 0.001}),
    ("We used an initial learning rate of 0.01, decayed by 0.1 every 30 epochs.", {"learning_rate": 0.01}),
    ("A learning rate of 3 × 10−4 was used with a mini-batch size of 128.", {"learning_rate": 0.0003, "batch_size": 128}),
    ("The random forest consisted of 1,000 trees.", {"n_estimators": 1000}),
])
def test_hyperparameters_in_prose(sentence, expected):
    got = _params(sentence)
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert same_value(got[key], value), (key, got[key])


@pytest.mark.parametrize("sentence", [
    "Learning rates between 0.001 and 0.1 were searched.",
    "The learning rate was decayed to 1e-5 by the end of training.",
    "The final learning rate of 1e-6 was reached after warm-up.",
    "We tried a learning rate of 0.001, 0.01 or 0.1.",
    "Statistical significance was set at alpha = 0.05 for the logistic regression.",
    "The penalty was tested at a significance level of α = 0.05.",
    "Forests with 100, 500 and 1000 trees were compared.",
    "The learning rate was reduced every 10 epochs.",
    "We report a 5-fold increase in the number of trees planted.",
    "The learning rate of the scheduler was multiplied by 0.1.",
])
def test_hyperparameter_look_alikes_ignored(sentence):
    assert _params(sentence) == {}


def test_hyperparameter_table_with_search_space(write):
    body = ("| Hyperparameter | Search space | Selected |\n|---|---|---|\n"
            "| Learning rate | 1e-4 to 1e-1 | 10^-3 |\n| Batch size | 16, 32, 64 | 32 |\n| Optimizer | Adam, SGD | Adam |\n")
    facts = facts_of(write, body)
    got = {(p.name, p.value, p.line, p.source) for p in facts.params}
    assert got == {("learning_rate", 0.001, 7, "table"), ("batch_size", 32.0, 8, "table")}


def test_hyperparameter_table_per_model_columns(write):
    body = ("| Parameter | XGBoost | Random forest |\n|---|---|---|\n"
            "| Number of trees | 300 | 500 |\n| Max depth | 6 | 12 |\n")
    facts = facts_of(write, body)
    got = {(p.name, p.value, p.family) for p in facts.params}
    assert got == {("n_estimators", 300, "xgboost"), ("n_estimators", 500, "random-forest"),
                   ("max_depth", 6, "xgboost"), ("max_depth", 12, "random-forest")}


def test_wide_table_with_model_rows(write):
    body = "| Model | learning_rate | max_depth |\n|---|---|---|\n| XGBoost | 0.05 | 6 |\n| LightGBM | 0.1 | 8 |\n"
    got = {(p.name, p.value, p.family) for p in facts_of(write, body).params}
    assert got == {("learning_rate", 0.05, "xgboost"), ("learning_rate", 0.1, "lightgbm"),
                   ("max_depth", 6, "xgboost"), ("max_depth", 8, "lightgbm")}


def test_ablation_table_is_not_a_setting(write):
    body = "| Dropout | AUROC |\n|---|---|\n| 0.1 | 0.80 |\n| 0.3 | 0.82 |\n| 0.5 | 0.81 |\n"
    assert facts_of(write, body).params == []


def test_ambiguous_names_in_tables_need_a_parameter_table(write):
    results = "| Subgroup | alpha |\n|---|---|\n| Women | 0.05 |\n"
    assert facts_of(write, results).params == []
    params = "| Hyperparameter | Value |\n|---|---|\n| alpha | 0.01 |\n| l1_ratio | 0.5 |\n"
    got = {(p.name, p.value) for p in facts_of(write, params).params}
    assert got == {("alpha", 0.01), ("l1_ratio", 0.5)}


# ---------------------------------------------------------------- splits

@pytest.mark.parametrize("sentence, parts", [
    ("The cohort was randomly split 80/20 into training and test sets.", {"train": 0.8, "test": 0.2}),
    ("Patients were split 70/15/15 into training, validation and test sets.",
     {"train": 0.7, "validation": 0.15, "test": 0.15}),
    ("Data were partitioned 70:10:20 for development, tuning and testing.",
     {"train": 0.7, "validation": 0.1, "test": 0.2}),
    ("We held out 20% of the patients as a test set.", {"test": 0.2}),
    ("We randomly split the data into training (80%) and test (20%) sets.", {"train": 0.8, "test": 0.2}),
])
def test_split_proportions(write, sentence, parts):
    facts = facts_of(write, sentence)
    props = [s.value for s in facts.splits if s.kind == "proportions"]
    assert len(props) == 1
    assert props[0] == pytest.approx(parts)


@pytest.mark.parametrize("sentence", [
    "The FIT test had a sensitivity of 7.6% for advanced adenoma.",
    "Each point is the median across 100 train/test splits with the 95% CI.",
    "Of the test set, 46% were women, and the split by sex was reported.",
    "A training set included 393 individuals, of which 46.8% had the outcome.",
    "The sex ratio was 50/50 in the test cohort.",
    "Scores improved from 60/40 to 70/30 after the t-test.",
])
def test_split_look_alikes_ignored(write, sentence):
    assert [s for s in facts_of(write, sentence).splits if s.kind == "proportions"] == []


@pytest.mark.parametrize("sentence, folds", [
    ("Hyperparameters were tuned with 10-fold cross-validation.", {10}),
    ("We used five-fold CV in the training set.", {5}),
    ("Models were compared with nested cross-validation (k = 5 outer folds).", {5}),
    ("The risk showed a 5-fold increase in older patients.", set()),
    ("A 3-fold change in expression was seen.", set()),
])
def test_folds(write, sentence, folds):
    assert {s.value for s in facts_of(write, sentence).splits if s.kind == "folds"} == folds


def test_split_level(write):
    facts = facts_of(write, "The data were split at the patient level so that no patient appears in both sets.")
    assert [s.value for s in facts.splits if s.kind == "level"] == ["patient"]


# ---------------------------------------------------------------- datasets

@pytest.mark.parametrize("sentence, expected", [
    ("We used MIMIC-IV v2.2 for development.", {("MIMIC-IV", "2.2")}),
    ("Data came from MIMIC-III (version 1.4).", {("MIMIC-III", "1.4")}),
    ("External validation used eICU-CRD 2.0.", {("eICU", "2.0")}),
    ("We used version 2.2 of the MIMIC-IV database.", {("MIMIC-IV", "2.2")}),
    ("Emergency visits came from MIMIC-IV-ED 2.2.", {("MIMIC-IV-ED", "2.2")}),
    ("MIMIC-IV (2008-2019) covers ICU stays.", set()),
    ("MIMIC-III 46,520 patients were screened.", set()),
])
def test_datasets(write, sentence, expected):
    assert {(d.name, d.version) for d in facts_of(write, sentence).datasets} == expected


# ---------------------------------------------------------------- metadata

def test_metadata_facts():
    md = {"seeds": {"values": [1, 2]}, "splits": {"seed": 3, "n_folds": 5, "proportions": [0.8, 0.2]},
          "software": [{"name": "PyTorch", "version": "2.1.0"}, {"name": "pandas"}],
          "language": {"name": "Python", "version": "3.11"},
          "hyperparameters": [{"name": "learning_rate", "value": 0.05}, {"name": "optimizer", "value": "adam"},
                              {"name": "lr", "value": "1e-3", "model": "neural network"}],
          "data": {"sources": [{"name": "MIMIC-IV", "version": "2.2"}, {"name": "Local EHR", "version": "2023"}]}}
    facts = stated_facts(None, md, "methods.yaml")
    assert {s.value for s in facts.seeds} == {1, 2, 3}
    assert {(v.key, v.version, v.is_language) for v in facts.versions} == {("torch", "2.1.0", False),
                                                                           ("python", "3.11", True)}
    assert {(p.name, p.value, p.family) for p in facts.params} == {("learning_rate", 0.05, None),
                                                                   ("learning_rate", 0.001, "neural-network")}
    assert {(s.kind, str(s.value)) for s in facts.splits} == {("folds", "5"), ("proportions", "{'train': 0.8, 'test': 0.2}")}
    assert [(d.name, d.version) for d in facts.datasets] == [("MIMIC-IV", "2.2")]
    assert all(s.where.line is None and s.where.path == "methods.yaml" for s in facts.seeds)


# ---------------------------------------------------------------- real manuscripts (false alarms)

@pytest.mark.skipif(not CORPUS.is_dir(), reason="development corpus not available")
def test_corpus_gives_no_seed_and_no_setting_look_alikes():
    """The corpus has no stated seed value and no prose hyperparameter value (its README says so for
    seeds; the hyperparameters live in hidden R chunks): anything found there is a false alarm."""
    for path in sorted(CORPUS.iterdir()):
        facts = stated_facts(read_manuscript(str(path)))
        assert facts.seeds == [], path.name
        assert facts.params == [], (path.name, facts.params)
        for split in facts.splits:
            if split.kind == "proportions":
                assert split.value == pytest.approx({"train": 0.8, "test": 0.2}), (path.name, split.text)

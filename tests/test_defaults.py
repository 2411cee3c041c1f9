"""Silent library defaults (linter.repo.defaults, DEF301) and the knowledge file behind them."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
import yaml
from packaging.version import Version

from linter.repo import defaults
from linter.repo.defaults import load_knowledge, parse_knowledge
from linter.repo.deps.versions import allowed, sides
from linter.repo.facts import CallFact, Dependency, RepoFacts, SourceFile

RF = "sklearn.ensemble.RandomForestClassifier"


def knowledge_data() -> dict:
    return yaml.safe_load((resources.files("linter") / "knowledge" / "defaults.yaml").read_text(encoding="utf-8"))


def run(calls: list[CallFact], deps: list[Dependency] = (), files: list[SourceFile] = (),
        stated: dict[str, str] | None = None, knowledge=None) -> RepoFacts:
    facts = RepoFacts(root="r", calls=list(calls), dependencies=list(deps))
    defaults.analyze(list(files), facts, stated_versions=stated, knowledge=knowledge)
    return facts


def req(name: str, spec: str = "", path: str = "requirements.txt", line: int = 1, **kw) -> Dependency:
    version = spec[2:] if spec.startswith("==") else kw.pop("version", None)
    return Dependency(name, spec, spec.startswith("=="), path, line, kw.pop("ecosystem", "pypi"), version,
                      kw.pop("source", "requirements"))


def ids(facts: RepoFacts) -> list[str]:
    return [f.data["knowledge_id"] for f in facts.findings]


# ------------------------------------------------------------------ the knowledge file

def test_knowledge_validates_against_its_schema() -> None:
    schema = json.loads((resources.files("linter") / "knowledge" / "defaults.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(knowledge_data())


def test_schema_rejects_a_malformed_entry() -> None:
    schema = json.loads((resources.files("linter") / "knowledge" / "defaults.schema.json").read_text("utf-8"))
    data = knowledge_data()
    data["entries"][0] = dict(data["entries"][0], affects_results=True)  # YAML's bare yes
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = knowledge_data()
    data["entries"][0].pop("parameter")  # a call entry needs its parameter
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_knowledge_is_consistent() -> None:
    data = knowledge_data()
    entry_ids = [e["id"] for e in data["entries"]]
    assert len(entry_ids) == len(set(entry_ids))
    assert {e["library"] for e in data["entries"]} <= set(data["libraries"])
    for e in data["entries"]:
        if "dict_argument" in e:
            assert set(e["dict_argument"]["api"]) <= set(e["api"]), e["id"]


def test_knowledge_covers_the_rows_the_reference_calls_most_important() -> None:
    rows = {e.get("row") for e in knowledge_data()["entries"]}
    wanted = {1, 2, 6, 9, 12, 15, 16, 17, 23, 26, 27, 35, 45, 47, 53, 54, 55, 56, 60, 62, 63, 65, 69, 70, 71, 76,
              77, 90, 94}
    assert wanted <= rows, sorted(wanted - rows)


def test_low_confidence_entries_are_reported_at_info_only() -> None:
    kb = load_knowledge()
    low = [e for e in kb.entries if e.confidence == "L"]
    assert low, "the test needs an L entry"
    for entry in low:
        calls = [CallFact(entry.api[0], "a.py", 1, 1)]
        facts = run(calls, knowledge=parse_knowledge({"libraries": knowledge_data()["libraries"],
                                                      "entries": [e for e in knowledge_data()["entries"]
                                                                  if e["id"] == entry.id]}))
        assert [f.severity.value for f in facts.findings] == ["info"]


# ------------------------------------------------------------------ firing and silent

def test_message_names_call_parameter_defaults_and_version() -> None:
    facts = run([CallFact(RF, "src/train.py", 12, 9)], [req("scikit-learn")])
    assert len(facts.findings) == 1
    f = facts.findings[0]
    assert (f.rule, f.severity.value, str(f.location)) == ("DEF301", "warning", "src/train.py:12:9")
    assert f.message == ("RandomForestClassifier() relies on the default n_estimators, which changed from 10 to 100 "
                         "in scikit-learn 0.22; scikit-learn is not pinned")
    assert f.data["old_default"] == "10" and f.data["changed_in"] == "0.22"


def test_library_absent_from_every_manifest() -> None:
    facts = run([CallFact(RF, "a.py", 1, 1)])
    assert facts.findings[0].message.endswith("scikit-learn is not listed in any dependency file")


@pytest.mark.parametrize("dep", [
    req("scikit-learn", "==1.4.2"),
    req("scikit-learn", "==0.21.3"),  # old side: the pinned environment reproduces the old default
    req("scikit-learn", ">=1.0"),
    req("scikit-learn", ">=0.19,<0.22"),
    req("scikit-learn", "^0.21", source="poetry"),  # Poetry: >=0.21,<0.22
    req("scikit-learn", "=1.3", ecosystem="conda", version="1.3", source="environment.yml"),
    req("scikit-learn", "==1.4.2", path="uv.lock", source="uv.lock"),
])
def test_silent_when_the_allowed_versions_sit_on_one_side(dep: Dependency) -> None:
    if dep.ecosystem == "conda":
        dep = Dependency(dep.name, dep.spec, True, dep.path, dep.line, "conda", "1.3", dep.source)
    assert run([CallFact(RF, "a.py", 1, 1)], [dep]).findings == []


def test_range_straddling_the_change_fires_and_says_where() -> None:
    facts = run([CallFact(RF, "a.py", 3, 1)], [req("scikit-learn", ">=0.20,<1.0", line=4)])
    assert "the declared range scikit-learn>=0.20,<1.0 (requirements.txt:4) allows versions on both sides" \
        in facts.findings[0].message


def test_poetry_caret_spanning_the_change_fires() -> None:
    facts = run([CallFact("sklearn.cluster.KMeans", "a.py", 1, 1)],
                [req("scikit-learn", "^1.2", path="pyproject.toml", source="poetry")])
    assert ids(facts) == ["sklearn-kmeans-n-init"]


def test_pins_on_both_sides_in_different_files_fire() -> None:
    facts = run([CallFact(RF, "a.py", 1, 1)],
                [req("scikit-learn", "==0.21.3"), req("scikit-learn", "==1.4.2", path="docker/requirements.txt")])
    assert "pinned at 0.21.3 (requirements.txt) and 1.4.2 (docker/requirements.txt)" in facts.findings[0].message


def test_exact_pin_wins_over_a_wide_range() -> None:
    deps = [req("scikit-learn", ">=0.20", path="pyproject.toml"), req("scikit-learn", "==1.4.2", path="uv.lock")]
    assert run([CallFact(RF, "a.py", 1, 1)], deps).findings == []


def test_distribution_aliases_count_as_the_library() -> None:
    facts = run([CallFact(RF, "a.py", 1, 1)], [req("sklearn")])
    assert facts.findings[0].message.endswith("scikit-learn is not pinned")
    torch_old = Dependency("pytorch", "=1.11", True, "environment.yml", 3, "conda", "1.11", "environment.yml")
    assert run([CallFact("torch.nn.functional.grid_sample", "a.py", 1, 1)], [torch_old]).findings == []


@pytest.mark.parametrize("call", [
    CallFact(RF, "a.py", 1, 1, kwargs={"n_estimators": 10}),
    CallFact(RF, "a.py", 1, 1, kwargs={"n_estimators": "<expr:N_TREES>"}),
    CallFact(RF, "a.py", 1, 1, args=(100,)),
    CallFact(RF, "a.py", 1, 1, has_star_kwargs=True),
    CallFact(RF, "a.py", 1, 1, args=("<expr:*args>",)),
])
def test_silent_when_the_parameter_may_be_passed(call: CallFact) -> None:
    assert run([call], [req("scikit-learn")]).findings == []


def test_default_sentinels_still_rely_on_the_default() -> None:
    facts = run([CallFact(RF, "a.py", 1, 1, kwargs={"n_estimators": "warn"}),
                 CallFact("sklearn.model_selection.cross_val_score", "a.py", 2, 1, kwargs={"cv": None}),
                 CallFact("sklearn.model_selection.cross_val_score", "a.py", 3, 1, kwargs={"cv": 10})])
    assert [(f.location.line, f.data["knowledge_id"]) for f in facts.findings] == \
        [(1, "sklearn-forest-n-estimators"), (2, "sklearn-cv-default")]


def test_older_and_private_module_paths_are_covered() -> None:
    for name in ("sklearn.ensemble._forest.RandomForestClassifier", "sklearn.ensemble.forest.RandomForestClassifier"):
        assert ids(run([CallFact(name, "a.py", 1, 1)])) == ["sklearn-forest-n-estimators"]


def test_conditions_on_other_arguments() -> None:
    svc = "sklearn.svm.SVC"
    assert run([CallFact(svc, "a.py", 1, 1, kwargs={"kernel": "linear", "decision_function_shape": "ovr"})]).findings == []
    fired = run([CallFact(svc, "a.py", 1, 1, kwargs={"decision_function_shape": "ovr"})])
    assert [(f.data["knowledge_id"], f.severity.value) for f in fired.findings] == [("sklearn-svm-gamma", "warning")]
    unknown = run([CallFact(svc, "a.py", 1, 1, kwargs={"kernel": "<expr:k>", "decision_function_shape": "ovr"})])
    assert [f.severity.value for f in unknown.findings] == ["info"]


def test_logistic_regression_multi_class_depends_on_the_solver() -> None:
    lr = "sklearn.linear_model.LogisticRegression"
    assert run([CallFact(lr, "a.py", 1, 1, kwargs={"solver": "liblinear"})]).findings == []
    facts = run([CallFact(lr, "a.py", 1, 1)])
    assert [(f.data["knowledge_id"], f.severity.value) for f in facts.findings] == [
        ("sklearn-logistic-solver", "warning"), ("sklearn-logistic-multi-class", "info")]
    assert "only matters for targets with more than two classes" in facts.findings[1].message


def test_interpolate_only_matters_for_linear_modes() -> None:
    interp = "torch.nn.functional.interpolate"
    assert run([CallFact(interp, "a.py", 1, 1, args=("<expr:x>",), kwargs={"scale_factor": 2})]).findings == []
    fired = run([CallFact(interp, "a.py", 4, 1, args=("<expr:x>",), kwargs={"mode": "bilinear"})])
    assert ids(fired) == ["torch-interpolate-align-corners"]


def test_naive_bayes_force_alpha_only_below_threshold() -> None:
    nb = "sklearn.naive_bayes.MultinomialNB"
    assert run([CallFact(nb, "a.py", 1, 1)]).findings == []
    assert ids(run([CallFact(nb, "a.py", 1, 1, kwargs={"alpha": 0})])) == ["sklearn-naive-bayes-force-alpha"]


def test_params_dict_apis() -> None:
    params = "<expr:{'objective': 'binary:logistic', 'eta': 0.1}>"
    facts = run([CallFact("xgboost.train", "a.py", 5, 1, args=(params, "<expr:dtrain>"))])
    assert sorted(ids(facts)) == ["xgboost-base-score", "xgboost-eval-metric-classification", "xgboost-tree-method"]
    full = "<expr:{'tree_method': 'hist', 'base_score': 0.5, 'eval_metric': 'auc', 'objective': 'binary:logistic'}>"
    assert run([CallFact("xgboost.train", "a.py", 5, 1, args=(full,))]).findings == []
    assert run([CallFact("xgboost.train", "a.py", 5, 1, args=("<expr:params>",))]).findings == []
    lgb = run([CallFact("lightgbm.train", "a.py", 2, 1, kwargs={"params": "<expr:{'objective': 'binary'}>"})])
    assert ids(lgb) == ["lightgbm-boost-from-average-train"]
    assert run([CallFact("lightgbm.train", "a.py", 2, 1, kwargs={"params": "<expr:{}>"})]).findings == []


def test_behaviour_change_cannot_be_avoided_by_a_parameter() -> None:
    facts = run([CallFact("sklearn.model_selection.StratifiedKFold", "cv.py", 7, 5,
                          kwargs={"n_splits": 5, "shuffle": True, "random_state": 0})], [req("scikit-learn")])
    assert ids(facts) == ["sklearn-stratified-kfold-assignment"]
    assert facts.findings[0].message.startswith("StratifiedKFold() depends on how samples are assigned to folds")
    assert run([CallFact("sklearn.model_selection.StratifiedKFold", "cv.py", 7, 5, kwargs={"n_splits": 5})],
               [req("scikit-learn", "==1.4.2")]).findings == []


def test_function_calls_are_labelled_with_their_module() -> None:
    facts = run([CallFact("scipy.stats.mannwhitneyu", "stats.py", 3, 5, args=("<expr:a>", "<expr:b>"))])
    assert facts.findings[0].message.startswith("stats.mannwhitneyu() relies on the default alternative")
    positional = CallFact("scipy.stats.mannwhitneyu", "stats.py", 3, 5, args=("<expr:a>", "<expr:b>", True, "less"))
    assert run([positional]).findings == []


def test_entries_that_do_not_affect_results_are_never_reported() -> None:
    data = {"libraries": {"torch": {"distributions": ["torch"]}}, "entries": [{
        "id": "torch-load-weights-only", "library": "torch", "api": ["torch.load"], "parameter": "weights_only",
        "old_default": "False", "new_default": "True", "changed_in": "2.6", "affects_results": "no",
        "source": "pytorch/pytorch#137602", "confidence": "H"}]}
    assert run([CallFact("torch.load", "a.py", 1, 1)], knowledge=parse_knowledge(data)).findings == []


def test_tf32_setting_needs_cuda_code_and_no_explicit_setting() -> None:
    code = "import torch\nmodel = Net().cuda()\nout = torch.matmul(a, b)\n"
    calls = [CallFact("torch.matmul", "train.py", 3, 7)]
    facts = run(calls, files=[SourceFile("train.py", len(code), code)])
    assert [(f.data["knowledge_id"], str(f.location), f.severity.value) for f in facts.findings] == [
        ("torch-cuda-matmul-tf32", "train.py:2", "info")]
    explicit = SourceFile("setup_env.py", 60, "torch.backends.cuda.matmul.allow_tf32 = True\n")
    assert run(calls, files=[SourceFile("train.py", len(code), code), explicit]).findings == []
    cpu = "import torch\nout = torch.matmul(a, b)\n"
    assert run(calls, files=[SourceFile("train.py", len(cpu), cpu)]).findings == []
    assert run(calls, [req("torch", "==2.1.0")], files=[SourceFile("train.py", len(code), code)]).findings == []


# ------------------------------------------------------------------ manuscript-stated versions

def test_stated_version_on_the_other_side_of_a_pin_fires() -> None:
    facts = run([CallFact(RF, "a.py", 1, 1)], [req("scikit-learn", "==1.4.2")], stated={"scikit-learn": "0.21"})
    assert len(facts.findings) == 1
    assert "the manuscript states scikit-learn 0.21 (before the change) but scikit-learn is pinned at 1.4.2" \
        in facts.findings[0].message


def test_stated_version_matching_the_pin_side_is_silent() -> None:
    assert run([CallFact(RF, "a.py", 1, 1)], [req("scikit-learn", "==1.4.2")], stated={"sklearn": "1.2"}).findings == []


def test_stated_range_that_straddles_fires_even_with_a_pin() -> None:
    facts = run([CallFact(RF, "a.py", 1, 1)], [req("scikit-learn", "==1.4.2")], stated={"scikit-learn": ">=0.20"})
    assert "which allows versions on both sides of the change" in facts.findings[0].message


# ------------------------------------------------------------------ version arithmetic

@pytest.mark.parametrize("spec, source, ecosystem, expected", [
    (">=0.20,<1.0", "requirements", "pypi", (True, True)),
    ("<0.22", "requirements", "pypi", (True, False)),
    ("~=0.21", "requirements", "pypi", (True, True)),
    ("~=0.21.0", "requirements", "pypi", (True, False)),
    ("==0.22.*", "requirements", "pypi", (False, True)),
    ("^0.21", "poetry", "pypi", (True, False)),
    ("^0.21 || ^1.0", "poetry", "pypi", (True, True)),
    ("~0.22.1", "poetry", "pypi", (False, True)),
    (">=0.20,<0.23", "environment.yml", "conda", (True, True)),
    ("0.21.*", "environment.yml", "conda", (True, False)),
    ("", "requirements", "pypi", (True, True)),
])
def test_allowed_sides(spec: str, source: str, ecosystem: str, expected: tuple[bool, bool]) -> None:
    dep = Dependency("scikit-learn", spec, False, "f", 1, ecosystem, None, source)
    alternatives = allowed(dep)
    assert alternatives is not None
    assert sides(alternatives, Version("0.22")) == expected


def test_resize_before_to_tensor_sees_pil_images() -> None:
    code = ("from torchvision import transforms\n"
            "pil = transforms.Compose([transforms.Resize(64), transforms.ToTensor()])\n"
            "tensor = transforms.Compose([transforms.ToTensor(), transforms.Resize(64)])\n"
            "alone = transforms.Resize(64)\n")
    files = [SourceFile("data.py", len(code), code)]
    resize = "torchvision.transforms.Resize"
    calls = [CallFact(resize, "data.py", 2, 27, args=(64,)), CallFact(resize, "data.py", 3, 53, args=(64,)),
             CallFact(resize, "data.py", 4, 9, args=(64,))]
    facts = run(calls, files=files)
    assert [(f.location.line, f.severity.value) for f in facts.findings] == [(3, "warning"), (4, "info")]


def test_decision_function_shape_only_when_decision_function_is_called():
    from linter.repo.defaults import analyze
    from linter.repo.facts import CallFact, RepoFacts, SourceFile

    def run(text):
        files = [SourceFile("model.py", len(text), text)]
        facts = RepoFacts(root="r", files=["model.py"],
                          calls=[CallFact("sklearn.svm.SVC", "model.py", 2, 7, (), {"gamma": "scale"})])
        analyze(files, facts)
        return [f for f in facts.findings if f.data.get("parameter") == "decision_function_shape"]

    assert run("from sklearn.svm import SVC\nclf = SVC(gamma='scale')\nclf.fit(X, y)\n") == []
    assert len(run("from sklearn.svm import SVC\nclf = SVC(gamma='scale')\nclf.fit(X, y)\ns = clf.decision_function(X)\n")) == 1

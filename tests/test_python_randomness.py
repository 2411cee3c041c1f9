"""Randomness analysis of Python code (RND101-RND106, RND108) on realistic mini-repositories.

Each repository under tests/repos/ marks its expected findings in comments (see
tests/repo_expectations.py); every unmarked line must stay silent.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from linter.repo import scan
from linter.repo.rngkb import knowledge
from tests.repo_expectations import REPOS, actual, expected

ROOT = Path(__file__).resolve().parent.parent


def _by_rule(facts, rule):
    return [f for f in facts.findings if f.rule == rule and f.suppressed is None]


@pytest.mark.parametrize("name", ["seeded_helper", "unseeded", "two_entries", "nondeterministic", "cli_options",
                                  "dl_determinism", "dataloader_workers", "src_layout", "notebook_study",
                                  "eval_and_finetune"])
def test_repository_findings_match_the_marked_lines(name):
    root = REPOS / name
    facts = scan(root)
    want = expected(root)
    got = actual(facts)
    assert got - want == set(), "false alarms"
    assert want - got == set(), "missed"


# ------------------------------------------------------------------ individual behaviours
def test_seeded_repository_has_no_error_and_knows_its_entry_point():
    facts = scan(REPOS / "seeded_helper")
    assert facts.entry_points == ["train.py"]
    errors = [f for f in facts.findings if f.rule.startswith("RND") and f.severity.value == "error"]
    assert errors == []
    helper_seeds = {(s.family, s.path, s.line, s.via) for s in facts.seeds if s.path == "utils/seed.py"}
    assert ("numpy", "utils/seed.py", 11, "utils.seed.set_seed") in helper_seeds
    assert ("hashseed", "utils/seed.py", 14, "utils.seed.set_seed") in helper_seeds
    literal = [s for s in facts.seeds if s.path == "data/cohort.py" and s.family == "numpy"]
    assert [(s.line, s.value, s.expression) for s in literal] == [(33, None, "seed")]  # default_rng(seed): a parameter
    info = _by_rule(facts, "RND103")[0]
    assert "seeded at utils/seed.py:11" in info.message


def test_seed_in_a_module_the_entry_point_does_not_import_does_not_count():
    facts = scan(REPOS / "unseeded")
    msgs = [f.message for f in _by_rule(facts, "RND101") if f.message.startswith("numpy.random.rand()")]
    assert msgs == ["numpy.random.rand() draws from NumPy's global generator (np.random.*), which is not seeded "
                    "on the path from train.py"]
    assert not any(f.location.path == "seed_utils.py" for f in facts.findings if f.rule.startswith("RND"))


def test_library_shared_by_two_entry_points_names_the_unseeded_one():
    facts = scan(REPOS / "two_entries")
    lib = [f for f in _by_rule(facts, "RND101") if f.location.path == "common/model.py"]
    assert len(lib) == 3
    for f in lib:
        assert f.data["entry_points"] == ["train_b.py"]
        assert "train_a.py" not in f.message


def test_a_helper_called_with_a_clock_seed_is_reported_once_per_call():
    facts = scan(REPOS / "nondeterministic")
    at_calls = [f for f in _by_rule(facts, "RND104") if f.data.get("helper") == "set_seed"]
    assert sorted(f.location.line for f in at_calls) == [20, 21, 22]
    first = next(f for f in at_calls if f.location.line == 20)
    assert first.message == ("set_seed() passes seed computed from time.time(), so random.seed(), numpy.random.seed(), "
                             "torch.manual_seed() at helpers.py:8 do not fix the seed")
    version = next(f for f in _by_rule(facts, "RND104") if "lightning" in f.message or "pytorch_lightning" in f.message)
    assert version.severity.value == "warning"


def test_xgboost_lightgbm_and_catboost_are_not_reported_without_seed(tmp_path):
    (tmp_path / "fit.py").write_text(textwrap.dedent("""\
        from catboost import CatBoostClassifier
        from lightgbm import LGBMRegressor
        import xgboost as xgb

        if __name__ == "__main__":
            models = [CatBoostClassifier(depth=6), LGBMRegressor(subsample=0.7), xgb.XGBClassifier(subsample=0.5)]
            booster = xgb.train({"subsample": 0.5}, xgb.DMatrix([[1]]))
        """))
    facts = scan(tmp_path)
    assert [f for f in facts.findings if f.rule.startswith("RND")] == []
    assert {c.qualname for c in facts.calls} >= {"catboost.CatBoostClassifier", "xgboost.XGBClassifier"}


def test_random_state_from_any_expression_counts_but_literal_none_does_not(tmp_path):
    (tmp_path / "split.py").write_text(textwrap.dedent("""\
        import json
        from sklearn.model_selection import train_test_split

        CONFIG = json.load(open("config.json"))

        if __name__ == "__main__":
            a = train_test_split([1, 2, 3], random_state=CONFIG["seed"])
            b = train_test_split([1, 2, 3], random_state=None)
            c = train_test_split([1, 2, 3], shuffle=False)
            params = {"random_state": 1}
            d = train_test_split([1, 2, 3], **params)
        """))
    facts = scan(tmp_path)
    found = [(f.rule, f.location.line, f.location.column) for f in facts.findings if f.rule.startswith("RND")]
    assert found == [("RND102", 8, 9)]
    assert "random_state=None" in _by_rule(facts, "RND102")[0].message


def test_set_params_with_random_state_after_construction_is_not_reported(tmp_path):
    (tmp_path / "grid.py").write_text(textwrap.dedent("""\
        from sklearn.ensemble import RandomForestClassifier

        def build(seed):
            forest = RandomForestClassifier()
            forest.set_params(random_state=seed)
            return forest

        if __name__ == "__main__":
            build(1)
        """))
    assert [f for f in scan(tmp_path).findings if f.rule.startswith("RND")] == []


def test_torch_generator_with_manual_seed_and_seeded_dataloader_are_silent(tmp_path):
    (tmp_path / "loader.py").write_text(textwrap.dedent("""\
        import torch
        from torch.utils.data import DataLoader, RandomSampler, random_split

        if __name__ == "__main__":
            g = torch.Generator().manual_seed(123)
            data = list(range(10))
            train, test = random_split(data, [8, 2], generator=g)
            loader = DataLoader(train, shuffle=True, generator=g)
            sampler = RandomSampler(train, generator=torch.Generator().manual_seed(4))
            ordered = DataLoader(test, shuffle=False)
            noise = torch.rand(3, generator=g)
        """))
    facts = scan(tmp_path)
    assert [f for f in facts.findings if f.rule.startswith("RND")] == []
    assert [s.value for s in facts.seeds if s.family == "torch"] == [123, 4]


def test_unseeded_dataloader_shuffle_from_a_variable_is_reported(tmp_path):
    (tmp_path / "loader.py").write_text(textwrap.dedent("""\
        from torch.utils.data import DataLoader

        def make(data, is_train):
            return DataLoader(data, shuffle=is_train)

        if __name__ == "__main__":
            make([1, 2], True)
        """))
    found = [(f.rule, f.location.line, f.location.column) for f in scan(tmp_path).findings if f.rule.startswith("RND")]
    assert found == [("RND101", 4, 12)]


def test_aliases_are_resolved(tmp_path):
    (tmp_path / "aliases.py").write_text(textwrap.dedent("""\
        import numpy.random as npr
        import torch.nn as tnn
        from numpy import random as nr
        from random import shuffle as mix
        from sklearn.model_selection import train_test_split as tts

        if __name__ == "__main__":
            npr.seed(0)
            x = nr.rand(2)
            layer = tnn.Linear(2, 2)
            items = [1, 2]
            mix(items)
            parts = tts(items)
        """))
    facts = scan(tmp_path)
    found = sorted((f.rule, f.location.line, f.location.column) for f in facts.findings if f.rule.startswith("RND"))
    assert found == [("RND101", 10, 13), ("RND101", 12, 5), ("RND103", 13, 13)]
    quals = {c.qualname for c in facts.calls}
    assert {"numpy.random.seed", "numpy.random.rand", "torch.nn.Linear", "random.shuffle",
            "sklearn.model_selection.train_test_split"} <= quals


def test_call_facts_record_literal_and_expression_arguments(tmp_path):
    (tmp_path / "m.py").write_text(textwrap.dedent("""\
        from sklearn.ensemble import RandomForestClassifier as RF
        N = 10
        model = RF(n_estimators=500, max_depth=-3, class_weight={"a": 1}, max_features=N * 2, **extra)
        """))
    facts = scan(tmp_path)
    call = next(c for c in facts.calls if c.qualname == "sklearn.ensemble.RandomForestClassifier")
    assert (call.path, call.line, call.column) == ("m.py", 3, 9)
    assert call.kwargs == {"n_estimators": 500, "max_depth": -3, "class_weight": {"a": 1}, "max_features": "<expr:N * 2>"}
    assert call.has_star_kwargs


@pytest.mark.parametrize("manifest, text", [
    ("setup.cfg", "[metadata]\nname = tool\n\n[options.entry_points]\nconsole_scripts =\n    tool-train = tool.cli:run\n"),
    ("setup.py", "from setuptools import setup\nsetup(name='tool', entry_points={'console_scripts': "
                 "['tool-train=tool.cli:run']})\n"),
    ("pyproject.toml", "[tool.poetry]\nname = 'tool'\n\n[tool.poetry.scripts]\ntool-train = 'tool.cli:run'\n"),
])
def test_console_scripts_are_entry_points(tmp_path, manifest, text):
    (tmp_path / manifest).write_text(text)
    (tmp_path / "tool").mkdir()
    (tmp_path / "tool" / "__init__.py").write_text("")
    (tmp_path / "tool" / "cli.py").write_text(textwrap.dedent("""\
        import random

        def run():
            random.seed(1)
            return random.random()

        def unused():
            return random.random()
        """))
    facts = scan(tmp_path)
    assert facts.entry_points == ["tool/cli.py"]
    assert facts.extra["randomness"]["entry_points"]["tool/cli.py"]["kind"] == "console-script"
    assert [f for f in facts.findings if f.rule.startswith("RND")] == []


def test_seed_in_an_uncalled_function_of_the_entry_point_does_not_count(tmp_path):
    (tmp_path / "run.py").write_text(textwrap.dedent("""\
        import numpy as np

        def forgotten():
            np.random.seed(3)

        def main():
            return np.random.rand(2)

        if __name__ == "__main__":
            main()
        """))
    found = [(f.rule, f.location.line) for f in scan(tmp_path).findings if f.rule.startswith("RND")]
    assert found == [("RND101", 7)]


def test_truncated_python_file_is_reported_not_analysed(tmp_path):
    (tmp_path / "big.py").write_text("import random\nrandom.random()\n" + "x = 1\n" * 50)
    facts = scan(tmp_path, max_file_bytes=64)
    assert [(f.rule, f.location.path) for f in facts.findings if f.rule in ("GL002", "RND101")] == [("GL002", "big.py")]


def test_syntax_error_becomes_gl002_and_the_scan_goes_on(tmp_path):
    (tmp_path / "legacy.py").write_text("print 'hello'\n")
    (tmp_path / "run.py").write_text("import numpy as np\nnp.random.rand(3)\n")
    facts = scan(tmp_path)
    gl = _by_rule(facts, "GL002")
    assert [(f.location.path, f.location.line) for f in gl] == [("legacy.py", 1)]
    assert [(f.rule, f.location.path) for f in facts.findings if f.rule.startswith("RND")] == [("RND101", "run.py")]


def test_test_files_are_not_judged(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_model.py").write_text("import numpy as np\n\ndef test_x():\n    np.random.rand(3)\n")
    (tmp_path / "conftest.py").write_text("import random\nrandom.shuffle([1])\n")
    assert [f for f in scan(tmp_path).findings if f.rule.startswith("RND")] == []


def test_pandas_sample_needs_pandas_and_frac_or_n(tmp_path):
    (tmp_path / "a.py").write_text("import pandas as pd\ndf = pd.read_csv('x.csv')\nrows = df.sample(n=5)\n"
                                   "ok = df.sample(frac=1, random_state=0)\n")
    (tmp_path / "b.py").write_text("import torch\ndist = torch.distributions.Normal(0, 1)\nz = dist.sample((3,))\n")
    found = [(f.rule, f.location.path, f.location.line) for f in scan(tmp_path).findings if f.rule.startswith("RND")]
    assert found == [("RND102", "a.py", 3)]


def test_keras_tuner_falls_back_to_pythons_random(tmp_path):
    (tmp_path / "a.py").write_text("import keras_tuner as kt\nt = kt.RandomSearch(lambda hp: None, max_trials=3)\n"
                                   "s = kt.Hyperband(lambda hp: None, seed=1)\n")
    (tmp_path / "b.py").write_text("import random\nimport keras_tuner as kt\nrandom.seed(0)\n"
                                   "t = kt.BayesianOptimization(lambda hp: None, max_trials=3)\n")
    found = sorted((f.rule, f.location.path, f.location.line) for f in scan(tmp_path).findings if f.rule.startswith("RND"))
    assert found == [("RND102", "a.py", 2), ("RND103", "b.py", 4)]


def test_jax_keys_are_explicit_and_not_reported(tmp_path):
    (tmp_path / "j.py").write_text("import jax\nkey = jax.random.PRNGKey(0)\nx = jax.random.normal(key, (3,))\n")
    assert [f for f in scan(tmp_path).findings if f.rule.startswith("RND")] == []


# ------------------------------------------------------------------ knowledge and rules
def test_randomness_knowledge_validates_against_its_schema():
    schema = json.loads((ROOT / "linter/knowledge/randomness.schema.json").read_text())
    data = yaml.safe_load((ROOT / "linter/knowledge/randomness.yaml").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_a_malformed_entry():
    schema = json.loads((ROOT / "linter/knowledge/randomness.schema.json").read_text())
    data = yaml.safe_load((ROOT / "linter/knowledge/randomness.yaml").read_text())
    data["consumers"].append({"module": "numpy.random", "family": "numpy"})  # names missing
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_knowledge_matching_stays_within_one_dotted_component():
    kb = knowledge()
    assert [k for k, _ in kb.classify("numpy.random.rand")] == ["consumer"]
    assert kb.classify("numpy.random.default_rng.integers") == ()
    assert [k for k, _ in kb.classify("sklearn.datasets.make_classification")] == ["seedparam"]
    assert kb.classify("numpy.random.seed")[0][0] == "seeder"


def test_every_randomness_rule_has_metadata():
    from linter import rulebook

    for code in ("RND101", "RND102", "RND103", "RND104", "RND105", "RND106", "RND107", "RND108"):
        rule = rulebook.get(code)
        assert rule.explanation and rule.fix and rule.example_bad

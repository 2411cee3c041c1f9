"""Hyperparameter sources (linter.repo.hparams) and HYP401, firing and silent."""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.repo import hparams
from linter.repo.facts import CallFact, HyperParam, RepoFacts, SourceFile


def scan(tree: dict[str, str], calls: list[CallFact] = ()) -> RepoFacts:
    files = [SourceFile(p, len(t), textwrap.dedent(t).lstrip("\n")) for p, t in sorted(tree.items())]
    facts = RepoFacts(root="r", calls=list(calls))
    hparams.analyze(files, facts)
    return facts


def found(facts: RepoFacts, source: str | None = None) -> list[tuple]:
    return [(h.name, h.value, h.path, h.line, h.context) for h in facts.hyperparameters
            if source is None or h.source == source]


def hyp401(facts: RepoFacts) -> list:
    return [f for f in facts.findings if f.rule == "HYP401"]


# ------------------------------------------------------------------ config files

def test_yaml_config_with_hydra_defaults_and_key_paths() -> None:
    facts = scan({"configs/train.yaml": """
        defaults:
          - model: resnet50
          - optimizer: adam
          - _self_
        model:
          dropout: 0.2
          layers: [64, 128]
        optimizer:
          lr: 3.0e-4
          betas:
            - 0.9
            - 0.999
        """})
    assert found(facts) == [
        ("model", "resnet50", "configs/train.yaml", 2, "defaults.model"),
        ("optimizer", "adam", "configs/train.yaml", 3, "defaults.optimizer"),
        ("dropout", 0.2, "configs/train.yaml", 6, "model.dropout"),
        ("layers", [64, 128], "configs/train.yaml", 7, "model.layers"),
        ("lr", 0.0003, "configs/train.yaml", 9, "optimizer.lr"),
        ("betas", [0.9, 0.999], "configs/train.yaml", 11, "optimizer.betas"),
    ]


def test_dvc_params_json_and_toml_configs() -> None:
    facts = scan({
        "params.yaml": "train:\n  epochs: 30\n",
        "config.json": '{\n  "model": {\n    "depth": 6\n  },\n  "lr": 0.05\n}\n',
        "conf/experiment.toml": '[model]\ndepth = 4\n\n[optim]\nlr = 0.1\n',
    })
    assert found(facts) == [
        ("depth", 4, "conf/experiment.toml", 2, "model.depth"),
        ("lr", 0.1, "conf/experiment.toml", 5, "optim.lr"),
        ("depth", 6, "config.json", 3, "model.depth"),
        ("lr", 0.05, "config.json", 5, "lr"),
        ("epochs", 30, "params.yaml", 2, "train.epochs"),
    ]


def test_gin_bindings_including_multiline_values() -> None:
    facts = scan({"configs/base.gin": """
        # model settings
        include 'common.gin'
        import trainer.lib
        train.learning_rate = 0.001  # inline comment
        MLP.hidden_sizes = [
            256,
            128,
        ]
        train.optimizer = @tf.keras.optimizers.Adam
        """})
    assert found(facts) == [
        ("learning_rate", 0.001, "configs/base.gin", 4, "train.learning_rate"),
        ("hidden_sizes", [256, 128], "configs/base.gin", 5, "MLP.hidden_sizes"),
        ("optimizer", "@tf.keras.optimizers.Adam", "configs/base.gin", 9, "train.optimizer"),
    ]


def test_files_that_are_not_configs_are_ignored() -> None:
    facts = scan({
        "environment.yml": "name: x\ndependencies:\n  - numpy=1.24\n",
        ".github/workflows/ci.yml": "on: push\n",
        "mkdocs.yml": "site_name: x\n",
        "data/labels.json": '{"a": 1}\n',
        "configs/.hidden/x.yaml": "a: 1\n",
    })
    assert facts.hyperparameters == []


def test_invalid_config_is_skipped_with_a_reason() -> None:
    facts = scan({"configs/bad.yaml": "model: [unclosed\n", "configs/bad.json": "{nope", "train.py": "x = (\n"})
    assert facts.hyperparameters == []
    assert sorted(s.split(":")[0] for s in facts.skipped) == ["configs/bad.json", "configs/bad.yaml"]


# ------------------------------------------------------------------ command-line and config classes

def test_argparse_click_and_typer_defaults() -> None:
    facts = scan({"train.py": """
        import argparse
        import typer
        from click import option as opt
        from typing import Annotated

        parser = argparse.ArgumentParser()
        parser.add_argument("--lr", type=float, default=1e-3)
        parser.add_argument("-e", "--epochs", type=int, default=EPOCHS)
        parser.add_argument("--flag", action="store_true")
        parser.set_defaults(batch_size=32)

        @opt("--depth", default=6)
        def cli(depth):
            pass

        app = typer.Typer()

        @app.command()
        def main(alpha: float = 0.5, beta: int = typer.Option(4, "--beta"),
                 gamma: Annotated[int, typer.Option()] = 7, data: str = typer.Argument(...)):
            pass

        def helper(x=3):
            pass
        """})
    assert found(facts) == [
        ("lr", 0.001, "train.py", 7, "--lr"),
        ("epochs", "<expr:EPOCHS>", "train.py", 8, "--epochs"),
        ("batch_size", 32, "train.py", 10, "set_defaults"),
        ("depth", 6, "train.py", 12, "--depth"),
        ("alpha", 0.5, "train.py", 19, "main(alpha)"),
        ("beta", 4, "train.py", 19, "main(beta)"),
        ("gamma", 7, "train.py", 20, "main(gamma)"),
    ]
    assert {h.source for h in facts.hyperparameters} == {"argparse", "click", "typer"}


def test_config_classes_and_config_modules() -> None:
    facts = scan({
        "src/train.py": """
            from dataclasses import dataclass, field

            @dataclass
            class TrainingArgs:
                lr: float = 2e-5
                epochs: int = field(default=3)
                tags: list = field(default_factory=list)

            class CFG:
                seed = 42
                model_name = "bert-base"

            class Trainer:
                steps = 10
            """,
        "config.py": "import os\nBATCH_SIZE = 16\nDATA = os.path.join('a', 'b')\nLR: float = 0.01\n",
    })
    assert found(facts, "config") == [
        ("BATCH_SIZE", 16, "config.py", 2, "config.py"),
        ("LR", 0.01, "config.py", 4, "config.py"),
        ("lr", 2e-05, "src/train.py", 5, "class TrainingArgs"),
        ("epochs", 3, "src/train.py", 6, "class TrainingArgs"),
        ("seed", 42, "src/train.py", 10, "class CFG"),
        ("model_name", "bert-base", "src/train.py", 11, "class CFG"),
    ]


# ------------------------------------------------------------------ literals in calls

CALLS = [
    CallFact("sklearn.ensemble.RandomForestClassifier", "train.py", 10, 5,
             kwargs={"n_estimators": 300, "max_depth": "<expr:depth>", "random_state": 0, "n_jobs": -1}),
    CallFact("sklearn.model_selection.train_test_split", "train.py", 8, 1, kwargs={"test_size": 0.2}),
    CallFact("torch.optim.Adam", "nn.py", 20, 5, args=("<expr:model.parameters()>", 0.001),
             kwargs={"weight_decay": 1e-4}),
    CallFact("torch.utils.data.DataLoader", "nn.py", 15, 5, kwargs={"batch_size": 64, "shuffle": True}),
    CallFact("xgboost.train", "boost.py", 4, 1, args=("<expr:{'eta': 0.1, 'max_depth': 6, 'seed': 1}>",)),
    CallFact("numpy.mean", "nn.py", 30, 1, kwargs={"axis": 0}),
]


def test_literals_in_estimator_and_optimizer_calls() -> None:
    facts = scan({"nn.py": "model.fit(X, y, epochs=50, batch_size=128, verbose=0)\n"}, CALLS)
    assert sorted(found(facts, "call")) == sorted([
        ("n_estimators", 300, "train.py", 10, "RandomForestClassifier"),
        ("lr", 0.001, "nn.py", 20, "Adam"),
        ("weight_decay", 0.0001, "nn.py", 20, "Adam"),
        ("batch_size", 64, "nn.py", 15, "DataLoader"),
        ("eta", 0.1, "boost.py", 4, "xgboost.train params"),
        ("max_depth", 6, "boost.py", 4, "xgboost.train params"),
        ("epochs", 50, "nn.py", 1, "model.fit"),
        ("batch_size", 128, "nn.py", 1, "model.fit"),
    ])


# ------------------------------------------------------------------ HYP401

def test_scattered_literals_fire_once_with_count_and_files() -> None:
    facts = scan({"nn.py": "model.fit(X, y, epochs=50)\n"}, CALLS)
    [finding] = hyp401(facts)
    assert (finding.location.path, finding.location.line, finding.severity.value) == ("boost.py", 4, "info")
    assert finding.message == ("Hyperparameters appear only as literals in 5 calls in 3 files (boost.py, nn.py, "
                               "train.py); no config file or command-line defaults record them")


def test_silent_when_a_config_file_exists() -> None:
    assert hyp401(scan({"configs/train.yaml": "lr: 0.1\n"}, CALLS)) == []


def test_silent_when_argparse_defaults_exist() -> None:
    code = "import argparse\np = argparse.ArgumentParser()\np.add_argument('--lr', default=0.1)\n"
    assert hyp401(scan({"main.py": code}, CALLS)) == []


def test_silent_with_a_single_call_site_or_no_training() -> None:
    assert hyp401(scan({}, CALLS[:1])) == []
    assert hyp401(scan({"a.py": "print(1)\n"}, [CallFact("numpy.mean", "a.py", 1, 1, kwargs={"axis": 0})])) == []


def test_hyperparam_records_are_plain_facts() -> None:
    facts = scan({"configs/a.yaml": "lr: 0.1\n"})
    assert facts.hyperparameters == [HyperParam("lr", 0.1, "configs/a.yaml", 1, "config", "lr")]


def test_alias_bomb_in_a_config_stays_bounded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    facts = scan({"configs/bomb.yaml": bomb})
    assert len(facts.hyperparameters) <= 500


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["configs/a.yaml", "configs/a.json", "configs/a.toml", "configs/a.gin", "config.py", "train.py"]),
       st.text(max_size=300))
def test_config_and_code_readers_survive_arbitrary_text(name: str, text: str) -> None:
    facts = RepoFacts(root="r")
    hparams.analyze([SourceFile(name, len(text), text)], facts)
    assert all(h.path == name for h in facts.hyperparameters)


def test_only_likely_files_are_parsed_again() -> None:
    from linter.repo.hparams.code import wants
    from linter.repo.hparams.spec import load_spec

    spec = load_spec()
    assert not wants("src/model.py", "class Net:\n    pass\nclf.fit(X, y)\n", spec)
    assert wants("src/model.py", "class TrainConfig:\n    lr = 0.1\n", spec)
    assert wants("src/model.py", "model.fit(X, y, epochs = 5)\n", spec)
    assert wants("src/cli.py", "from click import option\n", spec)
    assert wants("src/config.py", "X = 1\n", spec)


def test_trees_shared_by_the_scanner_are_used_instead_of_parsing_again() -> None:
    import ast

    class Cache:
        def __init__(self) -> None:
            self.asked: list[str] = []

        def get(self, path: str):
            self.asked.append(path)
            return ast.parse("import argparse\np = argparse.ArgumentParser()\np.add_argument('--lr', default=0.5)\n")

    cache = Cache()
    text = "import argparse  # add_argument appears only in the shared tree\n"
    facts = RepoFacts(root="r", extra={"_python_trees": cache})
    hparams.analyze([SourceFile("train.py", len(text), text)], facts)
    assert cache.asked == ["train.py"]
    assert [(h.name, h.value) for h in facts.hyperparameters] == [("lr", 0.5)]


def test_config_file_named_with_a_stem_as_a_word():
    from linter.repo.hparams.spec import load_spec

    spec = load_spec()
    assert spec.is_config_file("final_params.yaml")
    assert spec.is_config_file("model-config.json")
    assert not spec.is_config_file("paramsfoo.txt")
    assert not spec.is_config_file("docker-compose.yaml")
    assert not spec.is_config_file("metadata.json")

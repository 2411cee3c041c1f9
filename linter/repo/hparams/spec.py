"""The packaged description of where hyperparameters live (``linter/knowledge/hyperparameters.yaml``)."""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Spec:
    calls: tuple[tuple[str, bool, tuple[str, ...]], ...]  # (prefix, class_only, only these kwargs)
    params_dict: dict[str, tuple[int, str]]
    positional: dict[str, dict[int, str]]
    ignore_kwargs: frozenset[str]
    fit_methods: frozenset[str]
    fit_kwargs: frozenset[str]
    config_dirs: frozenset[str]
    config_stems: tuple[str, ...]
    config_exclude: frozenset[str]
    python_config_stems: frozenset[str]
    config_class: re.Pattern[str]
    max_per_file: int

    def call_rule(self, qualname: str) -> tuple[bool, tuple[str, ...]] | None:
        """(matches, only-kwargs) for a call, or None when it carries no hyperparameters."""
        last = qualname.rsplit(".", 1)[-1]
        for prefix, class_only, only in self.calls:
            if qualname == prefix or (prefix.endswith(".") and qualname.startswith(prefix)):
                if class_only and not last[:1].isupper():
                    continue
                return True, only
        return None

    def is_config_file(self, path: str) -> bool:
        base = posixpath.basename(path)
        lower = base.lower()
        parts = path.lower().split("/")[:-1]
        if any(p.startswith(".") for p in parts) or base in self.config_exclude or lower in self.config_exclude:
            return False
        if lower.endswith(".gin"):
            return True
        if not lower.endswith((".yaml", ".yml", ".json", ".toml")):
            return False
        if any(p in self.config_dirs for p in parts) or lower.startswith(self.config_stems):
            return True
        # a stem as one word of the name: final_params.yaml, model-config.json, best_hparams.toml
        words = re.split(r"[_\-.]+", lower.rsplit(".", 1)[0])
        return any(w in self.config_stems for w in words[1:])

    def is_python_config(self, path: str) -> bool:
        base = posixpath.basename(path).lower()
        if not base.endswith(".py"):
            return False
        parts = path.lower().split("/")[:-1]
        return base[:-3] in self.python_config_stems or any(p in self.config_dirs for p in parts)


@functools.lru_cache(maxsize=1)
def load_spec() -> Spec:
    raw: dict[str, Any] = yaml.safe_load(
        (resources.files("linter") / "knowledge" / "hyperparameters.yaml").read_text(encoding="utf-8"))
    return Spec(
        calls=tuple((c["prefix"], bool(c.get("class_only")), tuple(c.get("only", ()))) for c in raw["calls"]),
        params_dict={k: (int(v["position"]), str(v["keyword"])) for k, v in raw["params_dict"].items()},
        positional={k: {int(i): str(n) for i, n in v.items()} for k, v in raw["positional"].items()},
        ignore_kwargs=frozenset(raw["ignore_kwargs"]),
        fit_methods=frozenset(raw["fit_methods"]),
        fit_kwargs=frozenset(raw["fit_kwargs"]),
        config_dirs=frozenset(raw["config_dirs"]),
        config_stems=tuple(raw["config_stems"]),
        config_exclude=frozenset(raw["config_exclude"]),
        python_config_stems=frozenset(raw["python_config_stems"]),
        config_class=re.compile(raw["config_class_pattern"]),
        max_per_file=int(raw["max_per_file"]),
    )

"""Hyperparameters written as literals in model and optimiser calls (from ``facts.calls``)."""

from __future__ import annotations

import ast
from typing import Any

from linter.repo.facts import CallFact, HyperParam
from linter.repo.hparams.spec import Spec

_SCALARS = (str, int, float, bool, type(None))


def _literal(value: Any) -> bool:
    if isinstance(value, str):
        return not value.startswith("<expr:")
    if isinstance(value, (list, tuple)):
        return all(_literal(v) for v in value)
    return isinstance(value, _SCALARS)


def _dict_argument(value: Any) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.startswith("<expr:"):
        try:
            parsed = ast.literal_eval(value[len("<expr:"):-1])
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
        return parsed if isinstance(parsed, dict) else None
    return None


def from_calls(calls: list[CallFact], spec: Spec) -> list[HyperParam]:
    """One HyperParam per literal hyperparameter argument of a known constructor or trainer."""
    out: list[HyperParam] = []
    for call in calls:
        context = call.qualname.rsplit(".", 1)[-1]
        if call.qualname in spec.params_dict:
            out.extend(_params_dict(call, spec))
            continue
        rule = spec.call_rule(call.qualname)
        if rule is None:
            continue
        _, only = rule
        for name, value in call.kwargs.items():
            if (only and name not in only) or name in spec.ignore_kwargs or not _literal(value):
                continue
            out.append(HyperParam(name, value, call.path, call.line, "call", context))
        for prefix, names in spec.positional.items():
            if call.qualname.startswith(prefix):
                for index, name in names.items():
                    if len(call.args) > index and name not in call.kwargs and _literal(call.args[index]):
                        out.append(HyperParam(name, call.args[index], call.path, call.line, "call", context))
    return out


def _params_dict(call: CallFact, spec: Spec) -> list[HyperParam]:
    position, keyword = spec.params_dict[call.qualname]
    raw = call.kwargs.get(keyword, call.args[position] if len(call.args) > position else None)
    params = _dict_argument(raw)
    if not params:
        return []
    return [HyperParam(str(k), v, call.path, call.line, "call", f"{call.qualname} {keyword}")
            for k, v in params.items() if str(k) not in spec.ignore_kwargs and _literal(v)]

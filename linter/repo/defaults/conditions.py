"""Does a call rely on a changed default, and does the change matter for it?"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from linter.repo.defaults.knowledge import MISSING, DefaultChange
from linter.repo.facts import CallFact, SourceFile
from linter.repo.hparams.code import parse


def _is_expr(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("<expr:")


def _literal(value: Any) -> Any:
    """A dict passed as ``params``: the literal itself, or parsed from ``<expr:{...}>`` source."""
    if isinstance(value, dict):
        return value
    if _is_expr(value):
        try:
            parsed = ast.literal_eval(value[len("<expr:"):-1])
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
        return parsed if isinstance(parsed, dict) else None
    return None


def call_params(entry: DefaultChange, call: CallFact) -> dict[str, Any] | None:
    """Keyword values of the call; for params-dict APIs, the dict (None when not literal)."""
    if call.qualname not in entry.dict_api:
        return dict(call.kwargs)
    if entry.dict_keyword in call.kwargs:
        return _literal(call.kwargs[entry.dict_keyword])
    if len(call.args) > entry.dict_position:
        return _literal(call.args[entry.dict_position])
    return {}


def _is_sentinel(value: Any, sentinels: tuple[Any, ...]) -> bool:
    return any(value is None if s is None else (type(value) is type(s) and value == s) for s in sentinels)


def passes_parameter(entry: DefaultChange, call: CallFact, params: dict[str, Any] | None) -> bool | None:
    """True: the call sets the parameter; False: it relies on the default; None: cannot tell."""
    if entry.kind == "behaviour":
        return False
    if call.has_star_kwargs or params is None:
        return None
    if entry.parameter in params:
        return not _is_sentinel(params[entry.parameter], entry.sentinels)
    if call.qualname not in entry.dict_api:
        if entry.position is not None and len(call.args) > entry.position:
            return not _is_sentinel(call.args[entry.position], entry.sentinels)
        if any(isinstance(a, str) and a.startswith("<expr:*") for a in call.args):
            return None
    return False


class SourceIndex:
    """Parsed files, on demand, for conditions that look at the code around a call."""

    def __init__(self, files: list[SourceFile], shared: Callable[[str], ast.AST | None] | None = None) -> None:
        self._texts = {f.path: f.text for f in files if f.text is not None and f.path.endswith(".py")}
        self._trees: dict[str, ast.AST | None] = {}
        self._shared = shared

    def tree(self, path: str) -> ast.AST | None:
        if path not in self._trees:
            self._trees[path] = parse(path, self._texts[path], self._shared) if path in self._texts else None
        return self._trees[path]

    def mentions(self, path: str, needles: tuple[str, ...]) -> bool | None:
        """Does the file's text contain one of ``needles``? None when the text is not at hand."""
        text = self._texts.get(path)
        return None if text is None else any(n in text for n in needles)

    def after_converter(self, call: CallFact, converters: tuple[str, ...]) -> bool | None:
        """In a list such as ``Compose([...])``: True if a converter (``ToTensor()``) comes before
        the call, False if one comes after it, None if the call is not in such a list."""
        tree = self.tree(call.path)
        if tree is None:
            return None
        name = call.qualname.rsplit(".", 1)[-1]
        for node in ast.walk(tree):
            if not isinstance(node, (ast.List, ast.Tuple)):
                continue
            names = [_callee(e) for e in node.elts]
            lines = [getattr(e, "lineno", None) for e in node.elts]
            for index, (callee, line) in enumerate(zip(names, lines)):
                if callee == name and line == call.line:
                    if any(n in converters for n in names[:index]):
                        return True
                    if any(n in converters for n in names[index + 1:]):
                        return False
        return None


def _callee(node: ast.AST) -> str | None:
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def condition_holds(entry: DefaultChange, call: CallFact, params: dict[str, Any] | None,
                    source: SourceIndex | None = None) -> bool | None:
    """Whether the change matters for this call (None: the code cannot show it)."""
    cond = entry.condition
    if cond.requires_text and source is not None and source.mentions(call.path, cond.requires_text) is False:
        return False  # e.g. decision_function_shape when decision_function is never called
    if cond.tensor_converters:
        side = source.after_converter(call, cond.tensor_converters) if source is not None else None
        if side is not None:
            return side
    if cond.kwarg is None:
        return None if cond.note else True
    if params is None:
        return None
    if cond.kwarg in params:
        value = params[cond.kwarg]
        if _is_expr(value):
            return None
    else:
        value = dict(cond.default_by_api).get(call.qualname, cond.default)
        if value is MISSING:
            return None
    if cond.in_ is not None:
        holds = value in cond.in_
    elif cond.not_in is not None:
        holds = value not in cond.not_in
    else:
        holds = isinstance(value, (int, float)) and not isinstance(value, bool) and value < (cond.below or 0)
    return (None if cond.note else True) if holds else False

"""Small, fast helpers over ``ast`` expressions: dotted names, literal values, source text,
arguments by position or keyword, and the child fields worth descending into."""

from __future__ import annotations

import ast
from typing import Any

from linter.repo.rngkb import Arg

# Fields that never hold expressions (or hold only operator / context singletons): skipping
# them is most of what makes the visitor cheaper than ast.NodeVisitor.
_SKIP_FIELDS = {"ctx", "op", "ops", "id", "attr", "kind", "conversion", "is_async", "type_comment",
                "arg", "n", "s", "annotation", "returns", "type_params", "names", "level", "module",
                "simple", "decorator_list", "args", "keywords", "func"}
UNKNOWN = object()  # an argument passed through *args / **kwargs: may be anything


def _child_fields(cls: type) -> tuple[str, ...]:
    return tuple(f for f in cls._fields if f not in _SKIP_FIELDS)


EXPR_FIELDS: dict[type, tuple[str, ...]] = {}
for _cls in (*ast.expr.__subclasses__(), ast.comprehension, ast.keyword, ast.withitem):
    EXPR_FIELDS[_cls] = _child_fields(_cls)
EXPR_FIELDS[ast.Lambda] = ("body",)
EXPR_FIELDS[ast.Constant] = ()


_STMT_PLANS: dict[type, tuple[tuple[str, int], ...]] = {}


def stmt_plan(cls: type) -> tuple[tuple[str, int], ...]:
    """How to descend into a statement type: (field, kind) with kind 0 = statements,
    1 = except handlers / match cases / with-items, 4 = expression(s)."""
    plan = _STMT_PLANS.get(cls)
    if plan is None:
        out = []
        for f in cls._fields:
            if f in ("body", "orelse", "finalbody"):
                out.append((f, 0))
            elif f in ("handlers", "cases", "items"):
                out.append((f, 1))
            elif f not in _SKIP_FIELDS and f not in ("name", "type_ignores", "pattern"):
                out.append((f, 4))
        plan = _STMT_PLANS[cls] = tuple(out)
    return plan


def dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of Name/Attribute nodes, else None."""
    parts = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if type(node) is not ast.Name:
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def literal(node: ast.expr) -> Any:
    """The Python value of a literal expression, or UNKNOWN."""
    t = type(node)
    if t is ast.Constant:
        return node.value
    if t is ast.UnaryOp and type(node.operand) is ast.Constant and isinstance(node.operand.value, (int, float)):
        if type(node.op) is ast.USub:
            return -node.operand.value
        if type(node.op) is ast.UAdd:
            return node.operand.value
    if t in (ast.List, ast.Tuple, ast.Set):
        items = [literal(e) for e in node.elts]
        return UNKNOWN if any(i is UNKNOWN for i in items) else items
    if t is ast.Dict:
        keys = [literal(k) if k is not None else UNKNOWN for k in node.keys]
        vals = [literal(v) for v in node.values]
        if any(k is UNKNOWN or not isinstance(k, (str, int, float, bool)) for k in keys) or UNKNOWN in vals:
            return UNKNOWN
        return dict(zip(keys, vals))
    return UNKNOWN


class Source:
    """Source text of expressions, by the node positions (byte offsets, UTF-8)."""

    def __init__(self, text: str):
        self._text = text
        self._split: list[str] | None = None

    @property
    def _lines(self) -> list[str]:
        if self._split is None:
            self._split = self._text.splitlines()
        return self._split

    def segment(self, node: ast.AST, limit: int = 160) -> str:
        try:
            first, last = node.lineno - 1, node.end_lineno - 1  # type: ignore[attr-defined]
            c0, c1 = node.col_offset, node.end_col_offset  # type: ignore[attr-defined]
        except AttributeError:
            return ""
        if first < 0 or last >= len(self._lines) or last is None:
            return ""
        if first == last:
            out = _cut(self._lines[first], c0, c1)
        else:
            pieces = [_cut(self._lines[first], c0, None)]
            pieces.extend(self._lines[first + 1:last])
            pieces.append(_cut(self._lines[last], 0, c1))
            out = " ".join(p.strip() for p in pieces)
        return out if len(out) <= limit else out[: limit - 1] + "…"

    def value(self, node: ast.expr) -> Any:
        """The literal value, or ``"<expr:SOURCE>"`` (the CallFact convention)."""
        t = type(node)
        if t is ast.Name:
            return f"<expr:{node.id}>"  # type: ignore[attr-defined]
        if t is ast.Attribute:
            d = dotted(node)
            if d is not None:
                return f"<expr:{d}>"
        v = literal(node)
        return f"<expr:{self.segment(node)}>" if v is UNKNOWN else v


def _cut(line: str, start: int, end: int | None) -> str:
    if line.isascii():
        return line[start:end]
    raw = line.encode("utf-8")
    return raw[start:end].decode("utf-8", errors="replace")


def argument(call: ast.Call, arg: Arg) -> ast.expr | object | None:
    """The expression passed for ``arg`` (by keyword or position), UNKNOWN when it may come
    through ``*args``/``**kwargs``, or None when it is not passed."""
    for kw in call.keywords:
        if kw.arg == arg.keyword:
            return kw.value
    args = call.args
    for i, a in enumerate(args):
        if type(a) is ast.Starred:
            return UNKNOWN
        if i == arg.position:
            return a
    if any(kw.arg is None for kw in call.keywords):
        return UNKNOWN
    return None


def keyword(call: ast.Call, name: str) -> ast.expr | object | None:
    """The expression passed as keyword ``name``; UNKNOWN when ``**kwargs`` may carry it."""
    star = False
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
        if kw.arg is None:
            star = True
    return UNKNOWN if star else None


def is_none(node: object) -> bool:
    return type(node) is ast.Constant and node.value is None  # type: ignore[attr-defined]

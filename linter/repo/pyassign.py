"""Assignments (what a variable holds, library settings written as attributes, environment
variables) and keyword conditions, for the visitor in :mod:`linter.repo.python_ast`."""

from __future__ import annotations

import ast

from linter.repo.pyevents import attribute_assignment, environment_write
from linter.repo.pyexpr import UNKNOWN, dotted, keyword, literal
from linter.repo.pymodel import ModuleInfo, Scope
from linter.repo.rngkb import Condition, RandomnessKB

_Call, _Constant, _Name = ast.Call, ast.Constant, ast.Name


class AssignMixin:
    """Expects the visitor's ``info``, ``kb``, ``mod``, ``class_types``, ``call``, ``walk``,
    ``expr`` and ``resolve``."""

    info: ModuleInfo
    kb: RandomnessKB
    mod: Scope
    class_types: dict[tuple[str, str], str]

    def assign(self, node: ast.Assign | ast.AnnAssign | ast.AugAssign, scope: Scope, cls: str) -> None:
        value = node.value
        if value is None:
            return
        q = None
        vt = type(value)
        if vt is _Call:
            stack: list = []
            q = self.call(value, scope, stack)
            self.walk(stack, scope)
        elif vt is not _Constant:
            self.expr(value, scope)
        targets = node.targets if type(node) is ast.Assign else [node.target]
        for tgt in targets:
            tt = type(tgt)
            if tt is ast.Name:
                if type(node) is not ast.AugAssign:
                    scope.assigns[tgt.id] = value
                kind_type = self.kb.result_type(q) if q else None
                if kind_type:
                    scope.types[tgt.id] = kind_type
                elif tgt.id in scope.types:
                    del scope.types[tgt.id]
            elif tt is ast.Attribute:
                self._assign_attribute(tgt, value, q, scope)
            elif tt is ast.Subscript:
                self._assign_subscript(tgt, value, scope)
            elif tt in (ast.Tuple, ast.List):
                for e in tgt.elts:
                    if type(e) is ast.Name:
                        scope.assigns.pop(e.id, None)

    def _assign_attribute(self, tgt: ast.Attribute, value: ast.expr, q: str | None, scope: Scope) -> None:
        if tgt.attr == "random_state":
            scope.set_params_seeded = True
        d = dotted(tgt)
        if d is None:
            self.expr(tgt.value, scope)
            return
        if d.startswith("self.") and d.count(".") == 1 and scope.class_name:
            t = self.kb.result_type(q) if q else None
            if t:
                self.class_types[(scope.class_name, tgt.attr)] = t
            if q and any(k == "generator" for k, _ in self.kb.classify(q)):
                self.info.classes[scope.class_name].rng_attrs[tgt.attr] = q
            return
        resolved, kind = self.resolve(d, scope)
        if kind == "lib" and resolved:
            attribute_assignment(self, resolved, tgt, value, scope)

    def _assign_subscript(self, tgt: ast.Subscript, value: ast.expr, scope: Scope) -> None:
        d = dotted(tgt.value)
        resolved = self.resolve(d, scope)[0] if d else None
        if resolved == "os.environ":
            environment_write(self, literal(tgt.slice), value, tgt, scope)
        else:
            self.expr(tgt.value, scope)
            self.expr(tgt.slice, scope)

    def value_of(self, n: ast.Call, param: str, default: object, scope: Scope) -> object:
        """A keyword's literal value (module constants followed once), the default when absent,
        or UNKNOWN."""
        v = keyword(n, param)
        if v is None:
            return default
        if v is UNKNOWN:
            return UNKNOWN
        lit = literal(v)  # type: ignore[arg-type]
        if lit is UNKNOWN and type(v) is ast.Name:
            src = scope.assigns.get(v.id) or self.mod.assigns.get(v.id)
            if src is not None:
                lit = literal(src)
        return lit

    def random_when(self, conditions: tuple[Condition, ...], n: ast.Call, scope: Scope) -> bool:
        for c in conditions:
            v = self.value_of(n, c.param, c.default, scope)
            if v is UNKNOWN:
                if c.unknown_random:
                    return True
                continue
            if c.holds(v):
                return True
        return False

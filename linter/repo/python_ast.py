"""One ``ast.parse`` and one pass per Python module: import aliases, library calls (as
CallFacts), randomness events (seeding, generators, consumers, seed parameters, determinism
settings), the functions and what they call, ``__main__`` blocks, and ``--seed`` options.

The code is read, never imported or run. The pass is flow-insensitive within a function
(the last assignment to a name wins), which is what makes it one cheap walk.
"""

from __future__ import annotations

import ast
import sys

from linter.repo.facts import CallFact
from linter.repo.pyexpr import EXPR_FIELDS, Source, dotted, literal, stmt_plan
from linter.repo.pyassign import AssignMixin
from linter.repo.pyimports import ImportsMixin
from linter.repo.pymodel import (MAIN, MODULE, ClassInfo, ModuleInfo, RefCall, Scope, is_test_path, module_name,
                                  new_info)
from linter.repo.pyevents import click_options, library_call, nondeterministic, seedparam, typer_options
from linter.repo.rngkb import RandomnessKB

STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"random", "os", "time", "datetime", "uuid", "secrets"}
# Module-level calls that configure rather than do work: a module with only these at top
# level is a library, not a script.
_CONFIG_CALLS = {"filterwarnings", "simplefilter", "basicConfig", "append", "insert", "use", "set_option",
                 "set_printoptions", "set_style", "set_theme", "load_dotenv", "register", "setLevel", "addHandler",
                 "disable_eager_execution", "set_num_threads", "dictConfig", "fileConfig", "extend", "update",
                 "setdefault", "seed", "manual_seed", "set_seed", "set_random_seed", "seed_everything", "getLogger",
                 "disable", "set_verbosity", "set_visible_devices", "set_memory_growth", "enable_op_determinism",
                 "use_deterministic_algorithms", "catch_warnings", "addLevelName"}


_Call, _Name, _Attribute, _Constant, _Load = ast.Call, ast.Name, ast.Attribute, ast.Constant, ast.Load
_WEIGHT_LOADS = frozenset({"load_state_dict", "load_weights", "set_weights"})  # replace a model's weights


def analyse_tree(tree: ast.Module, info: ModuleInfo, text: str, kb: RandomnessKB) -> list[CallFact]:
    """Fill ``info`` from ``tree``; return the CallFacts of library calls."""
    visitor = _Visitor(info, text, kb)
    visitor.run(tree)
    return visitor.callfacts


_ROOTS: dict[int, frozenset[str]] = {}


def _lib_roots(kb: RandomnessKB) -> frozenset[str]:
    roots = _ROOTS.get(id(kb))
    if roots is None:
        roots = _ROOTS[id(kb)] = frozenset(kb.libraries | STDLIB)
    return roots


def resolver(info: ModuleInfo, kb: RandomnessKB) -> _Visitor:
    """Name resolution for a module already analysed (aliases and module-level names)."""
    return _Visitor(info, "", kb, fresh=False)


class _Visitor(ImportsMixin, AssignMixin):
    def __init__(self, info: ModuleInfo, text: str, kb: RandomnessKB, fresh: bool = True):
        self.info = info
        self.kb = kb
        self.src = Source(text)
        self.callfacts: list[CallFact] = []
        self.lib_roots = _lib_roots(kb)
        self.record_roots = kb.libraries
        if fresh or MODULE not in info.scopes:
            info.scopes[MODULE] = Scope(MODULE, 1)
        self.mod = info.scopes[MODULE]
        self.ref_roots: set[str] = set()
        self.nested: dict[str, set[str]] = {}
        self.class_types: dict[tuple[str, str], str] = {}
        self.class_methods: dict[str, set[str]] = {}

    # ----------------------------------------------------------------- statements
    def run(self, tree: ast.Module) -> None:
        for node in tree.body:
            if type(node) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                self.info.defs.add(node.name)
        self.ref_roots |= self.info.defs
        self.stmts(tree.body, self.mod, "", top=True)

    def stmts(self, body: list[ast.stmt], scope: Scope, cls: str, top: bool = False) -> None:
        for node in body:
            t = type(node)
            if t is ast.FunctionDef or t is ast.AsyncFunctionDef:
                self.funcdef(node, scope, cls)
            elif t is ast.ClassDef:
                self.classdef(node, scope, cls)
            elif t is ast.Assign or t is ast.AnnAssign or t is ast.AugAssign:
                self.assign(node, scope, cls)
            elif t is ast.Expr:
                if top and type(node.value) is ast.Call:
                    self._script_call(node.value)
                self.expr(node.value, scope)
            elif t is ast.Import:
                self.import_(node)
            elif t is ast.ImportFrom:
                self.import_from(node)
            elif t is ast.If and top and _is_main_guard(node.test):
                self.info.has_main_guard = True
                main = self.info.scopes.setdefault(MAIN, Scope(MAIN, node.lineno))
                self.stmts(node.body, main, "")
                self.stmts(node.orelse, scope, cls)
            else:
                if top and t in (ast.For, ast.While, ast.With, ast.AsyncFor, ast.AsyncWith):
                    self.info.script_like = True
                self.generic(node, scope, cls)

    def generic(self, node: ast.AST, scope: Scope, cls: str) -> None:
        for name, kind in stmt_plan(type(node)):
            value = getattr(node, name, None)
            if value is None:
                continue
            if kind == 0:
                self.stmts(value, scope, cls)
            elif kind == 4:
                if type(value) is list:
                    for v in value:
                        if v is not None:
                            self.expr(v, scope)
                else:
                    self.expr(value, scope)
            else:  # handlers, match cases, with-items
                for part in value:
                    for sub in ("type", "guard", "context_expr", "optional_vars"):
                        v = getattr(part, sub, None)
                        if v is not None:
                            self.expr(v, scope)
                    if hasattr(part, "body"):
                        self.stmts(part.body, scope, cls)

    def _script_call(self, call: ast.Call) -> None:
        func = call.func
        name = func.attr if type(func) is ast.Attribute else getattr(func, "id", "")
        if name not in _CONFIG_CALLS:
            self.info.script_like = True

    def funcdef(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope, cls: str) -> None:
        if cls:
            key = f"{cls}.{node.name}"
        elif scope.key in (MODULE, MAIN):
            key = node.name
        else:
            key = f"{scope.key}.{node.name}"
            self.nested.setdefault(scope.key, set()).add(node.name)
        a = node.args
        positional = [*a.posonlyargs, *a.args]
        params = tuple(p.arg for p in (*positional, *a.kwonlyargs))
        defaults: dict[str, object] = {}
        for p, d in zip(positional[len(positional) - len(a.defaults):], a.defaults):
            if type(d) is _Constant:
                defaults[p.arg] = d.value
            else:
                defaults[p.arg] = literal(d)
                self.expr(d, scope)
        for p, d in zip(a.kwonlyargs, a.kw_defaults):
            if type(d) is _Constant:
                defaults[p.arg] = d.value
            elif d is not None:
                defaults[p.arg] = literal(d)
                self.expr(d, scope)
        decorators = []
        for dec in node.decorator_list:
            target = dec.func if type(dec) is ast.Call else dec
            d = dotted(target)
            q = self.resolve(d, scope)[0] if d else None
            decorators.append(q or d or "")
            self.expr(dec, scope)
        inner = Scope(key, node.lineno, class_name=cls, params=params, param_defaults=defaults,
                      decorators=tuple(decorators))
        self.info.scopes[key] = inner
        if node.decorator_list:
            click_options(self, node, key)
        if not self.kb.option_names.isdisjoint(params):
            typer_options(self, node, key, decorators)
        self.stmts(node.body, inner, "")

    def classdef(self, node: ast.ClassDef, scope: Scope, cls: str) -> None:
        name = f"{cls}.{node.name}" if cls else node.name
        bases = []
        for b in node.bases:
            d = dotted(b)
            q, kind = self.resolve(d, scope) if d else (None, "")
            bases.append(q or d or "")
            self.expr(b, scope)
        for dec in node.decorator_list:
            self.expr(dec, scope)
        self.info.classes[name] = ClassInfo(name, node.lineno, tuple(bases))
        self.class_methods[name] = {s.name for s in node.body if type(s) in (ast.FunctionDef, ast.AsyncFunctionDef)}
        for stmt in node.body:
            if type(stmt) in (ast.FunctionDef, ast.AsyncFunctionDef):
                self.funcdef(stmt, scope, name)
            elif type(stmt) is ast.ClassDef:
                self.classdef(stmt, scope, name)
            else:
                self.stmts([stmt], scope, "")

    # ---------------------------------------------------------------- resolution
    def resolve(self, d: str, scope: Scope) -> tuple[str | None, str]:
        """(qualified name, kind): kind is lib | repo | local | self | method | "" (unknown)."""
        root, sep, rest = d.partition(".")
        if root == "self":
            if not sep:
                return None, ""
            attr, sep2, rest2 = rest.partition(".")
            if not sep2:
                return attr, "self"
            t = self.class_types.get((scope.class_name, attr))
            return (f"{t}.{rest2}", "lib") if t else (None, "method")
        t = scope.types.get(root)
        if t is None and scope is not self.mod:
            t = self.mod.types.get(root)
        if t is not None:
            return (f"{t}.{rest}", "lib") if sep else (None, "")
        a = self.info.aliases.get(root)
        if a is not None:
            q = f"{a}.{rest}" if sep else a
            return q, ("lib" if a.partition(".")[0] in self.lib_roots else "repo")
        if root in self.nested.get(scope.key, ()):
            return f"{scope.key}.{d}", "local"
        if root in self.info.defs:
            return d, "local"
        return None, ""

    # --------------------------------------------------------------- expressions
    def expr(self, node: ast.expr, scope: Scope) -> None:
        self.walk([node], scope)

    def walk(self, stack: list, scope: Scope) -> None:
        """Visit the expressions on ``stack`` and everything inside them."""
        pop, push, extend = stack.pop, stack.append, stack.extend
        fields = EXPR_FIELDS
        refs = self.ref_roots
        call = self.call
        while stack:
            n = pop()
            t = type(n)
            if t is _Constant or n is None:
                continue
            if t is _Call:
                call(n, scope, stack)
            elif t is _Name:
                if n.id in refs and type(n.ctx) is _Load:
                    self._ref(n.id, n, scope)
            elif t is _Attribute:
                v = n.value
                if type(v) is _Name:
                    if v.id in refs:
                        self._ref(f"{v.id}.{n.attr}", n, scope)
                else:
                    push(v)
            else:
                for f in fields[t]:
                    v = getattr(n, f)
                    if type(v) is list:
                        extend(v)
                    elif v is not None:
                        push(v)

    def _ref(self, d: str, node: ast.expr, scope: Scope) -> None:
        q, kind = self.resolve(d, scope)
        if kind == "repo" or kind == "local":
            scope.calls.append(RefCall(q, kind, node.lineno, node.col_offset + 1))  # type: ignore[arg-type]

    def call(self, n: ast.Call, scope: Scope, stack: list) -> str | None:
        """Record one call; push its sub-expressions on ``stack``; return its library qualname."""
        func = n.func
        ft = type(func)
        qual: str | None = None
        skip = None
        if ft is _Name:
            q, kind = self.resolve(func.id, scope)
            if kind == "lib":
                qual = q
                skip = library_call(self, q, n, scope)  # type: ignore[arg-type]
            elif kind == "repo" or kind == "local":
                scope.calls.append(RefCall(q, kind, n.lineno, n.col_offset + 1, n.args, n.keywords))  # type: ignore
            elif not kind and self.info.star_imports:
                scope.calls.append(RefCall(func.id, "star", n.lineno, n.col_offset + 1, n.args, n.keywords))
        elif ft is _Attribute:
            attr = func.attr
            scope.attrs_called.add(attr)
            if attr in _WEIGHT_LOADS:
                scope.loads.append(n.lineno)
            root = func.value
            while type(root) is _Attribute:
                root = root.value
            d = None
            if type(root) is _Name:
                rid = root.id
                if (rid == "self" or rid in self.info.aliases or rid in self.info.defs or rid in scope.types
                        or rid in self.mod.types or rid in self.nested.get(scope.key, ())):
                    d = dotted(func)
                else:  # a local variable or parameter of unknown type: only the method name is known
                    scope.method_names.add(attr)
                    if attr == "set_params" or attr in self.kb.method_params:
                        self._untyped_method(attr, n, scope)
                    rid = None
            if d is None and type(root) is not _Name:
                inner = func.value
                if type(inner) is _Call and type(inner.func) is _Name and inner.func.id == "super" and scope.class_name:
                    scope.calls.append(RefCall(attr, "super", n.lineno, n.col_offset + 1, n.args, n.keywords))
                elif type(inner) is _Call:
                    iq = self.call(inner, scope, stack)
                    t = self.kb.result_type(iq) if iq else None
                    if t:
                        qual = f"{t}.{attr}"
                        skip = library_call(self, qual, n, scope)
                else:
                    stack.append(inner)
                    scope.method_names.add(attr)
            elif d is not None:
                q, kind = self.resolve(d, scope)
                if kind == "lib":
                    qual = q
                    skip = library_call(self, q, n, scope)  # type: ignore[arg-type]
                elif kind == "repo" or kind == "local":
                    scope.calls.append(RefCall(q, kind, n.lineno, n.col_offset + 1, n.args, n.keywords))  # type: ignore
                elif kind == "self":
                    if q in self.class_methods.get(scope.class_name, ()):
                        scope.calls.append(RefCall(q, "self", n.lineno, n.col_offset + 1, n.args,  # type: ignore
                                                   n.keywords))
                    else:
                        scope.method_names.add(attr)
                else:
                    scope.method_names.add(attr)
                    if not kind and (attr == "set_params" or attr in self.kb.method_params):
                        self._untyped_method(attr, n, scope)
        else:
            stack.append(func)
        if skip is None:
            stack.extend(n.args)
            for k in n.keywords:
                stack.append(k.value)
        else:
            stack.extend(a for a in n.args if a is not skip)
            stack.extend(k.value for k in n.keywords if k.value is not skip)
        return qual

    def _untyped_method(self, attr: str, n: ast.Call, scope: Scope) -> None:
        if attr == "set_params":
            self._set_params(n, scope)
            return
        spec = self.kb.method_params.get(attr)
        if spec is None or spec.requires_import not in self.info.lib_imports:
            return
        if spec.requires_keyword and not any(k.arg in spec.requires_keyword for k in n.keywords):
            return
        seedparam(self, f"{spec.requires_import}.{spec.label or attr}", spec, n, scope)

    def _set_params(self, n: ast.Call, scope: Scope) -> None:
        if any(k.arg is None or k.arg.endswith("random_state") or "seed" in k.arg for k in n.keywords):
            scope.set_params_seeded = True

    def nondet(self, expr: ast.expr, scope: Scope) -> str:
        return nondeterministic(self, expr, scope)

def _is_main_guard(test: ast.expr) -> bool:
    """``__name__ == "__main__"`` (either way round), or the odd ``__name__ in "__main__"``."""
    if type(test) is not ast.Compare or len(test.ops) != 1 or type(test.ops[0]) not in (ast.Eq, ast.In):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if type(s) is ast.Name and s.id == "__name__"]
    consts = [s for s in sides if type(s) is ast.Constant and s.value == "__main__"]
    return len(names) == 1 and len(consts) == 1


__all__ = ["analyse_tree", "resolver", "new_info", "module_name", "is_test_path", "MAIN", "MODULE"]

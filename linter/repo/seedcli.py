"""RND105: a ``--seed`` command-line option whose value never reaches a seeding call.

argparse options are followed by name across the whole repository (``args.seed``,
``cfg["seed"]``, ``getattr(args, "seed")`` anywhere count as reads of it); click and typer
options by the command function's parameter. A read is a *use* when its value flows into a
call that is not printing or logging (a seeding call, a helper, a constructor), a keyword such
as ``random_state=``, a return value or a stored attribute/item; through one local variable
(``seed = args.seed``) its reads are followed the same way. Printing, logging and tests
(``if args.seed is not None``) are not uses. ``vars(args)`` or ``args.__dict__`` anywhere
hands every option on, so argparse options then count as used.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from linter.repo.pyexpr import dotted
from linter.repo.pygraph import RepoGraph
from linter.repo.pymodel import ModuleInfo
from linter.repo.rndchecks import Reporter

_LOG_CALLS = {"print", "info", "debug", "warning", "warn", "error", "critical", "exception", "log", "write",
              "echo", "secho", "add_text", "log_param", "log_params", "log_hyperparams", "set_postfix",
              "set_description", "pprint"}
_CLIMB = (ast.BinOp, ast.UnaryOp, ast.IfExp, ast.BoolOp, ast.Tuple, ast.List, ast.Set, ast.Dict, ast.Starred,
          ast.NamedExpr, ast.FormattedValue, ast.JoinedStr, ast.Subscript, ast.Attribute, ast.keyword)
_STOP = (ast.Compare, ast.If, ast.While, ast.Assert, ast.Expr, ast.Delete)


def seed_option_checks(modules: list[tuple[ModuleInfo, str]], tree_of: Callable[[str], ast.Module | None],
                       graph: RepoGraph, rep: Reporter) -> None:
    """``modules``: (module, analysed text); ``tree_of(path)``: its syntax tree. An argparse
    option's value is looked for in the modules related to the one defining it: those it
    imports and those that import it (another script's ``args.seed`` is not this one's)."""
    options = [(m, o) for m, _ in modules for o in m.options if not m.is_test]
    if not options:
        return
    texts = {m.path: text for m, text in modules}
    parents: dict[str, dict[ast.AST, ast.AST]] = {}
    importers: dict[str, set[str]] = {}
    if any(o.kind == "argparse" for _, o in options):
        for p in graph.modules:
            for q in graph.closure(p):
                importers.setdefault(q, set()).add(p)
    for m, opt in options:
        if opt.kind == "argparse":
            related = graph.closure(m.path) | importers.get(m.path, set())
            order = [m.path] + sorted(p for p in related if p != m.path and p in texts)
            mention = re.compile(rf"\.{re.escape(opt.dest)}\b|[\"']{re.escape(opt.dest)}[\"']")
            escape = any("vars(" in texts[p] or "__dict__" in texts[p] for p in order)
            used = escape or any(
                _module_uses(tree, opt.dest, _parents(parents, path, tree))
                for path in order if mention.search(texts[path]) and (tree := tree_of(path)) is not None
            )
        else:
            tree = tree_of(m.path)
            used = tree is None or _function_uses(tree, opt.scope, opt.dest, _parents(parents, m.path, tree))
        if not used:
            rep.add("RND105", f"the {opt.option} option ({opt.kind}) is defined but its value never reaches a "
                    "seeding call or a random_state", m, opt.line, opt.column, f"option:{opt.dest}",
                    option=opt.option, dest=opt.dest)


def _parents(cache: dict[str, dict[ast.AST, ast.AST]], path: str, tree: ast.Module) -> dict[ast.AST, ast.AST]:
    table = cache.get(path)
    if table is None:
        table = cache[path] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                table[child] = node
    return table


def _module_uses(tree: ast.Module, dest: str, parents: dict[ast.AST, ast.AST]) -> bool:
    for node in parents:
        t = type(node)
        read = (
            (t is ast.Attribute and node.attr == dest and type(node.ctx) is ast.Load)
            or (t is ast.Subscript and type(node.ctx) is ast.Load and _const(node.slice) == dest)
            or (t is ast.Call and dotted(node.func) == "getattr" and len(node.args) >= 2
                and _const(node.args[1]) == dest)
        )
        if read and _flows(node, parents, 0):
            return True
    return False


def _function_uses(tree: ast.Module, key: str, name: str, parents: dict[ast.AST, ast.AST]) -> bool:
    func = _find_function(tree, key)
    if func is None:
        return True  # cannot see the function: do not guess
    return _name_used(func, name, parents, 0, exclude=None)


def _find_function(tree: ast.Module, key: str) -> ast.AST | None:
    parts = key.split(".")
    body = tree.body
    node = None
    for part in parts:
        node = next((n for n in body if type(n) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
                     and n.name == part), None)
        if node is None:
            return None
        body = node.body
    return node


def _name_used(scope: ast.AST, name: str, parents: dict[ast.AST, ast.AST], depth: int, exclude: ast.AST | None) -> bool:
    for node in ast.walk(scope):
        if type(node) is ast.Name and node.id == name and type(node.ctx) is ast.Load and node is not exclude:
            if _flows(node, parents, depth):
                return True
    return False


def _flows(node: ast.AST, parents: dict[ast.AST, ast.AST], depth: int) -> bool:
    """Does the value read at ``node`` reach anything but printing, logging or a test?"""
    cur = node
    while True:
        p = parents.get(cur)
        if p is None or isinstance(p, _STOP):
            return False
        t = type(p)
        if t is ast.keyword:
            arg = p.arg or ""
            if "seed" in arg or "random_state" in arg or arg in ("rng", "generator"):
                return True
        elif t is ast.Call:
            if cur is p.func:
                return False
            callee = dotted(p.func) or ""
            last = callee.rpartition(".")[2]
            if last in _LOG_CALLS:
                return False
            if last not in ("str", "int", "format", "repr", "float"):
                return True
        elif t in (ast.Assign, ast.AnnAssign, ast.AugAssign):
            targets = p.targets if t is ast.Assign else [p.target]
            if any(type(x) is not ast.Name for x in targets):
                return True
            if depth >= 2:
                return True
            scope = _enclosing(p, parents)
            return any(_name_used(scope, x.id, parents, depth + 1, exclude=x) for x in targets)
        elif t in (ast.Return, ast.Yield, ast.YieldFrom, ast.Lambda):
            return True
        elif not isinstance(p, _CLIMB) and not isinstance(p, (ast.expr, ast.comprehension)):
            return False
        cur = p


def _enclosing(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.AST:
    cur = node
    while True:
        p = parents.get(cur)
        if p is None or type(p) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module):
            return p if p is not None else cur
        cur = p


def _const(node: ast.AST) -> object:
    return node.value if type(node) is ast.Constant else None

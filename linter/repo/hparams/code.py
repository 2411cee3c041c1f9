"""Hyperparameters declared in Python, read with ``ast`` (never imported or run):
argparse ``add_argument(..., default=)`` and ``set_defaults``, click ``@click.option``,
typer options and ``@app.command()`` parameters, config classes (``class CFG:``,
``@dataclass class TrainingArgs:``), module constants in config modules (``config.py``), and
``model.fit(epochs=..., batch_size=...)`` calls."""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Callable
from typing import Any

from linter.repo.facts import HyperParam
from linter.repo.hparams.spec import Spec

_CLI_IMPORT = re.compile(r"^[ \t]*(?:import|from)[ \t]+(?:click|typer)\b", re.MULTILINE)
_CLASS = re.compile(r"class[ \t]+(\w+)")


def wants(path: str, text: str, spec: Spec) -> bool:
    """Cheap text test, so that only files likely to declare hyperparameters are parsed again."""
    if spec.is_python_config(path) or "add_argument" in text or "set_defaults" in text:
        return True
    if ("click" in text or "typer" in text) and _CLI_IMPORT.search(text):
        return True
    if ".fit(" in text or ".fit_generator(" in text:
        compact = text.replace(" ", "")
        if any(f"{kw}=" in compact for kw in spec.fit_kwargs):
            return True
    names = _CLASS.findall(text) if "class" in text else []
    return bool(names) and bool(spec.config_class.search(" ".join(names)))


def value_of(node: ast.AST, text: str) -> Any:
    """A literal value, or ``"<expr:SOURCE>"`` for anything computed."""
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return f"<expr:{ast.get_source_segment(text, node) or ast.dump(node)[:80]}>"


def _is_literal(value: Any) -> bool:
    return not (isinstance(value, str) and value.startswith("<expr:"))


class _Visitor(ast.NodeVisitor):
    def __init__(self, path: str, text: str, spec: Spec) -> None:
        self.path, self.text, self.spec = path, text, spec
        self.out: list[HyperParam] = []
        self.fits: list[HyperParam] = []
        self.click_names: set[str] = set()  # names bound to the click / typer modules
        self.typer_names: set[str] = set()
        self.imported: dict[str, str] = {}  # local name -> "click.option", "typer.Option" ...
        self.typer_apps: set[str] = set()

    # imports -----------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name in ("click", "typer"):
                (self.click_names if alias.name == "click" else self.typer_names).add(alias.asname or alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module in ("click", "typer"):
            for alias in node.names:
                self.imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    # calls -------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "add_argument":
            self._argparse(node)
        elif isinstance(func, ast.Attribute) and func.attr == "set_defaults":
            for kw in node.keywords:
                if kw.arg:
                    self._add(kw.arg, kw.value, "argparse", "set_defaults")
        elif isinstance(func, ast.Attribute) and func.attr in self.spec.fit_methods:
            self._fit(node, func)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if isinstance(node.value, ast.Call) and self._typer_call(node.value.func, "Typer"):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.typer_apps.add(target.id)
        self.generic_visit(node)

    def _argparse(self, node: ast.Call) -> None:
        names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        default = next((kw.value for kw in node.keywords if kw.arg == "default"), None)
        if not names or default is None:
            return
        option = next((n for n in names if n.startswith("--")), names[0])
        self._add(option.lstrip("-"), default, "argparse", option)

    def _fit(self, node: ast.Call, func: ast.Attribute) -> None:
        receiver = ast.get_source_segment(self.text, func.value) or "model"
        for kw in node.keywords:
            if kw.arg in self.spec.fit_kwargs:
                value = value_of(kw.value, self.text)
                if _is_literal(value):
                    self.fits.append(HyperParam(kw.arg, value, self.path, node.lineno, "call",
                                                f"{receiver[:40]}.{func.attr}"))

    # functions: click decorators, typer options ------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for deco in node.decorator_list:
            if isinstance(deco, ast.Call) and self._click_call(deco.func):
                self._click(deco)
        is_command = any(self._is_typer_command(d) for d in node.decorator_list)
        self._typer_params(node, is_command)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _click_call(self, func: ast.AST) -> bool:
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            return func.value.id in self.click_names and func.attr in ("option", "argument")
        return isinstance(func, ast.Name) and self.imported.get(func.id) in ("click.option", "click.argument")

    def _click(self, deco: ast.Call) -> None:
        names = [a.value for a in deco.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        default = next((kw.value for kw in deco.keywords if kw.arg == "default"), None)
        if names and default is not None:
            option = next((n for n in names if n.startswith("--")), names[0])
            self._add(option.lstrip("-"), default, "click", option)

    def _typer_call(self, func: ast.AST, name: str) -> bool:
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            return func.value.id in self.typer_names and func.attr == name
        return isinstance(func, ast.Name) and self.imported.get(func.id) == f"typer.{name}"

    def _is_typer_command(self, deco: ast.AST) -> bool:
        target = deco.func if isinstance(deco, ast.Call) else deco
        return (isinstance(target, ast.Attribute) and target.attr == "command" and isinstance(target.value, ast.Name)
                and target.value.id in self.typer_apps)

    def _typer_params(self, node: ast.FunctionDef | ast.AsyncFunctionDef, is_command: bool) -> None:
        args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        defaults = [None] * (len(node.args.posonlyargs + node.args.args) - len(node.args.defaults))
        defaults += list(node.args.defaults) + list(node.args.kw_defaults)
        for arg, default in zip(args, defaults):
            if default is None:
                continue
            if isinstance(default, ast.Call) and (self._typer_call(default.func, "Option")
                                                  or self._typer_call(default.func, "Argument")):
                inner = next((kw.value for kw in default.keywords if kw.arg == "default"),
                             default.args[0] if default.args else None)
                if inner is not None and not (isinstance(inner, ast.Constant) and inner.value is Ellipsis):
                    self._add(arg.arg, inner, "typer", f"{node.name}({arg.arg})")
            elif is_command or self._annotated_typer(arg.annotation):
                self._add(arg.arg, default, "typer", f"{node.name}({arg.arg})")

    def _annotated_typer(self, annotation: ast.AST | None) -> bool:
        if not isinstance(annotation, ast.Subscript):
            return False
        return any(isinstance(n, ast.Call) and (self._typer_call(n.func, "Option") or self._typer_call(n.func, "Argument"))
                   for n in ast.walk(annotation.slice))

    # config classes ------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if self.spec.config_class.search(node.name):
            for stmt in node.body:
                self._class_attribute(node.name, stmt)
        self.generic_visit(node)

    def _class_attribute(self, cls: str, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            self._add(stmt.targets[0].id, stmt.value, "config", f"class {cls}", literal_only=True)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            value = stmt.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) == "field":
                value = next((kw.value for kw in value.keywords if kw.arg == "default"), None)
            if value is not None:
                self._add(stmt.target.id, value, "config", f"class {cls}", literal_only=True)

    # -------------------------------------------------------------------
    def _add(self, name: str, node: ast.AST, source: str, context: str, literal_only: bool = False) -> None:
        value = value_of(node, self.text)
        if literal_only and not _is_literal(value):
            return
        self.out.append(HyperParam(name, value, self.path, node.lineno, source, context))


def parse(path: str, text: str, shared: Callable[[str], ast.AST | None] | None = None) -> ast.AST | None:
    """The syntax tree of a Python file: from the scanner's shared cache when it has one, else parsed
    here. None when the text does not parse."""
    tree = shared(path) if shared is not None else None
    if tree is not None:
        return tree
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes in the analysed code
            return ast.parse(text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def shared_trees(extra: dict[str, Any]) -> Callable[[str], ast.AST | None] | None:
    """The scanner's tree cache (``facts.extra["_python_trees"]``), if it left one."""
    cache = extra.get("_python_trees")
    getter = getattr(cache, "get", None)
    return getter if callable(getter) and not isinstance(cache, dict) else None


def read_python(path: str, text: str, spec: Spec,
                shared: Callable[[str], ast.AST | None] | None = None) -> tuple[list[HyperParam], list[HyperParam]]:
    """(declared hyperparameters, literal ``fit`` arguments) of one Python file. A file that
    does not parse gives nothing (the scanner reports it)."""
    tree = parse(path, text, shared)
    if not isinstance(tree, ast.Module):
        return [], []
    visitor = _Visitor(path, text, spec)
    visitor.visit(tree)
    declared = visitor.out
    if spec.is_python_config(path):
        declared = _module_constants(path, text, tree) + declared
    return declared[: spec.max_per_file], visitor.fits


def _module_constants(path: str, text: str, tree: ast.Module) -> list[HyperParam]:
    out: list[HyperParam] = []
    for stmt in tree.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else (
            stmt.target if isinstance(stmt, ast.AnnAssign) and stmt.value is not None else None)
        if isinstance(target, ast.Name) and not target.id.startswith("__"):
            value = value_of(stmt.value, text)  # type: ignore[union-attr]
            if _is_literal(value):
                out.append(HyperParam(target.id, value, path, stmt.lineno, "config", path.rsplit("/", 1)[-1]))
    return out

"""What one pass over one Python module (or notebook) records, before the cross-file analysis.

Internal to the scanner: the public results are the CallFacts, SeedFacts and findings in
:class:`~linter.repo.facts.RepoFacts`. Columns here are 1-based; lines are lines of the
analysed text (for notebooks, of the concatenated cells; see :attr:`ModuleInfo.line_map`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

MODULE = "<module>"  # code run when the module is imported (or the notebook is run)
MAIN = "<main>"  # the body of ``if __name__ == "__main__":``


@dataclass
class Event:
    """A randomness-relevant call or setting.

    kind: consumer | generator | seeder | seedparam | determinism | dataloader | local_seed
    status (seeder/generator/seedparam): ok | missing | none | entropy | version | nondet | param
    """

    kind: str
    qualname: str
    line: int
    column: int
    family: str = ""
    status: str = "ok"
    detail: str = ""  # human text: seed expression, nondeterministic source, what the call does
    value: Any = None  # literal seed when known
    param: str = ""  # seed taken from this parameter of the enclosing function
    spec: Any = None  # the knowledge entry


@dataclass
class RefCall:
    """A call (or a reference, for callbacks) that may reach a function defined in the repository."""

    target: str  # alias-resolved dotted name ("utils.seed.set_seed", "Net", "self.setup" ...)
    kind: str  # local (this module) | repo (through an import) | self (self.m) | super (super().m) | star (import *)
    line: int
    column: int
    args: Sequence[ast.expr] = ()
    keywords: Sequence[ast.keyword] = ()


@dataclass
class Scope:
    """A function body, or the module-level code, or the ``__main__`` block."""

    key: str
    line: int
    class_name: str = ""
    params: tuple[str, ...] = ()
    param_defaults: dict[str, Any] = field(default_factory=dict)  # param -> literal default (None too)
    decorators: tuple[str, ...] = ()
    calls: list[RefCall] = field(default_factory=list)
    method_names: set[str] = field(default_factory=set)  # x.name() with a receiver of unknown type
    attrs_called: set[str] = field(default_factory=set)  # every x.name() in this scope (training markers)
    loads: list[int] = field(default_factory=list)  # lines of x.load_state_dict() / x.load_weights()
    events: list[Event] = field(default_factory=list)
    assigns: dict[str, ast.expr] = field(default_factory=dict)  # name -> last assigned expression
    types: dict[str, str] = field(default_factory=dict)  # variable -> library constructor qualname
    set_params_seeded: bool = False  # est.set_params(random_state=...) seen in this scope


@dataclass
class ClassInfo:
    name: str
    line: int
    bases: tuple[str, ...]  # alias-resolved dotted names
    rng_attrs: dict[str, str] = field(default_factory=dict)  # self.attr -> generator qualname


@dataclass
class SeedOption:
    """A ``--seed``-like command-line option."""

    kind: str  # argparse | click | typer
    option: str  # as written ("--seed")
    dest: str  # attribute / parameter name that carries the value
    line: int
    column: int
    scope: str = ""  # click/typer: the command function


@dataclass
class ModuleInfo:
    path: str
    name: str  # dotted module name derived from the path
    is_package: bool = False
    is_notebook: bool = False
    is_test: bool = False
    aliases: dict[str, str] = field(default_factory=dict)
    imports: list[tuple[str, int, int]] = field(default_factory=list)  # dotted target, line, column
    star_imports: list[str] = field(default_factory=list)
    lib_imports: dict[str, tuple[int, int]] = field(default_factory=dict)  # root -> first import line/col
    scopes: dict[str, Scope] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    defs: set[str] = field(default_factory=set)  # top-level function and class names
    has_main_guard: bool = False
    script_like: bool = False
    lib_calls: set[str] = field(default_factory=set)  # qualnames of library calls seen
    options: list[SeedOption] = field(default_factory=list)
    uses_namespace_dict: bool = False  # vars(args) / args.__dict__ seen
    line_map: Callable[[int], tuple[int, int | None]] | None = None  # notebook: line -> (cell line, cell)

    def scope(self, key: str) -> Scope:
        return self.scopes[key]

    def location(self, line: int) -> tuple[int, dict[str, Any]]:
        """The line to report and extra finding data (the notebook cell) for an analysed line."""
        if self.line_map is None:
            return line, {}
        cell_line, cell = self.line_map(line)
        return cell_line, ({"cell": cell} if cell is not None else {})


def module_name(path: str) -> tuple[str, bool]:
    """Dotted module name for a repository path, and whether it is a package ``__init__``."""
    stem = path.rsplit(".", 1)[0] if path.endswith((".py", ".ipynb", ".pyi")) else path
    parts = stem.split("/")
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def is_test_path(path: str) -> bool:
    """Tests, fixtures, packaging and docs build files: not part of what produces a study's results."""
    parts = path.split("/")
    name = parts[-1]
    return (
        any(p in ("tests", "test", "testing") for p in parts[:-1])
        or name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"
        or (len(parts) >= 2 and parts[-2] in ("docs", "doc") and name == "conf.py")
        or name in ("setup.py", "noxfile.py")
    )


def new_info(path: str) -> ModuleInfo:
    name, is_package = module_name(path)
    return ModuleInfo(path=path, name=name, is_package=is_package, is_notebook=path.endswith(".ipynb"),
                      is_test=is_test_path(path))

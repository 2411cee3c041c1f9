"""Cross-file randomness analysis: entry points, what each one seeds, and who judges a module.

Entry points are notebooks, scripts with an ``if __name__ == "__main__":`` block, ``__main__.py``
files, console scripts declared in pyproject.toml / setup.cfg / setup.py, and scripts with
top-level code that no other module imports. For each entry point the scanner takes the modules
it imports (transitively) and the functions its code reaches through calls — from its top-level
code, its ``__main__`` block, its console-script function, its CLI command functions and the
module-level code of everything it imports — and collects what that code seeds.

A module is judged by the entry points that import it: a use of randomness is reported when
*any* of them runs it without seeding its generator. Modules that no entry point reaches (a
library used from elsewhere) are judged leniently: by themselves together with any of their
functions, plus every unreached module that imports them; they are reported only when none of
these seeds the generator. Test files (``tests/``, ``test_*.py``, ``conftest.py``) are skipped.

Two refinements keep the judgement honest about *when* code runs: a draw made by module-level
code happens at import time, so only seeds that also run at import time count for it (not a
seed set later in ``main()``); and an entry point that loads trained weights and trains nothing
(an evaluation script) does not need seeded weight initialisation or dropout.

Known blind spots: the analysis is flow-insensitive inside a function (a seed after a draw in
the same function still counts), dynamic imports (``importlib``, ``imp.load_source``) and calls
through ``getattr`` are not followed, and a conditional seed (``if seed is not None:``) counts
as a seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.repo.entrypoints import console_scripts
from linter.repo.facts import SourceFile
from linter.repo.pygraph import Node, RepoGraph
from linter.repo.pymodel import MAIN, MODULE, Event, ModuleInfo
from linter.repo.rngkb import RandomnessKB

CLI_DECORATOR_ROOTS = ("click.", "typer.", "hydra.", "fire.")


@dataclass
class Entry:
    path: str
    kind: str  # notebook | main-guard | script | console-script | library (not reached by any entry point)
    real: bool
    roots: list[Node]
    closure: frozenset[str]
    seeded: dict[str, tuple[str, Event]] = field(default_factory=dict)  # family -> (path, first seeding event)
    seeded_at_import: set[str] = field(default_factory=set)  # families seeded by module-level code
    determinism: bool = False
    evaluates_only: bool = False  # loads trained weights and trains nothing
    training: tuple[str, str] | None = None  # (framework, module) when its code trains a model
    reached: set[Node] = field(default_factory=set)


@dataclass
class Judges:
    entries: list[Entry]
    strict: bool  # True: real entry points, every one must seed; False: any seeding one suffices

    def lacking(self, family: str, fixed_only: bool = False, at_import: bool = False, state: str = "") -> list[Entry]:
        """Entries that do not seed ``family``; with ``fixed_only``, also those whose only seed
        for it is not a fixed value (None, entropy, the clock); with ``at_import`` (a draw made by
        module-level code) only seeds that run at import time count. An entry point that only
        evaluates loaded weights does not need seeded weights or dropout (``state``)."""
        missing = [e for e in self.entries
                   if not (state and e.evaluates_only) and (
                       family not in e.seeded
                       or (fixed_only and e.seeded[family][1].status not in ("ok", "param"))
                       or (at_import and family not in e.seeded_at_import))]
        if self.strict or len(missing) == len(self.entries):
            return missing
        return []

    def seed_of(self, family: str) -> tuple[str, Event] | None:
        for e in self.entries:
            if family in e.seeded:
                return e.seeded[family]
        return None


def find_entries(graph: RepoGraph, files: list[SourceFile]) -> list[Entry]:
    """The real entry points, each with its roots and import closure."""
    consoles: dict[str, list[str]] = {}
    anchor = ModuleInfo(path="__anchor__.py", name="__anchor__")
    for module, func, _ in console_scripts(files):
        target = graph.lookup(module, anchor)
        if target is not None:
            consoles.setdefault(target.path, []).append(func)
    out = []
    for path, m in sorted(graph.modules.items()):
        if m.is_test:
            continue
        kind = _entry_kind(m, graph, path in consoles)
        if kind is None:
            continue
        closure = graph.closure(path)
        roots = graph.module_scopes(sorted(closure)) + [(path, MAIN)]
        roots += [(path, f) for f in consoles.get(path, ()) if f in m.scopes]
        roots += [(path, k) for k, s in m.scopes.items()
                  if any(d.startswith(CLI_DECORATOR_ROOTS) for d in s.decorators)]
        out.append(Entry(path, kind, True, roots, closure))
    return out


def _entry_kind(m: ModuleInfo, graph: RepoGraph, console: bool) -> str | None:
    if m.is_notebook:
        return "notebook"
    if console:
        return "console-script"
    if m.has_main_guard:
        return "main-guard"
    if m.path.endswith("__main__.py"):
        return "script"
    if m.script_like and m.path not in graph.imported:
        return "script"
    return None


def library_entries(graph: RepoGraph, real: list[Entry]) -> list[Entry]:
    """Every non-test module that no real entry point reaches, as a lenient stand-in entry:
    all its own functions are roots."""
    reached = set().union(*(e.closure for e in real)) if real else set()
    out = []
    for path, m in sorted(graph.modules.items()):
        if m.is_test or path in reached:
            continue
        closure = graph.closure(path)
        roots = graph.module_scopes(sorted(closure)) + [(path, k) for k in m.scopes]
        out.append(Entry(path, "library", False, roots, closure))
    return out


def effects(graph: RepoGraph, entries: list[Entry], kb: RandomnessKB) -> None:
    """Fill what every entry seeds, whether it sets determinism, trains or only evaluates."""
    for e in entries:
        if e.real:
            e.reached = graph.reach(e.roots, e.closure)
            _collect(graph, e, e.reached)
            at_import = graph.reach([r for r in e.roots if r[1] == MODULE], e.closure)
            e.seeded_at_import = {f for p, k in at_import for ev in graph.modules[p].scopes[k].events
                                  if ev.kind == "seeder" for f in ev.spec.families}
            e.training = training(graph, e.reached, kb)
            e.evaluates_only = e.training is None and any(graph.modules[p].scopes[k].loads for p, k in e.reached)
    lib = [e for e in entries if not e.real]
    if not lib:
        return
    by_path = {e.path: e for e in lib}
    importers: dict[str, list[Entry]] = {}  # module -> stand-in entries whose closure holds it
    for e in lib:
        for p in e.closure:
            importers.setdefault(p, []).append(e)
    for node in sorted((p, k) for p, m in graph.modules.items() for k, s in m.scopes.items()
                       if any(ev.kind == "seeder" for ev in s.events)):
        anc = graph.ancestors(node)
        hit: dict[str, Entry] = {}
        at_import: set[str] = set()
        for p, k in anc:  # a root of e: any scope of e itself, or module-level code of its closure
            if p in by_path:
                hit[p] = by_path[p]
            if k == MODULE:
                for e in importers.get(p, ()):
                    hit[e.path] = e
                    at_import.add(e.path)
        for e in hit.values():
            _collect(graph, e, [node])
            if e.path in at_import:
                e.seeded_at_import.update(f for ev in graph.modules[node[0]].scopes[node[1]].events
                                          if ev.kind == "seeder" for f in ev.spec.families)


def training(graph: RepoGraph, reached, kb: RandomnessKB) -> tuple[str, str] | None:
    """(framework, module) when the reached code trains a model: in one module, the reached
    scopes call every marker method of a framework the module uses."""
    attrs: dict[str, set[str]] = {}
    for path, key in reached:
        m = graph.modules[path]
        if not m.is_test:
            attrs.setdefault(path, set()).update(m.scopes[key].attrs_called)
    for path in sorted(attrs):
        m = graph.modules[path]
        for t in kb.training:
            if all(x in attrs[path] for x in t.methods) and (
                    any(r in m.lib_imports for r in t.imports) or any(c in m.lib_calls for c in t.calls)):
                return t.framework, path
    return None


def _collect(graph: RepoGraph, e: Entry, nodes) -> None:
    for path, key in sorted(nodes):
        for ev in graph.modules[path].scopes[key].events:
            if ev.kind == "seeder":
                for fam in ev.spec.families:
                    known = e.seeded.get(fam)
                    if known is None or (known[1].status not in ("ok", "param") and ev.status in ("ok", "param")):
                        e.seeded[fam] = (path, ev)
            elif ev.kind == "determinism":
                e.determinism = True


def judges_by_module(graph: RepoGraph, entries: list[Entry]) -> dict[str, Judges]:
    real: dict[str, list[Entry]] = {}
    lib: dict[str, list[Entry]] = {}
    for e in entries:
        table = real if e.real else lib
        for path in e.closure:
            table.setdefault(path, []).append(e)
    out = {}
    for path in graph.modules:
        if path in real:
            out[path] = Judges(real[path], True)
        elif path in lib:
            out[path] = Judges(lib[path], False)
    return out

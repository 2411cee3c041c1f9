"""Analyse every Python file and notebook of a repository: parse each once, record its facts,
then run the cross-file randomness checks.

Other analyzers that need a Python syntax tree can call :func:`tree_for` (parsed on demand and
cached until the scan ends). Whole trees are not kept between files: millions of live AST
nodes make Python's cyclic garbage collector slow everything down, which is also why the scan
pauses that collector (:func:`paused_gc`; AST nodes form no reference cycles).
"""

from __future__ import annotations

import ast
import contextlib
import gc
import warnings
from collections.abc import Iterator

from linter.repo import notebooks
from linter.repo.facts import RepoFacts, SeedFact, SourceFile
from linter.repo.pygraph import RepoGraph
from linter.repo.pymodel import MAIN, MODULE, ModuleInfo
from linter.repo.python_ast import analyse_tree, new_info, resolver
from linter.repo.randomness import effects, find_entries, judges_by_module, library_entries
from linter.repo.rndchecks import Reporter, dataloader_checks, event_checks, helper_calls, training_checks
from linter.repo.rngkb import RandomnessKB, knowledge
from linter.repo.seedcli import seed_option_checks
from linter.rulebook import finding

TREES_KEY = "_python_trees"
_FAMILY_OF_ROOT = {"random": "python", "numpy": "numpy", "torch": "torch", "tensorflow": "tensorflow",
                   "keras": "keras", "jax": "jax", "lightning": "lightning", "pytorch_lightning": "lightning",
                   "lightning_fabric": "lightning", "transformers": "transformers", "sklearn": "sklearn",
                   "imblearn": "sklearn"}


class TreeCache:
    """Python syntax trees by path, parsed on first request (None when the text does not parse)."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self._trees: dict[str, ast.Module | None] = {}

    def keep(self, path: str, tree: ast.Module) -> None:
        """Remember a tree already parsed, for a later analyzer that will ask for it."""
        self._trees[path] = tree

    def get(self, path: str) -> ast.Module | None:
        if path not in self._trees:
            text = self.texts.get(path)
            tree = None
            if text is not None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    try:
                        tree = ast.parse(text, filename=path)
                    except (SyntaxError, ValueError, RecursionError, MemoryError):
                        tree = None
            self._trees[path] = tree
        return self._trees[path]


def tree_for(facts: RepoFacts, path: str) -> ast.Module | None:
    """The syntax tree of a ``.py`` file of the scanned repository (for notebooks: of the joined
    code cells), or None when it is not Python or does not parse."""
    cache = facts.extra.get(TREES_KEY)
    return cache.get(path) if isinstance(cache, TreeCache) else None


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting still frees memory).

    On the way out, the objects made meanwhile go straight to the oldest generation (freeze,
    then unfreeze): otherwise the first collection after re-enabling would scan every one of
    them as if it were new.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def analyze(files: list[SourceFile], facts: RepoFacts, kb: RandomnessKB | None = None) -> None:
    """Per-file facts for all Python files and notebooks, then the randomness findings."""
    kb = kb or knowledge()
    modules: list[tuple[ModuleInfo, str]] = []
    cache = facts.extra.setdefault(TREES_KEY, TreeCache())
    with paused_gc(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes in the analysed code
        for f in files:
            if f.text is None:
                continue
            if f.path.endswith(".py"):
                _count(facts, "python")
                result = _python_file(f, kb, facts, cache if _wanted_later(f) else None)
            elif f.path.endswith(".ipynb"):
                _count(facts, "notebook")
                result = _notebook(f, kb, facts)
            else:
                continue
            if result is not None:
                modules.append(result)
                cache.texts[f.path] = result[1]
        cross_file(modules, files, facts, kb)


def _count(facts: RepoFacts, language: str) -> None:
    facts.languages[language] = facts.languages.get(language, 0) + 1


def _wanted_later(f: SourceFile) -> bool:
    """Will the hyperparameter reader ask for this file's tree? Then keep it instead of parsing twice."""
    from linter.repo.hparams.code import wants
    from linter.repo.hparams.spec import load_spec

    return wants(f.path, f.text or "", load_spec())


def _python_file(f: SourceFile, kb: RandomnessKB, facts: RepoFacts,
                 keep_in: "TreeCache | None" = None) -> tuple[ModuleInfo, str] | None:
    info = new_info(f.path)
    if f.truncated:
        facts.findings.append(finding("GL002", f"not analysed: the file ({f.size} bytes) is larger than the read cap",
                                      f.path))
        return None
    try:
        tree = ast.parse(f.text or "", filename=f.path)
    except SyntaxError as exc:
        facts.findings.append(finding("GL002", f"not analysed: does not parse as Python 3 ({exc.msg})", f.path,
                                      exc.lineno, exc.offset))
        return None
    except (ValueError, RecursionError, MemoryError) as exc:
        facts.findings.append(finding("GL002", f"not analysed: {type(exc).__name__}", f.path))
        return None
    if keep_in is not None:
        keep_in.keep(f.path, tree)
    try:
        facts.calls.extend(analyse_tree(tree, info, f.text or "", kb))
    except RecursionError:
        facts.findings.append(finding("GL002", "not analysed: nested too deeply", f.path))
        return None
    return info, f.text or ""


def _notebook(f: SourceFile, kb: RandomnessKB, facts: RepoFacts) -> tuple[ModuleInfo, str] | None:
    if f.truncated:
        facts.findings.append(finding("GL002", f"notebook not analysed: the file ({f.size} bytes) is larger than the "
                                      "read cap", f.path))
        return None
    try:
        nb = notebooks.read_notebook(f)
    except notebooks.NotebookError as exc:
        facts.findings.append(finding("GL002", f"notebook not analysed: {exc}", f.path))
        return None
    order = notebooks.out_of_order(nb)
    if order is not None:
        facts.findings.append(order)
    if nb.language != "python":
        return None
    tree, code, problems = notebooks.parse_notebook(nb)
    facts.findings.extend(problems)
    if tree is None:
        return None
    info = new_info(f.path)
    info.line_map = nb.line_map()
    try:
        calls = analyse_tree(tree, info, code, kb)
    except RecursionError:
        facts.findings.append(finding("GL002", "notebook not analysed: nested too deeply", f.path))
        return None
    for c in calls:  # report notebook calls by cell and line within the cell
        line, where = info.location(c.line)
        facts.calls.append(type(c)(c.qualname, c.path, line, c.column, c.args, c.kwargs, c.has_star_kwargs,
                                   where.get("cell")))
    return info, code


def cross_file(modules: list[tuple[ModuleInfo, str]], files: list[SourceFile], facts: RepoFacts,
               kb: RandomnessKB) -> None:
    infos = [m for m, _ in modules]
    graph = RepoGraph(infos)
    real = find_entries(graph, files)
    lib = library_entries(graph, real)
    entries = real + lib
    effects(graph, entries, kb)
    judges = judges_by_module(graph, entries)
    rep = Reporter()
    event_checks(graph, judges, kb, rep)
    resolvers: dict[str, object] = {}

    def resolver_for(m: ModuleInfo):
        if m.path not in resolvers:
            resolvers[m.path] = resolver(m, kb)
        return resolvers[m.path]

    helper_calls(graph, judges, kb, rep, resolver_for)
    training_checks(graph, real, kb, rep)
    dataloader_checks(graph, rep)
    seed_option_checks(modules, facts.extra[TREES_KEY].get, graph, rep)
    facts.findings.extend(rep.findings)
    facts.entry_points = [e.path for e in real]
    facts.seeds.extend(seed_facts(infos))
    facts.extra["randomness"] = {
        "entry_points": {e.path: {"kind": e.kind, "seeds": sorted(e.seeded), "determinism": e.determinism}
                         for e in real},
        "libraries_not_reached": [e.path for e in lib],
    }


def seed_facts(infos: list[ModuleInfo]) -> list[SeedFact]:
    out = []
    for m in infos:
        for key, scope in m.scopes.items():
            via = "" if key in (MODULE, MAIN) else f"{m.name}.{key}"
            for ev in scope.events:
                fact = _seed_fact(m, ev, via)
                if fact is not None:
                    out.append(fact)
    return out


def _seed_fact(m: ModuleInfo, ev, via: str) -> SeedFact | None:
    root = ev.qualname.partition(".")[0]
    if ev.kind == "seeder":
        family = "torch-cuda" if "torch-cuda" in ev.spec.families else _FAMILY_OF_ROOT.get(root, "other")
    elif ev.kind in ("generator", "local_seed") and ev.status in ("ok", "param"):
        family = _FAMILY_OF_ROOT.get(root, "other")
    elif ev.kind == "seedparam" and ev.status in ("ok", "nondet") and ev.param != "sampler":
        family = "sklearn" if _FAMILY_OF_ROOT.get(root) == "sklearn" else "other"
    elif ev.kind == "hashseed":
        family = "hashseed"
    else:
        return None
    line, _ = m.location(ev.line)
    return SeedFact(family=family, path=m.path, line=line, column=ev.column, value=ev.value,
                    expression=ev.detail if not ev.detail.startswith("family:") else ev.detail.split(":", 2)[2],
                    via=via)

"""The randomness findings RND101–RND104, RND106 and RND108, from the per-module events and the
entry-point judgement of :mod:`linter.repo.randomness`. (RND105 is in :mod:`seedcli`, RND107
in :mod:`notebooks`.)"""

from __future__ import annotations

import ast
from collections import Counter

from linter.model import Finding, Severity
from linter.repo.pyexpr import is_none
from linter.repo.pygraph import Node, RepoGraph
from linter.repo.pymodel import MODULE, Event, ModuleInfo, RefCall, Scope
from linter.repo.randomness import Entry, Judges
from linter.repo.rngkb import RandomnessKB
from linter.rulebook import finding

DATASET_BASES = frozenset({"torch.utils.data.Dataset", "torch.utils.data.IterableDataset",
                           "torch.utils.data.dataset.Dataset", "torch.utils.data.dataset.IterableDataset"})
FRAMEWORK_ROOTS = ("torch", "tensorflow", "keras", "lightning", "pytorch_lightning", "transformers")


class Reporter:
    """Builds findings with notebook-aware locations and stable fingerprints."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._seen: Counter[str] = Counter()

    def add(self, code: str, message: str, m: ModuleInfo, line: int, column: int | None, key: str,
            severity: Severity | None = None, confidence: float = 1.0, **data) -> None:
        shown, extra = m.location(line)
        base = f"{m.path}|{key}"
        self._seen[base] += 1
        data.update(extra)
        data["fingerprint_key"] = f"{key}#{self._seen[base]}"
        self.findings.append(finding(code, message, m.path, shown, column, severity=severity,
                                     confidence=confidence, **data))


def event_checks(graph: RepoGraph, judges: dict[str, Judges], kb: RandomnessKB, rep: Reporter) -> None:
    for path, m in graph.modules.items():
        j = judges.get(path)
        if m.is_test or j is None:
            continue
        for scope in m.scopes.values():
            for ev in scope.events:
                if ev.kind == "consumer":
                    _consumer(m, scope, ev, j, kb, rep)
                elif ev.kind == "seedparam" and ev.status == "missing":
                    if not scope.set_params_seeded:
                        _seedparam(m, scope, ev, j, kb, rep)
                elif ev.kind in ("seeder", "generator", "seedparam"):
                    _seed_value(m, scope, ev, j, kb, rep)


def _who(entries: list[Entry]) -> str:
    if not entries:
        return ""
    names = [e.path for e in entries]
    if not entries[0].real:
        return "this library code or anything that imports it (no entry point runs it)"
    if len(names) > 3:
        return f"{', '.join(names[:3])} and {len(names) - 3} more"
    return ", ".join(names)


def _at_import(m: ModuleInfo, scope: Scope) -> bool:
    """Module-level code of a script or library runs when it is imported, before any main()."""
    return scope.key == MODULE and not m.is_notebook


def _consumer(m: ModuleInfo, scope: Scope, ev: Event, j: Judges, kb: RandomnessKB, rep: Reporter) -> None:
    state = ev.spec.state
    if state == "weights" and any(line > ev.line for line in scope.loads):
        return  # the initial weights are replaced by load_state_dict / load_weights further down
    lacking = j.lacking(ev.family, at_import=_at_import(m, scope), state=state)
    if not lacking:
        return
    label = kb.families.get(ev.family, ev.family)
    what = f"{ev.qualname}() {ev.detail} using {label}" if ev.detail else f"{ev.qualname}() draws from {label}"
    if lacking[0].real:
        msg = f"{what}, which is not seeded on the path from {_who(lacking)}"
    else:
        msg = f"{what}, which is not seeded in {_who(lacking)}"
    rep.add("RND101", msg, m, ev.line, ev.column, f"{ev.qualname}@{scope.key}", family=ev.family,
            qualname=ev.qualname, entry_points=[e.path for e in lacking if e.real])


def _seedparam(m: ModuleInfo, scope: Scope, ev: Event, j: Judges, kb: RandomnessKB, rep: Reporter) -> None:
    spec = ev.spec
    if ev.status != "missing":
        return
    name = spec.params[0]
    given = f"{name}=None" if ev.detail == "None" else f"no {name}"
    confidence = 0.6 if spec.data_dependent else 1.0
    note = f" (random only on large data: {spec.data_dependent})" if spec.data_dependent else ""
    key = f"{ev.qualname}@{scope.key}"
    data = dict(qualname=ev.qualname, parameter=name)
    if spec.fallback == "none":
        what = spec.what or "seeds itself from the operating system"
        rep.add("RND102", f"{ev.qualname}() gets {given}: it {what}, so every run differs{note}", m, ev.line,
                ev.column, key, confidence=confidence, **data)
        return
    family = spec.fallback
    label = kb.families.get(family, family)
    lacking = j.lacking(family, at_import=_at_import(m, scope))
    if not lacking and j.lacking(family, fixed_only=True):
        return  # seeded, but not with a fixed value: reported at the seed (RND104)
    if lacking:
        where = f"on the path from {_who(lacking)}" if lacking[0].real else f"in {_who(lacking)}"
        rep.add("RND102", f"{ev.qualname}() uses randomness but gets {given}, and {label} is not seeded "
                f"{where}{note}", m, ev.line, ev.column, key, confidence=confidence,
                entry_points=[e.path for e in lacking if e.real], **data)
        return
    seed = j.seed_of(family)
    at = f" (seeded at {seed[0]}:{seed[1].line})" if seed else ""
    rep.add("RND103", f"{ev.qualname}() gets {given} and draws from {label}{at}: "
            f"reproducible only while the earlier draws stay the same{note}", m, ev.line, ev.column, key,
            confidence=confidence, **data)


def _seed_value(m: ModuleInfo, scope: Scope, ev: Event, j: Judges, kb: RandomnessKB, rep: Reporter) -> None:
    key = f"{ev.qualname}@{scope.key}"
    if ev.kind == "generator" and ev.status == "missing":
        what = "with seed None" if ev.detail == "None" else "without a seed"
        rep.add("RND101", f"{ev.qualname}() creates {ev.spec.label} {what}: it starts from operating-system "
                "entropy, so every run differs", m, ev.line, ev.column, key, family=ev.family, qualname=ev.qualname)
        return
    if ev.status == "nondet":
        source = ev.detail
        if source.startswith("family:"):
            _, family, drawn = source.split(":", 2)
            if not j.lacking(family, fixed_only=True):
                return
            label = kb.families.get(family, family)
            rep.add("RND104", f"the seed for {ev.qualname}() comes from {drawn}, which draws from {label}, "
                    "itself unseeded: the seed changes every run", m, ev.line, ev.column, key, qualname=ev.qualname)
            return
        rep.add("RND104", f"the seed for {ev.qualname}() is computed from {source}, which differs every run",
                m, ev.line, ev.column, key, qualname=ev.qualname)
    elif ev.kind == "seeder" and ev.status == "entropy":
        if ev.spec.always_unseeded:
            text = f"{ev.qualname}() sets a fresh non-deterministic seed"
        elif ev.detail == "None":
            text = f"{ev.qualname}(None) seeds from operating-system entropy, so every run differs"
        else:
            text = f"{ev.qualname}() without a seed seeds from operating-system entropy, so every run differs"
        rep.add("RND104", text, m, ev.line, ev.column, key, qualname=ev.qualname)
    elif ev.kind == "seeder" and ev.status == "version":
        rep.add("RND104", f"{ev.qualname}() without a seed depends on the library version (a fixed default in "
                "current releases, a random seed in older ones)", m, ev.line, ev.column, key,
                severity=Severity.WARNING, qualname=ev.qualname)


def helper_calls(graph: RepoGraph, judges: dict[str, Judges], kb: RandomnessKB, rep: Reporter, resolver_for) -> None:
    """RND104 (RND101 for generators) where a helper that seeds with its parameter is called
    with None (or left to a None default) or with a run-to-run varying value."""
    param_funcs: dict[Node, list[Event]] = {}
    for path, m in graph.modules.items():
        for key, scope in m.scopes.items():
            evs = [e for e in scope.events if e.status == "param" and e.kind in ("seeder", "generator")]
            if evs:
                param_funcs[(path, key)] = evs
    if not param_funcs:
        return
    short = {key.rpartition(".")[2] for _, key in param_funcs} | {key.split(".")[0] for _, key in param_funcs}
    for path, m in graph.modules.items():
        if m.is_test:
            continue
        for scope in m.scopes.values():
            for c in scope.calls:
                if c.target.rpartition(".")[2] not in short:
                    continue
                for node in _targets(graph, m, scope, c):
                    groups: dict[tuple[str, str], list[Event]] = {}
                    for ev in param_funcs.get(node, ()):
                        problem = _argument_problem(graph, judges.get(path), m, scope, c, node, ev, resolver_for)
                        if problem:
                            groups.setdefault((ev.kind, problem), []).append(ev)
                    for (kind, problem), evs in groups.items():
                        _report_helper(m, scope, c, node, kind, problem, evs, rep)


def _targets(graph: RepoGraph, m: ModuleInfo, scope: Scope, c: RefCall) -> list[Node]:
    if c.kind in ("local", "star"):
        return graph.functions(m, c.target)
    if c.kind == "repo":
        res = graph.resolve(c.target, m)
        return graph.functions(res[0], res[1]) if res else []
    if c.kind == "self" and scope.class_name:
        return graph._class_method(m, scope.class_name, c.target, 0)
    return []


def _argument_problem(graph: RepoGraph, judges: Judges | None, m: ModuleInfo, scope: Scope, c: RefCall,
                      node: Node, ev: Event, resolver_for) -> str:
    """What is wrong with the value a call passes to the helper parameter ``ev.param`` ("" if nothing)."""
    callee = graph.modules[node[0]].scopes[node[1]]
    p = ev.param
    arg = next((k.value for k in c.keywords if k.arg == p), None)
    if arg is None and p in callee.params:
        index = callee.params.index(p)
        if callee.class_name and callee.params[:1] and callee.params[0] in ("self", "cls"):
            index -= 1
        for i, a in enumerate(c.args):
            if type(a) is ast.Starred:
                return ""
            if i == index:
                arg = a
        if arg is None and any(k.arg is None for k in c.keywords):
            return ""
    if arg is None:
        if p not in callee.param_defaults or callee.param_defaults[p] is not None:
            return ""
        return f"leaves {p} at its default None"
    if is_none(arg):
        return f"passes {p}=None"
    source = resolver_for(m).nondet(arg, scope)
    if not source:
        return ""
    if source.startswith("family:"):
        _, family, drawn = source.split(":", 2)
        if judges is None or not judges.lacking(family, fixed_only=True):
            return ""
        source = f"{drawn} (an unseeded generator)"
    return f"passes {p} computed from {source}"


def _report_helper(m: ModuleInfo, scope: Scope, c: RefCall, node: Node, kind: str, problem: str, evs: list[Event],
                   rep: Reporter) -> None:
    name = c.target.rpartition(".")[2]
    calls = ", ".join(f"{ev.qualname}()" for ev in evs)
    where = f"{node[0]}:{evs[0].line}"
    key = f"{name}->{kind}@{scope.key}"
    quals = [ev.qualname for ev in evs]
    if kind == "generator":
        rep.add("RND101", f"{name}() {problem}, so {calls} at {where} creates {evs[0].spec.label} without a fixed "
                "seed", m, c.line, c.column, key, qualname=quals[0], helper=name)
    else:
        rep.add("RND104", f"{name}() {problem}, so {calls} at {where} do not fix the seed", m, c.line, c.column,
                key, qualname=quals[0], calls=quals, helper=name)


def training_checks(graph: RepoGraph, entries: list[Entry], kb: RandomnessKB, rep: Reporter) -> None:
    """RND106, once per real entry point whose reached code trains a deep-learning model."""
    for e in entries:
        if not e.real or e.determinism or e.training is None:
            continue
        framework, path = e.training
        m = graph.modules[e.path]
        where = m if any(r in m.lib_imports for r in FRAMEWORK_ROOTS) else graph.modules[path]
        root = next((r for r in FRAMEWORK_ROOTS if r in where.lib_imports), None)
        line, col = where.lib_imports[root] if root else (1, 1)
        via = "" if path == e.path else f" (in {path})"
        rep.add("RND106", f"{e.path} runs {framework} training{via} with no determinism setting on its path "
                "(cuDNN flags, use_deterministic_algorithms, op determinism)", where, line, col,
                f"training@{e.path}", entry_point=e.path, framework=framework)


def dataloader_checks(graph: RepoGraph, rep: Reporter) -> None:
    """RND108: DataLoader(workers > 0, no worker_init_fn) over a Dataset that owns a generator."""
    for path, m in graph.modules.items():
        if m.is_test:
            continue
        for scope in m.scopes.values():
            for ev in scope.events:
                if ev.kind != "dataloader":
                    continue
                found = graph.class_of(m, ev.detail)
                if found is None:
                    continue
                attrs = _dataset_rng(graph, found[0], found[1])
                if attrs is None:
                    continue
                workers = f"num_workers={ev.value}" if ev.value is not None else "worker processes"
                rep.add("RND108", f"DataLoader with {workers} and no worker_init_fn loads {found[1]}, whose "
                        f"self.{attrs[0]} ({attrs[1]}) is copied into every worker with the same state", m,
                        ev.line, ev.column, f"dataloader@{scope.key}",
                        confidence=1.0 if ev.value is not None else 0.7, dataset=found[1])


def _dataset_rng(graph: RepoGraph, m: ModuleInfo, cls: str) -> tuple[str, str] | None:
    """(attribute, generator) when ``cls`` is a torch Dataset holding its own generator."""
    if not _is_dataset(graph, m, cls, 0):
        return None
    return _rng_attr(graph, m, cls, 0)


def _rng_attr(graph: RepoGraph, m: ModuleInfo, cls: str, depth: int) -> tuple[str, str] | None:
    info = m.classes.get(cls)
    if info is None or depth > 4:
        return None
    if info.rng_attrs:
        return next(iter(info.rng_attrs.items()))
    for base in info.bases:
        found = graph.class_of(m, base)
        if found is not None and (sub := _rng_attr(graph, found[0], found[1], depth + 1)):
            return sub
    return None


def _is_dataset(graph: RepoGraph, m: ModuleInfo, cls: str, depth: int) -> bool:
    info = m.classes.get(cls)
    if info is None or depth > 4:
        return False
    if any(b in DATASET_BASES for b in info.bases):
        return True
    return any((f := graph.class_of(m, b)) is not None and _is_dataset(graph, f[0], f[1], depth + 1)
               for b in info.bases)

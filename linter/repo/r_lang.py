"""R code: randomness without a seed, the R 3.6.0 ``sample()`` change, and parallel workers' streams.

Reads ``.R`` scripts and the evaluated R chunks of ``.Rmd`` / ``.qmd`` / ``.Rnw`` documents (never
runs them), follows ``source()`` between files and calls into user functions, and reports each
randomness consumer that runs before any seed on some entry point's path (RND120), seeded
``sample()``-based draws whose R version is nowhere stated (RND121), and parallel workers that
draw random numbers from unmanaged streams (RND122). Records seeds, R model calls with their
literal arguments, hyperparameters and document chunk options in the repository facts.

Which functions consume or seed randomness is data: the ``knowledge`` section of rules/r.yaml.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from linter.repo.facts import RepoFacts, SeedFact, SourceFile
from linter.repo.r_events import Call, Dopar, Extractor, FuncDef, ScopeStart, arg_literal, arg_source
from linter.repo.r_facts import front_matter_params, loaded_packages, record_static_facts
from linter.repo.r_syntax import (
    STRING,
    CodeUnit,
    code_unit,
    is_r_document,
    is_r_script,
    path_literal,
    significant,
)
from linter.repo.r_walk import State, Walk, arg, named
from linter.rulebook import finding

_PARALLEL_OPS = frozenset({"%dopar%", "%dofuture%"})
_DEF_NAME = re.compile(r"([A-Za-z.][\w.]*)\s*(?:<<-|<-|=)\s*(?:function\b|\\\()")


@dataclass(frozen=True)
class Knowledge:
    quiet_dirs: tuple[str, ...]
    seeds: dict[str, dict[str, Any]]
    seeded_scopes: dict[str, dict[str, Any]]
    sourcing: dict[str, dict[str, Any]]
    consumers: dict[str, dict[str, Any]]
    parallel: dict[str, dict[str, Any]]
    foreach_safe_args: frozenset[str]
    foreach_future_args: frozenset[str]
    parallel_safe_calls: dict[str, str]
    model_calls: frozenset[str]
    not_hyperparameters: frozenset[str]
    higher_order: frozenset[str]
    seed_options: dict[str, str]
    deferred_calls: frozenset[str]


@functools.lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    raw = yaml.safe_load((resources.files("linter") / "rules" / "r.yaml").read_text(encoding="utf-8"))
    k = raw["knowledge"]
    return Knowledge(
        quiet_dirs=tuple(k["quiet_dirs"]), seeds=k["seeds"], seeded_scopes=k["seeded_scopes"],
        sourcing=k["sourcing"], consumers=k["consumers"], parallel=k["parallel"],
        foreach_safe_args=frozenset(k["foreach_safe_args"]),
        foreach_future_args=frozenset(k["foreach_future_args"]),
        parallel_safe_calls=dict(k["parallel_safe_calls"]), model_calls=frozenset(k["model_calls"]),
        not_hyperparameters=frozenset(k["not_hyperparameters"]), higher_order=frozenset(k["higher_order"]),
        seed_options=dict(k["seed_options"]), deferred_calls=frozenset(k["deferred_calls"]),
    )


def analyze(files: list[SourceFile], facts: RepoFacts) -> None:
    """Analyse the repository's R code; append findings and facts to ``facts``."""
    units = {f.path: code_unit(f.path, f.text) for f in files
             if f.text is not None and (is_r_script(f.path) or is_r_document(f.path))}
    if units:
        Program(units, knowledge(), facts, files).run()


def stated_r_version(files: list[SourceFile], facts: RepoFacts) -> str | None:
    """The R version the repository states: ``facts.r_version``, or, when the dependency analyzer
    has not run yet, the first R version claim its parsers find (renv.lock, DESCRIPTION, Dockerfile)."""
    if facts.r_version is not None:
        return facts.r_version
    try:
        from linter.repo import deps  # imported here: deps does not depend on this module
    except ImportError:  # pragma: no cover - deps is part of the package
        return None
    for f in files:
        kind = deps.classify(f.path)
        if kind is None or f.text is None:
            continue
        for claim in deps.parse_file(kind, f.text, f.path).versions:
            if claim.language == "r":
                return claim.value
    return None


@dataclass
class Occurrence:
    """A randomness consumer at one place in the code, and what the walks that reached it saw."""

    name: str
    spec: dict[str, Any]
    unseeded: list[tuple[str, str]] = field(default_factory=list)  # (entry point, why)
    unpinned: bool = False  # reached seeded while sample.kind was not pinned


class Program:
    """The R code of one repository: its files' events, the functions they define, and what the
    walks from each entry point found (consumers, seeds, parallel calls)."""

    def __init__(self, units: dict[str, CodeUnit], kn: Knowledge, facts: RepoFacts, files: list[SourceFile]):
        self.units, self.kn, self.facts, self.files = units, kn, facts, files
        self.texts = {f.path: f.text or "" for f in files if f.path in units}
        scoped = frozenset(n for n, s in kn.seeds.items() if s.get("scope") == "call") | frozenset(kn.seeded_scopes)
        # Names passed as values (lapply(x, f)) matter only if they name a function we follow.
        values = frozenset(kn.consumers) | frozenset(kn.sourcing) | frozenset(
            m.group(1) for u in units.values() for m in _DEF_NAME.finditer(u.text))
        self.extractors = {p: Extractor(u, scoped, _PARALLEL_OPS, frozenset(kn.sourcing), kn.deferred_calls, values)
                           for p, u in units.items()}
        self.events = {p: ex.events() for p, ex in self.extractors.items()}
        self.global_defs: dict[str, tuple[FuncDef, str]] = {}
        for p in sorted(units):
            for ev in self.events[p]:
                if isinstance(ev, FuncDef):
                    self.global_defs.setdefault(ev.name, (ev, p))
        self.loaded = loaded_packages(self)
        self.visited: set[str] = set()
        self.occ: dict[tuple[str, int, int], Occurrence] = {}
        self.parallel: dict[tuple[str, int, int], str] = {}
        self.seeds: dict[tuple[str, int, int], SeedFact] = {}
        self._resolved: dict[tuple[str, int, int], list[str]] = {}
        self.unit_memo: dict[tuple, tuple] = {}  # (file, state) -> (state after, constants set)
        self.func_memo: dict[tuple, tuple] = {}  # (function, state) -> state after
        self._by_lower: dict[str, list[str]] = {}
        self._by_base: dict[str, list[str]] = {}
        for u in sorted(units):
            self._by_lower.setdefault(u.lower(), []).append(u)
            self._by_base.setdefault(posixpath.basename(u).lower(), []).append(u)

    # --- driver ----------------------------------------------------------------------------------

    def run(self) -> None:
        sourced = {t for p in self.units for c in self.static_calls(self.events[p])
                   if c.name in self.kn.sourcing for t in self.resolve_sources(c, p) if t != p}
        for root in sorted(p for p in self.units if p not in sourced):
            params = front_matter_params(self.texts.get(root, "")) if self.units[root].is_document else {}
            Walk(self, root, params).run()
        for p in sorted(self.units):
            if p not in self.visited:
                Walk(self, p, {}).run()
        record_static_facts(self)
        self._report()

    def static_calls(self, events) -> list[Call]:
        out: list[Call] = []
        for ev in events:
            if isinstance(ev, Call):
                out.append(ev)
            elif isinstance(ev, ScopeStart):
                out.append(ev.call)
            elif isinstance(ev, FuncDef):
                out.extend(self.static_calls(ev.events))
        return out

    # --- classification ----------------------------------------------------------------------------

    def pkg_ok(self, call: Call, spec: dict[str, Any]) -> bool:
        return call.pkg is None or call.pkg in spec.get("packages", ())

    def _known(self, call: Call, spec: dict[str, Any] | None) -> bool:
        """The call is this library function: no other package prefix, and for common names the
        package is loaded somewhere in the repository."""
        if spec is None or not self.pkg_ok(call, spec):
            return False
        return not (spec.get("requires") and call.pkg is None and not set(spec["packages"]) & self.loaded)

    def parallel_spec(self, call: Call) -> dict[str, Any] | None:
        spec = self.kn.parallel.get(call.name)
        return spec if not call.bare and self._known(call, spec) else None

    def consumer_spec(self, call: Call, path: str) -> dict[str, Any] | None:
        spec = self.kn.consumers.get(call.name)
        if not self._known(call, spec):
            return None
        if call.bare and call.in_call not in self.kn.higher_order and call.in_call not in self.kn.parallel:
            return None
        for a in call.args:
            if a.name in spec.get("exempt_args", ()):
                if a.name == "seed":
                    ok, value = arg_literal(self.units[path], a)
                    self.note_seed(path, call, value, arg_source(self.units[path], a), via=f"{call.name}(seed=)")
                return None
        return spec

    def draws(self, events, path: str, funcs: dict, seen: set[int]) -> bool:
        """Whether code (worker bodies) draws random numbers without seeding itself."""
        has_draw = False
        for ev in events:
            call = ev.call if isinstance(ev, ScopeStart) else ev
            if not isinstance(call, Call):
                continue
            if call.name in self.kn.seeds or call.name in self.kn.seeded_scopes:
                return False
            user = None if call.pkg else (funcs.get(call.name) or self.global_defs.get(call.name))
            if user is not None:
                if id(user[0]) not in seen and (not call.bare or call.in_call):
                    seen.add(id(user[0]))
                    has_draw = self.draws(user[0].events, user[1], funcs, seen) or has_draw
            elif self.consumer_spec(call, path) is not None:
                has_draw = True
        return has_draw

    # --- notes from walks --------------------------------------------------------------------------

    def note_consumer(self, path: str, call: Call, spec, seeded: bool, why: str, root: str, pinned: bool) -> None:
        occ = self.occ.setdefault((path, call.line, call.col), Occurrence(call.name, spec))
        if not seeded:
            occ.unseeded.append((root, why))
        elif spec.get("uses_sample") and not pinned:
            occ.unpinned = True

    def note_seed(self, path: str, call: Call, value: Any, expression: str, via: str = "") -> None:
        key = (path, call.line, call.col)
        old = self.seeds.get(key)
        if old is None or (not isinstance(old.value, int) and isinstance(value, int)):
            if not via and call.name != "set.seed":
                via = f"{call.pkg}::{call.name}" if call.pkg else call.name
            self.seeds[key] = SeedFact("r", path, call.line, call.col, value, expression, via)

    def check_parallel(self, call: Call, path: str, state: State) -> None:
        spec = self.kn.parallel[call.name]
        kind = spec["kind"]
        if (kind == "fork" and state.lecuyer) or (kind == "cluster" and state.cluster):
            return
        if kind == "future" and self._future_seeded(call, path, spec):
            return
        mc_seed = named(call, "mc.set.seed")
        if kind == "fork" and mc_seed is not None and arg_literal(self.units[path], mc_seed) == (True, False):
            return
        worker = arg(call, *spec["fun"])
        if worker is None:
            return
        events = self.extractors[path].scan(worker.lo, worker.hi)
        if self.draws(events, path, state.funcs, set()):
            self.parallel.setdefault((path, call.line, call.col), _parallel_message(call.name, kind))

    def check_dopar(self, ev: Dopar, path: str, state: State) -> None:
        names = {a.name for a in ev.foreach_args}
        if state.dorng or names & self.kn.foreach_safe_args:
            return
        for a in ev.foreach_args:
            if a.name in self.kn.foreach_future_args and _seed_option(arg_source(self.units[path], a)):
                return
        if self.draws(ev.body, path, state.funcs, set()):
            self.parallel.setdefault((path, ev.line, ev.col), _parallel_message(ev.op, "foreach"))

    def _future_seeded(self, call: Call, path: str, spec: dict[str, Any]) -> bool:
        for name in spec.get("seed_args", ()):
            a = named(call, name)
            if a is None:
                continue
            text = arg_source(self.units[path], a)
            if name == ".options":
                return re.fullmatch(r"[\w.]+", text) is not None or _seed_option(text)
            ok, value = arg_literal(self.units[path], a)
            return not (ok and value in (False, None))
        return False

    # --- source() ------------------------------------------------------------------------------------

    def resolve_sources(self, call: Call, path: str) -> list[str]:
        """The repository R files that a source()-like call runs (cached per call site)."""
        key = (path, call.line, call.col)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(call, path)
        return self._resolved[key]

    def _resolve(self, call: Call, path: str) -> list[str]:
        spec = self.kn.sourcing[call.name]
        here = posixpath.dirname(path)
        a = None if call.bare else arg(call, *spec["arg"])
        target = _path_expr(self.units[path], a) if a is not None else None
        if spec.get("package_root"):
            return self._find_dir(posixpath.join(target or ".", spec["dir"]), here)
        if target is not None:
            return self._find_file(target, here) or (self._find_dir(target, here) if spec.get("dir") else [])
        if a is None and spec.get("dir") and not call.bare:
            return self._find_dir(spec["dir"], here)
        if call.dir_hint:
            return self._find_dir(call.dir_hint, here)
        last = _last_string(self.units[path], a) if a is not None else None
        return self._by_name(last) if last and last.lower().endswith(".r") else []

    def _find_file(self, target: str, here: str) -> list[str]:
        target = target.replace("\\", "/")
        if not (target.startswith(("/", "~")) or re.match(r"[A-Za-z]:", target)):
            for cand in (posixpath.normpath(posixpath.join(here, target)), posixpath.normpath(target)):
                if cand in self.units:
                    return [cand]
                folded = self._by_lower.get(cand.lower(), [])
                if len(folded) == 1:  # Windows and macOS file systems ignore case
                    return folded
        return self._by_name(target)

    def _by_name(self, target: str) -> list[str]:
        matches = self._by_base.get(posixpath.basename(target.replace("\\", "/")).lower(), [])
        return list(matches) if len(matches) == 1 else []

    def _find_dir(self, folder: str, here: str) -> list[str]:
        folder = folder.replace("\\", "/")
        if any(ch in folder for ch in "*?["):
            folder = posixpath.dirname(folder)
        for cand in (posixpath.normpath(posixpath.join(here, folder)), posixpath.normpath(folder)):
            cand = "" if cand == "." else cand
            found = sorted(u for u in self.units if posixpath.dirname(u) == cand and is_r_script(u))
            if found:
                return found
        return []

    # --- facts and findings ----------------------------------------------------------------------------

    def _quiet(self, path: str) -> bool:
        return any(path.startswith(d) or f"/{d}" in path for d in self.kn.quiet_dirs)

    def _report(self) -> None:
        out = self.facts.findings
        unpinned: list[tuple[tuple[str, int, int], Occurrence]] = []
        for key in sorted(self.occ):
            occ, (path, line, col) = self.occ[key], key
            if self._quiet(path):
                continue
            if occ.unseeded:
                root, why = occ.unseeded[0]
                out.append(finding("RND120", _unseeded_message(occ, path, root, why), path, line, col,
                                   function=occ.name, entry_point=root,
                                   fingerprint_key=f"{occ.name} unseeded"))
            elif occ.unpinned:
                unpinned.append((key, occ))
        if unpinned and stated_r_version(self.files, self.facts) is None:
            out.append(_sample_kind_finding(unpinned))
        for (path, line, col), message in sorted(self.parallel.items()):
            if not self._quiet(path):
                out.append(finding("RND122", message, path, line, col, fingerprint_key=message))


def _sample_kind_finding(unpinned: list) -> Any:
    """One RND121 for the repository, at the first affected call; the others listed in its data."""
    (path, line, col), occ = unpinned[0]
    others = len(unpinned) - 1
    more = f" (and {others} more call{'s' if others > 1 else ''} like it)" if others else ""
    return finding(
        "RND121",
        f"{occ.name}() after set.seed() gives different draws under R < 3.6.0 and R >= 3.6.0{more}, "
        "and neither the R version nor RNGkind(sample.kind=) / RNGversion() is stated",
        path, line, col, function=occ.name, fingerprint_key="sample.kind",
        locations=[{"path": p, "line": ln, "column": c, "function": o.name} for (p, ln, c), o in unpinned])


def _path_expr(unit: CodeUnit, a) -> str | None:
    return path_literal(unit.tokens, a.lo, a.hi)


def _last_string(unit: CodeUnit, a) -> str | None:
    """The last string literal of a computed path (``file.path(root, "00_init.R")``)."""
    strings = [t.text for t in significant(unit.tokens, a.lo, a.hi) if t.kind == STRING]
    return strings[-1] if strings else None


def _seed_option(text: str) -> bool:
    return "seed" in text and not re.search(r"seed\s*=\s*(FALSE|F|NULL)\b", text)


def _parallel_message(name: str, kind: str) -> str:
    fixes = {
        "fork": "call RNGkind(\"L'Ecuyer-CMRG\") before set.seed()",
        "cluster": "call clusterSetRNGStream(cl, <seed>) after creating the cluster",
        "future": "pass future.seed = TRUE (future.apply) or .options = furrr_options(seed = TRUE) (furrr)",
        "foreach": "use %dorng% (doRNG) or registerDoRNG(<seed>), or .options.future = list(seed = TRUE)",
    }
    return (f"{name} runs code that draws random numbers in parallel workers, whose streams set.seed() "
            f"does not control; {fixes[kind]}")


def _unseeded_message(occ: Occurrence, path: str, root: str, why: str) -> str:
    gen = occ.spec.get("generator", "r")
    what = {"tf": "trains with TensorFlow's generator", "torch": "draws from torch's generator"}.get(
        gen, "draws random numbers")
    seed = {"tf": "tensorflow::set_random_seed()", "torch": "torch_manual_seed()"}.get(gen, "set.seed()")
    msg = f"{occ.name}() {what} and no {seed} runs before it"
    if root != path:
        msg += f" when {root} runs"
    return msg + (f" ({why})" if why else "")

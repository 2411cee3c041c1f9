"""Walk the events of R code in the order R runs them, tracking which generators are seeded.

R scripts run top to bottom; ``source("x.R")`` runs another file at that point; a function body
runs where the function is called (and ``set.seed`` inside it changes the global generator);
``withr::with_seed`` and pipeline targets seed only the code they wrap. A walk starts at each file
that no other file sources (an entry point) and records, for every randomness consumer it reaches,
whether a seed was set before it on that path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter.repo.r_events import Call, Const, Dopar, FuncDef, ScopeEnd, ScopeStart, arg_literal, arg_source
from linter.repo.r_syntax import Arg

if TYPE_CHECKING:  # pragma: no cover
    from linter.repo.r_lang import Program

_CLOCK = re.compile(r"\b(Sys\.time|Sys\.getpid|proc\.time|Sys\.Date|date|now)\s*\(")
_DRAW = re.compile(r"\b(runif|sample|sample\.int|rnorm)\s*\(")  # a seed drawn from the generator itself
_MISSING = object()
_SAFE_FLAGS = {"cluster": "cluster", "foreach": "dorng", "fork": "lecuyer"}
MAX_EVENTS = 400_000  # per entry point; beyond this the walk stops (pathological call graphs)
MAX_DEPTH = 60  # nested source() files and function calls followed from one entry point


@dataclass
class State:
    seeded: dict[str, bool] = field(default_factory=dict)  # generator -> seeded
    why: dict[str, str] = field(default_factory=dict)  # generator -> why it is not seeded
    pinned: bool = False  # sample.kind pinned (RNGversion / RNGkind(sample.kind=))
    lecuyer: bool = False
    cluster: bool = False
    dorng: bool = False
    consts: dict[str, Any] = field(default_factory=dict)
    funcs: dict[str, tuple[FuncDef, str]] = field(default_factory=dict)
    log: list[tuple[str, str, Any]] = field(default_factory=list)  # (table, name, previous value)

    def define(self, table: str, name: str, value: Any) -> None:
        """Set a function or constant, remembering the old value so it can be undone."""
        target = self.funcs if table == "funcs" else self.consts
        self.log.append((table, name, target.get(name, _MISSING)))
        target[name] = value

    def undo(self, mark: int) -> None:
        """Forget what was defined since ``mark`` (a function's local definitions)."""
        for table, name, old in reversed(self.log[mark:]):
            target = self.funcs if table == "funcs" else self.consts
            if old is _MISSING:
                target.pop(name, None)
            else:
                target[name] = old
        del self.log[mark:]

    def consts_since(self, mark: int) -> dict[str, Any]:
        return {n: self.consts[n] for t, n, _ in self.log[mark:] if t == "consts" and n in self.consts}

    def signature(self) -> tuple:
        return (tuple(sorted(g for g, v in self.seeded.items() if v)), self.pinned, self.lecuyer,
                self.cluster, self.dorng)

    def restore(self, sig: tuple) -> None:
        gens, self.pinned, self.lecuyer, self.cluster, self.dorng = sig
        self.seeded = {g: True for g in gens}


def named(call: Call, name: str) -> Arg | None:
    return next((a for a in call.args if a.name == name), None)


def arg(call: Call, position: int, name: str) -> Arg | None:
    """R's matching, simplified: the named argument, else the ``position``-th unnamed one."""
    for a in call.args:
        if a.name == name:
            return a
    unnamed = [a for a in call.args if a.name is None]
    return unnamed[position - 1] if 0 < position <= len(unnamed) else None


class Walk:
    def __init__(self, prog: Program, root: str, consts: dict[str, Any]):
        self.prog, self.kn, self.root = prog, prog.kn, root
        self.state = State(consts=dict(consts))
        self.units_active: list[str] = []
        self.funcs_active: set[int] = set()
        self.frames: list[dict[str, Any]] = []
        self.budget = MAX_EVENTS

    def run(self) -> None:
        self.unit(self.root)

    def unit(self, path: str) -> None:
        """Run a file; a file already run from the same generator state is not walked again (its
        effect on the state and the constants it sets are replayed)."""
        if path in self.units_active or path not in self.prog.events or self.too_deep():
            return
        key = (path, self.state.signature())
        if key in self.prog.unit_memo:  # its functions stay reachable through the global table
            sig, consts = self.prog.unit_memo[key]
            self.state.restore(sig)
            for name, value in consts.items():
                self.state.define("consts", name, value)
            return
        self.units_active.append(path)
        self.prog.visited.add(path)
        mark = len(self.state.log)
        self.events(self.prog.events[path], path)
        self.units_active.pop()
        self.prog.unit_memo[key] = (self.state.signature(), self.state.consts_since(mark))

    def too_deep(self) -> bool:
        return len(self.units_active) + len(self.funcs_active) >= MAX_DEPTH

    def events(self, events, path: str) -> None:
        for ev in events:
            self.budget -= 1
            if self.budget < 0:
                return
            if isinstance(ev, Call):
                self.call(ev, path)
            elif isinstance(ev, FuncDef):
                self.state.define("funcs", ev.name, (ev, path))
            elif isinstance(ev, Const):
                self.state.define("consts", ev.name, ev.value)
            elif isinstance(ev, ScopeStart):
                self.scope_start(ev.call, path)
            elif isinstance(ev, ScopeEnd):
                self.scope_end(ev.call)
            elif isinstance(ev, Dopar):
                self.prog.check_dopar(ev, path, self.state)

    # --- calls ---------------------------------------------------------------------------------

    def call(self, call: Call, path: str) -> None:
        name, kn = call.name, self.kn
        user = self.user_function(call)
        if user is not None:
            if not call.bare or call.in_call is not None:
                self.function(*user)
            return
        if call.bare and call.in_call is None:
            return
        if name in kn.seeds and self.prog.pkg_ok(call, kn.seeds[name]):
            self.seed(call, path, kn.seeds[name])
        elif name == "RNGkind":
            self.rngkind(call, path, first=1, sample=3)
        elif name == "RNGversion":
            self.state.pinned = True
        elif name in kn.parallel_safe_calls:
            setattr(self.state, _SAFE_FLAGS[kn.parallel_safe_calls[name]], True)
        elif name in ("clusterEvalQ", "clusterCall") and "set.seed" in " ".join(
                arg_source(self.prog.units[path], a) for a in call.args):
            self.state.cluster = True
        elif name in kn.sourcing:
            for target in self.prog.resolve_sources(call, path):
                self.unit(target)
        if self.prog.parallel_spec(call) is not None:
            self.prog.check_parallel(call, path, self.state)
        spec = self.prog.consumer_spec(call, path)
        if spec is not None:
            self.consume(call, path, spec)

    def user_function(self, call: Call) -> tuple[FuncDef, str] | None:
        if call.pkg is not None:
            return None
        return self.state.funcs.get(call.name) or self.prog.global_defs.get(call.name)

    def function(self, fd: FuncDef, path: str) -> None:
        key = id(fd)
        if key in self.funcs_active or self.too_deep():
            return
        memo_key = (key, self.state.signature())
        if memo_key in self.prog.func_memo:
            self.state.restore(self.prog.func_memo[memo_key])
            return
        self.funcs_active.add(key)
        mark = len(self.state.log)
        self.frames.append({"local": False, "saved": dict(self.state.seeded)})
        self.events(fd.events, path)
        frame = self.frames.pop()
        self.funcs_active.discard(key)
        self.state.undo(mark)  # functions and variables defined inside a function are local to it
        if frame["local"]:
            self.state.seeded = frame["saved"]
        self.prog.func_memo[memo_key] = self.state.signature()

    # --- seeds ---------------------------------------------------------------------------------

    def seed(self, call: Call, path: str, spec: dict[str, Any]) -> None:
        unit = self.prog.units[path]
        a = arg(call, 1, "seed")
        value, expression = self.seed_value(unit, a)
        self.prog.note_seed(path, call, value, expression)
        ok = not (expression == "NULL" or _CLOCK.search(expression or ""))
        if ok and _DRAW.search(expression or ""):
            ok = self.state.seeded.get("r", False)  # reproducible only if that generator was seeded
        if a is None:
            ok = call.name not in ("set.seed",)
        for gen in spec.get("generators", ["r"]):
            self.state.seeded[gen] = ok
            if not ok:
                self.state.why[gen] = _unseeded_reason(call, expression)
        if spec.get("scope") == "function" and self.frames:
            self.frames[-1]["local"] = True
        if call.name == "set.seed":
            self.rngkind(call, path, first=2, sample=4)

    def seed_value(self, unit, a: Arg | None) -> tuple[Any, str]:
        if a is None:
            return None, ""
        ok, value = arg_literal(unit, a)
        expression = arg_source(unit, a)
        if ok:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return value, expression
        if expression in self.state.consts:
            return self.state.consts[expression], expression
        return expression, expression

    def rngkind(self, call: Call, path: str, first: int, sample: int) -> None:
        unit = self.prog.units[path]
        kind = arg(call, first, "kind")
        if kind is not None and "ecuyer" in arg_source(unit, kind).lower():
            self.state.lecuyer = True
        if arg(call, sample, "sample.kind") is not None:
            self.state.pinned = True

    def scope_start(self, call: Call, path: str) -> None:
        self.frames.append({"scope": True, "saved": dict(self.state.seeded), "local": False})
        if call.name in self.kn.seeds:
            value, expression = self.seed_value(self.prog.units[path], arg(call, 1, "seed"))
            self.prog.note_seed(path, call, value, expression)
        for gen in ("r",):
            self.state.seeded[gen] = True

    def scope_end(self, call: Call) -> None:
        while self.frames:
            frame = self.frames.pop()
            if frame.get("scope"):
                self.state.seeded = frame["saved"]
                return

    # --- consumers -----------------------------------------------------------------------------

    def consume(self, call: Call, path: str, spec: dict[str, Any]) -> None:
        gen = spec.get("generator", "r")
        seeded = self.state.seeded.get(gen, False)
        why = self.state.why.get(gen, "")
        if gen != "r" and not seeded and self.state.seeded.get("r"):
            why = "set.seed() seeds R's generator only, not this library's"
        self.prog.note_consumer(path, call, spec, seeded, why, self.root, self.state.pinned)


def _unseeded_reason(call: Call, expression: str) -> str:
    if expression == "NULL":
        return f"{call.name}(NULL) at line {call.line} re-seeds the generator at random"
    if expression:
        return f"the seed at line {call.line} ({expression}) changes from run to run"
    return f"{call.name}() at line {call.line} has no seed value"

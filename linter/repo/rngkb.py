"""The randomness knowledge (``linter/knowledge/randomness.yaml``) loaded into lookup tables.

:func:`knowledge` returns one cached :class:`RandomnessKB`; :meth:`RandomnessKB.classify`
tells, for a qualified call name, what the call does to randomness (seeds a generator, builds
one, draws from one, takes its own seed parameter, is a nondeterministic source, turns on
determinism). Matching is per dotted component (``*`` never crosses a dot).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fnmatch import fnmatchcase
from importlib import resources
from typing import Any

import yaml


# argparse methods that hand back something with add_argument().
_PARSER_FACTORIES = {"add_argument_group", "add_mutually_exclusive_group", "add_parser", "add_subparsers"}


@dataclass(frozen=True)
class Arg:
    position: int
    keyword: str


@dataclass(frozen=True)
class Condition:
    """The call is random when ``param`` (or its default) is in / not in ``values``."""

    param: str
    default: Any
    values: tuple[Any, ...]
    negate: bool = False
    unknown_random: bool = False

    def holds(self, value: Any) -> bool:
        return (value not in self.values) if self.negate else (value in self.values)


@dataclass(frozen=True)
class Seeder:
    families: tuple[str, ...]
    seed: Arg | None
    unseeded: str  # entropy | version | fixed
    no_argument: str
    always_unseeded: bool = False
    implicit: bool = False


@dataclass(frozen=True)
class GeneratorSpec:
    seed: Arg
    label: str
    seed_required: bool = False


@dataclass(frozen=True)
class Consumer:
    family: str
    what: str
    when: tuple[Condition, ...] = ()
    unless: tuple[str, ...] = ()
    state: str = ""  # weights | dropout: only matters when a model is trained from scratch


@dataclass(frozen=True)
class SeedParam:
    params: tuple[str, ...]
    fallback: str  # numpy | none
    when: tuple[Condition, ...] = ()
    data_dependent: str = ""
    what: str = ""
    label: str = ""
    requires_import: str = ""
    requires_keyword: tuple[str, ...] = ()


@dataclass(frozen=True)
class Determinism:
    arg: Arg | None
    keyword_only: str = ""
    values: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Training:
    framework: str
    imports: tuple[str, ...]
    calls: tuple[str, ...]
    methods: tuple[str, ...]


class _Matcher:
    """Patterns indexed by (first component, number of components)."""

    def __init__(self) -> None:
        self._index: dict[tuple[str, int], list[tuple[tuple[str, ...], str, Any]]] = {}

    def add(self, pattern: str, kind: str, item: Any) -> None:
        parts = tuple(pattern.split("."))
        self._index.setdefault((parts[0], len(parts)), []).append((parts, kind, item))

    def match(self, qualname: str) -> tuple[tuple[str, Any], ...]:
        parts = qualname.split(".")
        out = []
        for pat, kind, item in self._index.get((parts[0], len(parts)), ()):
            if all(p == q or ("*" in p and fnmatchcase(q, p)) for p, q in zip(pat, parts)):
                out.append((kind, item))
        return tuple(out)


class RandomnessKB:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.families: dict[str, str] = {k: v["label"] for k, v in data["families"].items()}
        self.libraries = frozenset(data["libraries"])
        self.option_names = frozenset(data["seed_option_names"])
        self.environment = frozenset(data["determinism"]["environment"])
        self.determinism_assignments = {a["target"]: tuple(a["in"]) for a in data["determinism"]["assignments"]}
        self.training = tuple(
            Training(t["framework"], tuple(t.get("imports", ())), tuple(t.get("calls", ())), tuple(t["methods"]))
            for t in data["training"]
        )
        self.method_params: dict[str, SeedParam] = {}
        self._m = _Matcher()
        self._cache: dict[str, tuple[tuple[str, Any], ...]] = {}
        self._load()

    def _load(self) -> None:
        d = self.data
        for s in d["seeders"]:
            spec = Seeder(
                families=tuple(s["families"]),
                seed=_arg(s.get("seed")),
                unseeded=s["unseeded"],
                no_argument=s.get("no_argument", s["unseeded"]),
                always_unseeded=bool(s.get("always_unseeded")),
                implicit=bool(s.get("implicit")),
            )
            for p in s["calls"]:
                self._m.add(p, "seeder", spec)
        for g in d["generators"]:
            spec = GeneratorSpec(_arg(g["seed"]), g["label"], bool(g.get("seed_required")))
            for p in g["calls"]:
                self._m.add(p, "generator", spec)
        for c in d["consumers"]:
            spec = Consumer(c["family"], c.get("what", ""), _conditions(c.get("when")), tuple(c.get("unless", ())),
                            c.get("state", ""))
            excluded = set(c.get("except", ()))
            for p in _patterns(c):
                self._m.add(p, "consumer", (spec, excluded))
        for s in d["seed_parameters"]:
            spec = SeedParam(
                params=tuple(s["params"]),
                fallback=s["fallback"],
                when=_conditions(s.get("when")),
                data_dependent=s.get("data_dependent", ""),
                what=s.get("what", ""),
                label=s.get("label", ""),
                requires_import=s.get("requires_import", ""),
                requires_keyword=tuple(s.get("requires_keyword", ())),
            )
            for m in s.get("methods", ()):
                self.method_params[m] = spec
            for p in _patterns(s):
                self._m.add(p, "seedparam", spec)
        for r in d.get("returns", ()):
            for p in r["calls"]:
                self._m.add(p, "returns", r["type"])
        for p in d["nondeterministic_sources"]:
            self._m.add(p, "nondet", None)
        for c in d["determinism"]["calls"]:
            kw = c.get("keyword", "")
            arg = Arg(c["position"], kw) if "position" in c else None
            spec = Determinism(arg, "" if arg else kw, tuple(c.get("in", ())))
            self._m.add(c["call"], "determinism", spec)

    def classify(self, qualname: str) -> tuple[tuple[str, Any], ...]:
        """All (kind, spec) pairs for the call ``qualname``; kinds: seeder, generator, consumer,
        seedparam, nondet, determinism."""
        hit = self._cache.get(qualname)
        if hit is None:
            raw = self._m.match(qualname)
            last = qualname.rsplit(".", 1)[-1]
            out = []
            for kind, item in raw:
                if kind == "consumer":
                    spec, excluded = item
                    if last in excluded or last.startswith("_"):
                        continue
                    item = spec
                out.append((kind, item))
            hit = self._cache[qualname] = tuple(out)
        return hit

    def result_type(self, qual: str) -> str | None:
        """The class of what ``qual(...)`` returns, when the knowledge says or the name is a class."""
        for kind, item in self.classify(qual):
            if kind == "returns":
                return item
        last = qual.rpartition(".")[2]
        if last in _PARSER_FACTORIES and qual.startswith("argparse."):
            return "argparse.ArgumentParser"
        return qual if last[:1].isupper() and "." in qual else None


def _arg(raw: dict[str, Any] | None) -> Arg | None:
    return Arg(int(raw["position"]), str(raw["keyword"])) if raw else None


def _conditions(raw: list[dict[str, Any]] | None) -> tuple[Condition, ...]:
    out = []
    for c in raw or ():
        negate = "not_in" in c
        values = tuple(c["not_in"] if negate else c["in"])
        out.append(Condition(c["param"], c["default"], values, negate, c.get("unknown") == "random"))
    return tuple(out)


def _patterns(entry: dict[str, Any]) -> list[str]:
    if "calls" in entry:
        return list(entry["calls"])
    if "module" in entry:
        return [f"{entry['module']}.{n}" for n in entry["names"]]
    return []


@functools.lru_cache(maxsize=1)
def knowledge() -> RandomnessKB:
    """The packaged randomness knowledge (validated against its schema in the tests)."""
    text = (resources.files("linter") / "knowledge" / "randomness.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available; safe either way
    return RandomnessKB(yaml.load(text, Loader=loader))  # noqa: S506 - a SafeLoader

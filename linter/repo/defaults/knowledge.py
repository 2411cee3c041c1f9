"""The knowledge file of changed defaults (``linter/knowledge/defaults.yaml``) as typed data."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from packaging.utils import canonicalize_name

MISSING = object()


@dataclass(frozen=True)
class Condition:
    kwarg: str | None = None
    in_: tuple[Any, ...] | None = None
    not_in: tuple[Any, ...] | None = None
    below: float | None = None
    default: Any = MISSING
    default_by_api: tuple[tuple[str, Any], ...] = ()
    note: str = ""
    tensor_converters: tuple[str, ...] = ()  # image -> tensor steps of a transform list
    requires_text: tuple[str, ...] = ()  # the change matters only if the file contains one of these


@dataclass(frozen=True)
class DefaultChange:
    """One knowledge entry (see defaults.yaml for the meaning of each field)."""

    id: str
    library: str
    api: tuple[str, ...]
    old: str
    new: str
    changed_in: str
    affects: str
    confidence: str
    source: str
    kind: str = "call"
    parameter: str = ""
    behaviour: str = ""
    position: int | None = None
    dict_api: tuple[str, ...] = ()
    dict_position: int = 0
    dict_keyword: str = ""
    sentinels: tuple[Any, ...] = ()
    condition: Condition = Condition()
    caveat: str = ""
    trigger_text: tuple[str, ...] = ()
    set_by_text: tuple[str, ...] = ()


@dataclass(frozen=True)
class Knowledge:
    libraries: dict[str, frozenset[str]]  # library -> canonical distribution names
    entries: tuple[DefaultChange, ...]

    @functools.cached_property
    def by_api(self) -> dict[str, tuple[DefaultChange, ...]]:
        table: dict[str, list[DefaultChange]] = {}
        for entry in self.entries:
            if entry.kind != "setting":
                for name in entry.api:
                    table.setdefault(name, []).append(entry)
        return {k: tuple(v) for k, v in table.items()}


def parse_knowledge(data: dict[str, Any]) -> Knowledge:
    """Build the knowledge from the YAML data (already validated by the schema in tests)."""
    libraries = {name: frozenset(canonicalize_name(d) for d in info["distributions"]) | {canonicalize_name(name)}
                 for name, info in data["libraries"].items()}
    return Knowledge(libraries, tuple(_entry(raw) for raw in data["entries"]))


def _entry(raw: dict[str, Any]) -> DefaultChange:
    cond = raw.get("applies_when") or {}
    dict_arg = raw.get("dict_argument") or {}
    return DefaultChange(
        id=raw["id"], library=raw["library"], api=tuple(raw["api"]), old=str(raw["old_default"]),
        new=str(raw["new_default"]), changed_in=str(raw["changed_in"]), affects=str(raw["affects_results"]),
        confidence=raw["confidence"], source=raw["source"], kind=raw.get("kind", "call"),
        parameter=raw.get("parameter", ""), behaviour=raw.get("behaviour", ""), position=raw.get("position"),
        dict_api=tuple(dict_arg.get("api", ())), dict_position=int(dict_arg.get("position", 0)),
        dict_keyword=str(dict_arg.get("keyword", "")), sentinels=tuple(raw.get("default_sentinels", ())),
        condition=Condition(
            kwarg=cond.get("kwarg"), in_=tuple(cond["in"]) if "in" in cond else None,
            not_in=tuple(cond["not_in"]) if "not_in" in cond else None, below=cond.get("below"),
            default=cond.get("default", MISSING), default_by_api=tuple((cond.get("default_by_api") or {}).items()),
            note=cond.get("note", ""), tensor_converters=tuple(cond.get("tensor_converters", ())),
            requires_text=tuple(cond.get("requires_text", ()))),
        caveat=raw.get("caveat", ""), trigger_text=tuple(raw.get("trigger_text", ())),
        set_by_text=tuple(raw.get("set_by_text", ())),
    )


@functools.lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """The packaged knowledge file ``linter/knowledge/defaults.yaml``."""
    text = (resources.files("linter") / "knowledge" / "defaults.yaml").read_text(encoding="utf-8")
    return parse_knowledge(yaml.safe_load(text))

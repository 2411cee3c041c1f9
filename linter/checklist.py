"""Checklists: load the YAML, validate it (JSON Schema + check names + check params), resolve
``extends``, and select by id, ``id@version`` or file path."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
from packaging.version import InvalidVersion, Version

from linter.errors import InputError, load_yaml
from linter.model import Severity
from linter.paths import checklist_dir


@dataclass(frozen=True)
class Use:
    check: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Group:
    mode: str  # any | all
    terms: tuple["Use | Group", ...]


@dataclass(frozen=True)
class Item:
    checklist: str
    version: str
    id: str
    section: str
    title: str
    requirement: str
    severity: Severity
    aliases: tuple[str, ...] = ()
    why: str = ""
    fix: str = ""
    applies_to: tuple[str, ...] = ()
    type: str = "core"
    conditional: str = ""
    topics: tuple[str, ...] = ()
    evidence: Group | None = None
    rules: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.checklist}.{self.id}"

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or self.id


@dataclass(frozen=True)
class Checklist:
    id: str
    version: str
    title: str
    source: dict[str, Any] = field(hash=False, compare=False)
    items: tuple[Item, ...]
    path: str
    description: str = ""
    extends: str | None = None
    base: "Checklist | None" = None

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def all_items(self) -> list[Item]:
        """Base items (for an extension) followed by this checklist's own items."""
        return [*(self.base.all_items() if self.base else []), *self.items]

    def describe(self) -> dict[str, Any]:
        d = {"id": self.id, "version": self.version, "title": self.title, "doi": self.source.get("doi"),
             "citation": self.source.get("citation")}
        if self.base:
            d["extends"] = self.base.ref
        return d


@functools.lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return json.loads((checklist_dir() / "schema.json").read_text(encoding="utf-8"))


def available() -> list[tuple[str, str, Path]]:
    """(id, version, path) of every bundled checklist, sorted by id then version."""
    out = []
    root = checklist_dir()
    for path in sorted(root.glob("*/*.yaml")):
        if path.parent.name == "statements":
            continue
        out.append((path.parent.name, path.stem, path))
    return sorted(out, key=lambda t: (t[0], _version_key(t[1])))


def _version_key(v: str) -> tuple:
    try:
        return (0, Version(v))
    except InvalidVersion:
        return (1, v)


def resolve_path(ref: str) -> Path:
    """Turn ``id``, ``id@version`` or a file path into the checklist file."""
    candidate = Path(ref)
    if ref.endswith((".yaml", ".yml")) or candidate.exists():
        if not candidate.is_file():
            raise InputError(ref, "no such checklist file")
        return candidate
    cid, _, version = ref.partition("@")
    matches = [(i, v, p) for i, v, p in available() if i == cid]
    if not matches:
        known = ", ".join(sorted({i for i, _, _ in available()}))
        raise InputError(None, f"unknown checklist {ref!r} (available: {known}; or give a path to a .yaml file)")
    if version:
        for _i, v, p in matches:
            if v == version:
                return p
        raise InputError(None, f"checklist {cid!r} has no version {version!r} (available: {', '.join(v for _, v, _ in matches)})")
    return matches[-1][2]


@functools.lru_cache(maxsize=64)
def _load_cached(path_str: str, shown: str) -> Checklist:
    return _load(Path(path_str), shown, depth=0)


def load(ref: str) -> Checklist:
    path = resolve_path(ref)
    shown = ref if Path(ref).exists() else _display(path)
    return _load_cached(str(path.resolve()), shown)


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(checklist_dir().parent))
    except ValueError:
        return str(path)


def read_yaml(path: Path, shown: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(shown, f"cannot read checklist: {exc}") from None
    return load_yaml(shown, text)


def validation_errors(data: Any) -> list[str]:
    """Schema errors as 'item 18e: severity: ...' lines (empty when valid)."""
    validator = jsonschema.Draft202012Validator(_schema())
    out = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        out.append(_describe_error(data, err))
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        out.extend(_semantic_errors(data))
    return out


def _describe_error(data: Any, err: jsonschema.ValidationError) -> str:
    path = list(err.absolute_path)
    prefix = ""
    if len(path) >= 2 and path[0] == "items" and isinstance(path[1], int):
        item = data["items"][path[1]] if isinstance(data.get("items"), list) else {}
        iid = item.get("id") if isinstance(item, dict) else None
        prefix = f"item {iid!s}: " if iid is not None else f"items[{path[1]}]: "
        path = path[2:]
    field_path = ".".join(str(p) for p in path) or "(top level)"
    msg = err.message
    if err.validator == "oneOf" and err.context:
        msg = min(err.context, key=lambda e: len(e.message)).message
    return f"{prefix}{field_path}: {msg}"


def _semantic_errors(data: dict[str, Any]) -> list[str]:
    from linter.checks import CHECKS, validate_params

    out = []
    seen: set[str] = set()
    for raw in data["items"]:
        if not isinstance(raw, dict):
            continue
        iid = str(raw.get("id"))
        if iid in seen:
            out.append(f"item {iid}: duplicate item id")
        seen.add(iid)
        for use in _walk_uses(raw.get("evidence")):
            name = use.get("check")
            if name not in CHECKS:
                out.append(f"item {iid}: evidence: unknown check {name!r} (known: {', '.join(sorted(CHECKS))})")
                continue
            for problem in validate_params(name, use.get("with") or {}):
                out.append(f"item {iid}: evidence: {name}: {problem}")
    return out


def _walk_uses(evidence: Any):
    if not isinstance(evidence, dict):
        return
    for mode in ("any", "all"):
        for term in evidence.get(mode) or []:
            if isinstance(term, dict) and "check" in term:
                yield term
            else:
                yield from _walk_uses(term)


def _load(path: Path, shown: str, depth: int) -> Checklist:
    data = read_yaml(path, shown)
    errors = validation_errors(data)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(shown, f"invalid checklist: {errors[0]}{more}")
    base = None
    if data.get("extends"):
        if depth > 5:
            raise InputError(shown, "extends: chain too deep (a loop?)")
        base_path = resolve_path(data["extends"])
        base = _load(base_path, _display(base_path), depth + 1)
        excluded = set(data.get("exclude") or [])
        if excluded:
            base = Checklist(base.id, base.version, base.title, base.source,
                             tuple(i for i in base.items if i.id not in excluded), base.path,
                             base.description, base.extends, base.base)
    cid, version = data["id"], str(data["version"])
    items = tuple(_item(cid, version, raw) for raw in data["items"])
    return Checklist(cid, version, data["title"], data["source"], items, shown, data.get("description", ""),
                     data.get("extends"), base)


def _item(cid: str, version: str, raw: dict[str, Any]) -> Item:
    return Item(
        checklist=cid,
        version=version,
        id=str(raw["id"]),
        section=raw["section"],
        title=raw["title"],
        requirement=" ".join(raw["requirement"].split()),
        severity=Severity.parse(raw["severity"]),
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
        why=" ".join(raw.get("why", "").split()),
        fix=" ".join(raw.get("fix", "").split()),
        applies_to=tuple(raw.get("applies_to", ())),
        type=raw.get("type", "core"),
        conditional=raw.get("conditional", ""),
        topics=tuple(raw.get("topics", ())),
        evidence=_group(raw["evidence"]) if raw.get("evidence") else None,
        rules=tuple(raw.get("rules", ())),
    )


def _group(raw: dict[str, Any]) -> Group:
    mode = "any" if "any" in raw else "all"
    terms: list[Use | Group] = []
    for term in raw[mode]:
        if "check" in term:
            terms.append(Use(term["check"], dict(term.get("with") or {})))
        else:
            terms.append(_group(term))
    return Group(mode, tuple(terms))


def validate_file(path: str) -> list[str]:
    """All problems of a checklist file (for ``guidelint checklists validate``)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(path, "no such file")
    data = read_yaml(p, path)
    errors = validation_errors(data)
    if not errors and isinstance(data, dict) and data.get("extends"):
        try:
            resolve_path(data["extends"])
        except InputError as exc:
            errors.append(f"extends: {exc}")
    return errors


def find_items(key: str) -> list[Item]:
    """Items matching 'checklist.id', 'checklist@version.id' or a bare id / alias across checklists."""
    out = []
    for cid, version, _p in available():
        try:
            cl = load(f"{cid}@{version}")
        except InputError:
            continue
        for item in cl.items:
            names = {item.id, *item.aliases}
            refs = {f"{cid}.{n}" for n in names} | {f"{cid}@{version}.{n}" for n in names}
            if key in refs or key in names:
                out.append(item)
    return out


def describe_rule(rule_id: str) -> dict[str, Any] | None:
    """Metadata of an item used as a rule id ('tripod-ai.18e'), for reports and explain."""
    items = find_items(rule_id)
    if not items:
        return None
    item = items[-1]
    cl = load(f"{item.checklist}@{item.version}")
    return {"title": item.title, "requirement": item.requirement, "why": item.why, "fix": item.fix,
            "source": cl.source.get("doi") or cl.source.get("citation", ""), "checklist": cl.ref, "item": item.id,
            "section": item.section, "severity": item.severity.value}

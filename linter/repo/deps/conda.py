"""Conda: ``environment.yml`` (conda specs plus a nested ``pip:`` list) and ``conda-lock.yml``.

Conda's single ``=`` (``numpy=1.24``) selects one release series and is what people write
to pin a conda package, so it counts as a pin here; ``python=3.10`` states the language.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re

import yaml
from packaging.utils import canonicalize_name

from linter.repo.deps.model import Parsed, Unparsed, VersionClaim, is_dev
from linter.repo.deps.requirements import parse_requirements
from linter.repo.deps.textloc import compose_yaml, mapping_get, node_line
from linter.repo.facts import Dependency

_SPEC = re.compile(r"^\s*(?:(?P<channel>[^:\s]+)::)?(?P<name>[A-Za-z0-9_][A-Za-z0-9_.\-]*)\s*(?P<spec>.*?)\s*$")
_LANGUAGES = {"python": "python", "r-base": "r", "r": "r"}


def conda_spec(text: str) -> tuple[str, str, str | None] | None:
    """(name, spec as written, exact version or None) for a conda match spec, or None."""
    m = _SPEC.match(text)
    if not m:
        return None
    name, spec = m.group("name").lower(), m.group("spec").strip()
    spec = spec.strip("[]").replace("version=", "").strip("'\"") if spec.startswith("[") else spec
    return name, spec, conda_exact(spec)


def conda_exact(spec: str) -> str | None:
    """The version of a conda pin (``=1.24``, ``==1.24.3``, ``=1.24.3=py310_0``, ``1.24.3``)."""
    s = spec.replace(" ", "=", 1) if re.match(r"^\d\S*\s+\S+$", spec) else spec
    if s.startswith("=="):
        version = s[2:].split("=")[0]
    elif s.startswith("="):
        version = s[1:].split("=")[0]
    elif re.match(r"^\d", s):
        version = s.split("=")[0]
    else:
        return None
    if not version or any(c in version for c in "*<>!|,~"):
        return None
    return version


def parse_environment(text: str, path: str) -> Parsed:
    parsed = Parsed(path, "environment.yml")
    root, problem = compose_yaml(text)
    if root is None:
        parsed.error = problem or "empty file"
        return parsed
    _, deps = mapping_get(root, "dependencies")
    dev = is_dev(posixpath.basename(path))
    if not isinstance(deps, yaml.SequenceNode):
        parsed.declares = False
        return parsed
    for item in deps.value:
        if isinstance(item, yaml.ScalarNode) and isinstance(item.value, str):
            _conda_item(parsed, item.value, node_line(item), dev)
        elif isinstance(item, yaml.MappingNode):
            _, pip = mapping_get(item, "pip")
            if isinstance(pip, yaml.SequenceNode):
                for sub in pip.value:
                    if isinstance(sub, yaml.ScalarNode):
                        _pip_item(parsed, str(sub.value), node_line(sub), dev)
    return parsed


def _conda_item(parsed: Parsed, text: str, line: int, dev: bool) -> None:
    spec = conda_spec(text)
    if spec is None:
        parsed.unparsed.append(Unparsed(parsed.path, line, text[:200], "not a conda package spec"))
        return
    name, written, version = spec
    if name in _LANGUAGES:
        if written:
            value = version or written.lstrip("=")
            parsed.versions.append(VersionClaim(_LANGUAGES[name], value, parsed.path, line))
        return
    parsed.add(Dependency(name, written, version is not None, parsed.path, line, "conda", version, "environment.yml"),
               dev=dev)


def _pip_item(parsed: Parsed, text: str, line: int, dev: bool) -> None:
    sub = parse_requirements(text, parsed.path, dev=dev)
    for entry in sub.entries:
        dep = dataclasses.replace(entry.dep, line=line, source="environment.yml")
        parsed.add(dep, dev=entry.dev)
    parsed.includes.extend((kind, target, line) for kind, target, _ in sub.includes)
    parsed.unparsed.extend(dataclasses.replace(u, line=line) for u in sub.unparsed)


_ITEM = re.compile(r"^\s*-\s+name:\s*['\"]?([^'\"\s]+)")
_FIELD = re.compile(r"^\s+(version|manager):\s*['\"]?([^'\"\s]+)")


def parse_conda_lock(text: str, path: str) -> Parsed:
    """conda-lock.yml, read line by line (these files are large and regular; a truncated file
    still yields the packages it holds)."""
    parsed = Parsed(path, "conda-lock", role="lock", locks=("conda", "pypi"))
    seen: set[tuple[str, str]] = set()
    record: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines() + ["- name: _end_"], start=1):
        m = _ITEM.match(raw)
        if m:
            _lock_record(parsed, record, seen)
            record = {"name": m.group(1).lower(), "line": str(number)}
            continue
        f = _FIELD.match(raw)
        if f and record and f.group(1) not in record:
            record[f.group(1)] = f.group(2)
    return parsed


def _lock_record(parsed: Parsed, record: dict[str, str], seen: set[tuple[str, str]]) -> None:
    name, version = record.get("name"), record.get("version")
    if not name or not version:
        return
    manager = record.get("manager", "conda")
    if (name, manager) in seen:
        return
    seen.add((name, manager))
    line = int(record["line"])
    if name in _LANGUAGES and manager == "conda":
        parsed.versions.append(VersionClaim(_LANGUAGES[name], version, parsed.path, line))
        return
    ecosystem = "pypi" if manager == "pip" else "conda"
    name = canonicalize_name(name) if ecosystem == "pypi" else name
    parsed.add(Dependency(name, f"=={version}", True, parsed.path, line, ecosystem, version, "conda-lock"))

"""Lock files: Pipfile.lock, poetry.lock, pdm.lock, uv.lock (Python) and renv.lock (R).

Every entry of a lock file is an exact version. Lines are found again in the text, since
``json``/``tomllib`` keep none. A TOML lock that does not parse (for example cut by the
size cap) is read line by line instead, so the packages it holds still count.
"""

from __future__ import annotations

import re
from typing import Any

from packaging.utils import canonicalize_name

from linter.repo.deps.model import Parsed, VersionClaim
from linter.repo.deps.textloc import load_json, load_toml
from linter.repo.facts import Dependency

_TOML_NAME = re.compile(r"^name\s*=\s*\"([^\"]+)\"")
_TOML_VERSION = re.compile(r"^version\s*=\s*\"([^\"]+)\"")


def _json_key_lines(text: str, pattern: str) -> dict[str, int]:
    regex = re.compile(pattern)
    out: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        for m in regex.finditer(raw):
            out.setdefault(m.group(1), number)
    return out


def parse_pipfile_lock(text: str, path: str) -> Parsed:
    parsed = Parsed(path, "pipfile.lock", role="lock", locks=("pypi",))
    data, problem = load_json(text)
    if not isinstance(data, dict):
        parsed.error = problem or "not a Pipfile.lock object"
        return parsed
    lines = _json_key_lines(text, r'"([^"]+)":\s*\{')
    for section, dev in (("default", False), ("develop", True)):
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        for name, info in table.items():
            if not isinstance(info, dict):
                continue
            version = str(info.get("version") or "").lstrip("=") or None
            ref = info.get("ref")
            if version is None and not ref:
                continue
            dep = Dependency(canonicalize_name(str(name)), str(info.get("version") or f"@{ref}"), True, path,
                             lines.get(str(name)), "pypi", version or str(ref), "Pipfile.lock")
            parsed.add(dep, dev=dev)
    meta = data.get("_meta", {}).get("requires", {}) if isinstance(data.get("_meta"), dict) else {}
    if isinstance(meta, dict):
        for key in ("python_full_version", "python_version"):
            if isinstance(meta.get(key), str):
                parsed.versions.append(VersionClaim("python", meta[key], path, lines.get("requires")))
                break
    return parsed


def parse_toml_lock(text: str, path: str, kind: str) -> Parsed:
    """poetry.lock, pdm.lock, uv.lock: ``[[package]]`` tables with ``name`` and ``version``."""
    parsed = Parsed(path, kind, role="lock", locks=("pypi",))
    data, _problem = load_toml(text)
    name_lines = _toml_name_lines(text)
    if data is None:
        for name, (line, version) in name_lines.items():
            if version:
                parsed.add(Dependency(canonicalize_name(name), f"=={version}", True, path, line, "pypi", version, kind))
        return parsed
    packages = data.get("package") if isinstance(data.get("package"), list) else []
    for package in packages:
        if not isinstance(package, dict) or not isinstance(package.get("name"), str):
            continue
        source = package.get("source") if isinstance(package.get("source"), dict) else {}
        version = package.get("version")
        if not isinstance(version, str) or "editable" in source or "virtual" in source:
            continue  # the project itself, not a dependency
        name = package["name"]
        line = name_lines.get(name, (None, None))[0]
        parsed.add(Dependency(canonicalize_name(name), f"=={version}", True, path, line, "pypi", version, kind))
    python = _lock_python(data)
    if python:
        parsed.versions.append(VersionClaim("python", python, path, _line_of_key(text, python)))
    return parsed


def _lock_python(data: dict[str, Any]) -> str | None:
    if isinstance(data.get("requires-python"), str):  # uv.lock
        return data["requires-python"]
    meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    value = meta.get("python-versions") or meta.get("requires_python")  # poetry / pdm
    return value if isinstance(value, str) and value != "*" else None


def _line_of_key(text: str, value: str) -> int | None:
    for number, raw in enumerate(text.splitlines(), start=1):
        if value in raw:
            return number
    return None


def _toml_name_lines(text: str) -> dict[str, tuple[int, str | None]]:
    """name → (line, version) for each ``[[package]]`` block (first occurrence)."""
    out: dict[str, tuple[int, str | None]] = {}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("[[package]]"):
            current = None
            continue
        m = _TOML_NAME.match(raw)
        if m and current is None:
            current = m.group(1)
            out.setdefault(current, (number, None))
            continue
        v = _TOML_VERSION.match(raw)
        if v and current is not None and out[current][1] is None:
            out[current] = (out[current][0], v.group(1))
    return out


def parse_renv_lock(text: str, path: str) -> Parsed:
    parsed = Parsed(path, "renv.lock", role="lock", locks=("cran",))
    data, problem = load_json(text)
    if not isinstance(data, dict):
        parsed.error = problem or "not a renv.lock object"
        return parsed
    lines = _json_key_lines(text, r'"Package":\s*"([^"]+)"')
    r_info = data.get("R") if isinstance(data.get("R"), dict) else {}
    if isinstance(r_info.get("Version"), str):
        parsed.versions.append(VersionClaim("r", r_info["Version"], path, _line_of_key(text, '"Version"')))
    packages = data.get("Packages") if isinstance(data.get("Packages"), dict) else {}
    for name, info in packages.items():
        if isinstance(info, dict) and isinstance(info.get("Version"), str):
            version = info["Version"]
            parsed.add(Dependency(str(name), f"=={version}", True, path, lines.get(str(name)), "cran", version,
                                  "renv.lock"))
    return parsed

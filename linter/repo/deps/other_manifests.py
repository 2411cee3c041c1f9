"""R ``DESCRIPTION`` files and the small files that only state a language version
(``.python-version``, ``runtime.txt``, ``.tool-versions``)."""

from __future__ import annotations

import re

from linter.repo.deps.model import Parsed, Unparsed, VersionClaim
from linter.repo.facts import Dependency

_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9.@_-]*):\s?(.*)$")
_R_ITEM = re.compile(r"^([A-Za-z][A-Za-z0-9.]*)\s*(?:\(\s*([^)]*?)\s*\))?$")
_DESCRIPTION_FIELDS = (("Depends", False), ("Imports", False), ("LinkingTo", False), ("Suggests", True))


def _dcf_fields(text: str) -> dict[str, list[tuple[int, str]]]:
    """Field → [(line, text)] for the first record of a Debian-control-style file."""
    fields: dict[str, list[tuple[int, str]]] = {}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            if fields:
                break
            continue
        if raw[0] in " \t" and current:
            fields[current].append((number, raw))
            continue
        m = _FIELD.match(raw)
        current = m.group(1) if m else None
        if current:
            fields[current] = [(number, m.group(2))]
    return fields


def _items(segments: list[tuple[int, str]]) -> list[tuple[str, int]]:
    """Comma-separated items of a field, each with the line it starts on."""
    out: list[tuple[str, int]] = []
    buffer, start = "", None
    for number, text in segments:
        for char in text + " ":
            if char == ",":
                if buffer.strip():
                    out.append((buffer.strip(), start or number))
                buffer, start = "", None
            else:
                if start is None and not char.isspace():
                    start = number
                buffer += char
    if buffer.strip():
        out.append((buffer.strip(), start or segments[-1][0]))
    return out


def parse_description(text: str, path: str) -> Parsed:
    parsed = Parsed(path, "DESCRIPTION")
    fields = _dcf_fields(text)
    parsed.declares = any(name in fields for name, _ in _DESCRIPTION_FIELDS)
    for field, dev in _DESCRIPTION_FIELDS:
        for item, line in _items(fields.get(field, [])):
            item = " ".join(item.split())
            m = _R_ITEM.match(item)
            if not m:
                parsed.unparsed.append(Unparsed(path, line, item[:200], "not an R package reference"))
                continue
            name, spec = m.group(1), (m.group(2) or "").replace(" ", "")
            if name == "R":
                if spec:
                    parsed.versions.append(VersionClaim("r", spec, path, line))
                continue
            exact = spec[2:] if spec.startswith("==") else None
            parsed.add(Dependency(name, spec, exact is not None, path, line, "cran", exact, "DESCRIPTION"), dev=dev)
    return parsed


_PYENV = re.compile(r"^(?:python-?)?(\d+(?:\.\d+){0,2}\S*)$")
_RUNTIME_PY = re.compile(r"^python-(\d+(?:\.\d+){0,2})")
_RUNTIME_R = re.compile(r"^r-(?:(\d+\.\d+(?:\.\d+)?)-)?(\d{4}-\d{2}-\d{2})?")


def parse_version_file(text: str, path: str, kind: str) -> Parsed:
    """``.python-version`` / ``runtime.txt`` / ``.tool-versions``. A Binder ``runtime.txt`` with a
    date (``r-4.1-2022-01-01``) installs CRAN packages as of that date, which fixes their versions."""
    parsed = Parsed(path, kind, role="version", declares=False)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if kind == ".python-version":
            m = _PYENV.match(line)
            if m:
                parsed.versions.append(VersionClaim("python", m.group(1), path, number))
            break
        if kind == "runtime.txt":
            _runtime(parsed, line, number)
            break
        tool, _, version = line.partition(" ")
        if tool.lower() in ("python", "r") and version.strip():
            parsed.versions.append(VersionClaim(tool.lower(), version.split()[0], path, number))
    return parsed


def _runtime(parsed: Parsed, line: str, number: int) -> None:
    m = _RUNTIME_PY.match(line)
    if m:
        parsed.versions.append(VersionClaim("python", m.group(1), parsed.path, number))
        return
    r = _RUNTIME_R.match(line)
    if r and (r.group(1) or r.group(2)):
        if r.group(1):
            parsed.versions.append(VersionClaim("r", r.group(1), parsed.path, number))
        if r.group(2):
            parsed.locks = ("cran",)

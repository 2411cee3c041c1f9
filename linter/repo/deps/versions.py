"""Which versions a recorded dependency allows, as PEP 440 specifier sets.

``Dependency.spec`` keeps the author's syntax: pip/PEP 440, Poetry (``^1.2``, ``~1.2``),
conda (``1.2.*``, ``>=1.2|<0.5``) or R (``>=1.0.2``). :func:`allowed` turns it into a list
of alternatives (their union is what may be installed); :func:`sides` says whether those
versions fall before and/or after a given release.
"""

from __future__ import annotations

import re

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from linter.repo.facts import Dependency

_POETRY_SOURCES = ("poetry",)
_CONDA_ECOSYSTEMS = ("conda",)


def parse_version(text: str | None) -> Version | None:
    if not text:
        return None
    try:
        return Version(str(text).strip().lstrip("v"))
    except InvalidVersion:
        m = re.match(r"^v?(\d+(?:\.\d+)*)", str(text).strip())
        return Version(m.group(1)) if m else None


def specifier(text: str) -> SpecifierSet | None:
    try:
        return SpecifierSet(text)
    except InvalidSpecifier:
        return None


def allowed(dep: Dependency) -> list[SpecifierSet] | None:
    """Alternatives whose union the dependency allows; [SpecifierSet("")] for "any version";
    None when the spec cannot be read (a URL, an odd syntax)."""
    spec = dep.spec.strip()
    if spec.startswith(("@", "git ", "hg ", "svn ")):
        return None
    if not spec or spec == "*":
        return [SpecifierSet("")]
    if dep.source in _POETRY_SOURCES or dep.source == "pipfile":
        return _poetry(spec)
    if dep.ecosystem in _CONDA_ECOSYSTEMS:
        return _conda(spec)
    one = specifier(spec.replace(" ", "").strip("()"))
    return [one] if one is not None else None


def _conda(spec: str) -> list[SpecifierSet] | None:
    out: list[SpecifierSet] = []
    for alternative in spec.replace(" ", "").split("|"):
        parts: list[str] = []
        for part in alternative.split(","):
            if re.match(r"^=?\d", part):
                part = part.lstrip("=").split("=")[0]
                part = f"=={part}" if "*" in part else f"=={part}.*" if part.count(".") < 2 else f"=={part}"
            elif part.startswith("=") and not part.startswith("=="):
                part = "=" + part
            parts.append(part)
        one = specifier(",".join(parts))
        if one is None:
            return None
        out.append(one)
    return out


def _poetry(spec: str) -> list[SpecifierSet] | None:
    out: list[SpecifierSet] = []
    for alternative in spec.split("||"):
        parts = alternative.replace(",", " ").split()
        converted: list[str] = []
        for part in _join_operators(parts):
            piece = _poetry_part(part)
            if piece is None:
                return None
            converted.extend(piece)
        one = specifier(",".join(converted))
        if one is None:
            return None
        out.append(one)
    return out


def _join_operators(parts: list[str]) -> list[str]:
    """Join ``>= 1.2`` written with a space back into one constraint."""
    out: list[str] = []
    for part in parts:
        if out and re.fullmatch(r"[<>=!~^]+", out[-1]):
            out[-1] += part
        else:
            out.append(part)
    return out


def _bump(release: tuple[int, ...], index: int) -> str:
    head = list(release[: index + 1])
    head[index] += 1
    return ".".join(str(x) for x in head)


def _poetry_part(part: str) -> list[str] | None:
    if part in ("*", ""):
        return []
    op = re.match(r"^(\^|~=|~|==|!=|>=|<=|>|<|=)?\s*(.+)$", part)
    if not op:
        return None
    operator, version_text = op.group(1) or "", op.group(2)
    if "*" in version_text:
        return [f"=={version_text}"] if operator in ("", "==", "=") else None
    version = parse_version(version_text)
    if version is None:
        return None
    release = version.release
    if operator == "^":
        first = next((i for i, x in enumerate(release) if x != 0), len(release) - 1)
        return [f">={version_text}", f"<{_bump(release, first)}"]
    if operator == "~":
        index = 1 if len(release) >= 2 else 0
        return [f">={version_text}", f"<{_bump(release, index)}"]
    if operator in ("", "="):
        return [f"=={version_text}"]
    return [f"{operator}{version_text}"]


def _probes(alternatives: list[SpecifierSet], boundary: Version) -> list[Version]:
    seeds = [boundary]
    for alt in alternatives:
        for item in alt:
            v = parse_version(item.version.replace(".*", ""))
            if v is not None:
                seeds.append(v)
    probes: set[Version] = {Version("0"), Version("0.0.1"), Version("99999")}
    for v in seeds:
        release = v.release
        probes.add(Version(".".join(map(str, release))))
        for i in range(len(release)):
            up = list(release[: i + 1])
            up[i] += 1
            probes.add(Version(".".join(map(str, up))))
            probes.add(Version(".".join(map(str, up + [0, 1]))))
            if release[i] > 0:
                down = list(release[: i + 1])
                down[i] -= 1
                probes.add(Version(".".join(map(str, down + [9999, 9999]))))
                probes.add(Version(".".join(map(str, down))))
    return sorted(probes)


def sides(alternatives: list[SpecifierSet], boundary: Version) -> tuple[bool, bool]:
    """(allows a version before ``boundary``, allows ``boundary`` or a later version)."""
    before = after = False
    for probe in _probes(alternatives, boundary):
        if any(alt.contains(probe, prereleases=True) for alt in alternatives):
            if probe < boundary:
                before = True
            else:
                after = True
    return before, after


def intersect(alternatives_list: list[list[SpecifierSet]]) -> list[SpecifierSet] | None:
    """All constraints together (each combination of alternatives), or None if none is given."""
    if not alternatives_list:
        return None
    combined = [SpecifierSet("")]
    for alternatives in alternatives_list:
        combined = [a & b for a in combined for b in alternatives]
    return combined

"""Dependency manifests: what the repository says it needs, and how exactly.

:func:`analyze` finds every dependency file among the scanned files, reads each one with a
real parser (``packaging`` for requirement strings, ``tomllib``, ``json``, safe YAML, ``ast``
for ``setup.py``; nothing is installed or run), follows ``-r``/``-c`` includes inside the
repository, fills ``facts.dependencies`` / ``manifests`` / ``lock_files`` /
``python_version`` / ``r_version``, and adds the DEP2xx findings.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from linter.repo.deps import checks
from linter.repo.deps.conda import parse_conda_lock, parse_environment
from linter.repo.deps.docker import parse_dockerfile
from linter.repo.deps.locks import parse_pipfile_lock, parse_renv_lock, parse_toml_lock
from linter.repo.deps.model import Parsed, VersionClaim, is_dev
from linter.repo.deps.other_manifests import parse_description, parse_version_file
from linter.repo.deps.python_manifests import parse_pipfile, parse_pyproject, parse_setup_cfg, parse_setup_py
from linter.repo.deps.requirements import parse_requirements
from linter.repo.facts import RepoFacts, SourceFile

__all__ = ["analyze", "classify", "parse_file"]

_REQUIREMENTS = re.compile(r"(^|.*[-_.])requirements([-_.].*)?\.(txt|in)$|^constraints([-_.].*)?\.txt$", re.IGNORECASE)
_ENVIRONMENT = re.compile(r"^(environment|env|conda)([-_.].*)?\.ya?ml$", re.IGNORECASE)
_EXACT = {
    "pyproject.toml": "pyproject", "setup.cfg": "setup.cfg", "setup.py": "setup.py", "Pipfile": "pipfile",
    "Pipfile.lock": "pipfile.lock", "poetry.lock": "poetry.lock", "pdm.lock": "pdm.lock", "uv.lock": "uv.lock",
    "renv.lock": "renv.lock", "DESCRIPTION": "DESCRIPTION", "install.R": "install.R",
    ".python-version": ".python-version", "runtime.txt": "runtime.txt", ".tool-versions": ".tool-versions",
}
# Which stated language version wins when several files state one: files nearest the root
# first, then the most exact kind of statement.
_VERSION_PRIORITY = (".python-version", "runtime.txt", ".tool-versions", "environment.yml", "conda-lock", "Dockerfile",
                     "pipfile", "pipfile.lock", "pyproject", "setup.cfg", "setup.py", "renv.lock", "DESCRIPTION",
                     "poetry.lock", "uv.lock", "pdm.lock")


def classify(path: str) -> str | None:
    """The kind of dependency file at ``path`` (see ``_EXACT``), or None."""
    base = posixpath.basename(path)
    parent = posixpath.basename(posixpath.dirname(path)).lower()
    if base in _EXACT:
        return _EXACT[base]
    lower = base.lower()
    if lower in ("conda-lock.yml", "conda-lock.yaml") or lower.endswith((".conda-lock.yml", ".conda-lock.yaml")):
        return "conda-lock"
    if lower.endswith(".dockerignore"):
        return None
    if lower == "dockerfile" or lower.startswith("dockerfile.") or lower.endswith(".dockerfile") or lower == "containerfile":
        return "Dockerfile"
    if _ENVIRONMENT.match(base):
        return "environment.yml"
    if _REQUIREMENTS.match(base) or (parent == "requirements" and lower.endswith((".txt", ".in"))):
        return "constraints" if lower.startswith("constraints") else "requirements"
    return None


def _install_r(text: str, path: str) -> Parsed:
    return Parsed(path, "install.R")


_PARSERS: dict[str, Callable[[str, str], Parsed]] = {
    "pyproject": parse_pyproject, "setup.cfg": parse_setup_cfg, "setup.py": parse_setup_py, "pipfile": parse_pipfile,
    "pipfile.lock": parse_pipfile_lock, "renv.lock": parse_renv_lock, "conda-lock": parse_conda_lock,
    "environment.yml": parse_environment, "Dockerfile": parse_dockerfile, "DESCRIPTION": parse_description,
    "install.R": _install_r,
}


def parse_file(kind: str, text: str, path: str) -> Parsed:
    """Read one dependency file of the given kind (never raises on its content)."""
    if kind in ("requirements", "constraints"):
        return parse_requirements(text, path, dev=is_dev(path), constraint=kind == "constraints")
    if kind in ("poetry.lock", "pdm.lock", "uv.lock"):
        return parse_toml_lock(text, path, kind)
    if kind in (".python-version", "runtime.txt", ".tool-versions"):
        return parse_version_file(text, path, kind)
    return _PARSERS[kind](text, path)


def analyze(files: list[SourceFile], facts: RepoFacts) -> None:
    """Fill the dependency facts and add DEP201–DEP205 findings."""
    by_path = {f.path: f for f in files}
    parsed: dict[str, Parsed] = {}
    for f in files:
        kind = classify(f.path)
        if kind is not None:
            parsed[f.path] = _read(f, kind, facts)
    _follow_includes(parsed, by_path, facts)
    _merge(list(parsed.values()), facts)
    facts.findings.extend(checks.findings(list(parsed.values()), files, facts))


def _read(f: SourceFile, kind: str, facts: RepoFacts) -> Parsed:
    if f.text is None:
        facts.skipped.append(f"{f.path}: dependency file not read (binary or too large)")
        return Parsed(f.path, kind, role=_role(kind), error="not read")
    result = parse_file(kind, f.text, f.path)
    if result.error:
        facts.skipped.append(f"{f.path}: {result.error}")
    return result


def _role(kind: str) -> str:
    if kind in ("pipfile.lock", "poetry.lock", "pdm.lock", "uv.lock", "renv.lock", "conda-lock"):
        return "lock"
    return "version" if kind in (".python-version", "runtime.txt", ".tool-versions") else "manifest"


def _follow_includes(parsed: dict[str, Parsed], by_path: dict[str, SourceFile], facts: RepoFacts) -> None:
    """Read files named by ``-r``/``-c`` that the name patterns did not catch (once each)."""
    queue = list(parsed.values())
    while queue:
        current = queue.pop()
        for flag, target, line in current.includes:
            resolved = _inside(posixpath.dirname(current.path), target)
            if resolved is None:
                facts.extra.setdefault("unresolved_includes", []).append(f"{current.path}:{line}: {target}")
                continue
            wanted = "constraints" if flag == "-c" else "requirements"
            if resolved in parsed and (parsed[resolved].kind == wanted or wanted == "requirements"):
                continue
            source = by_path.get(resolved)
            if source is None or source.text is None:
                facts.extra.setdefault("unresolved_includes", []).append(f"{current.path}:{line}: {target}")
                continue
            parsed[resolved] = parse_file(wanted, source.text, resolved)
            queue.append(parsed[resolved])


def _inside(folder: str, target: str) -> str | None:
    """``target`` relative to ``folder``, normalised, or None if it leaves the repository or is a URL."""
    if "://" in target or target.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", target):
        return None
    joined = posixpath.normpath(posixpath.join(folder, target.replace("\\", "/")))
    return None if joined == ".." or joined.startswith("../") else joined


def _merge(parsed: list[Parsed], facts: RepoFacts) -> None:
    claims: list[VersionClaim] = []
    for p in sorted(parsed, key=lambda p: p.path):
        facts.dependencies.extend(e.dep for e in p.entries)
        if p.role == "lock" and p.path not in facts.lock_files:
            facts.lock_files.append(p.path)
        elif p.role == "manifest" and p.declares and p.path not in facts.manifests:
            facts.manifests.append(p.path)
        claims.extend(p.versions)
        for u in p.unparsed:
            facts.extra.setdefault("unparsed_requirements", []).append(
                {"path": u.path, "line": u.line, "text": u.text, "reason": u.reason})
    kinds = {p.path: p.kind for p in parsed}
    ranked = sorted(claims, key=lambda c: (c.path.count("/"), _priority(kinds.get(c.path, "")), c.path))
    facts.extra["language_versions"] = [
        {"language": c.language, "value": c.value, "path": c.path, "line": c.line} for c in ranked]
    for claim in ranked:
        if claim.language == "python" and facts.python_version is None:
            facts.python_version = claim.value
        elif claim.language == "r" and facts.r_version is None:
            facts.r_version = claim.value


def _priority(kind: str) -> int:
    return _VERSION_PRIORITY.index(kind) if kind in _VERSION_PRIORITY else len(_VERSION_PRIORITY)

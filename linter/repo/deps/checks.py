"""DEP201–DEP205: what the dependency facts leave unrecorded.

Deliberately quiet where versions are in fact recorded: an exact pin (``==``, ``===``, a
conda ``=``, a VCS commit or tag, a file URL), a lock file for the same ecosystem, or an
exact pin of the same package in another file (a compiled ``requirements.txt`` next to a
``pyproject.toml`` with ranges). Development-only groups and files, constraints files,
installer tooling (pip, setuptools, wheel) and the project itself (``-e .``) are never
reported as unpinned.
"""

from __future__ import annotations

from linter.model import Finding
from linter.repo.deps.model import TOOLING, Entry, Parsed
from linter.repo.facts import RepoFacts, SourceFile
from linter.rulebook import finding

ROOT = "."
# Ecosystems judged together: conda and PyPI packages share one Python environment.
GROUP = {"pypi": "python", "conda": "python", "cran": "r"}
_PYTHON_MANIFEST_ORDER = ("pyproject", "setup.cfg", "setup.py", "pipfile", "environment.yml", "requirements")


def findings(parsed: list[Parsed], files: list[SourceFile], facts: RepoFacts) -> list[Finding]:
    languages = code_languages(files, facts)
    out: list[Finding] = []
    out.extend(_no_manifest(parsed, languages))
    out.extend(_unpinned(parsed))
    out.extend(_no_lock(parsed))
    out.extend(_no_language_version(parsed, languages))
    out.extend(_base_images(parsed))
    return out


def code_languages(files: list[SourceFile], facts: RepoFacts) -> set[str]:
    """Languages with code in the repository: python (.py, notebooks) and r (.R, .Rmd)."""
    found = {name for name, count in facts.languages.items() if count and name in ("python", "r")}
    for f in files:
        lower = f.path.lower()
        if lower.endswith((".py", ".pyx")):
            found.add("python")
        elif lower.endswith((".r", ".rmd")):
            found.add("r")
        elif lower.endswith(".ipynb"):
            found.add("r" if f.text and _r_notebook(f.text) else "python")
        elif lower.endswith(".qmd") and f.text:
            found.update(lang for lang, fence in (("r", "```{r"), ("python", "```{python")) if fence in f.text)
    return found


def _r_notebook(text: str) -> bool:
    head = text[-4000:] + text[:4000]
    return '"language": "R"' in head or '"name": "ir"' in head


def _no_manifest(parsed: list[Parsed], languages: set[str]) -> list[Finding]:
    if not languages or any(p.role == "lock" or (p.role == "manifest" and p.declares) for p in parsed):
        return []
    names = " and ".join(sorted("Python" if lang == "python" else "R" for lang in languages))
    return [finding("DEP201", f"The repository has {names} code but no dependency file (requirements.txt, "
                              "pyproject.toml, environment.yml, renv.lock, DESCRIPTION ...)", ROOT)]


def _covered(parsed: list[Parsed]) -> tuple[set[str], dict[str, set[str]]]:
    """Ecosystem groups fixed by a lock file, and exactly pinned package names per group."""
    locked = {GROUP.get(eco, eco) for p in parsed for eco in p.locks}
    pinned: dict[str, set[str]] = {}
    for p in parsed:
        for e in p.entries:
            if e.dep.pinned:
                pinned.setdefault(GROUP.get(e.dep.ecosystem, e.dep.ecosystem), set()).add(e.dep.name.lower())
    return locked, pinned


def _reportable(entry: Entry) -> bool:
    dep = entry.dep
    return (not dep.pinned and not entry.dev and not entry.constraint and dep.ecosystem in GROUP
            and dep.name.lower() not in TOOLING)


def _unpinned(parsed: list[Parsed]) -> list[Finding]:
    locked, pinned = _covered(parsed)
    out: list[Finding] = []
    for p in parsed:
        if p.role == "lock":
            continue
        for e in p.entries:
            group = GROUP.get(e.dep.ecosystem, "")
            if not _reportable(e) or group in locked or e.dep.name.lower() in pinned.get(group, set()):
                continue
            out.append(finding("DEP202", _unpinned_message(e), e.dep.path, e.dep.line, package=e.dep.name,
                               spec=e.dep.spec, fingerprint_key=f"{e.dep.name}"))
    return out


def _unpinned_message(entry: Entry) -> str:
    dep = entry.dep
    if dep.spec.startswith(("@", "git ", "hg ", "svn ")):
        return f"{dep.name} is installed from a repository without a commit or tag, so its version can change"
    if not dep.spec:
        return f"{dep.name} has no version: whatever is newest at install time will be used"
    return f"{dep.name} {dep.spec} gives only a range: the version installed depends on the install date"


def _fully_pinned(p: Parsed, group: str) -> bool:
    relevant = [e for e in p.entries if GROUP.get(e.dep.ecosystem) == group and not e.dev
                and e.dep.name.lower() not in TOOLING]
    return bool(relevant) and all(e.dep.pinned for e in relevant)


def _no_lock(parsed: list[Parsed]) -> list[Finding]:
    locked, _ = _covered(parsed)
    out: list[Finding] = []
    for group in ("python", "r"):
        loose = [p for p in parsed if p.role == "manifest"
                 and any(_reportable(e) and GROUP.get(e.dep.ecosystem) == group for e in p.entries)]
        if not loose or group in locked or any(_fully_pinned(p, group) for p in parsed if p.role == "manifest"):
            continue
        names = ", ".join(sorted({p.path for p in loose}))
        label = "Python" if group == "python" else "R"
        out.append(finding("DEP203", f"No lock file records the exact {label} package versions; {names} "
                                     "give only names or ranges", loose[0].path, None, ecosystem=group))
    return out


def _no_language_version(parsed: list[Parsed], languages: set[str]) -> list[Finding]:
    out: list[Finding] = []
    stated = {v.language for p in parsed for v in p.versions}
    if "python" in languages and "python" not in stated:
        where = _first_manifest(parsed, _PYTHON_MANIFEST_ORDER)
        out.append(finding("DEP204", "No Python version is stated (requires-python, python_requires, .python-version, "
                                     "runtime.txt, python= in environment.yml, a python: Docker image ...)",
                           where, None, language="python"))
    if "r" in languages and "r" not in stated:
        where = _first_manifest(parsed, ("DESCRIPTION", "install.R", "renv.lock"))
        out.append(finding("DEP204", "No R version is stated (renv.lock, Depends: R (>= ...) in DESCRIPTION, "
                                     "a rocker/r-ver Docker image ...)", where, None, language="r"))
    return out


def _first_manifest(parsed: list[Parsed], order: tuple[str, ...]) -> str:
    for kind in order:
        for p in sorted(parsed, key=lambda p: (p.path.count("/"), p.path)):
            if p.kind == kind and p.declares:
                return p.path
    return ROOT


def _base_images(parsed: list[Parsed]) -> list[Finding]:
    out: list[Finding] = []
    for p in parsed:
        for image in p.images:
            if not image.resolved or image.digest or (image.tag and image.tag != "latest"):
                continue
            what = f"{image.image}:latest" if image.tag else f"{image.image} (no tag, so :latest)"
            out.append(finding("DEP205", f"Base image {what} changes whenever it is rebuilt upstream",
                               image.path, image.line, image=image.image))
    return out

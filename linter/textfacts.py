"""Facts stated in manuscript text: software with versions (and, for the cross-checks, more).

Extractors return plain tuples with the line they came from, so statement checks can judge
an item and the manuscript↔code cross-checks can compare values.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from linter.manuscript.document import Document
from linter.model import Status
from linter.statements import StatementDB, load_statements
from linter.textscan import Unit, units

_VERSION = r"(?P<ver>\d+\.\d+(?:\.\d+){0,3}(?:[a-z]+\d*)?|R20\d\d[ab]|\d+(?![\d.,]*\s*%))"
_NAME = r"(?P<name>[A-Za-z][A-Za-z0-9_+\-]*(?:\.[A-Za-z][A-Za-z0-9_]*)*(?:[ \-](?:IV|III|II|Lightning|Face|Slicer))?)"
# generic words that may stand between a tool's name and its version: "the CutAdapt program (v1.9.1)",
# "bowtie2 global aligner (v2.2.1)", "the mothur software package (v1.37.0)", "the mikropml R package v1.5.0"
_GENERIC = (r"(?P<generic>software|package|program|programme|toolkit|toolbox|tool|library|algorithm|aligner|assembler|"
            r"pipeline|suite|platform|framework|module|classifier|implementation)")
_BETWEEN = r"(?:\s+(?:(?-i:[a-z][a-z\-]*|R|Python|Julia|MATLAB)\s+){0,2}" + _GENERIC + r")?"
_FORWARD = re.compile(
    r"(?<![\w.\-])" + _NAME + _BETWEEN
    + r"['’\"`*_]*\s*(?:\(|,|\[)?\s*(?P<marker>version|ver\.?|v\.?|release)?\s*" + _VERSION + r"\b",
    re.I,
)
_TOOL_AFTER = re.compile(r"\s*\)?\s*(?:R\s+|Python\s+)?(?:package|software|library|program|toolkit|tool)\b", re.I)
# a version followed by a dataset noun is a data release ("MIMIC-IV version 2.2, a de-identified database")
_DATASET_AFTER = re.compile(r"\s*\)?\s*[,(]?\s*(?:an?\s+|the\s+|its\s+)?"
                            r"(?:(?!(?:on|in|of|for|to|with|from|by|and|or|as|at|used|using|was|were|is|are)\b)[\w-]+\s+){0,2}?"
                            r"(?:database|dataset|data\s?set|data release|cohort|registry|biobank|corpus|benchmark)s?\b", re.I)
# a list introduced by "packages"/"libraries" names software, so any name in it with a dotted version counts
# ("with the packages lme4 1.1-35.1, marginaleffects 0.17.0 and boot 1.3-28.1")
_PACKAGE_LIST = re.compile(r"\b(?:packages|libraries|modules)\b(?:[^.;:]|(?<=\d)\.(?=\d)){0,160}$", re.I)
_DIGIT = re.compile(r"\d")  # what the version patterns' \d matches (any Unicode decimal digit)
_REVERSED = re.compile(r"\b(?:version|v\.?)\s*" + _VERSION + r"\s+of\s+(?:the\s+)?['\"`]?" + _NAME, re.I)
_NOT_SOFTWARE = {
    "auc", "auroc", "ci", "p", "n", "sd", "se", "or", "hr", "rr", "mean", "median", "range", "and", "of", "the", "to",
    "was", "were", "is", "are", "with", "from", "figure", "fig", "table", "tables", "section", "equation", "eq",
    "step", "stage", "grade", "day", "days", "week", "weeks", "month", "months", "year", "years", "age", "aged",
    "approximately", "about", "than", "at", "in", "on", "by", "for", "as", "a", "an", "be", "score", "scores",
    "accuracy", "sensitivity", "specificity", "ratio", "value", "values", "alpha", "beta", "lambda", "gamma", "rate",
    "rates", "level", "levels", "dose", "ph", "bmi", "hba1c", "ml", "mg", "kg", "cm", "mm", "h", "hours", "min",
    "between", "over", "under", "only", "all", "both", "each", "per", "vs", "versus", "top", "lr", "c", "k", "x",
    "chapter", "item", "items", "model", "models", "group", "groups", "phase", "cohort", "study", "trial", "set",
    "split", "fold", "folds", "epoch", "epochs", "layer", "layers", "run", "runs", "seed", "seeds", "increase",
    "decrease", "approx", "sample", "samples", "using", "used", "use", "we", "our", "its", "their", "this", "that",
    "kappa", "f1", "auprc", "brier", "r2", "mae", "mse", "rmse", "icc", "precision", "recall", "ppv", "npv", "slope",
    "intercept", "threshold", "cutoff", "probability", "weight", "height", "including", "include", "such", "namely",
}


@dataclass(frozen=True)
class SoftwareVersion:
    name: str
    version: str
    line: int
    is_language: bool
    text: str


def software_versions(doc: Document, db: StatementDB | None = None) -> list[SoftwareVersion]:
    """Software named with a version number in the visible text (cached on the document)."""
    if "software_versions" in doc.cache:
        return doc.cache["software_versions"]
    db = db or load_statements()
    found: list[SoftwareVersion] = []
    seen: set[tuple[str, str, int]] = set()
    for unit in units(doc, db):
        for name, version in _candidates(unit, db):
            key = (name.lower(), version, unit.line)
            if key in seen:
                continue
            seen.add(key)
            found.append(SoftwareVersion(name, version, unit.line, name.lower() in db.languages, unit.text))
    doc.cache["software_versions"] = found
    return found


@dataclass(frozen=True)
class VersionJudgement:
    """How completely software versions are reported, with the versions that show it."""

    status: Status
    versions: tuple[SoftwareVersion, ...]
    note: str


def judge_software_versions(doc: Document, db: StatementDB | None = None) -> VersionJudgement:
    """Reported: analysis packages have versions (including the modelling library, when one is named).

    Partial: only the language has a version, or the library that fits the models is named without one
    while other tools (aligners, plotting) have versions. Missing: no version at all.
    """
    db = db or load_statements()
    found = software_versions(doc, db)
    packages = tuple(s for s in found if not s.is_language)
    if not packages:
        if found:
            return VersionJudgement(Status.PARTIAL, tuple(found), "only the language version is stated, not the analysis packages")
        return VersionJudgement(Status.MISSING, (), "")
    versioned = {s.name.lower() for s in packages}
    named = modelling_software_named(doc, db)
    unversioned = sorted(n for n in named if n.lower() not in versioned)
    if named and len(unversioned) == len(named):
        return VersionJudgement(Status.PARTIAL, packages, "versions are given for other tools, but not for the "
                                f"modelling software ({', '.join(unversioned[:3])})")
    names = ", ".join(sorted({f"{s.name} {s.version}" for s in packages})[:5])
    return VersionJudgement(Status.REPORTED, packages, f"versions stated: {names}")


def modelling_software_named(doc: Document, db: StatementDB | None = None) -> list[str]:
    """Modelling libraries (statements file ``modelling_software``) named anywhere in the visible text."""
    db = db or load_statements()
    if "modelling_software" in doc.cache:
        return doc.cache["modelling_software"]
    found: dict[str, str] = {}
    if db.modelling_software:
        pattern = re.compile(r"(?<![\w\-])(" + "|".join(re.escape(n) for n in sorted(db.modelling_software, key=len,
                                                                                        reverse=True)) + r")(?![\w\-])", re.I)
        for unit in units(doc, db):
            for m in pattern.finditer(unit.text):
                found.setdefault(m.group(1).lower(), m.group(1))
    doc.cache["modelling_software"] = sorted(found.values())
    return doc.cache["modelling_software"]


def _candidates(unit: Unit, db: StatementDB) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    text = unit.text
    if not _DIGIT.search(text):  # every version holds a digit: the costly patterns below cannot match
        return out
    pos = 0
    while (m := _FORWARD.search(text, pos)) is not None:
        name, version, marker = m.group("name").strip(), m.group("ver"), m.group("marker")
        gap = text[m.end("name"):m.start("ver")]
        if "," in gap and "." not in version:
            pos = m.start() + 1  # "in R, 10 models ...": a count, not a version
            continue
        listed = bool(_PACKAGE_LIST.search(text[max(0, m.start("name") - 200):m.start("name")]))
        if _accept(name, version, bool(marker), db, text, m.start("ver"), bool(m.group("generic")), listed):
            out.append((name, version))
            pos = m.end()
        else:  # a rejected word ("using the ...") must not hide the real name after it
            pos = m.start() + 1
    for m in _REVERSED.finditer(text):
        name, version = m.group("name").strip(), m.group("ver")
        if _accept(name, version, True, db, text, m.start("ver")):
            out.append((name, version))
    return out


@functools.lru_cache(maxsize=1)
def _dataset_patterns() -> tuple[re.Pattern[str], ...]:
    """Names of public datasets released in numbered versions (shared with the cross-checks:
    ``linter/knowledge/cross_names.yaml``): a dataset version is not a software version."""
    raw = yaml.safe_load((resources.files("linter") / "knowledge" / "cross_names.yaml").read_text(encoding="utf-8"))
    return tuple(re.compile(r"(?:" + body["prose"] + r")$", re.I) for body in (raw.get("datasets") or {}).values()
                 if isinstance(body, dict) and body.get("prose"))


def is_dataset(name: str, text: str = "", ver_end: int = -1, db: StatementDB | None = None) -> bool:
    """Is ``name`` (its version ending at ``text[ver_end]``) a versioned dataset rather than software?

    Known datasets (MIMIC-IV, eICU ...) always are; another name is when a dataset noun follows its
    version ("the XYZ registry release 3, a national cohort"), unless the name is known software.
    """
    if any(p.match(name) for p in _dataset_patterns()):
        return True
    if db is not None and (name.lower() in db.software_names or name.lower() in db.languages):
        return False
    return ver_end >= 0 and bool(_DATASET_AFTER.match(text, ver_end))


def _accept(name: str, version: str, marker: bool, db: StatementDB, text: str, ver_at: int,
            named_tool: bool = False, listed: bool = False) -> bool:
    low = name.lower()
    if low in _NOT_SOFTWARE or len(name) < 1:
        return False
    if is_dataset(name, text, ver_at + len(version), db):
        return False
    known = low in db.software_names  # a language alone ("Python 3") needs a dotted version or a marker
    if "." not in version and not version.startswith("R20") and not (marker or known):
        return False  # a bare integer is a version only after "version"/"v" or a known name ("Stata 17")
    if text[ver_at - 1 : ver_at] in ("-", "–") or text[ver_at + len(version) : ver_at + len(version) + 1] == "%":
        return False
    named_tool = named_tool or bool(_TOOL_AFTER.match(text, ver_at + len(version)))
    if low in db.software_names or low in db.languages:
        return True
    if listed and "." in version:
        return True
    if not marker and not named_tool:
        return False
    # an explicit "version"/"v" marker or "the X program": accept names that look like software, not English words
    looks_like_software = bool(re.search(r"[A-Z]|[a-z][0-9]|[_+\-]|\.", name[1:]) or name[:1].isupper())
    return looks_like_software or (marker and named_tool)

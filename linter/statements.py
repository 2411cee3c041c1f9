"""Shared statement detectors: load ``checklists/statements/<version>.yaml`` and compile it.

The detectors are data (regexes with roles: cues, exclusions, negations, weak forms ...);
:mod:`linter.textscan` applies them to a document.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from linter.errors import InputError
from linter.paths import checklist_dir

_FLAGS = re.I | re.S
_PATTERN_FIELDS = ("cues", "context", "exclude", "negation", "negative_counts_if", "weak", "complete", "home_cues")


@dataclass(frozen=True)
class StatementSpec:
    name: str
    sections: tuple[str, ...]
    home: tuple[str, ...] = ()
    patterns: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    negative_counts: bool = False
    negation_is_partial: bool = False
    extractor: str | None = None
    not_sections: tuple[str, ...] = ()  # section classes where a mention never counts (e.g. introduction)
    applies_if: tuple[str, ...] = ()  # other statements: unless one is found somewhere, the item may not apply
    applies_unless: tuple[str, ...] = ()  # other statements: if one is found, the item may not apply
    applicability_note: str = ""  # what the report says when the item may not apply
    weak_note: str = ""  # what the report says about a weak (partial) form
    negation_note: str = ""  # what the report says about a negated mention counted as partial
    mask_urls: bool = False  # match cues with links blanked out (a number inside a URL is not a value)
    allow_hypothetical: bool = False  # sentences about future or wished-for work count too (e.g. intended use)

    def any(self, role: str, text: str) -> re.Match[str] | None:
        for pat in self.patterns.get(role, ()):
            m = pat.search(text)
            if m:
                return m
        return None

    def has(self, role: str) -> bool:
        return bool(self.patterns.get(role))


@dataclass(frozen=True)
class StatementDB:
    version: str
    sections: dict[str, tuple[re.Pattern[str], ...]]
    statements: dict[str, StatementSpec]
    hypothetical: tuple[re.Pattern[str], ...]
    languages: frozenset[str]
    software_names: frozenset[str]
    modelling_software: frozenset[str] = frozenset()  # libraries that fit the models (their versions matter most)
    factual: tuple[re.Pattern[str], ...] = ()  # phrases that look hypothetical but state a fact ("no X is needed")

    def is_hypothetical(self, text: str) -> bool:
        """Is the sentence about future or wished-for work? Factual phrases that share its words
        ("no technical expertise is needed to run it") are blanked out before the hypothetical cues are
        tried, so "further validation is needed to run it in practice" stays hypothetical."""
        for pat in self.factual:
            text = pat.sub(" ", text)
        return any(p.search(text) for p in self.hypothetical)

    def classify_heading(self, title: str) -> frozenset[str]:
        t = " ".join(title.replace("*", " ").split()).strip(" .:#").lower()
        return frozenset(cls for cls, pats in self.sections.items() if any(p.search(t) for p in pats))


def compile_spec(name: str, raw: dict[str, Any], where: str) -> StatementSpec:
    pats: dict[str, tuple[re.Pattern[str], ...]] = {}
    for role in _PATTERN_FIELDS:
        items = raw.get(role) or []
        compiled = []
        for p in items:
            try:
                compiled.append(re.compile(p, _FLAGS))
            except re.error as exc:
                raise InputError(where, f"statement {name!r}: bad regex in {role}: {p!r} ({exc})") from None
        pats[role] = tuple(compiled)
    if not pats["cues"]:
        raise InputError(where, f"statement {name!r}: needs at least one pattern in 'cues'")
    return StatementSpec(
        name=name,
        sections=tuple(raw.get("sections") or ["any"]),
        home=tuple(raw.get("home") or ()),
        patterns=pats,
        negative_counts=bool(raw.get("negative_counts", False)),
        negation_is_partial=bool(raw.get("negation_is_partial", name in ("data-availability", "code-availability"))),
        extractor=raw.get("extractor"),
        not_sections=tuple(raw.get("not_sections") or ()),
        applies_if=tuple(raw.get("applies_if") or ()),
        applies_unless=tuple(raw.get("applies_unless") or ()),
        applicability_note=str(raw.get("applicability_note") or ""),
        weak_note=str(raw.get("weak_note") or ""),
        negation_note=str(raw.get("negation_note") or ""),
        mask_urls=bool(raw.get("mask_urls", False)),
        allow_hypothetical=bool(raw.get("allow_hypothetical", False)),
    )


@functools.lru_cache(maxsize=4)
def load_statements(version: str = "1.0") -> StatementDB:
    path = checklist_dir() / "statements" / f"{version}.yaml"
    where = f"checklists/statements/{version}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    sections = {k: tuple(re.compile(p, re.I) for p in v) for k, v in raw["sections"].items()}
    specs = {name: compile_spec(name, body, where) for name, body in raw["statements"].items()}
    for spec in specs.values():
        for other in (*spec.applies_if, *spec.applies_unless):
            if other not in specs or other == spec.name:
                raise InputError(where, f"statement {spec.name!r}: applicability names unknown statement {other!r}")
    hyp = tuple(re.compile(p, _FLAGS) for p in raw.get("hypothetical", []))
    factual = tuple(re.compile(p, _FLAGS) for p in raw.get("factual", []))
    return StatementDB(
        version=str(raw.get("version", version)),
        sections=sections,
        statements=specs,
        hypothetical=hyp,
        languages=frozenset(x.lower() for x in raw.get("languages", [])),
        software_names=frozenset(x.lower() for x in raw.get("software_names", [])),
        modelling_software=frozenset(x.lower() for x in raw.get("modelling_software", [])),
        factual=factual,
    )

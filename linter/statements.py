"""Shared statement detectors: load ``checklists/statements/<version>.yaml`` and compile it.

The detectors are data (regexes with roles: cues, exclusions, negations, weak forms ...);
:mod:`linter.textscan` applies them to a document. For speed, each pattern's *required
literals* (strings one of which every match contains) let the matcher skip sentences that
cannot match; :class:`LiteralIndex` answers which sentences contain a literal.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from linter.errors import InputError
from linter.paths import checklist_dir

try:  # the regex parser (internal; when it is missing or changes shape, no pattern gets a literal gate)
    from re import _parser as _sre_parse  # Python >= 3.11
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

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


# --- literal gates: skip a regex on text that cannot match it -------------------------------------
# Matching every detector pattern against every sentence is what made the manuscript checks slow.
# Most patterns can only match text that contains one of a few literal strings ("seed", "random
# state" ...): where a sentence contains none of them, the regex cannot match and need not run.

_P = _sre_parse
_REPEATS = tuple(getattr(_P, op) for op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_P, op))
_ATOMIC = getattr(_P, "ATOMIC_GROUP", None)
_MAX_STRINGS = 64  # largest set of alternative strings a requirement may grow to
_MAX_GATES = 3  # sets tested per pattern: the cheapest, and others that are cheap too
_EXTRA_GATE_COST = 0.1


@functools.lru_cache(maxsize=8192)
def literal_gates(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of lower-case ASCII strings such that every match of ``pattern`` contains a string of
    each set; empty when none is known (then the pattern must be tried on every text).

    Text whose :func:`fold_case` form misses every string of one set cannot match the pattern. Only
    literal characters, small classes of literals, groups, alternations and repeats are read;
    anything else (other classes, lookarounds, back-references, unknown parser output) requires
    nothing, so a set may be missing but is never too strict. The cheapest set to test comes first.
    """
    try:
        options = _options_in(list(_P.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - an unexpected parse tree just means "no gate"
        return ()
    usable = sorted((o for o in set(options) if min(len(s) for s in o) >= 2),
                    key=lambda o: (_cost(o), -min(len(s) for s in o), sorted(o)))  # ties: longer strings
    return tuple(o for n, o in enumerate(usable) if n == 0 or (n < _MAX_GATES and _cost(o) <= _EXTRA_GATE_COST))


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The first of :func:`literal_gates` (strings of which every match contains one), or ``None``."""
    gates = literal_gates(pattern)
    return gates[0] if gates else None


def _required_in(items: list) -> frozenset[str] | None:
    """The cheapest requirement of a sequence to test (see :func:`_options_in`)."""
    options = _options_in(items)
    return min(options, key=lambda o: (_cost(o), -min(len(s) for s in o), sorted(o))) if options else None


def _options_in(items: list) -> list[frozenset[str]]:
    """Requirements of a sequence, each necessary: a run of literal characters; the concatenated forms
    of consecutive elements that have a few exact forms; what an element requires."""
    options: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    plain = ""
    for op, av in items:
        if op is _P.LITERAL and 0 < av < 128:  # type: ignore[operator]
            plain += chr(av).lower()  # type: ignore[arg-type]
        elif plain:
            options.append(frozenset({plain}))
            plain = ""
        options.append(_required_by(op, av) or frozenset({""}))  # a group's own best may beat its forms
        exact = _exact(op, av)
        if exact is not None and len(run) * len(exact) <= _MAX_STRINGS:
            run = frozenset(a + b for a in run for b in exact)
            continue
        options.append(run)
        run = exact if exact is not None else frozenset({""})
    options += [run, frozenset({plain})]
    return [_minimal(o) for o in options if "" not in o]


def _required_by(op: object, av: object) -> frozenset[str] | None:
    """What an element that matches too many strings to list still requires."""
    if op is _P.SUBPATTERN:
        return _required_in(list(av[-1]))  # type: ignore[index]
    if _ATOMIC is not None and op is _ATOMIC:
        return _required_in(list(av))  # type: ignore[call-overload]
    if op is _P.BRANCH:
        out: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            need = _required_in(list(branch))
            if need is None:
                return None
            out |= need
        return frozenset(out)
    if op in _REPEATS and av[0] >= 1:  # type: ignore[index]
        return _required_in(list(av[2]))  # type: ignore[index]
    return None


def _exact(op: object, av: object) -> frozenset[str] | None:
    """Every (folded) string an element can match, when they are few and plain ASCII; else None."""
    if op is _P.LITERAL:
        return frozenset({chr(av).lower()}) if 0 < av < 128 else None  # type: ignore[operator]
    if op is _P.IN:
        chars = [chr(c).lower() for kind, c in av if kind is _P.LITERAL and 0 < c < 128]  # type: ignore[union-attr]
        return frozenset(chars) if chars and len(chars) == len(av) else None  # type: ignore[arg-type]
    if op is _P.SUBPATTERN:
        return _exact_seq(list(av[-1]))  # type: ignore[index]
    if op is _P.BRANCH:
        out: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            forms = _exact_seq(list(branch))
            if forms is None:
                return None
            out |= forms
        return frozenset(out) if len(out) <= _MAX_STRINGS else None
    if op in _REPEATS and av[0] == 0 and av[1] == 1:  # type: ignore[index]
        forms = _exact_seq(list(av[2]))  # type: ignore[index]
        return None if forms is None else forms | {""}
    return None


def _exact_seq(items: list) -> frozenset[str] | None:
    out = frozenset({""})
    for op, av in items:
        forms = _exact(op, av)
        if forms is None or len(out) * len(forms) > _MAX_STRINGS:
            return None
        out = frozenset(a + b for a in out for b in forms)
    return out


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """Drop strings that contain another of the set (text holding "seeds" holds "seed")."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


_SHARE_WITH = {1: 1.0, 2: 0.3, 3: 0.05, 4: 0.01}  # rough share of sentences holding a string of this length
_LOOKUP_COST = 0.005  # looking one string up in a document costs about as much as trying a regex on 0.5% of it


def _cost(need: frozenset[str]) -> float:
    """Rough cost of a requirement: each string is looked up once per document, and each sentence
    that holds one (short strings are common) is then tried with the regex."""
    return sum(_SHARE_WITH.get(len(s), 0.003) + _LOOKUP_COST for s in need)


_LETTERS = tuple((a, re.compile(a, re.I)) for a in "abcdefghijklmnopqrstuvwxyz")
_MAX_ALIASES = 65_536
_ALIASES: dict[str, str] = {}  # non-ASCII character -> the ASCII letter it matches case-insensitively, or itself


def fold_case(text: str) -> str:
    """``text`` in lower case, with every character the regex engine matches to an ASCII letter under
    IGNORECASE (Kelvin sign, long s, dotted and dotless i ...) replaced by that letter."""
    if text.isascii():
        return text.lower()
    table = {}
    for ch in set(text):
        if ch.isascii():
            continue
        alias = _ALIASES.get(ch)
        if alias is None:
            alias = next((a for a, pat in _LETTERS if pat.fullmatch(ch)), ch)
            if len(_ALIASES) < _MAX_ALIASES:
                _ALIASES[ch] = alias
        if alias != ch:
            table[ord(ch)] = alias
    return (text.translate(table) if table else text).lower()


_PIECES: dict[str, frozenset[tuple[str, str, str]]] = {}  # literal -> its three-character pieces


class LiteralIndex:
    """Which of several texts contain a literal string, answered fast and remembered.

    The texts are case-folded and joined by NUL (no required literal holds one). The set of the
    joined text's three-character pieces answers most questions without a search: a literal with a
    piece that never occurs is absent.
    """

    def __init__(self, texts: list[str]):
        folded = [fold_case(t) for t in texts]
        self.joined = joined = "\x00".join(folded)
        self.starts: list[int] = []
        at = 0
        for text in folded:
            self.starts.append(at)
            at += len(text) + 1
        self.trigrams = set(zip(joined, joined[1:], joined[2:]))
        self.memo: dict[str, tuple[int, ...]] = {}

    def containing(self, literals: frozenset[str]) -> set[int]:
        """Indices of the texts that contain one of ``literals``."""
        out: set[int] = set()
        memo, trigrams = self.memo, self.trigrams
        for lit in literals:
            found = memo.get(lit)
            if found is None:
                pieces = _PIECES.get(lit)
                if pieces is None:
                    pieces = _PIECES[lit] = frozenset(zip(lit, lit[1:], lit[2:]))
                found = memo[lit] = self._search(lit) if pieces <= trigrams else ()
            if found:
                out.update(found)
        return out

    def _search(self, lit: str) -> tuple[int, ...]:
        joined, starts, found = self.joined, self.starts, []
        at = joined.find(lit)
        while at >= 0:
            k = bisect.bisect_right(starts, at) - 1
            found.append(k)
            if k + 1 >= len(starts):
                break
            at = joined.find(lit, starts[k + 1])
        return tuple(found)

"""Find statements in a manuscript: sentence units with their section classes, and the
matcher that applies a :class:`~linter.statements.StatementSpec` to them.

A *unit* is one sentence of visible text (or one table row), with its 1-based line and the
set of section classes it sits in (its heading path plus a bold run-in label, classified by
the shared section synonyms). Hidden text (HTML comments, non-echoed chunks, front matter
other than the fields templates render: title, abstract, author note ...) and the reference
list are never evidence. Unit text has its line breaks collapsed, so a pattern matches a
statement wrapped over several source lines; the unit keeps the line where the sentence starts.

Matching is the costly part of checking a manuscript, so a cue regex is only tried on the units
that pass its literal gates (:func:`~linter.statements.literal_gates`), and
what a document has answered (units, matches, hypothetical sentences) is kept in ``doc.cache``.
The results are exactly those of trying every pattern on every unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.manuscript.document import Block, Document
from linter.model import Evidence, Location, Status
from linter.statements import LiteralIndex, StatementDB, StatementSpec, fold_case, literal_gates, load_statements

_ABBREV = {
    "e.g", "i.e", "et al", "al", "fig", "figs", "vs", "approx", "no", "nos", "dr", "prof", "ref", "refs", "eq",
    "eqs", "cf", "etc", "resp", "incl", "suppl", "sect", "vol", "ca", "st", "mr", "ms", "inc", "ltd", "co", "jr",
    "sr", "v", "ver", "min", "max", "tab", "approx", "mg", "dl", "kg",
}
_SPLIT = re.compile(r"(?<=[.!?;])[\"')\]]*\s+(?=[A-Z0-9(\[\"'“‘*_])|\n\s*\n")
_LEGEND = re.compile(r"\s*(Supplementary\s+|Additional\s+)?(Table|Figure|Fig\.?)\s*S?\d+[.:]", re.I)
_URL = re.compile(r"<?\b(?:https?://|www\.|doi\.org/)\S+>?", re.I)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")  # what _WORD_BEFORE's word holds
_LOOK_BACK = 256  # characters before a possible sentence break that decide whether it is one
MAX_EXCERPT = 220
# front-matter fields that document templates render as text (papaja's authornote, Quarto's abstract ...)
_FRONT_MATTER_KEYS = (("title", "title"), ("subtitle", "title"), ("abstract", "abstract"), ("summary", "abstract"),
                      ("funding", "funding"), ("authornote", "declarations"), ("author-note", "declarations"),
                      ("acknowledgements", "acknowledgements"), ("acknowledgments", "acknowledgements"),
                      ("thanks", "declarations"), ("disclosures", "conflicts"), ("conflicts", "conflicts"),
                      ("data-availability", "data-availability"), ("code-availability", "code-availability"))


@dataclass(frozen=True)
class Unit:
    text: str
    line: int
    classes: frozenset[str]
    block_index: int
    heading: str  # the nearest heading or run-in label, for "where reported"


_NOWHERE = Unit("", 0, frozenset(), -1, "")  # "nothing in the text describes it"
_TITLE = frozenset({"title"})


def units(doc: Document, db: StatementDB | None = None) -> list[Unit]:
    """Sentence units of the visible text (cached on the document)."""
    if "units" in doc.cache:
        return doc.cache["units"]
    db = db or load_statements()
    out: list[Unit] = []
    class_cache: dict[tuple[str, ...], frozenset[str]] = {}
    title_at = _title_heading(doc, db)
    for idx, block in enumerate(doc.blocks):
        if idx == title_at:
            out.append(Unit(_squash(block.text), block.line, _TITLE, idx, "title"))
            continue
        if block.hidden or block.kind in ("code", "html_comment", "front_matter"):
            continue
        classes = class_cache.get(block.section)
        if classes is None:
            acc: set[str] = set()
            for title in block.section:
                if not _is_paper_title(title, doc):
                    acc |= db.classify_heading(title)
            classes = frozenset(acc) if block.section else frozenset({"front"})
            class_cache[block.section] = classes
        if "references" in classes:
            if not _LEGEND.match(block.label or block.text):
                continue
            classes = frozenset({"legends"})  # figure/table legends placed after the reference list
        heading = block.section[-1] if block.section else ""
        if block.kind == "heading":
            continue
        if block.label:
            label_classes = db.classify_heading(block.label)
            classes = classes | label_classes
            heading = block.label
        if block.kind == "table":
            out.extend(_table_units(block, idx, classes, heading))
            continue
        line, counted = block.line, 0  # Block.line_of_offset, counted on from the previous sentence
        for text, offset in split_sentences(block.text):
            at = max(0, offset)
            if at < counted:
                line, counted = block.line, 0
            line += block.text.count("\n", counted, at)
            counted = at
            out.append(Unit(_squash(text), line, classes, idx, heading))
    out.extend(_front_matter_units(doc, db))
    out.extend(_latex_title_unit(doc, title_at))
    doc.cache["units"] = out
    return out


def _is_paper_title(title: str, doc: Document) -> bool:
    """The paper's title typeset as the top heading says nothing about the sections under it."""
    return title == doc.title and len(title.split()) >= 4


def _has_front_matter_title(doc: Document) -> bool:
    return bool(_strings((doc.front_matter or {}).get("title")).strip())


def _title_heading(doc: Document, db: StatementDB) -> int | None:
    """Index of the block that is the document's title: its first heading, when that heading is of
    level 1 and is not a section heading ("Abstract", "Introduction" ...; a long heading that happens to
    contain such a word still counts). ``None`` when the front matter or ``\\title`` gives the title."""
    if _has_front_matter_title(doc) or _latex_title_line(doc):
        return None
    levels = {s.line: s.level for s in doc.sections}
    for idx, block in enumerate(doc.blocks):
        if block.kind != "heading":
            continue
        if levels.get(block.line, len(block.section)) != 1 or not block.text.strip():
            return None
        if db.classify_heading(block.text) and len(block.text.split()) < 4:
            return None
        return idx
    return None


_LATEX_TITLE = re.compile(r"^\s*\\title\s*(\[[^\]]*\])?\s*\{")


def _latex_title_line(doc: Document) -> int | None:
    """Line of a LaTeX ``\\title{...}`` that gave the document its title (an empty one gives none)."""
    if doc.format != "latex" or not doc.title:
        return None
    first_word = doc.title.split()[0]
    for n, line in enumerate(doc.lines, start=1):
        if _LATEX_TITLE.match(line):
            return n if first_word in " ".join(doc.lines[n - 1 : n + 2]) else None
    return None


def _latex_title_unit(doc: Document, title_at: int | None) -> list[Unit]:
    line = _latex_title_line(doc) if title_at is None else None
    if not line or not doc.title:
        return []
    return [Unit(_squash(doc.title), line, _TITLE, -2, "title")]


def split_sentences(text: str) -> list[tuple[str, int]]:
    """Split prose into sentences with their start offsets, minding abbreviations and decimals."""
    pieces: list[tuple[str, int]] = []
    start = 0
    for m in _SPLIT.finditer(text):
        lo = max(start, m.start() - _LOOK_BACK)  # a long run of abbreviations must not cost quadratic time
        verdict = _abbreviation_before(text[lo : m.start()], lo == start)
        if verdict is None:  # the window was too short to tell
            verdict = _abbreviation_before(text[start : m.start()], True)
        if verdict:
            continue
        chunk = text[start : m.start()]
        if chunk.strip():
            pieces.append((chunk.strip(), start + (len(chunk) - len(chunk.lstrip()))))
        start = m.end()
    tail = text[start:]
    if tail.strip():
        pieces.append((tail.strip(), start + (len(tail) - len(tail.lstrip()))))
    return pieces


def _abbreviation_before(before: str, whole: bool) -> bool | None:
    """Does ``before`` (the text since the last break) end in an abbreviation or an initial, so that
    no sentence ends there? With ``whole`` False it is only the end of that text: ``None`` when the
    answer could depend on what lies before it."""
    before = before.rstrip("\"')]")
    if not whole and _WORD_CHARS.issuperset(before.removesuffix("\n")):
        return None  # the word before the break may start before the window ($ matches before a final \n too)
    w = _WORD_BEFORE.search(before)
    if not w:
        return False
    word = w.group(1)
    if word.lower().rstrip(".") in _ABBREV:
        return True
    if len(word) != 1:
        return False
    if not whole and before[w.start() : w.start() + 1] in ("R", "C"):
        prev = before[: w.start()].rstrip()
        if not any(ch.isspace() for ch in prev):
            return None  # the word before the letter may start before the window
    return _initial(before, w.start())


def _initial(before: str, at: int) -> bool:
    """Is the single letter ending ``before`` an initial ("J. Smith") rather than a word ("done in R.")?"""
    if before[at:at + 1] not in ("R", "C"):  # the one-letter languages
        return True
    prev = before[:at].rstrip()
    if not prev or prev.endswith((",", "&", ".")):
        return True
    word = prev.split()[-1]
    return word[:1].isupper() or word.lower() in {"by", "and", "thank", "thanks", "dr", "prof"}


def _table_units(block: Block, idx: int, classes: frozenset[str], heading: str) -> list[Unit]:
    """One unit per row ("header: cell ; ..."); the readers put row k on text line k's source line."""
    if not block.rows:
        return []
    header = block.rows[0]
    text_lines = [n for n, t in enumerate(block.text.split("\n")) if t.strip()]
    line_of = [block.line + text_lines[k] if k < len(text_lines) else block.end_line for k in range(len(block.rows))]
    out = [Unit(_squash(" ; ".join(header)), block.line, classes, idx, heading)]
    for r, row in enumerate(block.rows[1:], start=1):
        cells = [f"{h}: {c}" if h else c for h, c in zip(header, row)]
        out.append(Unit(_squash(" ; ".join(cells)), line_of[r], classes, idx, heading))
    return out


def _squash(text: str) -> str:
    """Collapse line breaks and runs of spaces, so patterns match statements wrapped over lines."""
    return " ".join(text.split())


def _front_matter_units(doc: Document, db: StatementDB) -> list[Unit]:
    """Title and abstract given in YAML front matter are rendered, so they count as text."""
    fm = doc.front_matter or {}
    out = []
    start = doc.front_matter_lines[0] if doc.front_matter_lines else 1
    for key, cls in _FRONT_MATTER_KEYS:
        value = _strings(fm.get(key))
        if not value.strip():
            continue
        line = _line_of_key(doc, key, start)
        for text, _off in split_sentences(value):
            out.append(Unit(_squash(text), line, frozenset({cls}), -1, key))
    return out


def _strings(value: object) -> str:
    """The text in a front-matter value: a string, or the strings inside a list or mapping
    (Quarto lets ``funding:`` be a list of ``{statement: ...}`` entries)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_strings(v) for v in value.values()).strip()
    if isinstance(value, list):
        return " ".join(_strings(v) for v in value).strip()
    return ""


def _line_of_key(doc: Document, key: str, default: int) -> int:
    if not doc.front_matter_lines:
        return default
    a, b = doc.front_matter_lines
    pat = re.compile(rf"^\s*{re.escape(key)}\s*:")
    for n in range(a, min(b, len(doc.lines)) + 1):
        if pat.match(doc.lines[n - 1]):
            return n
    return default


def in_scope(unit: Unit, sections: tuple[str, ...]) -> bool:
    return in_scope_classes(unit.classes, sections)


def in_scope_classes(classes: frozenset[str], sections: tuple[str, ...]) -> bool:
    return "any" in sections or bool(classes.intersection(sections))


@dataclass
class StatementHit:
    unit: Unit
    strength: Status  # REPORTED or PARTIAL (MANUAL: the item may not apply, see find_statement)
    note: str
    at_home: bool
    rank: int = 0  # among hits of equal strength, higher ranks are shown first as evidence


def find_statement(doc: Document, spec: StatementSpec, db: StatementDB | None = None,
                   sections: tuple[str, ...] | None = None) -> list[StatementHit]:
    """Every unit that states ``spec``, with its strength (reported / partial).

    When the spec's applicability conditions say the item may not apply to this manuscript (e.g. no
    model or random procedure is described at all) and nothing states it, the single hit returned
    has strength ``manual`` and a note saying why; :func:`best_status` then answers ``manual``.
    """
    db = db or load_statements()
    if spec.extractor:
        hits = _extracted(doc, spec, db)
    else:
        hits = _match(doc, spec, db, sections or spec.sections)
    if not hits and (spec.applies_if or spec.applies_unless):
        why = _not_applicable_because(doc, spec, db)
        if why is not None:
            return [StatementHit(why, Status.MANUAL, spec.applicability_note or "this item may not apply here", False)]
    return hits


def _extracted(doc: Document, spec: StatementSpec, db: StatementDB) -> list[StatementHit]:
    """Hits from a named fact extractor (``extractor:`` in the statements file)."""
    if spec.extractor != "software-versions":
        raise KeyError(f"statement {spec.name!r}: unknown extractor {spec.extractor!r}")
    from linter.textfacts import judge_software_versions  # textfacts builds on this module

    judged = judge_software_versions(doc, db)
    per_unit: dict[tuple[int, str], int] = {}
    for v in judged.versions:  # one hit per sentence; the sentence naming most versions comes first
        per_unit[(v.line, v.text)] = per_unit.get((v.line, v.text), 0) + 1
    return [StatementHit(Unit(text, line, frozenset(), -1, ""), judged.status, judged.note, False, count)
            for (line, text), count in per_unit.items()]


def _match(doc: Document, spec: StatementSpec, db: StatementDB, scope: tuple[str, ...]) -> list[StatementHit]:
    """The hits of ``spec`` in ``doc`` (remembered on the document: checks ask for the same one again)."""
    key = ("match", id(spec), scope)
    memo = doc.cache.get(key)
    if memo is None or memo[0] is not spec:  # the spec itself is kept, so its id cannot be reused meanwhile
        memo = doc.cache[key] = (spec, _match_units(doc, spec, db, scope))
    return list(memo[1])


def _match_units(doc: Document, spec: StatementSpec, db: StatementDB, scope: tuple[str, ...]) -> list[StatementHit]:
    all_units = units(doc, db)
    texts = _texts(doc, db, spec.mask_urls)
    always, gated = _cue_plan(doc, db, spec)
    hits: list[StatementHit] = []
    for k in _worth_trying(doc, db, spec, scope, always, gated):
        unit = all_units[k]
        at_home = bool(unit.classes.intersection(spec.home))
        text = texts[k]
        cue = any(p.search(text) for p in always) or any(p.search(text) for p in gated.get(k, ()))
        if cue and spec.has("context") and not spec.any("context", text):
            cue = False
        if not cue and at_home and spec.any("home_cues", text):
            cue = True
        if not cue or spec.any("exclude", text):
            continue
        if not at_home and not spec.allow_hypothetical and _is_hypothetical(doc, db, text):
            continue
        if spec.any("negation", text):
            if spec.any("weak", text):  # "not public, but available from the authors on request"
                hits.append(StatementHit(unit, Status.PARTIAL, _weak_note(spec), at_home))
            elif spec.negative_counts or spec.any("negative_counts_if", _window(all_units, k)):
                hits.append(StatementHit(unit, Status.REPORTED, "explicit negative statement", at_home))
            elif spec.negation_is_partial:
                note = spec.negation_note or "says it is not available but gives no reason or access route"
                hits.append(StatementHit(unit, Status.PARTIAL, note, at_home))
            continue
        if spec.any("weak", text):
            hits.append(StatementHit(unit, Status.PARTIAL, _weak_note(spec), at_home))
        elif spec.has("complete") and not spec.any("complete", _window(all_units, k)):
            hits.append(StatementHit(unit, Status.PARTIAL, "mentioned, but without the specifics (values, links or route)", at_home))
        else:
            hits.append(StatementHit(unit, Status.REPORTED, "", at_home))
    return hits


def _cue_plan(doc: Document, db: StatementDB, spec: StatementSpec) -> tuple[list[re.Pattern[str]], dict[int, list[re.Pattern[str]]]]:
    """The cue patterns to try on every unit, and per unit the others: those whose literal gates
    (:func:`~linter.statements.literal_gates`) it passes. Only whether a cue matches counts."""
    always: list[re.Pattern[str]] = []
    gated: dict[int, list[re.Pattern[str]]] = {}
    for pat in spec.patterns.get("cues", ()):
        gates = literal_gates(pat)
        if not gates:
            always.append(pat)
            continue
        passing = _units_containing(doc, db, gates[0], spec.mask_urls)
        for need in gates[1:]:
            if passing:
                passing.intersection_update(_units_containing(doc, db, need, spec.mask_urls))
        for k in passing:
            gated.setdefault(k, []).append(pat)
    return always, gated


def _worth_trying(doc: Document, db: StatementDB, spec: StatementSpec, scope: tuple[str, ...],
                  always: list[re.Pattern[str]], gated: dict[int, list[re.Pattern[str]]]) -> list[int]:
    """Indices (in order) of the units in reach of ``spec`` (in scope or at home, not in a barred
    section) where a cue could match, or, at home, a home cue."""
    reach: list[int] = []
    home: list[int] = []
    for classes, members in _class_groups(doc, db).items():
        at_home = bool(classes.intersection(spec.home))
        if (in_scope_classes(classes, scope) or at_home) and not classes.intersection(spec.not_sections):
            reach.extend(members)
            if at_home:
                home.extend(members)
    if always:
        return sorted(reach)
    wanted = set(gated)
    if spec.has("home_cues"):
        wanted.update(home)
    return sorted(wanted.intersection(reach))


def _is_hypothetical(doc: Document, db: StatementDB, text: str) -> bool:
    """:meth:`StatementDB.is_hypothetical`, remembered per text (many detectors ask about one sentence)."""
    key = ("hypothetical", id(db))
    memo = doc.cache.get(key)
    if memo is None or memo[0] is not db:
        memo = doc.cache[key] = (db, {})
    known = memo[1].get(text)
    if known is None:
        known = memo[1][text] = db.is_hypothetical(text)
    return known


def _class_groups(doc: Document, db: StatementDB) -> dict[frozenset[str], list[int]]:
    """Unit indices grouped by their section classes (few distinct sets, many units)."""
    groups = doc.cache.get("unit_class_groups")
    if groups is None:
        groups = {}
        for k, unit in enumerate(units(doc, db)):
            groups.setdefault(unit.classes, []).append(k)
        doc.cache["unit_class_groups"] = groups
    return groups


def _texts(doc: Document, db: StatementDB, mask_urls: bool) -> list[str]:
    """The units' texts, with links blanked out when ``mask_urls``."""
    key = "unit_texts_masked" if mask_urls else "unit_texts"
    texts = doc.cache.get(key)
    if texts is None:
        texts = doc.cache[key] = [_URL.sub(" ", u.text) if mask_urls else u.text for u in units(doc, db)]
    return texts


def _units_containing(doc: Document, db: StatementDB, literals: frozenset[str], mask_urls: bool) -> set[int]:
    """Indices of the units whose (case-folded) text contains one of ``literals``. With links blanked
    out, only the units that had a link can differ from the plain text: those are looked at directly."""
    index = doc.cache.get("literal_index")
    if index is None:
        index = doc.cache["literal_index"] = LiteralIndex(_texts(doc, db, False))
    found = index.containing(literals)
    if not mask_urls:
        return found
    changed = doc.cache.get("unit_texts_masked_folded")
    if changed is None:
        plain, masked = _texts(doc, db, False), _texts(doc, db, True)
        changed = doc.cache["unit_texts_masked_folded"] = {
            k: fold_case(m) for k, (p, m) in enumerate(zip(plain, masked)) if p != m}
    found.difference_update(changed)
    found.update(k for k, text in changed.items() if any(lit in text for lit in literals))
    return found


def _weak_note(spec: StatementSpec) -> str:
    return spec.weak_note or "weak form (e.g. available on request only)"


def _not_applicable_because(doc: Document, spec: StatementSpec, db: StatementDB) -> Unit | None:
    """The unit that shows the item may not apply (or a placeholder for 'nothing describes X'), else None."""
    for name in spec.applies_unless:
        found = _condition(doc, name, db)
        if found:
            return found[0].unit
    for name in spec.applies_if:
        if not _condition(doc, name, db):
            return _NOWHERE
    return None


def _condition(doc: Document, name: str, db: StatementDB) -> list[StatementHit]:
    key = f"condition:{name}"
    if key not in doc.cache:
        other = db.statements[name]
        doc.cache[key] = _match(doc, other, db, other.sections)
    return doc.cache[key]


def _window(all_units: list[Unit], k: int) -> str:
    """The sentence with its neighbours in the same block (a statement often spans two sentences);
    a sentence ending in a colon also takes the next block's first sentence ("Code is at:" + a link)."""
    unit = all_units[k]
    parts = [unit.text]
    if k + 1 < len(all_units) and (all_units[k + 1].block_index == unit.block_index or unit.text.endswith(":")):
        parts.append(all_units[k + 1].text)
    if k > 0 and all_units[k - 1].block_index == unit.block_index:
        parts.insert(0, all_units[k - 1].text)
    return " ".join(parts)


def best_status(hits: list[StatementHit]) -> Status:
    if any(h.strength is Status.REPORTED for h in hits):
        return Status.REPORTED
    if any(h.strength is Status.PARTIAL for h in hits):
        return Status.PARTIAL
    if hits:
        return Status.MANUAL
    return Status.MISSING


def to_evidence(doc: Document, hits: list[StatementHit], check: str, limit: int = 3) -> list[Evidence]:
    real = [h for h in hits if h.strength in (Status.REPORTED, Status.PARTIAL)]
    ranked = sorted(real, key=lambda h: (h.strength is not Status.REPORTED, -h.rank, not h.at_home, h.unit.line))
    out = []
    for h in ranked[:limit]:
        out.append(Evidence(Location(doc.path, h.unit.line), excerpt(h.unit.text), check, h.strength.value))
    return out


def excerpt(text: str) -> str:
    t = " ".join(text.split())
    return t if len(t) <= MAX_EXCERPT else t[: MAX_EXCERPT - 1] + "…"

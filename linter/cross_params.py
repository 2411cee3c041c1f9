"""Hyperparameter values stated in a manuscript (prose and tables) and in methods metadata.

Names are matched through ``linter/knowledge/hparam_synonyms.yaml``; numbers are normalised so that
``1e-3``, ``0.001``, ``10^-3``, ``10−3`` and ``1 × 10⁻³`` are the same value. Extraction is deliberately
narrow: a value counts only when it sits right after the name ("learning rate of 0.001", "lr = 1e-3"),
right before a counted noun ("500 trees"), or in a hyperparameter table cell. Lists, ranges, search
spaces, schedules ("decayed to 1e-5") and sentences giving several values for one name are skipped:
a missed value is reported as nothing, a misread one would be a false contradiction.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from linter.manuscript.document import Block, Document

_EXP = r"\{?\s*[-−]?\s*\d{1,3}\s*\}?"
_MANT = r"(?:\d+(?:\.\d+)?\s*(?:[x×·*]|\\times)\s*)?"
NUMBER = (
    rf"(?:{_MANT}10\s*(?:\^|\*\*)\s*{_EXP}"
    rf"|{_MANT}10\s*−\s*\d{{1,2}}(?!\d)"
    rf"|{_MANT}10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+"
    r"|\d+(?:\.\d+)?[eE]\s*[-+−]?\d+"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"
    r"|\d*\.\d+|\d+)"
)
_NUM_RE = re.compile(rf"(?<![\w.]){NUMBER}(?P<pct>\s*%)?")
_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_GAP = re.compile(
    r"(?:\s*(?:\([^()\d]{1,24}\)|\((?=\s*[\d.])|\b(?:of|was|were|is|are|be|been|set|to|at|fixed|equal|equals|as|the|a|an|value"
    r"|final|selected|chosen|used|using|with|rate|probability|ratio|p|about|approximately)\b|[:=≈~]|,))*\s*",
    re.I,
)
_LIST_AFTER = re.compile(rf"\s*(?:,|\band\b|\bor\b|\bto\b|\bthrough\b|-|–|—|/|\.\.)\s*{NUMBER}\s*%?", re.I)
_SKIP_BEFORE = re.compile(r"\b(?:final|minimum|min|end|ending|decayed|reduced|lowest|warm-?up|target|search|candidate"
                          r"|range|ranges|grid)\s*$", re.I)
_SKIP_BEFORE_COUNT = re.compile(r"(?:\b(?:first|last|every|after|each|within|per|additional|further|next|than|top"
                                r"|remaining|extra|another|of\s+the)|[-–—]|\bto|\d)\s*$", re.I)
_EXCLUDED_HEADER = re.compile(r"search|range|grid|candidate|space|default|\bmin|\bmax|lower|upper|tested|tried|explored"
                              r"|option|distribution|prior|description|type|note|unit|interval|step", re.I)
_PREFERRED_HEADER = re.compile(r"selected|final|chosen|optimal|best|value|used|setting", re.I)
_METRIC_HEADER = re.compile(r"auroc|auc|accuracy|f1|loss|score|sensitivity|specificity|precision|recall|brier|c-index"
                            r"|mse|mae|rmse|error|ppv|npv|dice|iou|calibration", re.I)
_PARAM_HEADER = re.compile(r"parameter|setting", re.I)
_FOOTNOTE = re.compile(r"^[*_`]+|[*_`†‡§¶#]+$|\s*\([^()]*\)\s*$|\s*\[[^\[\]]*\]\s*$")


@dataclass(frozen=True)
class ParamSpec:
    key: str
    label: str
    prose: tuple[str, ...]
    ambiguous: tuple[str, ...]
    counted: tuple[str, ...]
    code: tuple[str, ...]
    integer: bool = False
    percent: bool = False
    exclude_contexts: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatedParam:
    """A hyperparameter value the manuscript (or metadata) states. ``value`` is the number as
    written (50 for "50%"), ``percent`` says it was a percentage."""

    name: str  # canonical key from hparam_synonyms.yaml
    raw: str  # the spelling used
    value: float
    percent: bool
    path: str
    line: int | None
    text: str = ""
    family: str | None = None
    source: str = "text"  # text | table | metadata

    def candidates(self) -> tuple[float, ...]:
        return (self.value, self.value / 100.0) if self.percent else (self.value,)

    def shown(self) -> str:
        return format_number(self.value) + ("%" if self.percent else "")


class Synonyms:
    """Compiled hyperparameter name tables."""

    def __init__(self, raw: dict[str, Any]):
        self.params: dict[str, ParamSpec] = {}
        for key, body in raw["params"].items():
            self.params[key] = ParamSpec(
                key, body.get("label", key), tuple(body.get("prose", ())), tuple(body.get("ambiguous", ())),
                tuple(body.get("counted", ())), tuple(body.get("code", ())), bool(body.get("integer")),
                bool(body.get("percent")), tuple(x.lower() for x in body.get("exclude_contexts", ())))
        self.context = re.compile(r"\b(?:" + "|".join(raw.get("context_words", [])) + r")", re.I)
        self.context_exclude = re.compile(r"\b(?:" + "|".join(raw.get("context_exclude", []) or ["(?!)"]) + r")", re.I)
        self._code = {_norm_code(n): p.key for p in self.params.values() for n in p.code}
        self._cell: dict[str, tuple[str, bool]] = {}
        for p in self.params.values():
            for n in p.ambiguous:
                self._cell.setdefault(_norm_cell(n), (p.key, True))
        for p in self.params.values():
            for n in p.prose:
                self._cell.setdefault(_norm_cell(n), (p.key, False))
            for n in p.code:
                self._cell.setdefault(_norm_cell(n), (p.key, len(n) <= 1))
        self.prose_re = _alternation({n: p.key for p in self.params.values() for n in p.prose}, re.I)
        amb = {n: p.key for p in self.params.values() for n in p.ambiguous}
        self.amb_re = _alternation({n: k for n, k in amb.items() if len(n) > 1}, re.I)
        self.amb_letter_re = _alternation({n: k for n, k in amb.items() if len(n) == 1}, 0)
        counted = {n: p.key for p in self.params.values() for n in p.counted}
        self.counted_re = re.compile(rf"(?<![\w.]){NUMBER}(?=\s+(?P<noun>{'|'.join(_phrase(n) for n in _longest(counted))})"
                                     r"(?![\w-]))", re.I)
        self._counted = {_norm_cell(n): k for n, k in counted.items()}

    def for_code(self, name: str) -> str | None:
        """Canonical key for a code identifier (``lr``, ``model.optimizer.lr``, ``--learning-rate``)."""
        n = _norm_code(name)
        if n in self._code:
            return self._code[n]
        last = n.rsplit(".", 1)[-1]
        return self._code.get(last)

    def for_name(self, name: str) -> str | None:
        """Canonical key for a name as written in metadata (library or prose spelling)."""
        hit = self.for_code(name)
        if hit:
            return hit
        cell = self._cell.get(_norm_cell(name))
        return cell[0] if cell else None

    def for_cell(self, cell: str) -> tuple[str, bool] | None:
        return self._cell.get(_norm_cell(_clean_cell(cell)))

    def for_counted(self, noun: str) -> str | None:
        return self._counted.get(_norm_cell(noun))


def _phrase(name: str) -> str:
    return r"[\s\-_]+".join(re.escape(w) for w in re.split(r"[\s_\-]+", name.strip()))


def _longest(names: dict[str, str]) -> list[str]:
    return sorted(names, key=len, reverse=True)


def _alternation(names: dict[str, str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    body = "|".join(_phrase(n) for n in _longest(names))
    return re.compile(rf"(?<![\w.\-])(?:{body})(?![\w\-])", flags)


def _norm_code(name: str) -> str:
    return name.strip().lstrip("-").replace("-", "_").lower()


def _norm_cell(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def _clean_cell(cell: str) -> str:
    prev = None
    text = cell.strip()
    while prev != text:
        prev = text
        text = _FOOTNOTE.sub("", text).strip().rstrip(":").strip()
    return text


@functools.lru_cache(maxsize=1)
def synonyms() -> Synonyms:
    path = resources.files("linter") / "knowledge" / "hparam_synonyms.yaml"
    return Synonyms(yaml.safe_load(path.read_text(encoding="utf-8")))


def parse_number(text: Any) -> float | None:
    """A number as written in prose or configs → float (``"1e-3"``, ``"10^-3"``, ``"5 × 10⁻⁴"``)."""
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text) if math.isfinite(text) else None
    s = str(text).translate(_SUP).replace("−", "-").replace("\\times", "×").strip()
    s = re.sub(r"[\s{}$]", "", s).rstrip("%")
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?)[x×·*])?10(?:\^|\*\*)?(-?\d+)", s)
    if m and ("^" in s or "**" in s or "-" in s or m.group(1) or "10-" in str(text) or _has_sup(str(text))):
        mant = float(m.group(1)) if m.group(1) else 1.0
        exponent = int(m.group(2))
        return mant * 10.0 ** exponent if abs(exponent) <= 300 else None
    try:
        value = float(s.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _has_sup(text: str) -> bool:
    return any(ch in text for ch in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def format_number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def single_number(cell: str) -> tuple[float, bool] | None:
    """The number a table cell holds when it holds exactly one (footnote marks and a note allowed)."""
    text = _clean_cell(cell)
    m = re.fullmatch(rf"{NUMBER}(\s*%)?", text)
    if not m:
        return None
    value = parse_number(text)
    return (value, text.endswith("%")) if value is not None else None


# ---------------------------------------------------------------- prose


def from_sentence(text: str, syn: Synonyms | None = None) -> list[tuple[str, str, float, bool, int]]:
    """(key, raw name, value, percent, offset of the value) for every value stated in one sentence."""
    syn = syn or synonyms()
    norm = _normalise(text)
    context = bool(syn.context.search(norm)) and not syn.context_exclude.search(norm)
    found: list[tuple[str, str, float, bool, int, int]] = []
    for pattern, needs_context in ((syn.prose_re, False), (syn.amb_re, True), (syn.amb_letter_re, True)):
        if pattern is None or (needs_context and not context):
            continue
        for m in pattern.finditer(norm):
            hit = _value_after(norm, m.end(), syn)
            if hit is None or _SKIP_BEFORE.search(norm[: m.start()]):
                continue
            cell = syn.for_cell(m.group(0))
            if cell:
                found.append((cell[0], m.group(0), *hit))
    taken = [(f[4], f[5]) for f in found]
    for m in syn.counted_re.finditer(norm):
        if any(a <= m.start() < b for a, b in taken) or _SKIP_BEFORE_COUNT.search(norm[: m.start()]):
            continue
        key = syn.for_counted(m.group("noun"))
        value = parse_number(m.group(0))
        if key and value is not None and not _list_before(norm, m.start(), taken):
            found.append((key, m.group("noun"), value, False, m.start(), m.end()))
    return _drop_repeated(found, syn)


def _normalise(text: str) -> str:
    """Same length as ``text`` (offsets stay valid): LaTeX math marks become spaces."""
    return text.replace("$", " ").replace("\\times", "×     ").replace("\\,", "  ")


def _value_after(text: str, end: int, syn: Synonyms) -> tuple[float, bool, int, int] | None:
    gap = _GAP.match(text, end)
    start = gap.end() if gap else end
    m = _NUM_RE.match(text, start)
    if not m:
        return None
    rest = text[m.end():]
    if re.match(r"[-–]?\s*fold\b|\s*[x×]\b|\s*(?:times|fold)\b", rest, re.I):
        return None
    lst = _LIST_AFTER.match(rest)
    if lst and (not re.match(r"\s*[A-Za-zα-ωΑ-Ω]", rest[lst.end():]) or re.match(r"\s*(?:and|or)\b", rest[lst.end():])):
        return None
    value = parse_number(m.group(0))
    if value is None:
        return None
    return value, bool(m.group("pct")), m.start(), m.end()


def _list_before(text: str, start: int, taken: list[tuple[int, int]]) -> bool:
    """A number right before (``100, 500 and 1000 trees``) that no name claimed makes this a list."""
    m = re.search(rf"(?<![\w.]){NUMBER}\s*%?\s*(?:,|\band\b|\bor\b|\bto\b|-|–|/)\s*$", text[:start], re.I)
    return bool(m) and not any(a <= m.start() < b for a, b in taken)


def _drop_repeated(found, syn: Synonyms) -> list[tuple[str, str, float, bool, int]]:
    """Several different values for one name in one sentence: a list or per-model values. Skip."""
    by_key: dict[str, set[float]] = {}
    for key, _raw, value, pct, *_ in found:
        by_key.setdefault(key, set()).add(value / 100.0 if pct else value)
    out = []
    for key, raw, value, pct, start, _end in found:
        spec = syn.params[key]
        if len(by_key[key]) > 1 or (pct and not spec.percent) or (spec.integer and not float(value).is_integer()):
            continue
        if any(o[0] == key for o in out):
            continue
        out.append((key, raw, value, pct, start))
    return out


# ---------------------------------------------------------------- tables


def from_table(block: Block, syn: Synonyms | None = None) -> list[tuple[str, str, float, bool, int, str]]:
    """(key, raw, value, percent, line, model label) for the values of a hyperparameter table."""
    syn = syn or synonyms()
    if len(block.rows) < 2:
        return []
    header = [_clean_cell(h) for h in block.rows[0]]
    body = list(enumerate(block.rows[1:], start=2))
    names_in_rows = [(r, row, _row_name(row, syn)) for r, row in body]
    recognised = {hit[1] for _r, _row, hit in names_in_rows if hit}
    param_table = any(_PARAM_HEADER.search(h) for h in header) or len(recognised) >= 2
    out: list[tuple[str, str, float, bool, int, str]] = []
    if any(hit for *_x, hit in names_in_rows):
        for r, row, hit in names_in_rows:
            if hit and (not hit[3] or param_table):
                out.extend(_row_values(block.line + r, row, header, hit))
    else:
        out.extend(_column_values(block, header, body, syn))
    return _table_consistent(out)


def _row_name(row: tuple[str, ...], syn: Synonyms) -> tuple[int, str, str, bool] | None:
    for j, cell in enumerate(row[:2]):
        hit = syn.for_cell(cell)
        if hit:
            return j, hit[0], _clean_cell(cell), hit[1]
    return None


def _row_values(line: int, row: tuple[str, ...], header: list[str], hit) -> list[tuple]:
    col, key, raw, _amb = hit
    cells = [(j, header[j] if j < len(header) else "", c) for j, c in enumerate(row) if j != col]
    cells = [(j, h, c) for j, h, c in cells if not _EXCLUDED_HEADER.search(h)]
    preferred = [(j, h, c) for j, h, c in cells if _PREFERRED_HEADER.search(h)]
    use = preferred or cells
    out = []
    for _j, h, c in use:
        num = single_number(c)
        if num is not None:
            model = "" if (preferred or not h or _PARAM_HEADER.search(h)) else h
            if col == 1 and not model:
                model = _clean_cell(row[0])
            out.append((key, raw, num[0], num[1], line, model))
    return out


def _column_values(block: Block, header: list[str], body, syn: Synonyms) -> list[tuple]:
    if any(_METRIC_HEADER.search(h) for h in header):
        return []
    out = []
    for j, h in enumerate(header):
        hit = syn.for_cell(h)
        if not hit or (hit[1] and not any(_PARAM_HEADER.search(x) for x in header)):
            continue
        for r, row in body:
            num = single_number(row[j]) if j < len(row) else None
            if num is not None:
                out.append((hit[0], h, num[0], num[1], block.line + r, _clean_cell(row[0]) if j else ""))
    return out


def _table_consistent(values: list[tuple]) -> list[tuple]:
    """One name with several values under no model label is an ablation or a grid: skip it."""
    seen: dict[tuple[str, str], set[float]] = {}
    for key, _raw, value, _pct, _line, model in values:
        seen.setdefault((key, model), set()).add(value)
    return [v for v in values if len(seen[(v[0], v[5])]) == 1]


# ---------------------------------------------------------------- documents and metadata


def params_from_doc(doc: Document, units_of_doc, line_of) -> list[StatedParam]:
    """Every stated hyperparameter value in the visible text and tables of ``doc``.

    ``units_of_doc`` and ``line_of`` are passed in by :mod:`linter.cross_facts` (sentence units and
    the exact line of an offset inside a unit)."""
    from linter.cross_facts import family_of

    syn = synonyms()
    out: list[StatedParam] = []
    tables: set[int] = set()
    for unit in units_of_doc:
        block = doc.blocks[unit.block_index] if unit.block_index >= 0 else None
        if block is not None and block.kind == "table":
            tables.add(unit.block_index)
            continue
        for key, raw, value, pct, offset in from_sentence(unit.text, syn):
            out.append(StatedParam(key, raw, value, pct, doc.path, line_of(unit, offset), unit.text,
                                   family_of(unit.text), "text"))
    for idx in sorted(tables):
        for key, raw, value, pct, line, model in from_table(doc.blocks[idx], syn):
            out.append(StatedParam(key, raw, value, pct, doc.path, line, model, family_of(model), "table"))
    return out


def params_from_metadata(metadata: dict[str, Any], path: str) -> list[StatedParam]:
    from linter.cross_facts import family_of

    syn = synonyms()
    out = []
    for entry in metadata.get("hyperparameters") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        key = syn.for_name(entry["name"])
        value = parse_number(entry.get("value"))
        if key and value is not None:
            model = str(entry.get("model") or "")
            out.append(StatedParam(key, entry["name"], value, False, path, None, model, family_of(model), "metadata"))
    return out

"""Facts a manuscript states that its code can confirm or contradict: seeds, software versions,
hyperparameter values (see :mod:`linter.cross_params`), the data split and dataset versions.

Each fact keeps the file and line it came from. Extraction is conservative: a number counts as a
seed only right after a seed cue ("seed 42", "random state of 2024", ``set.seed(123)``), never when
it counts something ("42 patients", "5 random seeds"); a version counts only for named software
(via :func:`linter.textfacts.software_versions`) or a known dataset. Methods metadata is read too:
``seeds.values``, ``splits``, ``software``, ``language``, ``hyperparameters`` and ``data.sources``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from linter.cross_params import StatedParam, params_from_doc, params_from_metadata
from linter.manuscript.document import Document
from linter.textfacts import software_versions
from linter.textscan import Unit, units

_SEED_CUE = re.compile(r"\b(?:random[\s_]+)?(?:seeds?|seeded\s+(?:[A-Za-z][\w.-]*\s+){0,3}?(?:with|at|to|using)|random[\s_]+states?|prng\s+seed"
                       r"|rng\s+seed)\b", re.I)
_SEED_GAP = re.compile(
    r"(?:\s*(?:\b(?:of|was|were|is|are|set|to|at|fixed|equal|equals|as|the|a|an|value|values|number|numbers|used"
    r"|using|with|being|all|for|experiments?|analyses|initiali[sz]ed|chosen|given|by|specified|kept|always)\b"
    r"|[:=(,]|\(s\)))*\s*", re.I)
_SEED_CALL = re.compile(r"\b(?:set\.seed|manual_seed(?:_all)?|random\.seed|set_seed|seed_everything|set_random_seed"
                        r"|RandomState|default_rng|PRNGKey)\s*\(\s*(?:seed\s*=\s*)?(\d{1,20})\s*\)")
_SEED_ASSIGN = re.compile(r"\b(?:random_state|random_seed|seed)\s*=\s*(\d{1,20})(?![\d.])")
_SEED_AFTER_OK = re.compile(r"\s*(?:$|[.,;:()\]]|(?:and|or|to|through|for|in|with|was|were|which|is|throughout|across"
                            r"|when|before|after|so|on|per|unless)\b|[-–—])", re.I)
_SEED_CONTEXT = re.compile(r"random|reproduc|\brng\b|prng|split|shuffl|initiali[sz]|cross-?validation|bootstrap|resampl"
                           r"|train|experiment|\bruns?\b|model|determinis|fixed|\bset\b|numpy|torch|python|analys|throughout|\bused\b"
                           r"|\bseeds?\s+(?:of|=|:)\s*\d", re.I)
_SEED_MORE = re.compile(r"\s*(?:,\s*|,?\s*(?:and|or)\s+)(\d{1,20})(?!\s*[.%]\d)")
_SEED_RANGE = re.compile(r"\s*(?:to|through|-|–|—|\.\.)\s*(\d{1,20})\b")
_SPLIT_CONTEXT = re.compile(r"split|partition|divid|allocat|assign|held[- ]?out|hold[- ]?out|holdout|\btrain|\btest"
                            r"|validation|development|derivation", re.I)
_TRAIN_WORD = re.compile(r"\btrain(?:ing)?\b", re.I)
_RATIO = re.compile(r"(?<![\w.])(\d{1,2}(?:\.\d)?)\s*%?\s*([/:])\s*(\d{1,2}(?:\.\d)?)\s*%?"
                    r"(?:\s*\2\s*(\d{1,2}(?:\.\d)?)\s*%?)?(?![\w/:.]|\s*(?:days?|h|hours?|years?)\b)")
_PERCENT = re.compile(r"(?<![\w.])(\d{1,2}(?:\.\d+)?)\s*%(?!\s*(?:CI\b|confidence|credible))")
_TRAIT_AFTER = re.compile(r"\s*(?:(?:were|was|had|are|is|have)\b(?!\s+(?:\w+\s+){0,3}?(?:used|held|kept|assigned|allocated"
                          r"|reserved|set\s+aside|randomi[sz]ed|for|as)\b)|of\s+whom|female|male|women|men)", re.I)
_SPLIT_VERB = re.compile(r"\b(?:split|partition|divided|dividing|allocat|assign|held[- ]?out|hold[- ]?out|holdout"
                         r"|reserved|set\s+aside|randomi[sz]ed\s+into)", re.I)
_PARTITION = {
    "train": re.compile(r"\btrain(?:ing)?\b|\bdevelopment\b|\bderivation\b", re.I),
    "test": re.compile(r"\btest(?:ing)?\b|\bheld[- ]?out\b|\bhold[- ]?out\b|\bholdout\b", re.I),
    "validation": re.compile(r"\bvalidation\b|\btuning\b", re.I),
}
_NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                            "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_FOLDS = re.compile(r"(?<![\w.])(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s*[-‐– ]\s*folds?\b(?!\s*(?:change|increase|"
                    r"decrease|higher|lower|greater|more|less|enrich|difference|reduction))", re.I)
_FOLDS_K = re.compile(r"\bk\s*=\s*(\d{1,2})\b")
_CV_CONTEXT = re.compile(r"cross[- ]?validat|\bcv\b|\bfolds?\b|k-fold", re.I)
_LEVEL = re.compile(r"\b(?:by|at\s+the|on\s+the|grouped\s+by|per)\s+(patient|participant|subject|individual|hospital|site|"
                    r"centre|center|person)(?:\s+level)?\b|\b(patient|participant|subject|hospital|site|centre|center)"
                    r"[- ]level\s+(?:split|partition|cross-?validation)", re.I)


@dataclass(frozen=True)
class Where:
    path: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class StatedSeed:
    value: int
    where: Where
    text: str = ""


@dataclass(frozen=True)
class StatedVersion:
    name: str  # as written
    key: str  # canonical package key, or the normalised name
    version: str
    where: Where
    is_language: bool = False
    known: bool = False  # a package guidelint knows (cross_names.yaml)


@dataclass(frozen=True)
class StatedSplit:
    """``kind``: proportions (value: dict partition -> fraction) | folds (int) | level (str)."""

    kind: str
    value: Any
    where: Where
    text: str = ""


@dataclass(frozen=True)
class StatedDataset:
    name: str  # canonical (MIMIC-IV)
    version: str
    where: Where


@dataclass
class StatedFacts:
    seeds: list[StatedSeed] = field(default_factory=list)
    versions: list[StatedVersion] = field(default_factory=list)
    params: list[StatedParam] = field(default_factory=list)
    splits: list[StatedSplit] = field(default_factory=list)
    datasets: list[StatedDataset] = field(default_factory=list)


# ---------------------------------------------------------------- knowledge


@dataclass(frozen=True)
class Names:
    packages: dict[str, tuple[str, str]]  # spelling -> (canonical, ecosystem)
    datasets: dict[str, tuple[re.Pattern[str], re.Pattern[str], str]]  # name -> (prose, code, physionet slug)
    families: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]


@functools.lru_cache(maxsize=1)
def names() -> Names:
    raw = yaml.safe_load((resources.files("linter") / "knowledge" / "cross_names.yaml").read_text(encoding="utf-8"))
    packages = {}
    for key, body in raw["packages"].items():
        for spelling in (key, *body.get("names", ())):
            packages[norm_package(spelling)] = (key, body.get("ecosystem", "any"))
    datasets = {name: (re.compile(r"(?<![\w-])(?:" + b["prose"] + r")", re.I), re.compile(b["code"], re.I),
                       str(b.get("physionet", ""))) for name, b in raw["datasets"].items()}
    families = {k: (tuple(v.get("prose", ())), tuple(v.get("code", ()))) for k, v in raw["families"].items()}
    return Names(packages, datasets, families)


def norm_package(name: str) -> str:
    return re.sub(r"[-_.\s]+", "-", name.strip().lower())


def package_key(name: str) -> tuple[str, bool]:
    """(canonical key, known) for a package spelling (``PyTorch`` -> ``torch``)."""
    n = norm_package(name)
    hit = names().packages.get(n)
    return (hit[0], True) if hit else (n, False)


def package_ecosystem(key: str) -> str:
    for canonical, eco in names().packages.values():
        if canonical == key:
            return eco
    return "any"


def family_of(text: str) -> str | None:
    """The one model family a piece of manuscript text names, or None (none or several)."""
    low = text.lower()
    hits = {k for k, (prose, _code) in names().families.items() if any(w in low for w in prose)}
    return hits.pop() if len(hits) == 1 else None


def code_family(text: str) -> str | None:
    low = text.lower()
    hits = {k for k, (_prose, code) in names().families.items() if any(w in low for w in code)}
    return hits.pop() if len(hits) == 1 else None


# ---------------------------------------------------------------- entry point


def stated_facts(doc: Document | None, metadata: dict[str, Any] | None = None,
                 metadata_path: str | None = None) -> StatedFacts:
    """Everything the manuscript and its metadata state that the code can be compared with."""
    out = StatedFacts()
    if doc is not None:
        all_units = units(doc)
        prose = [u for u in all_units if u.block_index < 0 or doc.blocks[u.block_index].kind != "table"]
        for unit in prose:
            out.seeds.extend(seeds_in(doc, unit))
            out.splits.extend(splits_in(doc, unit))
            out.datasets.extend(datasets_in(doc, unit))
        out.versions.extend(versions_in(doc))
        out.params.extend(params_from_doc(doc, all_units, lambda u, off: line_of(doc, u, off)))
    if metadata:
        _from_metadata(out, metadata, metadata_path or "methods.yaml")
    return out


def line_of(doc: Document, unit: Unit, offset: int) -> int:
    """The exact line of ``offset`` inside ``unit`` (sentences can span lines)."""
    if unit.block_index < 0:
        return unit.line
    block = doc.blocks[unit.block_index]
    collapsed, index = _collapsed(doc, unit.block_index)
    start = collapsed.find(" ".join(unit.text.split()))
    if start < 0:
        return unit.line
    prefix = " ".join(unit.text[:offset].split())
    at = start + len(prefix) + (1 if prefix and offset < len(unit.text) and unit.text[offset - 1].isspace() else 0)
    return block.line_of_offset(index[min(at, len(index) - 1)]) if index else unit.line


def _collapsed(doc: Document, idx: int) -> tuple[str, list[int]]:
    """The block's text with whitespace runs collapsed to one space, and each character's original offset
    (sentence units collapse whitespace, so offsets in a unit map back to source lines through this)."""
    key = ("cross_collapsed", idx)
    if key not in doc.cache:
        text = doc.blocks[idx].text
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(text):
            if ch.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    index.append(i)
                continue
            chars.append(ch)
            index.append(i)
        doc.cache[key] = ("".join(chars), index)
    return doc.cache[key]


# ---------------------------------------------------------------- seeds


def seeds_in(doc: Document, unit: Unit) -> list[StatedSeed]:
    text = unit.text
    found: dict[int, int] = {}
    for pattern in (_SEED_CALL, _SEED_ASSIGN):
        for m in pattern.finditer(text):
            found.setdefault(int(m.group(1)), m.start(1))
    if _SEED_CONTEXT.search(text):
        for m in _SEED_CUE.finditer(text):
            gap = _SEED_GAP.match(text, m.end())
            num = re.compile(r"(\d{1,20})(?![\d.,]\d|\s*%)").match(text, gap.end())
            if not num:
                continue
            values = _seed_values(text, num)
            if values is None:
                continue
            for v in values:
                found.setdefault(v, num.start(1))
    return [StatedSeed(v, Where(doc.path, line_of(doc, unit, off)), text) for v, off in found.items()]


def _seed_values(text: str, num: re.Match[str]) -> list[int] | None:
    first = int(num.group(1))
    rest_at = num.end()
    rng = _SEED_RANGE.match(text, rest_at)
    if rng and int(rng.group(1)) > first and int(rng.group(1)) - first <= 1000:
        if not _SEED_AFTER_OK.match(text, rng.end()):
            return None
        return list(range(first, int(rng.group(1)) + 1))
    values = [first]
    while True:
        more = _SEED_MORE.match(text, rest_at)
        if not more:
            break
        values.append(int(more.group(1)))
        rest_at = more.end()
    if not _SEED_AFTER_OK.match(text, rest_at):
        return None
    return values


# ---------------------------------------------------------------- versions


_PIN_IN_TEXT = re.compile(r"(?<![\w.-])([A-Za-z][\w.-]*[A-Za-z0-9])\s*==\s*(\d+(?:\.\d+)+)\b")


def versions_in(doc: Document) -> list[StatedVersion]:
    out = []
    seen: set[tuple[str, str]] = set()
    for unit in units(doc):  # requirement-style pins written in the text: "xgboost==1.7.3" (known packages only)
        for m in _PIN_IN_TEXT.finditer(unit.text):
            key, known = package_key(m.group(1))
            if known and (key, m.group(2)) not in seen:
                seen.add((key, m.group(2)))
                out.append(StatedVersion(m.group(1), key, m.group(2), Where(doc.path, line_of(doc, unit, m.start(2))),
                                         False, True))
    dataset_res = [p for p, _c, _s in names().datasets.values()]
    for sv in software_versions(doc):
        if any(p.fullmatch(sv.name) or p.match(sv.name) for p in dataset_res):
            continue
        key, known = package_key(sv.name)
        if (key, sv.version) in seen:
            continue
        out.append(StatedVersion(sv.name, key, sv.version, Where(doc.path, _version_line(doc, sv.line, sv.version)),
                                 sv.is_language, known))
    return out


def _version_line(doc: Document, line: int, version: str) -> int:
    for n in range(line, min(line + 8, len(doc.lines) + 1)):
        if version in doc.lines[n - 1]:
            return n
    return line


# ---------------------------------------------------------------- splits


def splits_in(doc: Document, unit: Unit) -> list[StatedSplit]:
    text = unit.text
    out: list[StatedSplit] = []

    def add(kind: str, value: Any, offset: int) -> None:
        out.append(StatedSplit(kind, value, Where(doc.path, line_of(doc, unit, offset)), text))

    if _SPLIT_VERB.search(text) or _TRAIN_WORD.search(text):
        ratio = _ratio(text)
        if ratio:
            add("proportions", ratio[0], ratio[1])
        else:
            labelled = _labelled_percentages(text) if _SPLIT_VERB.search(text) else None
            if labelled:
                add("proportions", labelled[0], labelled[1])
    if _CV_CONTEXT.search(text):
        for m in _FOLDS.finditer(text):
            k = _int_word(m.group(1))
            if k and 2 <= k <= 50:
                add("folds", k, m.start())
        if re.search(r"fold", text, re.I):
            for m in _FOLDS_K.finditer(text):
                add("folds", int(m.group(1)), m.start())
    level = _LEVEL.search(text)
    if level and _SPLIT_CONTEXT.search(text):
        add("level", (level.group(1) or level.group(2)).lower().replace("center", "centre"), level.start())
    return out


def _int_word(text: str) -> int | None:
    return int(text) if text.isdigit() else _NUMBER_WORDS.get(text.lower())


def _ratio(text: str) -> tuple[dict[str, float], int] | None:
    for m in _RATIO.finditer(text):
        parts = [float(g) for i, g in enumerate(m.groups()) if i != 1 and g]
        if len(parts) < 2 or abs(sum(parts) - 100) > 0.6 or any(p <= 0 for p in parts):
            continue
        fractions = [p / 100 for p in parts]
        names_ = ("train", "test") if len(fractions) == 2 else ("train", "validation", "test")
        return dict(zip(names_, fractions)), m.start()
    return None


def _labelled_percentages(text: str) -> tuple[dict[str, float], int] | None:
    labelled: dict[str, float] = {}
    first = None
    for m in _PERCENT.finditer(text):
        if _TRAIT_AFTER.match(text, m.end()):  # "46% were women": a characteristic of the set, not its size
            continue
        label = _nearest_partition(text, m.start(), m.end())
        if label and label not in labelled:
            labelled[label] = float(m.group(1)) / 100
            first = m.start() if first is None else first
    total = sum(labelled.values())
    if "test" not in labelled or total > 1.005 or first is None or labelled["test"] > 0.5:
        return None
    if len(labelled) > 1 and abs(total - 1) > 0.005:
        return None
    return labelled, first


def _nearest_partition(text: str, start: int, end: int) -> str | None:
    best, best_d = None, 41
    window_a, window_b = max(0, start - 40), min(len(text), end + 40)
    for label, pat in _PARTITION.items():
        for m in pat.finditer(text, window_a, window_b):
            d = start - m.end() if m.end() <= start else m.start() - end
            if 0 <= d < best_d:
                best, best_d = label, d
    return best


# ---------------------------------------------------------------- datasets


_DATASET_VERSION_AFTER = re.compile(
    r"\s*[(,]?\s*(?:database\s*)?(?:v\.?|version|release|ver\.)?\s*(\d+(?:\.\d+)+)(?![\d.]*%)", re.I)
_VERSION_OF = re.compile(r"\b(?:version|v\.?|release)\s*(\d+(?:\.\d+)+)\s+of\s+(?:the\s+)?", re.I)


def datasets_in(doc: Document, unit: Unit) -> list[StatedDataset]:
    text = unit.text
    out: list[StatedDataset] = []
    if not any(ch.isdigit() for ch in text):
        return out  # a dataset version needs a number
    version_of = list(_VERSION_OF.finditer(text))
    for name, (prose, _code, _slug) in names().datasets.items():
        for m in prose.finditer(text):
            after = _DATASET_VERSION_AFTER.match(text, m.end())
            if after:
                out.append(StatedDataset(name, after.group(1), Where(doc.path, line_of(doc, unit, after.start(1)))))
        for m in version_of:
            if prose.match(text, m.end()):
                out.append(StatedDataset(name, m.group(1), Where(doc.path, line_of(doc, unit, m.start(1)))))
    return out


# ---------------------------------------------------------------- metadata


def _from_metadata(out: StatedFacts, md: dict[str, Any], path: str) -> None:
    here = Where(path, None)
    seeds = md.get("seeds") if isinstance(md.get("seeds"), dict) else {}
    splits = md.get("splits") if isinstance(md.get("splits"), dict) else {}
    for v in [*(seeds.get("values") or []), splits.get("seed")]:
        if isinstance(v, int) and not isinstance(v, bool):
            out.seeds.append(StatedSeed(v, here, "seeds.values"))
    for entry in md.get("software") or []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("version"), str):
            key, known = package_key(entry["name"])
            out.versions.append(StatedVersion(entry["name"], key, entry["version"], here, False, known))
    lang = md.get("language")
    if isinstance(lang, dict) and isinstance(lang.get("name"), str) and isinstance(lang.get("version"), str):
        out.versions.append(StatedVersion(lang["name"], lang["name"].lower(), lang["version"], here, True, True))
    if isinstance(splits.get("n_folds"), int):
        out.splits.append(StatedSplit("folds", splits["n_folds"], here, "splits.n_folds"))
    props = splits.get("proportions")
    if isinstance(props, dict) and "test" in props:
        out.splits.append(StatedSplit("proportions", {k: float(v) for k, v in props.items()}, here, "splits.proportions"))
    elif isinstance(props, list) and len(props) in (2, 3):
        keys = ("train", "test") if len(props) == 2 else ("train", "validation", "test")
        out.splits.append(StatedSplit("proportions", dict(zip(keys, map(float, props))), here, "splits.proportions"))
    data = md.get("data") if isinstance(md.get("data"), dict) else {}
    for src in data.get("sources") or []:
        if isinstance(src, dict) and isinstance(src.get("name"), str) and isinstance(src.get("version"), str):
            for name, (prose, _c, _s) in names().datasets.items():
                if prose.fullmatch(src["name"].strip()):
                    out.datasets.append(StatedDataset(name, src["version"], here))
    out.params.extend(params_from_metadata(md, path))

"""The speed-ups of the manuscript matcher change no result (linter/statements.py literal gates,
linter/textscan.py). Each test compares against the plain way: every pattern on every sentence."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from linter import textscan
from linter.api import load_checklists
from linter.checklist import Group, Use
from linter.manuscript import parse_manuscript
from linter.model import Status
from linter.statements import LiteralIndex, compile_spec, fold_case, literal_gates, load_statements, required_literals
from linter.textscan import StatementHit, find_statement, split_sentences, units

ROOT = Path(__file__).resolve().parents[1]
FLAGS = re.I | re.S


def _pattern(p: str) -> re.Pattern[str]:
    return re.compile(p, FLAGS)


@pytest.mark.parametrize("pattern,expected", [
    (r"\brandom(ly)?\s+seeds?\b", {"random"}),
    (r"\bseeds?\b", {"seed"}),
    (r"optimi[sz]ation", {"optimi"}),
    (r"\b(optimi[sz]ation)\b", {"optimi"}),
    (r"\b(CI|CrI)\s*[:=]", {"ci", "cri"}),
    (r"\bleave[- ]one[- ](centre|site)[- ]out\b", {"leave"}),
    (r"(?-i:GitHub)|gitlab", {"github", "gitlab"}),
])
def test_required_literals_of_plain_patterns(pattern: str, expected: set[str]) -> None:
    assert required_literals(_pattern(pattern)) == frozenset(expected)


@pytest.mark.parametrize("pattern", [
    r"\d+\.\d+", r"(seed|)", r"(?:seed)?", r"a{0,3}b", r"(?=seed)\w+", r"(a)\1", r"[^x]+", r"(ab|c)",
    r"(?P<v>x)(?(v)seed|plant)", r"é+t?",
])
def test_patterns_without_a_useful_requirement_are_always_tried(pattern: str) -> None:
    assert required_literals(_pattern(pattern)) is None


def test_fold_case_maps_every_character_the_engine_matches_to_an_ascii_letter() -> None:
    bmp = "".join(chr(c) for c in range(0x80, 0x10000) if not 0xD800 <= c <= 0xDFFF)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for ch in re.findall(letter, bmp, re.I):
            assert fold_case(ch) == letter, (hex(ord(ch)), letter)
    assert fold_case("İnſtance of K and ı") == "instance of k and i"
    assert fold_case("Calibration Étude") == "calibration étude"


def _sentences() -> list[str]:
    texts = []
    for path in sorted(ROOT.glob("sample_reports/*/paper.md")) + sorted(ROOT.glob("tests/cross_cases/*/paper.md")):
        texts += [u.text for u in units(parse_manuscript(str(path), path.read_text(encoding="utf-8")))]
    rng = random.Random(3)
    twisted = []
    for t in texts:  # case changes and the characters IGNORECASE equates with ASCII letters
        t = t.upper() if rng.random() < 0.3 else t
        twisted.append(t.replace("i", "ı").replace("s", "ſ").replace("k", "\u212a").replace("I", "İ"))
    return texts + twisted


def _all_patterns() -> list[re.Pattern[str]]:
    db = load_statements()
    out = [p for spec in db.statements.values() for pats in spec.patterns.values() for p in pats]
    out += list(db.hypothetical)

    def uses(group: Group):
        for term in group.terms:
            yield from (uses(term) if isinstance(term, Group) else [term])

    for checklist in load_checklists(["tripod-ai", "repro-core", "consort-ai", "consort"]):
        for item in checklist.all_items():
            for use in uses(item.evidence) if item.evidence else ():
                if isinstance(use, Use) and use.check == "text.pattern":
                    out += [_pattern(p) for p in use.params["patterns"]]
    return out


def test_a_pattern_never_matches_text_that_fails_one_of_its_literal_gates() -> None:
    sentences = random.Random(5).sample(_sentences(), 400)
    folded = [fold_case(t) for t in sentences]
    gated = 0
    for pat in _all_patterns():
        gates = literal_gates(pat)
        gated += bool(gates)
        for text, low in zip(sentences, folded):
            if pat.search(text):
                for need in gates:
                    assert any(lit in low for lit in need), (pat.pattern, sorted(need), text)
    assert gated > 200  # most detector patterns do have a gate


def test_a_pattern_can_need_several_literals_at_once() -> None:
    assert literal_gates(_pattern(r"\brandom(ly)?\s+seeds?\b")) == (frozenset({"random"}), frozenset({"seed"}))
    assert literal_gates(_pattern(r"\d+\s*%")) == ()


def test_literal_index_agrees_with_substring_tests() -> None:
    sentences = _sentences()[:300]
    index = LiteralIndex(sentences)
    folded = [fold_case(t) for t in sentences]
    for lit in ["seed", "random", "ci", "github", "data are", "e", "zzzq", "95", "python 3", "ſ"]:
        expected = {k for k, low in enumerate(folded) if lit in low}
        assert index.containing(frozenset({lit})) == expected, lit


def _reference_split(text: str) -> list[tuple[str, int]]:
    """The sentence splitter as first written: look back over all the text since the last break."""
    pieces, start = [], 0
    for m in textscan._SPLIT.finditer(text):
        before = text[start:m.start()].rstrip("\"')]")
        w = textscan._WORD_BEFORE.search(before)
        if w and (w.group(1).lower().rstrip(".") in textscan._ABBREV
                  or (len(w.group(1)) == 1 and textscan._initial(before, w.start()))):
            continue
        chunk = text[start:m.start()]
        if chunk.strip():
            pieces.append((chunk.strip(), start + (len(chunk) - len(chunk.lstrip()))))
        start = m.end()
    tail = text[start:]
    if tail.strip():
        pieces.append((tail.strip(), start + (len(tail) - len(tail.lstrip()))))
    return pieces


_WORDS = ["e.g.", "Fig.", "et al.", "J.", "R.", "C.", "by", "and", "thanks", "Dr.", "The", "we", "model", "3.11.",
          "(Table", "1).", '"quoted."', "a.b.c.", "x" * 30 + ".", "ab." * 20, "&", "Smith,", "Prof.", "etc.", "!", "?",
          ";", "\u00a0", "Über.", "(", "A", "B.", ".", "..", "\n", ")", "R.\n", "by\u00a0R.", ",C."]
_SEPS = [" ", " ", "  ", "\n", "\n\n", " \n ", "\u00a0", ""]


@pytest.mark.parametrize("look_back", [1, 2, 3, 5, 8, 40, 256])
def test_split_sentences_looks_back_a_bounded_window_with_the_same_result(monkeypatch, look_back: int) -> None:
    monkeypatch.setattr(textscan, "_LOOK_BACK", look_back)
    rng = random.Random(look_back)
    for _ in range(400):
        text = "".join(rng.choice(_WORDS) + rng.choice(_SEPS) for _ in range(rng.randint(1, 80)))
        assert split_sentences(text) == _reference_split(text), repr(text)


def test_sentence_lines_in_a_long_paragraph() -> None:
    body = "\n".join(f"Sentence {i} holds a value of {i}. It is line {i}." for i in range(1, 200))
    doc = parse_manuscript("p.md", "# Methods\n\n" + body + "\n")
    found = {u.text: u.line for u in units(doc)}
    assert found["Sentence 1 holds a value of 1."] == 3
    assert found["It is line 150."] == 152
    block = next(b for b in doc.blocks if b.kind == "paragraph")
    for u in units(doc):
        assert u.line == block.line_of_offset(block.text.find(u.text))


def _reference_match(doc, spec, db, scope) -> list[StatementHit]:
    """The statement matcher without gates or memory: every pattern on every unit in reach."""
    all_units = units(doc, db)
    hits = []
    for k, unit in enumerate(all_units):
        at_home = bool(unit.classes.intersection(spec.home))
        if not (textscan.in_scope(unit, scope) or at_home) or unit.classes.intersection(spec.not_sections):
            continue
        text = textscan._URL.sub(" ", unit.text) if spec.mask_urls else unit.text
        if spec.any("exclude", text):
            continue
        cue = bool(spec.any("cues", text)) and (not spec.has("context") or bool(spec.any("context", text)))
        if not cue and not (at_home and spec.any("home_cues", text)):
            continue
        if not at_home and not spec.allow_hypothetical and db.is_hypothetical(text):
            continue
        window = textscan._window(all_units, k)
        if spec.any("negation", text):
            if spec.any("weak", text):
                hits.append((k, Status.PARTIAL))
            elif spec.negative_counts or spec.any("negative_counts_if", window):
                hits.append((k, Status.REPORTED))
            elif spec.negation_is_partial:
                hits.append((k, Status.PARTIAL))
            continue
        partial = spec.any("weak", text) or (spec.has("complete") and not spec.any("complete", window))
        hits.append((k, Status.PARTIAL if partial else Status.REPORTED))
    return hits


def test_gated_matcher_finds_what_trying_every_pattern_finds() -> None:
    db = load_statements()
    link_spec = compile_spec("t", {"cues": [r"\bzenodo\b", r"\bsubsample\b"], "mask_urls": True}, "t")
    specs = [s for s in db.statements.values() if not s.extractor] + [link_spec]
    paths = sorted(ROOT.glob("sample_reports/*/paper.md")) + sorted(ROOT.glob("tests/cross_cases/*/paper.md"))
    docs = [parse_manuscript(str(p), p.read_text(encoding="utf-8")) for p in paths]
    docs.append(parse_manuscript("u.md", "# Methods\n\nWe used a subsample. Code: https://zenodo.org/subsample.\n\n"
                                        "Data are on Zenodo (https://doi.org/10.5281/zenodo.1). ſeeds were ſet to 42.\n"))
    compared = 0
    for doc in docs:
        position = {id(u): k for k, u in enumerate(units(doc, db))}
        for spec in specs:
            for scope in (spec.sections, ("any",), ("methods",)):
                got = [(position[id(h.unit)], h.strength) for h in find_statement(doc, spec, db, scope)
                       if h.strength is not Status.MANUAL]
                assert got == _reference_match(doc, spec, db, scope), (doc.path, spec.name, scope)
                compared += len(got)
    assert compared > 50

"""Sentence units and the statement matcher (linter/textscan.py). Texts are written for these tests."""

from __future__ import annotations

import pytest

from linter.manuscript import parse_manuscript
from linter.model import Status
from linter.statements import compile_spec, load_statements
from linter.textscan import StatementHit, best_status, excerpt, find_statement, split_sentences, to_evidence, units


def md(text: str):
    return parse_manuscript("p.md", text, ".md")


@pytest.mark.parametrize("text,expected", [
    ("We used R. Then we stopped.", ["We used R.", "Then we stopped."]),
    ("Results (e.g. AUROC 0.81) held. Next one.", ["Results (e.g. AUROC 0.81) held.", "Next one."]),
    ("As in Fig. 2 and Smith et al. 2020, it held. Done.", ["As in Fig. 2 and Smith et al. 2020, it held.", "Done."]),
    ("The AUROC was 0.85. It was 3.2 points higher.", ["The AUROC was 0.85.", "It was 3.2 points higher."]),
    ("Version v. 2 was used. The seed was 7.", ["Version v. 2 was used.", "The seed was 7."]),
    ("We thank J. Smith and A. B. Jones for help.", ["We thank J. Smith and A. B. Jones for help."]),
    ("One paragraph.\n\nAnother paragraph", ["One paragraph.", "Another paragraph"]),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s for s, _ in split_sentences(text)] == expected


def test_split_offsets_point_into_the_text() -> None:
    text = "First one. Second one."
    assert [text[o:o + 6] for _, o in split_sentences(text)] == ["First ", "Second"]


def test_units_carry_section_classes_and_run_in_labels() -> None:
    doc = md("# Materials and Methods\n\nWe trained a model.\n\n**Data availability.** Data are on Zenodo.\n\n"
             "# References\n\n1. A cited paper. Code is on GitHub.\n")
    by_text = {u.text: u for u in units(doc)}
    assert "methods" in by_text["We trained a model."].classes
    labelled = by_text["Data are on Zenodo."]
    assert {"methods", "data-availability"} <= labelled.classes and labelled.heading == "Data availability"
    assert not any("cited paper" in t for t in by_text)


def test_paper_title_as_top_heading_adds_no_section_class() -> None:
    doc = md("# Machine learning to predict sepsis in adults\n\nSome text here.\n\n## Results\n\nIt worked.\n")
    first = next(u for u in units(doc) if u.text == "Some text here.")
    assert "methods" not in first.classes  # "machine learning" in the title is not a Methods heading


def test_hypothetical_sentences_are_not_evidence() -> None:
    spec = compile_spec("t", {"cues": [r"\bexternal validation\b"]}, "test")
    doc = md("# Discussion\n\nFuture work should include an external validation.\n\nWe did an external validation.\n")
    found = find_statement(doc, spec)
    assert [h.unit.text for h in found] == ["We did an external validation."]


def test_not_sections_and_mask_urls() -> None:
    spec = compile_spec("t", {"cues": [r"\bsubsample\b"], "not_sections": ["introduction"], "mask_urls": True}, "t")
    doc = md("# Introduction\n\nWe subsample often.\n\n# Methods\n\nSee https://x.org/a.subsample.txt now.\n\n"
             "We subsample reads.\n")
    assert [h.unit.text for h in find_statement(doc, spec)] == ["We subsample reads."]


def test_colon_sentence_takes_the_next_block_as_its_window() -> None:
    spec = compile_spec("t", {"cues": [r"\bcode is available\b"], "complete": [r"https?://"]}, "t")
    doc = md("# Methods\n\nThe code is available here:\n\nhttps://example.org/repo\n")
    assert best_status(find_statement(doc, spec)) is Status.REPORTED
    doc = md("# Methods\n\nThe code is available.\n\nhttps://example.org/repo\n")
    assert best_status(find_statement(doc, spec)) is Status.PARTIAL


def test_negation_weak_and_negative_counts() -> None:
    spec = compile_spec("t", {"cues": [r"\bdata\b"], "negation": [r"\bnot available\b"], "weak": [r"\brequest\b"],
                              "negative_counts_if": [r"\bcommittee\b"], "negation_is_partial": True}, "t")
    assert best_status(find_statement(md("Data are not available."), spec)) is Status.PARTIAL
    assert best_status(find_statement(md("Data are not available; ask the committee."), spec)) is Status.REPORTED
    assert best_status(find_statement(md("Data are not available except on request."), spec)) is Status.PARTIAL
    assert best_status(find_statement(md("Nothing here."), spec)) is Status.MISSING


def test_applicability_gives_manual_and_no_evidence() -> None:
    db = load_statements()
    doc = md("# Methods\n\nWe interviewed twelve nurses about their shifts.\n")
    found = find_statement(doc, db.statements["hyperparameters"], db)
    assert best_status(found) is Status.MANUAL
    assert to_evidence(doc, found, "text.statement:hyperparameters") == []


def test_best_status_prefers_reported_then_partial() -> None:
    doc = md("x")
    unit = units(doc)[0]
    hits = [StatementHit(unit, Status.PARTIAL, "", False), StatementHit(unit, Status.REPORTED, "", False)]
    assert best_status(hits) is Status.REPORTED
    assert best_status(hits[:1]) is Status.PARTIAL
    assert best_status([]) is Status.MISSING


def test_excerpt_is_short_and_single_line() -> None:
    assert excerpt("a\n b") == "a b"
    assert len(excerpt("word " * 100)) == 220


def test_front_matter_funding_as_a_list_is_rendered_text() -> None:
    doc = md("---\ntitle: T\nfunding:\n  - statement: The Example Trust funded this study.\n---\n\n# Methods\n\nText.\n")
    found = [u for u in units(doc) if "Example Trust" in u.text]
    assert found and found[0].line == 3 and "funding" in found[0].classes


def _title_units(doc) -> list:
    return [u for u in units(doc) if "title" in u.classes]


def test_markdown_title_heading_without_front_matter_is_a_title_unit() -> None:
    doc = md("Intro line above.\n\n# Deep learning to predict delirium after surgery\n\n## Abstract\n\nText.\n")
    found = _title_units(doc)
    assert [(u.text, u.line, u.classes) for u in found] == [
        ("Deep learning to predict delirium after surgery", 3, frozenset({"title"}))]
    spec = compile_spec("t", {"cues": [r"\bpredict"], "sections": ["title"]}, "t")
    assert best_status(find_statement(doc, spec)) is Status.REPORTED


def test_front_matter_title_is_the_only_title_unit() -> None:
    doc = md("---\ntitle: Predicting sepsis in the ward\n---\n\n# Predicting sepsis in the ward\n\n## Methods\n\nText.\n")
    assert [(u.text, u.line) for u in _title_units(doc)] == [("Predicting sepsis in the ward", 2)]


@pytest.mark.parametrize("text", [
    "# Introduction\n\nText.\n\n# Methods\n\nMore.\n",  # a section heading is no title
    "## Background\n\nText.\n",
    "Just a paragraph.\n",
    "## A model to predict falls\n\n# Methods\n\nText.\n",  # the first heading is not of level 1
])
def test_no_title_unit_without_a_title(text: str) -> None:
    assert _title_units(md(text)) == []


def test_latex_title_is_a_title_unit() -> None:
    tex = ("\\documentclass{article}\n\\title{A score to predict\n  readmission}\n\\begin{document}\n\\maketitle\n"
           "\\section{Introduction}\nText here.\n\\end{document}\n")
    doc = parse_manuscript("p.tex", tex, ".tex")
    assert [(u.text, u.line) for u in _title_units(doc)] == [("A score to predict readmission", 2)]
    body_only = parse_manuscript("p.tex", "\\section{Introduction}\nText here.\n", ".tex")
    assert _title_units(body_only) == []


def test_factual_sentences_that_share_hypothetical_words_are_evidence() -> None:
    spec = compile_spec("t", {"cues": [r"\b(expertise|training)\b"]}, "t")
    doc = md("# Methods\n\nNo technical expertise is needed to run the model.\n\n"
             "Further training is needed before clinical use.\n")
    assert [h.unit.text for h in find_statement(doc, spec)] == ["No technical expertise is needed to run the model."]


def test_allow_hypothetical_keeps_instructions_for_use() -> None:
    text = "# Methods\n\nImages should be taken in a darkened room.\n"
    strict = compile_spec("t", {"cues": [r"\bdarkened room\b"]}, "t")
    lenient = compile_spec("t", {"cues": [r"\bdarkened room\b"], "allow_hypothetical": True}, "t")
    assert find_statement(md(text), strict) == []
    assert best_status(find_statement(md(text), lenient)) is Status.REPORTED


def test_evidence_prefers_higher_ranked_hits_of_equal_strength() -> None:
    doc = md("# Methods\n\nFirst.\n\nSecond.\n")
    first, second = units(doc)
    hits = [StatementHit(first, Status.REPORTED, "", False, 1), StatementHit(second, Status.REPORTED, "", False, 4)]
    assert [e.location.line for e in to_evidence(doc, hits, "t")] == [5, 3]

"""Markdown / R Markdown / Quarto reader (linter/manuscript/markdown.py): what is a heading, what is
hidden, and on which line each block starts. Texts are written for these tests."""

from __future__ import annotations

import pytest

from linter.errors import InputError
from linter.manuscript import parse_manuscript
from linter.textscan import units

RMD = """---
title: "A made-up prediction study"
abstract: |
  We built a model. It predicted things.
authornote: |
  This work was funded by the Example Trust. The authors declare no competing interests.
---

```{r setup, include=FALSE}
# Results of the analysis
set.seed(42)
```

###Abstract
**Background**
Short background.

# Methods

**Code availability.** Scripts are at https://github.com/example/proj.

<!-- ## Funding
Funded by nobody yet. -->

```{r, echo=TRUE}
#| label: fig-a
x <- 1
```

| Model | AUROC |
|---|---|
| RF | 0.81 |

#hashtag-like line that is not a heading
"""


@pytest.fixture(scope="module")
def doc():
    return parse_manuscript("paper.Rmd", RMD, ".rmd")


def test_front_matter_title_and_hidden_block(doc) -> None:
    assert doc.title == "A made-up prediction study"
    assert doc.front_matter_lines == (1, 7)
    assert doc.blocks[0].kind == "front_matter" and doc.blocks[0].hidden


def test_tight_atx_heading_is_a_heading(doc) -> None:
    titles = [(s.title, s.level, s.line) for s in doc.sections]
    assert ("Abstract", 3, 14) in titles  # "###Abstract" with no space (pandoc accepted it)
    background = next(b for b in doc.blocks if b.text.startswith("Background"))
    assert background.line == 15 and background.label == "Background"
    assert background.section == ("Abstract",)


def test_comments_in_code_chunks_and_hashtags_are_not_headings(doc) -> None:
    titles = [s.title for s in doc.sections]
    assert "Results of the analysis" not in titles
    assert not any(t.startswith("hashtag") or t.startswith("|") for t in titles)


def test_hidden_chunk_and_html_comment(doc) -> None:
    chunks = [b for b in doc.blocks if b.kind == "code"]
    assert chunks[0].hidden and "set.seed(42)" in chunks[0].text
    assert not chunks[1].hidden  # echo=TRUE
    comment = next(b for b in doc.blocks if b.kind == "html_comment")
    assert comment.hidden and comment.line == 22 and "Funding" in comment.text
    assert not any("Funded by nobody" in u.text for u in units(doc))


def test_run_in_label_and_line(doc) -> None:
    block = next(b for b in doc.blocks if b.label == "Code availability")
    assert block.line == 20 and block.section == ("Methods",)


def test_table_rows_keep_their_source_lines(doc) -> None:
    rows = [u for u in units(doc) if "RF" in u.text or u.text.startswith("Model")]
    assert [(u.text, u.line) for u in rows] == [("Model ; AUROC", 30), ("Model: RF ; AUROC: 0.81", 32)]


def test_front_matter_abstract_and_authornote_are_rendered_text(doc) -> None:
    texts = {u.text: (u.line, u.classes) for u in units(doc)}
    assert texts["We built a model."][0] == 3 and "abstract" in texts["We built a model."][1]
    assert "declarations" in texts["This work was funded by the Example Trust."][1]


def test_wrapped_sentences_are_joined_and_keep_their_first_line() -> None:
    doc = parse_manuscript("p.md", "# Methods\n\nFirst.\nThe review board\napproved it.\n", ".md")
    found = [u for u in units(doc) if u.text.startswith("The review")]
    assert found[0].text == "The review board approved it." and found[0].line == 4


def test_broken_front_matter_is_an_input_error() -> None:
    with pytest.raises(InputError):
        parse_manuscript("p.md", "---\ntitle: [unclosed\n---\n\nText.\n", ".md")


def test_reference_list_is_not_evidence_but_legends_after_it_are() -> None:
    text = ("# Methods\n\nWe trained a model.\n\n# References\n\n1. Doe J. Code is available at github.\n\n"
            "**Figure 1. Calibration by sex.** Calibration was similar for men and women.\n")
    doc = parse_manuscript("p.md", text, ".md")
    texts = [u.text for u in units(doc)]
    assert not any("Doe J" in t for t in texts)
    assert any("Calibration was similar" in t for t in texts)


def test_structured_abstract_in_one_paragraph_gets_a_label_per_line():
    from linter.manuscript.markdown import read_markdown

    text = ("# Predicting AKI\n\n## Abstract\n\n**Background.** Acute kidney injury is common.\n"
            "**Objective.** To develop and externally validate a model.\n**Methods:** We used gradient boosting.\n"
            "**Results**: AUROC 0.81.\n\n## Methods\n\nText with **bold.** inside is not a label.\n")
    doc = read_markdown("p.md", text)
    labelled = [(b.line, b.label) for b in doc.blocks if b.kind == "paragraph"]
    assert labelled == [(5, "Background"), (6, "Objective"), (7, "Methods"), (8, "Results"), (12, "")]

"""The text.heading check: a telling heading or run-in label with text under it."""

from __future__ import annotations

from linter.checks import CHECKS, Context
from linter.manuscript.markdown import read_markdown
from linter.model import Status

PAPER = """# A model

## Methods

### Sample size

We expected about 400 outcome events, enough for the planned 20 candidate predictors.

## Abstract

**Objective.** To build and test a model of early deterioration.
"""


def run(params, text=PAPER):
    ctx = Context(doc=read_markdown("p.md", text))
    return CHECKS["text.heading"].func(ctx, params)


def test_heading_with_text_is_reported_at_first_line_under_it():
    r = run({"patterns": [r"^sample size"]})
    assert r.status is Status.REPORTED
    assert r.evidence[0].location.line == 7


def test_run_in_label_counts_within_sections():
    assert run({"patterns": [r"^objectives?$"], "sections": ["abstract"]}).status is Status.REPORTED
    assert run({"patterns": [r"^objectives?$"], "sections": ["methods"]}).status is Status.MISSING


def test_heading_without_text_or_other_heading_is_missing():
    assert run({"patterns": [r"^sample size"]}, "# A\n\n## Sample size\n\n## Results\n\nAUC 0.8 overall.\n").status is Status.MISSING
    assert run({"patterns": [r"^registration"]}).status is Status.MISSING

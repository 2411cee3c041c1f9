"""Property-based: readers and loaders raise nothing but InputError on arbitrary input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.checks import Context
from linter.checklist import load
from linter.engine import evaluate
from linter.errors import InputError
from linter.manuscript import parse_manuscript
from linter.metadata import parse_yaml, validate

markdownish = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400) | st.lists(
    st.sampled_from(["# H", "## Methods", "---", "title: x", "```", "```{r, echo=FALSE}", "<!--", "-->", "| a | b |",
                     "|---|---|", "**Bold.** text", "- item", "seed 42", "guidelint: ignore x", "\t", "", "[l](http://x)"]),
    max_size=30).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_markdown_reader_and_engine_never_crash(text):
    try:
        doc = parse_manuscript("p.md", text, ".md")
    except InputError:
        return
    for b in doc.blocks:
        assert 1 <= b.line <= max(1, len(doc.lines) + 1)
    evaluate(Context(doc=doc), [load("repro-core")])


@settings(max_examples=150, deadline=None)
@given(markdownish)
def test_metadata_loader_only_raises_input_error(text):
    try:
        data = parse_yaml("methods.yaml", text)
        validate("methods.yaml", data)
    except InputError as exc:
        assert "methods.yaml" in str(exc)

"""`guidelint explain` and `guidelint rules`: every rule and item explains; unknown keys suggest."""

from __future__ import annotations

import sys
import types

import pytest

from linter import explain as ex
from linter import rulebook

ITEMS = {
    "tripod-ai.18e": {"title": "Code availability", "requirement": "Say where the analysis code can be obtained.",
                      "why": "Without code nobody can rerun the analysis.", "fix": "Add a statement with a link.",
                      "source": "10.1136/bmj-2023-078378", "checklist": "tripod-ai", "item": "18e",
                      "version": "2024", "section": "Open science", "severity": "error"},
    "consort-ai.18e": {"title": "Something else", "requirement": "A different requirement for trials.",
                       "why": "", "fix": "", "source": {"citation": "Liu et al. 2020", "doi": "10.1038/x"},
                       "checklist": "consort-ai", "item": "18e"},
    "repro-core.seeds": {"title": "Random seeds", "requirement": "Record every seed that the analysis uses.",
                         "checklist": "repro-core", "item": "seeds"},
}


@pytest.fixture
def fake_checklist(monkeypatch):
    """Stand-in for the checklist loader: describe_rule, find_items, item_refs."""
    mod = types.ModuleType("linter.checklist")
    mod.describe_rule = lambda ref: ITEMS.get(ref)
    mod.item_refs = lambda: list(ITEMS)
    mod.find_items = lambda key: [types.SimpleNamespace(checklist=d["checklist"], ref=ref)
                                  for ref, d in ITEMS.items() if key in (ref, d["item"])]
    monkeypatch.setitem(sys.modules, "linter.checklist", mod)
    import linter

    monkeypatch.setattr(linter, "checklist", mod, raising=False)
    return mod


@pytest.mark.parametrize("code", sorted(rulebook.rules()))
def test_every_rule_code_explains(code):
    rule = rulebook.get(code)
    text = ex.explain(code)
    assert text.startswith(f"{code} {rule.name}")
    assert "Why it matters:" in text and "How to fix:" in text
    assert rule.summary.split()[0] in text
    if rule.example_bad:
        assert "Example (problem):" in text
    assert ex.explain(code.lower()) == text == ex.explain(rule.name)


def test_item_ref_explains_with_source(fake_checklist):
    text = ex.explain("tripod-ai.18e")
    assert text.startswith("tripod-ai.18e Code availability")
    assert "Checklist: tripod-ai@2024, section Open science" in text
    assert "What it asks:" in text and "Why it matters:" in text and "How to report it:" in text
    assert "Source: https://doi.org/10.1136/bmj-2023-078378" in text


def test_bare_item_id_ambiguous_lists_all(fake_checklist):
    text = ex.explain("18e")
    assert text.startswith("'18e' is an item in 2 checklists: consort-ai.18e, tripod-ai.18e")
    assert "https://doi.org/10.1038/x" in text and "Code availability" in text


def test_bare_item_id_unique(fake_checklist):
    assert ex.explain("seeds").startswith("repro-core.seeds Random seeds")


def test_unknown_key_suggests_close_matches(fake_checklist):
    with pytest.raises(KeyError) as info:
        ex.explain("GL01")
    msg = info.value.args[0]
    assert msg.startswith("unknown rule or item 'GL01'; did you mean") and "GL001" in msg
    with pytest.raises(KeyError) as info:
        ex.explain("tripod-ai.18x")
    assert "tripod-ai.18e" in info.value.args[0]
    with pytest.raises(KeyError, match="guidelint rules"):
        ex.explain("zzzzzzzz")


def test_unknown_key_without_checklist_loader(monkeypatch):
    import linter

    monkeypatch.setitem(sys.modules, "linter.checklist", None)  # import fails
    monkeypatch.delattr(linter, "checklist", raising=False)
    with pytest.raises(KeyError):
        ex.explain("tripod-ai.18e")
    assert ex.explain("GL001").startswith("GL001 unused-suppression")


def test_list_rules(fake_checklist):
    rules = ex.list_rules()
    assert [r.code for r in rules] == sorted(rulebook.rules())
    assert all(r.kind == "code" and r.summary for r in rules)
    with_items = ex.list_rules(include_items=True)
    items = [r for r in with_items if r.kind == "item"]
    assert [r.code for r in items] == sorted(ITEMS)
    assert items[-1].name == "Code availability" and items[-1].severity == "error"


def test_every_shipped_item_explains():
    """With the real checklist loader, every bundled item answers, by ref and by bare id."""
    try:
        from linter import checklist
    except ImportError:
        pytest.skip("linter.checklist not written yet")
    if not hasattr(checklist, "describe_rule"):
        pytest.skip("linter.checklist has no describe_rule yet")
    refs = ex._item_refs()
    assert refs, "no bundled checklist items found"
    for ref in refs:
        text = ex.explain(ref)
        assert text.startswith(ref) and "What it asks:" in text, ref
        assert ref in ex.explain(ref.partition(".")[2]), ref
    assert {r.code for r in ex.list_rules(include_items=True) if r.kind == "item"} == set(refs)

"""Engine: item status, waivers, suppressions, configuration, applicability, manual items."""

from __future__ import annotations

from linter.checklist import load
from linter.checks import Context
from linter.engine import Options, evaluate
from linter.manuscript.markdown import read_markdown
from linter.model import Status

CUSTOM = """id: unit
version: "1"
title: Unit checklist
source: {citation: test}
items:
  - id: seed
    section: Methods
    title: Seed
    requirement: State the random seed used for the analysis.
    severity: error
    evidence: {any: [{check: text.statement, with: {statement: seed}}, {check: meta.field, with: {field: seeds.values}}]}
  - id: dev-only
    section: Methods
    title: Development only
    requirement: Something that only development studies report.
    severity: warning
    applies_to: [development]
    evidence: {any: [{check: text.pattern, with: {patterns: ['never-present-token']}}]}
  - id: handmade
    section: Discussion
    title: Needs a human
    requirement: A judgement no tool can make automatically.
    severity: info
  - id: code
    section: Code
    title: Code clean
    requirement: The code sets seeds for every generator it uses.
    severity: error
    evidence: {any: [{check: repo.clear, with: {rules: [RND101]}}]}
"""


def _report(tmp_path, text, metadata=None, options=None):
    cl_path = tmp_path / "unit.yaml"
    cl_path.write_text(CUSTOM)
    doc = read_markdown("paper.md", text)
    ctx = Context(doc=doc, metadata=metadata or {}, metadata_path="methods.yaml" if metadata else None)
    return evaluate(ctx, [load(str(cl_path))], options or Options())


def _status(report, iid):
    return next(i for i in report.items if i.id == iid)


def test_reported_partial_missing(tmp_path):
    r = _report(tmp_path, "# T\n\n## Methods\n\nWe fixed the random seed to 42 for all runs.\n")
    assert _status(r, "seed").status is Status.REPORTED
    assert _status(r, "seed").evidence[0].location.line == 5
    r = _report(tmp_path, "# T\n\n## Methods\n\nWe used 10 different seeds.\n")
    assert _status(r, "seed").status is Status.PARTIAL
    r = _report(tmp_path, "# T\n\n## Methods\n\nNo random seed was set.\n")
    assert _status(r, "seed").status is Status.MISSING


def test_metadata_counts_as_evidence(tmp_path):
    r = _report(tmp_path, "# T\n", metadata={"seeds": {"values": [1, 2]}})
    assert _status(r, "seed").status is Status.REPORTED
    assert _status(r, "seed").evidence[0].location.path == "methods.yaml"


def test_manual_and_repo_items_without_repo(tmp_path):
    r = _report(tmp_path, "# T\n")
    assert _status(r, "handmade").status is Status.MANUAL
    code = _status(r, "code")
    assert code.status is Status.MANUAL and "--repo" in code.note
    assert not any(f.rule in ("unit.handmade", "unit.code") for f in r.findings)


def test_applies_to_by_study_type(tmp_path):
    r = _report(tmp_path, "# T\n", metadata={"study": {"type": "evaluation"}})
    item = _status(r, "dev-only")
    assert item.status is Status.NOT_APPLICABLE and "development" in item.waiver
    r = _report(tmp_path, "# T\n", metadata={"study": {"type": "development+evaluation"}})
    assert _status(r, "dev-only").status is Status.MISSING


def test_metadata_waiver_needs_reason_and_stays_visible(tmp_path):
    r = _report(tmp_path, "# T\n", metadata={"not_applicable": {"unit.seed": "no randomness: closed-form regression"}})
    item = _status(r, "seed")
    assert item.status is Status.NOT_APPLICABLE
    assert "closed-form" in item.waiver
    r = _report(tmp_path, "# T\n", metadata={"not_applicable": {"unit.seed": "no randomness here"}},
                options=Options(no_waivers=True))
    item = _status(r, "seed")
    assert item.status is Status.MISSING and "waiver ignored" in item.note


def test_manuscript_directives(tmp_path):
    text = "# T\n\n<!-- guidelint: not-applicable unit.seed -- deterministic solver only -->\n\n<!-- guidelint: ignore dev-only -->\n"
    r = _report(tmp_path, text)
    assert _status(r, "seed").status is Status.NOT_APPLICABLE
    assert "line 3" in _status(r, "seed").waiver
    dev = next(f for f in r.findings if f.rule == "unit.dev-only")
    assert dev.suppressed and "line 5" in dev.suppressed
    assert not any(f.rule == "GL001" for f in r.findings)


def test_unused_and_malformed_directives_are_reported(tmp_path):
    text = "# T\n\nWe set the random seed to 7.\n\n<!-- guidelint: ignore unit.seed -->\n\n<!-- guidelint: not-applicable unit.code -->\n"
    r = _report(tmp_path, text)
    rules = {(f.rule, f.location.line) for f in r.findings}
    assert ("GL001", 5) in rules  # seed is reported, so nothing to ignore
    assert ("GL003", 7) in rules  # waiver without a reason


def test_config_severity_override_and_ignore(tmp_path):
    r = _report(tmp_path, "# T\n", options=Options(severity={"unit.seed": "info"}, ignore=["unit.dev*"]))
    seed = next(f for f in r.findings if f.rule == "unit.seed")
    assert seed.severity.value == "info"
    dev = next(f for f in r.findings if f.rule == "unit.dev-only")
    assert dev.suppressed and "configuration" in dev.suppressed


def test_extension_includes_base_items():
    cl = load("consort-ai")
    refs = [i.ref for i in cl.all_items()]
    assert "consort.1a" in refs and "consort-ai.5(i)" in refs
    assert refs.index("consort.1a") < refs.index("consort-ai.5(i)")


def test_hidden_text_is_not_evidence(tmp_path):
    text = "# T\n\n<!-- We fixed the random seed to 42. -->\n\n```{r, echo=FALSE}\nset.seed(42)\n```\n"
    r = _report(tmp_path, text)
    assert _status(r, "seed").status is Status.MISSING


def test_metadata_weak_value_is_partial(tmp_path):
    from linter.checklist import load as load_cl

    doc = read_markdown("paper.md", "# T\n")
    for status, expected in (("on-request", Status.PARTIAL), ("credentialed", Status.REPORTED)):
        ctx = Context(doc=doc, metadata={"data": {"availability": {"status": status}}}, metadata_path="m.yaml")
        r = evaluate(ctx, [load_cl("repro-core")])
        assert _status(r, "data-access").status is expected


def test_all_group_mixed_results_are_partial():
    from linter.checklist import Group, Use
    from linter.checks import Result
    from linter.engine import _group

    ctx = Context(doc=read_markdown("p.md", "# T\n\nWe fixed the random seed to 42.\n"))
    grp = Group("all", (Use("text.statement", {"statement": "seed"}),
                        Use("text.pattern", {"patterns": ["never-present-token"]})))
    assert _group(ctx, grp).status is Status.PARTIAL
    grp = Group("all", (Use("text.pattern", {"patterns": ["never-present-token"]}),))
    assert _group(ctx, grp).status is Status.MISSING
    _ = Result


def test_repository_checks_only_support_manuscript_statements():
    """Code that sets seeds does not make an unstated seed reported; unseeded code lowers a stated one."""
    from linter.checklist import load as load_cl
    from linter.model import Finding, Location, Severity
    from linter.repo.facts import RepoFacts

    clean = RepoFacts(root="code")
    dirty = RepoFacts(root="code", findings=[Finding("RND101", "unseeded-randomness", Severity.ERROR, "x",
                                                     Location("code/train.py", 3, 1))])
    model = "# T\n\n## Methods\n\nWe trained a random forest classifier on the training data.\n"
    stated = model + "\nAll analyses used the random seed 2024.\n"
    cases = [(model, clean, Status.MISSING), (model, dirty, Status.MISSING),
             (stated, clean, Status.REPORTED), (stated, dirty, Status.PARTIAL)]
    for text, repo, expected in cases:
        ctx = Context(doc=read_markdown("paper.md", text), repo=repo)
        r = evaluate(ctx, [load_cl("repro-core")])
        assert _status(r, "seeds").status is expected, (text[-40:], repo.findings, expected)

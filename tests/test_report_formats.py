"""Formatters: SARIF (schema-validated), JUnit, GitHub annotations, completed checklist (md, docx), HTML.

Golden files live in tests/golden/; ``GUIDELINT_UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from linter.model import Evidence, Finding, Location, Report, Severity, Status
from linter.report import RenderOptions, render
from linter.report import github as gh
from linter.report.checklist_md import cell

try:
    from report_fixtures import DANGER, SOURCES, gappy_report
except ImportError:  # tests/ imported as a package
    from tests.report_fixtures import DANGER, SOURCES, gappy_report

GOLDEN = Path(__file__).parent / "golden"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("GUIDELINT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with GUIDELINT_UPDATE_GOLDEN=1 once and review it"
    assert actual == path.read_text(encoding="utf-8")


def empty_report() -> Report:
    return Report(tool_version="0.1.0", inputs={"repo": "."}, checklists=[], items=[], findings=[])


# ---------------------------------------------------------------- SARIF

@pytest.fixture(scope="module")
def sarif_validator():
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"official SARIF schema not found at {SARIF_SCHEMA} (expected ../shared/schemas)")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif_of(report: Report) -> dict:
    return json.loads(render(report, "sarif"))


def test_sarif_gappy_study_validates_against_official_schema(sarif_validator):
    log = sarif_of(gappy_report())
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_sarif_empty_report_validates(sarif_validator):
    log = sarif_of(empty_report())
    assert not list(sarif_validator.iter_errors(log))
    assert log["runs"][0]["results"] == []


def test_sarif_validator_rejects_a_broken_log(sarif_validator):
    """Guard: the schema check is live, not vacuous."""
    log = sarif_of(gappy_report())
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator.iter_errors(log))) >= 2


def test_sarif_one_result_per_finding_with_rule_metadata():
    report = gappy_report()
    run = sarif_of(report)["runs"][0]
    results, rules = run["results"], run["tool"]["driver"]["rules"]
    assert len(results) == len(report.findings) == len(report.to_dict()["findings"])
    assert [r["ruleId"] for r in results] == [f.rule for f in report.findings]
    assert sorted({f.rule for f in report.findings}) == [r["id"] for r in rules]
    for res in results:
        rule = rules[res["ruleIndex"]]
        assert rule["id"] == res["ruleId"]
        for key in ("shortDescription", "fullDescription"):
            assert rule[key]["text"].strip()
        assert rule["help"]["text"].strip() and rule["help"]["markdown"].strip()
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        assert rule["properties"]["tags"]
    assert run["tool"]["driver"]["name"] == "guidelint"
    assert "informationUri" not in run["tool"]["driver"]


def test_sarif_rule_text_comes_from_the_rulebook():
    from linter import rulebook

    rules = {r["id"]: r for r in sarif_of(gappy_report())["runs"][0]["tool"]["driver"]["rules"]}
    book = rulebook.get("GL002")
    assert rules["GL002"]["name"] == "file-not-analysed"
    assert rules["GL002"]["shortDescription"]["text"] == book.summary
    assert rules["GL002"]["fullDescription"]["text"] == book.explanation
    assert book.fix in rules["GL002"]["help"]["text"]
    assert rules["GL002"]["defaultConfiguration"]["level"] == "note"
    assert "core" in rules["GL002"]["properties"]["tags"]
    # item rule without a checklist loader: falls back to the finding and item result
    assert "tripod-ai.18e" in rules["tripod-ai.18e"]["properties"]["tags"]
    assert rules["tripod-ai.18e"]["defaultConfiguration"]["level"] == "error"


def test_sarif_locations_levels_fingerprints_suppressions():
    report = gappy_report()
    results = {r["ruleId"]: r for r in sarif_of(report)["runs"][0]["results"]}
    rnd = results["RND101"]
    phys = rnd["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": "code/train.py", "uriBaseId": "%SRCROOT%"}
    assert phys["region"] == {"startLine": 30, "startColumn": 5}
    assert rnd["level"] == "warning" and results["DEF201"]["level"] == "note"
    assert results["tripod-ai.18e"]["level"] == "error"
    # no line -> no region
    assert "region" not in results["GL002"]["locations"][0]["physicalLocation"]
    assert "region" not in results["tripod-ai.18e"]["locations"][0]["physicalLocation"]
    # space percent-encoded, end line kept, related location present
    dphys = results["DEF201"]["locations"][0]["physicalLocation"]
    assert dphys["artifactLocation"]["uri"] == "code/my%20model.py"
    assert dphys["region"] == {"startLine": 7, "startColumn": 9, "endLine": 8}
    rel = results["DEF201"]["relatedLocations"][0]["physicalLocation"]
    assert rel["artifactLocation"]["uri"] == "paper.md" and rel["region"]["startLine"] == 60
    by_rule = {f.rule: f for f in report.findings}
    for rid, res in results.items():
        assert res["partialFingerprints"] == {"guidelint/v1": by_rule[rid].fingerprint}
    assert results["RND102"]["suppressions"][0]["kind"] == "inSource"
    assert "suppressions" not in rnd and "baselineState" not in rnd
    assert DANGER in results["DEF201"]["message"]["text"]  # JSON carries text verbatim


def test_sarif_baseline_suppression_is_external_and_sets_baseline_state(sarif_validator):
    report = gappy_report()
    report.findings[1].suppressed = "baseline"
    log = sarif_of(report)
    assert not list(sarif_validator.iter_errors(log))
    results = log["runs"][0]["results"]
    assert results[1]["suppressions"][0]["kind"] == "external"
    assert results[1]["baselineState"] == "unchanged"
    assert results[0]["baselineState"] == "new"


def test_sarif_absolute_path_and_srcroot_option(sarif_validator, tmp_path):
    report = empty_report()
    report.findings.append(Finding("GL002", "file-not-analysed", Severity.INFO, "x", Location("/abs/dir/a b.py", 3)))
    log = json.loads(render(report, "sarif", RenderOptions(extra={"srcroot": str(tmp_path)})))
    assert not list(sarif_validator.iter_errors(log))
    art = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "file:///abs/dir/a%20b.py"}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")


def test_sarif_reading_errors_become_notifications():
    inv = sarif_of(gappy_report())["runs"][0]["invocations"][0]
    assert inv["toolExecutionNotifications"][0]["message"]["text"].startswith("code/huge.csv")


# ---------------------------------------------------------------- JUnit

def test_junit_suites_cases_and_counts():
    root = ET.fromstring(render(gappy_report(), "junit"))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["tripod-ai@2024", "repro-core@1.0", "code"]
    tripod = suites["tripod-ai@2024"]
    cases = {c.get("name"): c for c in tripod.findall("testcase")}
    assert len(cases) == 5 and all(c.get("classname") == "tripod-ai" for c in cases.values())
    assert cases["18e Code availability"].find("failure").get("type") == "missing"
    assert cases["18f Data availability"].find("failure").get("type") == "partial"
    assert cases["5c Trial registration"].find("skipped") is not None
    assert "retrospective" in cases["5c Trial registration"].find("skipped").get("message")
    assert cases["1 Title names the study as ML prediction"].find("failure") is None
    assert cases["1 Title names the study as ML prediction"].find("skipped") is None
    assert (tripod.get("tests"), tripod.get("failures"), tripod.get("skipped")) == ("5", "2", "2")
    assert root.get("tests") == str(len(root.findall(".//testcase")))
    assert "paper.md:57" in cases["18f Data availability"].find("system-out").text
    assert any(DANGER in name for name in cases)  # escaped on write, intact on read


def test_junit_code_suite_one_case_per_rule():
    root = ET.fromstring(render(gappy_report(), "junit"))
    code = root.find("testsuite[@name='code']")
    cases = {c.get("name").split()[0]: c for c in code.findall("testcase")}
    assert sorted(cases) == ["DEF201", "GL002", "RND101", "RND102"]
    assert "code/train.py:30:5" in cases["RND101"].find("failure").text
    assert cases["RND102"].find("skipped") is not None  # only suppressed findings


def test_junit_rules_run_option_lists_passing_rules():
    report = empty_report()
    root = ET.fromstring(render(report, "junit", RenderOptions(extra={"rules_run": ["GL001"]})))
    case = root.find("testsuite[@name='code']/testcase")
    assert case.get("name") == "GL001 unused-suppression"
    assert case.find("failure") is None and case.find("skipped") is None
    assert ET.fromstring(render(report, "junit")).find("testsuite") is None


# ---------------------------------------------------------------- GitHub annotations

def test_github_golden():
    golden("gappy.github.txt", render(gappy_report(), "github"))


def test_github_annotation_shape_and_escaping():
    f = Finding("X1", "n", Severity.INFO, "50% done\r\nnext: a,b", Location("dir,a:b/%x.py", 3, 2), fix="")
    line = gh.annotation(f)
    assert line == "::notice file=dir%2Ca%3Ab/%25x.py,line=3,col=2,title=X1 n::50%25 done%0D%0Anext: a,b"
    assert "\n" not in line


def test_github_skips_suppressed_and_maps_severity():
    out = render(gappy_report(), "github").splitlines()
    assert len(out) == 4  # five findings, one suppressed
    assert not any("RND102" in line for line in out)
    assert {line.split(" ", 1)[0] for line in out} == {"::error", "::warning", "::notice"}
    no_line = next(line for line in out if "GL002" in line)
    assert "line=" not in no_line.split("::")[1]


# ---------------------------------------------------------------- completed checklist (Markdown)

def test_checklist_md_golden():
    golden("gappy.checklist.md", render(gappy_report(), "checklist-md"))


def test_checklist_md_lists_every_item_with_its_location():
    report = gappy_report()
    out = render(report, "checklist-md")
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| Item")]
    assert len(rows) == len(report.items)
    for it in report.items:
        row = next(r for r in rows if r.startswith(f"| {cell(it.id)} |"))
        for ev in it.evidence:
            assert str(ev.location) in row
        assert {"reported": "✓", "partial": "◐", "missing": "✗"}.get(it.status.value, "") in row
    # every table row has exactly six cells: escaped pipes do not split cells
    for r in rows:
        assert len(re.split(r"(?<!\\)\|", r)) == 8, r


def test_checklist_md_section_names_from_documents_and_date_option():
    class Sec:
        path = ("Methods", "Data availability")

    class Doc:
        def section_at(self, line):
            return Sec() if line == 57 else None

    out = render(gappy_report(), "checklist-md", RenderOptions(extra={"documents": {"paper.md": Doc()}}))
    assert "Methods › Data availability (paper.md:57)" in out
    assert "paper.md:1 |" in out  # no section for line 1: plain location
    assert "Generated by guidelint 0.1.0.\n" in out  # no date unless asked for
    dated = render(gappy_report(), "checklist-md", RenderOptions(extra={"date": "2025-01-31", "study": "Sepsis"}))
    assert "on 2025-01-31" in dated and dated.startswith("# Completed reporting checklist: Sepsis")


def test_checklist_md_uses_evidence_section_attribute_when_present():
    """Evidence carrying a heading path (optional ``section`` attribute) names the place."""
    report = gappy_report()
    old = report.items[0].evidence[0]
    ev = Evidence(old.location, old.excerpt, old.check, old.strength)
    object.__setattr__(ev, "section", ("Title",))
    report.items[0].evidence[0] = ev
    assert "Title (paper.md:1)" in render(report, "checklist-md")


def test_cell_escaping():
    assert cell("a | b\nc") == r"a \| b c"
    assert cell("<b>*x*</b>") == r"\<b\>\*x\*\</b\>"


# ---------------------------------------------------------------- docx

def test_docx_round_trip():
    docx = pytest.importorskip("docx")
    report = gappy_report()
    data = render(report, "docx")
    assert isinstance(data, bytes) and data[:2] == b"PK"
    doc = docx.Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Completed reporting checklist: paper.md"
    assert "TRIPOD+AI (tripod-ai@2024)" in texts and "Open science" in texts
    assert len(doc.tables) == 4  # three tripod-ai sections + one repro-core section
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows[1:]]
    assert len(rows) == len(report.items)
    row18f = next(r for r in rows if r[0] == "18f")
    assert row18f[2] == "◐ partial" and row18f[3] == "paper.md:57"
    assert row18f[4].startswith("“Data are available")
    assert any(DANGER in r[1] for r in rows)
    shading = doc.tables[2].rows[1].cells[2]._tc.xpath("./w:tcPr/w:shd")
    assert shading and shading[0].get(shading[0].tag.split("}")[0] + "}fill") == "F8D7DA"  # missing: red


def test_docx_is_deterministic():
    pytest.importorskip("docx")
    assert render(gappy_report(), "docx") == render(gappy_report(), "docx")


def test_docx_missing_dependency_raises_runtime_error(monkeypatch):
    from linter.report.docx_format import DocxUnavailableError

    monkeypatch.setitem(sys.modules, "docx", None)  # import docx -> ImportError
    with pytest.raises(DocxUnavailableError, match="pip install 'guidelint\\[docx\\]'") as info:
        render(gappy_report(), "docx")
    assert isinstance(info.value, RuntimeError)


def test_docx_drops_xml_illegal_control_characters():
    docx = pytest.importorskip("docx")
    report = gappy_report()
    report.items[0].title = "bad\x00\x0bchars"
    doc = docx.Document(io.BytesIO(render(report, "docx")))
    assert doc.tables[0].rows[1].cells[1].text == "badchars"


# ---------------------------------------------------------------- HTML

VOID = {"meta", "link", "br", "img", "input", "hr", "col", "wbr", "source", "area", "base", "embed", "track"}


class Checker(HTMLParser):
    """Records tags, nesting errors, external references and script/style text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        for key in ("src", "href", "action", "srcset", "poster", "data"):
            value = (a.get(key) or "").strip().lower()
            if value.startswith(("http:", "https:", "//", "ftp:")) or (key == "src" and value):
                self.problems.append(f"external {key} on <{tag}>: {value}")
        if any(k.startswith("on") for k in a):
            self.problems.append(f"inline event handler on <{tag}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] in self.raw:
            self.raw[self.stack[-1]].append(data)
        else:
            self.text.append(data)


def parse_html(text: str) -> Checker:
    checker = Checker()
    checker.feed(text)
    checker.close()
    return checker


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_html_is_self_contained_well_formed_and_escaped():
    out = render(gappy_report(), "html", RenderOptions(extra={"sources": SOURCES}))
    page = parse_html(out)
    assert page.problems == [] and page.stack == []
    assert [t for t, _ in page.tags].count("script") == 1
    assert "<script>alert" not in out and "<img src=x" not in out and "<script>bad()" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    text = "".join(page.text)
    assert DANGER in text  # shown to the reader as text
    assert "</pre><script>bad()</script>" in text  # source context is text too
    # CSP allows exactly the inline style and script present
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    assert _sha(page.raw["script"][0]) in csp and _sha(page.raw["style"][0]) in csp


def test_html_summary_findings_items_and_filters():
    report = gappy_report()
    out = render(report, "html", RenderOptions(extra={"sources": SOURCES}))
    page = parse_html(out)
    attrs = [a for _t, a in page.tags]
    counts = {a["class"]: a["data-count"] for a in attrs if "data-count" in a}
    assert counts == {"sev-error": "1", "sev-warning": "1", "sev-info": "2"}
    findings = [a for t, a in page.tags if t == "article"]
    assert len(findings) == len(report.findings)
    assert [a["data-severity"] for a in findings] == ["error", "error", "warning", "info", "info"]
    suppressed = [a for a in findings if a["data-suppressed"] == "1"]
    assert len(suppressed) == 1
    rnd = next(a for a in findings if "repro-core" in a["data-groups"])
    assert rnd["data-groups"] == "repro-core tripod-ai"
    assert any(a.get("data-groups") == "code" for a in findings)
    rows = [a for t, a in page.tags if t == "tr" and "data-status" in a]
    assert [r["data-status"] for r in rows] == [it.status.value for it in report.items]
    options = [a.get("value") for t, a in page.tags if t == "option"]
    assert options == ["", "tripod-ai", "repro-core", "code"]
    assert '<span class="ln">30</span>line 30 of train.py' in out  # context around the finding
    assert "code/huge.csv: skipped" in out


def test_html_without_sources_or_items():
    page = parse_html(render(empty_report(), "html"))
    assert page.problems == [] and page.stack == []
    assert "No findings." in "".join(page.text)


# ---------------------------------------------------------------- shared

@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "checklist-md", "html"])
def test_text_formats_are_deterministic_and_unicode_safe(fmt):
    a = render(gappy_report(), fmt)
    assert a == render(gappy_report(), fmt)
    assert isinstance(a, str)
    if fmt in ("junit", "checklist-md", "html"):  # formats that list items
        assert "naïve µ 中文" in a
    if fmt != "checklist-md":  # formats that list findings
        assert "ünïcödé" in a


def test_evidence_without_excerpt_and_many_places():
    report = empty_report()
    from linter.model import ItemResult

    report.items.append(ItemResult("c", "1", "x", "T", "S", Severity.INFO, Status.REPORTED,
                                   [Evidence(Location("a.md", n)) for n in range(1, 6)]))
    out = render(report, "checklist-md")
    assert "a.md:1; a.md:2; a.md:3; +2 more" in out


def test_where_drops_the_paper_title_heading():
    from linter.manuscript.document import Document, Section

    title = "Predicting sepsis"
    doc = Document(path="paper.md", format="markdown", text="", lines=[], title=title, sections=[
        Section(title, 1, (title,), 1, 80),
        Section("Methods", 2, (title, "Methods"), 3, 80),
        Section("Data availability", 3, (title, "Methods", "Data availability"), 10, 80),
    ])
    out = render(gappy_report(), "checklist-md", RenderOptions(extra={"documents": {"paper.md": doc}}))
    assert "| Methods › Data availability (paper.md:57) |" in out
    assert "| Predicting sepsis (paper.md:1) |" in out  # a title-only path is kept

"""JUnit XML, so CI systems list checklist items as test cases.

Layout:
- one ``<testsuite name="<checklist>@<version>">`` per checklist, one ``<testcase>`` per item
  (``classname`` = checklist id, ``name`` = ``"<item id> <title>"``):
  missing → ``<failure type="missing">``; partial → ``<failure type="partial">`` (weakly reported
  still needs the author's attention); not applicable and manual → ``<skipped>``; reported → pass.
  Evidence locations go to ``<system-out>``.
- one ``<testsuite name="code">`` with one test case per code rule that produced findings
  (``classname`` = ``code``, ``name`` = ``"<CODE> <slug>"``): a ``<failure>`` listing every active
  finding, or ``<skipped>`` when all of its findings were suppressed. If the CLI passes the codes of
  the rules that ran (``RenderOptions.extra["rules_run"]``), rules without findings are listed as
  passing test cases; otherwise they are left out, because the report alone cannot tell whether a
  silent rule ran.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from linter.model import Finding, ItemResult, Report, Status
from linter.report.common import CODE_GROUP, grouped_items, one_line


def render(report: Report, options: Any) -> str:
    extra = getattr(options, "extra", {}) or {}
    root = ET.Element("testsuites", name="guidelint")
    for checklist, version, sections in grouped_items(report):
        suite = ET.SubElement(root, "testsuite", name=f"{checklist}@{version}")
        for _section, items in sections:
            for it in items:
                _item_case(suite, it)
        _totals(suite)
    code_suite = _code_suite(report, extra.get("rules_run"))
    if code_suite is not None:
        root.append(code_suite)
    _totals(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _item_case(suite: ET.Element, it: ItemResult) -> None:
    case = ET.SubElement(suite, "testcase", classname=it.checklist, name=f"{it.id} {it.title}")
    if it.evidence:
        case.set("file", it.evidence[0].location.path)
    if it.status is Status.MISSING:
        fail = ET.SubElement(case, "failure", type="missing", message=f"{it.ref}: not reported")
        fail.text = it.note or f"{it.title}: no evidence found in the manuscript, metadata or code."
    elif it.status is Status.PARTIAL:
        fail = ET.SubElement(case, "failure", type="partial", message=f"{it.ref}: partially reported")
        fail.text = it.note or f"{it.title}: only a weak form of this item was found."
    elif it.status is Status.NOT_APPLICABLE:
        ET.SubElement(case, "skipped", message=f"not applicable: {one_line(it.waiver or it.note or 'no reason given')}")
    elif it.status is Status.MANUAL:
        ET.SubElement(case, "skipped", message=f"manual check: {one_line(it.note or 'needs a human reader')}")
    out = _evidence_text(it)
    if out:
        ET.SubElement(case, "system-out").text = out


def _evidence_text(it: ItemResult) -> str:
    lines = [f"{ev.location}: {one_line(ev.excerpt, 160)}".rstrip(": ") for ev in it.evidence]
    if it.author_note:
        lines.append(f"author note: {one_line(it.author_note)}")
    return "\n".join(lines)


def _code_suite(report: Report, rules_run: Any) -> ET.Element | None:
    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        if "." not in f.rule:  # item findings are already the checklist test cases
            by_rule.setdefault(f.rule, []).append(f)
    codes = sorted(set(by_rule) | set(rules_run or ()))
    if not codes:
        return None
    suite = ET.Element("testsuite", name=CODE_GROUP)
    for code in codes:
        found = by_rule.get(code, [])
        name = found[0].name if found else _rule_name(code)
        case = ET.SubElement(suite, "testcase", classname=CODE_GROUP, name=f"{code} {name}".strip())
        active = [f for f in found if f.suppressed is None]
        if active:
            fail = ET.SubElement(case, "failure", type=active[0].severity.value,
                                 message=f"{code}: {len(active)} finding(s)")
            fail.text = "\n".join(f"{f.location}: {f.message}" for f in sorted(active, key=Finding.sort_key))
        elif found:
            reasons = sorted({str(f.suppressed) for f in found})
            ET.SubElement(case, "skipped", message=f"suppressed: {', '.join(reasons)}")
    _totals(suite)
    return suite


def _rule_name(code: str) -> str:
    from linter import rulebook

    rule = rulebook.rules().get(code)
    return rule.name if rule else ""


def _totals(el: ET.Element) -> None:
    """Set tests/failures/errors/skipped counts from the test cases below ``el``."""
    tests = failures = skipped = 0
    for case in el.iter("testcase"):
        tests += 1
        failures += case.find("failure") is not None
        skipped += case.find("skipped") is not None
    el.set("tests", str(tests))
    el.set("failures", str(failures))
    el.set("errors", "0")
    el.set("skipped", str(skipped))

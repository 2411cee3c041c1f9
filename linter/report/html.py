"""One self-contained HTML report (``--format html``): no external assets, no network.

Sections: a summary (active findings by severity, suppressed count, item coverage per
checklist), filters (severity, checklist, show suppressed; enabled by the inline script),
the findings with the source lines around them, and every checklist item by section
with status colours. All report text is escaped: manuscripts and code are untrusted.
A Content-Security-Policy allows only this file's own style and script (by hash), so even
a rendering bug cannot load or run anything else.

Options (``RenderOptions.extra``): ``study``, ``date``, ``documents`` (as for checklist-md)
and ``sources``: ``{path: text}`` or a callable ``path -> text | None`` used to show the
lines around each finding (nothing is read from disk here).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping
from html import escape
from importlib import resources
from typing import Any

from linter.model import Finding, Location, Report, Severity, Status
from linter.report.common import STATUS_LABELS, finding_groups, one_line, study_name
from linter.report.completed import Completed, build, coverage_line

CONTEXT_LINES = 2
MAX_LINE_CHARS = 240
_ASSETS = "html_assets"


def _asset(name: str) -> str:
    return (resources.files("linter.report") / _ASSETS / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def e(value: Any) -> str:
    """Escape for text and quoted attribute values."""
    return escape(str(value), quote=True)


def render(report: Report, options: Any) -> str:
    extra = getattr(options, "extra", {}) or {}
    css, js = _asset("report.css"), _asset("report.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    completed = build(report, extra)
    title = f"guidelint report: {study_name(report, extra)}"
    body = [
        _header(report, completed),
        _summary(report, completed),
        _filters(report, completed),
        _findings(report, _source_getter(extra.get("sources"))),
        _items(completed),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\" data-guidelint-ready=\"no\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{e(csp)}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<link rel=\"icon\" href=\"data:,\">\n"
        f"<title>{e(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{js}</script>\n</body>\n</html>\n"
    )


def _header(report: Report, doc: Completed) -> str:
    rows = "".join(f"<dt>{e(k)}</dt><dd><code>{e(v)}</code></dd>" for k, v in doc.inputs)
    stamp = f"guidelint {report.tool_version}" + (f", {doc.date}" if doc.date else "")
    return (f"<header>\n<h1>guidelint report</h1>\n<p class=\"study\">{e(doc.study)}</p>\n"
            f"<dl class=\"inputs\">{rows}</dl>\n<p class=\"muted\">{e(stamp)}</p>\n</header>")


def _summary(report: Report, doc: Completed) -> str:
    counts = report.counts()
    suppressed = sum(1 for f in report.findings if f.suppressed is not None)
    cards = "".join(
        f"<li class=\"sev-{s.value}\" data-count=\"{counts[s.value]}\"><span class=\"n\">{counts[s.value]}</span>"
        f"{_plural(s, counts[s.value])}</li>"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    cards += f"<li class=\"suppressed\"><span class=\"n\">{suppressed}</span>suppressed</li>"
    rows = []
    for part in doc.parts:
        bar = "".join(
            f"<span class=\"st-{s.value}\" data-n=\"{n}\" title=\"{n} {e(STATUS_LABELS[s])}\"></span>"
            for s, n in part.counts.items() if n
        )
        cells = "".join(f"<td>{part.counts[s]}</td>" for s in Status)
        rows.append(
            f"<tr data-checklist=\"{e(part.checklist)}\"><th scope=\"row\">{e(part.title)} "
            f"<span class=\"muted\">{e(part.checklist)}@{e(part.version)}</span></th>{cells}"
            f"<td><div class=\"bar\" role=\"img\" aria-label=\"{e(coverage_line(part.counts))}\">{bar}</div></td></tr>"
        )
    head = "".join(f"<th scope=\"col\">{e(STATUS_LABELS[s])}</th>" for s in Status)
    table = (f"<table class=\"coverage\"><thead><tr><th scope=\"col\">Checklist</th>{head}<th scope=\"col\">"
             f"Coverage</th></tr></thead><tbody>{''.join(rows)}</tbody></table>") if rows else ""
    errors = "".join(f"<li>{e(err)}</li>" for err in report.errors)
    errors_html = f"<h3>Inputs not analysed</h3><ul class=\"errors\">{errors}</ul>" if errors else ""
    return (f"<section id=\"summary\">\n<h2>Summary</h2>\n<ul class=\"counts\">{cards}</ul>\n"
            f"{table}\n{errors_html}</section>")


def _plural(severity: Severity, n: int) -> str:
    return severity.value if n == 1 or severity is Severity.INFO else severity.value + "s"


def _filters(report: Report, doc: Completed) -> str:
    groups: list[str] = [p.checklist for p in doc.parts]
    for f in report.findings:
        groups += [g for g in finding_groups(f) if g not in groups]
    options = "".join(f"<option value=\"{e(g)}\">{e(g)}</option>" for g in dict.fromkeys(groups))
    boxes = "".join(
        f"<label><input type=\"checkbox\" data-filter=\"severity\" value=\"{s.value}\" checked> {s.value}</label>"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    return (
        "<section id=\"filters\" hidden aria-label=\"Filters\">\n"
        f"<fieldset><legend class=\"muted\">Severity</legend>{boxes}</fieldset>\n"
        "<label><input type=\"checkbox\" id=\"f-suppressed\"> show suppressed</label>\n"
        f"<label>Checklist <select id=\"f-checklist\"><option value=\"\">all</option>{options}</select></label>\n"
        "<output id=\"shown-count\"></output>\n</section>"
    )


SourceGetter = Callable[[str], "list[str] | None"]


def _source_getter(sources: Any) -> SourceGetter:
    cache: dict[str, list[str] | None] = {}

    def get(path: str) -> list[str] | None:
        if path not in cache:
            if callable(sources):
                text = sources(path)
            elif isinstance(sources, Mapping):
                text = sources.get(path)
            else:
                text = None
            cache[path] = text.splitlines() if isinstance(text, str) else (list(text) if text else None)
        return cache[path]

    return get


def _context(loc: Location, get: SourceGetter) -> str:
    lines = get(loc.path) if loc.line else None
    if not lines or loc.line is None or loc.line > len(lines):
        return ""
    first, last = max(1, loc.line - CONTEXT_LINES), min(len(lines), loc.line + CONTEXT_LINES)
    out = []
    for n in range(first, last + 1):
        text = lines[n - 1]
        if len(text) > MAX_LINE_CHARS:
            text = text[:MAX_LINE_CHARS] + "…"
        row = f"<span class=\"ln\">{n}</span>{e(text)}"
        out.append(f"<mark>{row}</mark>" if n == loc.line else row + "\n")
    return f"<pre class=\"context\">{''.join(out)}</pre>"


def _finding(idx: int, f: Finding, get: SourceGetter) -> str:
    sev = f.severity.value
    cls = f"finding sev-{sev}" + (" suppressed" if f.suppressed is not None else "")
    parts = [
        f"<article class=\"{cls}\" id=\"finding-{idx}\" data-severity=\"{sev}\" "
        f"data-groups=\"{e(' '.join(finding_groups(f)))}\" data-suppressed=\"{int(f.suppressed is not None)}\">",
        f"<h3><span class=\"badge sev-{sev}\">{sev}</span> <code>{e(f.rule)}</code> {e(f.name)}</h3>",
        f"<p class=\"loc\"><code>{e(f.location)}</code></p>",
        f"<p class=\"msg\">{e(f.message)}</p>",
    ]
    if f.suppressed is not None:
        parts.append(f"<p class=\"muted\">Suppressed: {e(f.suppressed)}</p>")
    parts.append(_context(f.location, get))
    excerpt = f.data.get("excerpt") if isinstance(f.data.get("excerpt"), str) else ""
    if excerpt and f.location.line is None:
        parts.append(f"<blockquote>{e(one_line(excerpt, 300))}</blockquote>")
    if f.fix:
        parts.append(f"<p class=\"fix\">{e(f.fix)}</p>")
    if f.items:
        parts.append(f"<p class=\"items muted\">Checklist items: {e(', '.join(f.items))}</p>")
    for loc in f.related:
        parts.append(f"<p class=\"loc\">Related: <code>{e(loc)}</code></p>{_context(loc, get)}")
    parts.append("</article>")
    return "\n".join(p for p in parts if p)


def _findings(report: Report, get: SourceGetter) -> str:
    ordered = sorted(report.findings, key=lambda f: (-f.severity.rank, f.sort_key()))
    body = "\n".join(_finding(i, f, get) for i, f in enumerate(ordered, start=1))
    if not ordered:
        body = "<p class=\"muted\">No findings.</p>"
    return f"<section id=\"findings\">\n<h2>Findings</h2>\n{body}\n</section>"


def _items(doc: Completed) -> str:
    out = ["<section id=\"items\">", "<h2>Checklist items</h2>"]
    if not doc.parts:
        out.append("<p class=\"muted\">No checklist items were evaluated.</p>")
    for part in doc.parts:
        out.append(f"<div class=\"checklist\" data-checklist=\"{e(part.checklist)}\">")
        out.append(f"<h3>{e(part.title)} <span class=\"muted\">{e(part.checklist)}@{e(part.version)}</span></h3>")
        if part.source:
            out.append(f"<p class=\"muted\">Source: {e(part.source)}</p>")
        for section in part.sections:
            out.append(f"<h4>{e(section.name)}</h4>")
            out.append("<table><thead><tr><th>Item</th><th>Title</th><th>Status</th><th>Where reported</th>"
                       "<th>Evidence</th><th>Note</th></tr></thead><tbody>")
            for row in section.rows:
                out.append(
                    f"<tr class=\"st-{row.status.value}\" data-status=\"{row.status.value}\"><td>{e(row.item)}</td>"
                    f"<td>{e(row.title)}</td><td class=\"status\">{e(row.status_label)}</td><td>{e(row.where)}</td>"
                    f"<td>{e(row.excerpt)}</td><td>{e(row.note)}</td></tr>"
                )
            out.append("</tbody></table>")
        out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


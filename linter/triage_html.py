"""The triage dashboard: one self-contained HTML page (inline CSS and JavaScript, no network),
one table line per submission, sortable by any column, with a filter box and links to the
per-submission reports. Every piece of submission text is escaped: submissions are untrusted.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from linter import __version__
from linter.errors import InputError
from linter.triage_output import checklist_keys, report_filename
from linter.triage_rows import FLAG_NAMES, SEVERITIES

FLAG_TITLES = {"seeds": "Seeds", "versions": "Versions", "data_access": "Data access", "code_access": "Code access",
               "hyperparameters": "Hyper-params", "mismatches": "Mismatches"}
FLAG_ORDER = {"missing": 0, "partial": 1, "not_checked": 2, "ok": 3}
FLAG_TEXT = {"ok": "ok", "partial": "partial", "missing": "missing", "not_checked": "–"}

_CSS = """
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,sans-serif;margin:1.5rem;color:#1b1f24}
h1{font-size:1.3rem;margin:0 0 .3rem}.meta{color:#57606a;margin-bottom:1rem}
.totals span{display:inline-block;margin-right:1.2rem}
input{padding:.35rem .5rem;width:22rem;margin:.8rem 0;border:1px solid #afb8c1;border-radius:4px}
table{border-collapse:collapse;width:100%}th,td{padding:.3rem .5rem;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}
th{background:#f6f8fa;cursor:pointer;user-select:none;position:sticky;top:0;white-space:nowrap}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}td:first-child{white-space:nowrap}
.f-ok{color:#1a7f37}.f-partial{color:#9a6700;font-weight:600}.f-missing{color:#cf222e;font-weight:700}.f-not_checked{color:#8c959f}
tr.error td{background:#fff5f5}.err{color:#cf222e;max-width:30rem;overflow-wrap:anywhere}
.muted{color:#8c959f}
"""

_JS = """
(function(){
  var table=document.getElementById('triage'),body=table.tBodies[0];
  var heads=table.tHead.rows[0].cells;
  function key(row,i){var c=row.cells[i];var v=c.getAttribute('data-sort');return v===null?c.textContent.trim():v;}
  Array.prototype.forEach.call(heads,function(th,i){
    th.addEventListener('click',function(){
      var asc=th.getAttribute('aria-sort')!=='ascending';
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var num=th.getAttribute('data-type')==='num';
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){var x=key(a,i),y=key(b,i);
        var r=num?(parseFloat(x)||0)-(parseFloat(y)||0):x.localeCompare(y);
        if(r===0){r=key(a,0).localeCompare(key(b,0));}
        return asc?r:-r;});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  var box=document.getElementById('filter');
  box.addEventListener('input',function(){
    var q=box.value.toLowerCase();
    Array.prototype.forEach.call(body.rows,function(r){r.hidden=q&&r.textContent.toLowerCase().indexOf(q)<0;});
  });
})();
"""


def _csp() -> str:
    """Only this page's own style and script may run (by hash); links to reports still work."""
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    return f"default-src 'none'; style-src {digest(_CSS)}; script-src {digest(_JS)}; base-uri 'none'; form-action 'none'"


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def render_dashboard(rows: list[dict[str, Any]], *, report_links: dict[str, str] | None = None,
                     title: str = "guidelint triage") -> str:
    """The dashboard page for ``rows`` (sorted by submission); ``report_links`` maps name -> href."""
    rows = sorted(rows, key=lambda r: r["submission"])
    links = report_links or {}
    checklists = checklist_keys(rows)
    errors = sum(r.get("status") == "error" for r in rows)
    head = ['<th>Submission</th>', '<th>Status</th>']
    head += [f'<th data-type="num">{s.capitalize()}s</th>' for s in SEVERITIES]
    head += [f'<th data-type="num">{FLAG_TITLES[f]}</th>' for f in FLAG_NAMES]
    head += [f'<th data-type="num" title="items reported / items judged">{_e(cl)}</th>' for cl in checklists]
    head += ['<th data-type="num">Seconds</th>', '<th>Error</th>']
    body = "\n".join(_row(r, checklists, links.get(r["submission"])) for r in rows)
    flagged = sum(any((r.get("flags") or {}).get(f) == "missing" for f in FLAG_NAMES) for r in rows)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_e(_csp())}">
<title>{_e(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{_e(title)}</h1>
<div class="meta">guidelint {_e(__version__)} · click a column to sort · flags: ok / partial / missing / – (not checked)</div>
<div class="totals"><span><b>{len(rows)}</b> submissions</span><span><b>{len(rows) - errors}</b> checked</span>
<span><b>{errors}</b> could not be checked</span><span><b>{flagged}</b> with an essential missing</span></div>
<input id="filter" type="search" placeholder="Filter rows (name, status, error text)" aria-label="Filter rows">
<table id="triage"><thead><tr>{''.join(head)}</tr></thead>
<tbody>
{body}
</tbody></table>
<script>{_JS}</script>
</body></html>
"""


def _row(row: dict[str, Any], checklists: list[str], href: str | None) -> str:
    name = _e(row["submission"])
    cell = f'<a href="{_e(href)}">{name}</a>' if href else name
    status = row.get("status", "error")
    counts = row.get("counts") or {}
    flags = row.get("flags") or {}
    coverage = row.get("coverage") or {}
    cells = [f'<td data-sort="{name}">{cell}</td>', f"<td>{_e(status)}</td>"]
    for s in SEVERITIES:
        n = counts.get(s)
        cells.append(f'<td class="num" data-sort="{-1 if n is None else int(n)}">{"" if n is None else int(n)}</td>')
    for f in FLAG_NAMES:
        value = str(flags.get(f, "not_checked"))
        css = value if value in FLAG_ORDER else "not_checked"
        cells.append(f'<td class="f-{css}" data-sort="{FLAG_ORDER.get(value, 2)}">{_e(FLAG_TEXT.get(value, value))}</td>')
    for cl in checklists:
        cov = coverage.get(cl) or {}
        judged = sum(int(cov.get(k, 0)) for k in ("reported", "partial", "missing"))
        reported = int(cov.get("reported", 0))
        share = reported / judged if judged else -1
        text = f"{reported}/{judged}" if cov else ""
        cells.append(f'<td class="num" data-sort="{share:.4f}">{text}</td>')
    cells.append(f'<td class="num">{float(row.get("duration_s") or 0):.2f}</td>')
    cells.append(f'<td class="err">{_e(row.get("error") or "")}</td>')
    return f'<tr class="{"error" if status == "error" else "ok"}">{"".join(cells)}</tr>'


def report_links(rows: list[dict[str, Any]], reports_dir: Path | None, dashboard: Path) -> dict[str, str]:
    """Relative links from the dashboard to the report files that exist."""
    if reports_dir is None:
        return {}
    out = {}
    base = os.path.dirname(os.path.abspath(dashboard))
    for row in rows:
        target = reports_dir / report_filename(row["submission"])
        if target.is_file():
            rel = os.path.relpath(os.path.abspath(target), base).replace(os.sep, "/")
            out[row["submission"]] = quote(rel)
    return out


def write_dashboard(path: Path, rows: list[dict[str, Any]], reports_dir: Path | None, title: str) -> None:
    page = render_dashboard(rows, report_links=report_links(rows, reports_dir, path), title=title)
    try:
        path.write_text(page, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(str(path), f"cannot write the dashboard: {exc.strerror or exc}") from None

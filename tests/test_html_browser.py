"""The HTML report in a real headless browser (Debian's ``chromium`` package).

Loads the report from a file:// URL with networking features off, dumps the DOM after
scripts ran, and reads console messages from Chromium's stderr log (``INFO:CONSOLE``
lines). Skipped when chromium is not installed (``apt-get install chromium``).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from linter.report import RenderOptions, render

try:
    from report_fixtures import SOURCES, gappy_report
except ImportError:  # tests/ imported as a package
    from tests.report_fixtures import SOURCES, gappy_report

CHROMIUM = next((p for p in (os.environ.get("GUIDELINT_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium")
                 if p and Path(p).is_file()), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--enable-logging=stderr", "--v=0"]
CONSOLE = re.compile(r":CONSOLE[:(]|Uncaught|Refused to")


def run_chromium(page: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """(DOM after scripts ran, console/CSP messages) for a local page."""
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if CONSOLE.search(line)]
    return proc.stdout, console


def write_report(tmp_path: Path, extra_script: str = "") -> Path:
    html = render(gappy_report(), "html", RenderOptions(extra={"sources": SOURCES}))
    if extra_script:  # a test-only script, allowed by adding its hash to the page's CSP
        digest = base64.b64encode(hashlib.sha256(extra_script.encode()).digest()).decode()
        html = html.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
        html = html.replace("</body>", f"<script>{extra_script}</script>\n</body>", 1)
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    return page


def test_report_loads_without_console_errors_and_shows_summary(tmp_path):
    dom, console = run_chromium(write_report(tmp_path), tmp_path)
    assert console == []
    assert 'data-guidelint-ready="yes"' in dom  # the inline script ran to the end
    assert '<section id="filters" aria-label="Filters">' in dom  # un-hidden by the script
    assert '<output id="shown-count">4 of 5 findings shown</output>' in dom
    assert '<section id="summary">' in dom and 'data-count="1"' in dom
    assert "<script>alert" not in dom  # escaped text stayed text


def test_filters_work_in_the_browser(tmp_path):
    script = (
        "(function(){var box=document.querySelector('input[data-filter=severity][value=info]');"
        "box.checked=false;box.dispatchEvent(new Event('change'));"
        "var a=document.getElementById('shown-count').textContent;"
        "var sel=document.getElementById('f-checklist');sel.value='repro-core';"
        "sel.dispatchEvent(new Event('change'));"
        "var b=document.getElementById('shown-count').textContent;"
        "var hid=[].slice.call(document.querySelectorAll('div.checklist')).filter(function(d){return d.hidden;})"
        ".map(function(d){return d.getAttribute('data-checklist');}).join(',');"
        "document.body.setAttribute('data-test',a+'|'+b+'|'+hid);}());"
    )
    dom, console = run_chromium(write_report(tmp_path, script), tmp_path)
    assert console == []
    assert 'data-test="2 of 5 findings shown|1 of 5 findings shown|tripod-ai"' in dom


def test_harness_detects_a_csp_blocked_script(tmp_path):
    """Guard: a script the CSP does not allow is reported and does not run."""
    page = write_report(tmp_path)
    html = page.read_text(encoding="utf-8").replace('"use strict";', '"use strict"; var changed = 1;', 1)
    page.write_text(html, encoding="utf-8")
    dom, console = run_chromium(page, tmp_path)
    assert any("Content Security Policy" in line for line in console), console
    assert 'data-guidelint-ready="no"' in dom


def test_harness_detects_a_script_error(tmp_path):
    """Guard: an uncaught exception in an allowed script reaches the console capture."""
    _dom, console = run_chromium(write_report(tmp_path, "nosuchfunction();"), tmp_path)
    assert any("Uncaught ReferenceError" in line for line in console), console

"""Manuscript directives in HTML comments (Markdown) or ``%`` comments (LaTeX).

Grammar (one directive per comment; codes separated by commas or spaces):

* ``<!-- guidelint: ignore CODE[, CODE ...] [-- reason] -->`` — suppress findings of these rules
  or checklist items anywhere in the study (they stay in the report, marked suppressed).
* ``<!-- guidelint: not-applicable ITEM[, ITEM ...] -- reason -->`` (alias ``n/a``) — waive items;
  a reason is required, and waived items remain visible with their reason in every report.

CODE is a rule code (``RND101``), a rule name (``unseeded-randomness``), an item reference
(``tripod-ai.18e``), a bare item id (``18e``, any checklist) or a glob (``tripod-ai.2*``).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from linter.manuscript.document import Document
from linter.model import Finding

_DIRECTIVE = re.compile(
    r"^\s*guidelint\s*:\s*(?P<verb>ignore|not-applicable|n/a|na)\s+(?P<codes>[^\n]*?)\s*(?:--\s*(?P<reason>.*?))?\s*$",
    re.I | re.S,
)


@dataclass
class Directive:
    verb: str  # ignore | not-applicable
    codes: tuple[str, ...]
    reason: str
    line: int
    used: bool = False


def parse_directives(doc: Document | None) -> tuple[list[Directive], list[tuple[int, str]]]:
    """Directives found in comments, and (line, problem) for malformed ones."""
    if doc is None:
        return [], []
    found: list[Directive] = []
    problems: list[tuple[int, str]] = []
    for block in doc.comments():
        text = block.text.strip()
        if not text.lower().startswith("guidelint"):
            continue
        m = _DIRECTIVE.match(text)
        if not m:
            problems.append((block.line, f"unrecognised guidelint directive: {text[:80]!r}"))
            continue
        verb = "ignore" if m.group("verb").lower() == "ignore" else "not-applicable"
        codes = tuple(c for c in re.split(r"[,\s]+", m.group("codes")) if c)
        reason = (m.group("reason") or "").strip()
        if not codes:
            problems.append((block.line, "a guidelint directive must name at least one rule or item"))
            continue
        if verb == "not-applicable" and len(reason) < 3:
            problems.append((block.line, "a not-applicable directive needs a reason after '--'"))
            continue
        found.append(Directive(verb, codes, reason, block.line))
    return found, problems


def selector_matches(selector: str, rule: str, name: str = "", items: tuple[str, ...] = ()) -> bool:
    """Does a user selector (code, name, item ref, bare item id or glob) select this rule?"""
    candidates = [rule, name, *items]
    for cand in candidates:
        if not cand:
            continue
        if selector == cand or fnmatch.fnmatchcase(cand, selector):
            return True
        if "." in cand and "." not in selector and cand.rsplit(".", 1)[1] == selector:
            return True  # bare item id: "18e" matches "tripod-ai.18e"
    return False


def finding_selected(selector: str, f: Finding) -> bool:
    return selector_matches(selector, f.rule, f.name, () if f.rule in f.items else ())

"""Suppressions in code: ``# guidelint: ignore[CODE]`` and ``# guidelint: ignore-file[CODE]``.

Grammar (one regular expression, :data:`DIRECTIVE`):

* ``# guidelint: ignore[RND101]`` or ``# guidelint: ignore[RND101, DEP202]`` in a comment on a
  line suppresses those codes for findings reported on that line (the first line of a
  multi-line statement, where findings are reported).
* ``# guidelint: ignore-file[RND101]`` anywhere in a file suppresses the codes in the whole file.
* Codes are rule codes or rule names (``unseeded-randomness``). A bare ``# guidelint: ignore``
  without codes is not accepted: it suppresses nothing and is reported (GL003), like an
  unknown code. A code that suppressed nothing is reported as GL001 (unused suppression).
* Python files and notebook cells are read with ``tokenize``, so only real comments count
  (not text inside strings); other files (R, requirements, YAML, TOML, Dockerfile …) by lines.

Suppressed findings stay in the findings with ``suppressed`` set to the reason (for audit);
codes in ``ignore_rules`` (configuration) are marked the same way.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from linter import rulebook
from linter.model import Finding
from linter.repo.facts import RepoFacts, SourceFile
from linter.rulebook import finding

DIRECTIVE = re.compile(r"#\s*guidelint\s*:\s*(?P<kind>ignore-file|ignore)(?![\w-])\s*(?:\[(?P<codes>[^\]]*)\])?")
_SUFFIXES = (".py", ".pyi", ".ipynb", ".r", ".rmd", ".qmd", ".txt", ".in", ".cfg", ".toml", ".yaml", ".yml",
             ".ini", ".sh", ".lock")
_NAMES = ("dockerfile", "pipfile", "containerfile", "makefile")


@dataclass
class Directive:
    path: str
    line: int
    cell: int | None
    file_level: bool
    codes: dict[str, str]  # canonical code -> as written
    used: set[str] = field(default_factory=set)


def apply(files: Sequence[SourceFile], facts: RepoFacts, ignore_rules: Iterable[str] = ()) -> None:
    """Mark suppressed findings; add GL001/GL003 findings for unused or malformed directives."""
    ignored = {_canonical(c) or c for c in ignore_rules}
    for f in facts.findings:
        if f.suppressed is None and f.rule in ignored:
            f.suppressed = "ignored by configuration"
    directives, problems = _collect(files)
    by_path: dict[str, list[Directive]] = {}
    for d in directives:
        by_path.setdefault(d.path, []).append(d)
    for f in facts.findings:
        if f.suppressed is not None or f.location.path not in by_path:
            continue
        for d in by_path[f.location.path]:
            if f.rule not in d.codes:
                continue
            if d.file_level:
                f.suppressed = f"guidelint: ignore-file[{d.codes[f.rule]}] at line {d.line}"
            elif d.line == f.location.line and d.cell == f.data.get("cell"):
                f.suppressed = f"guidelint: ignore[{d.codes[f.rule]}]"
            else:
                continue
            d.used.add(f.rule)
            break
    for d in directives:
        for code, written in d.codes.items():
            if code not in d.used and code not in ignored:
                problems.append(_at(d, "GL001", f"suppression of {written} matches no finding on this "
                                    f"{'file' if d.file_level else 'line'}; remove it"))
    facts.findings.extend(problems)


def _canonical(code: str) -> str | None:
    rule = rulebook.by_name_or_code(code.strip())
    return rule.code if rule is not None else None


def _collect(files: Sequence[SourceFile]) -> tuple[list[Directive], list[Finding]]:
    directives: list[Directive] = []
    problems: list[Finding] = []
    for f in files:
        if f.text is None or "guidelint" not in f.text or not _eligible(f.path):
            continue
        for line, cell, comment in _comments(f):
            for match in DIRECTIVE.finditer(comment):
                d, problem = _directive(f.path, line, cell, match)
                if d is not None:
                    directives.append(d)
                if problem is not None:
                    problems.append(problem)
    return directives, problems


def _eligible(path: str) -> bool:
    name = path.rpartition("/")[2].lower()
    return name.endswith(_SUFFIXES) or name.startswith(_NAMES)


def _directive(path: str, line: int, cell: int | None, match: re.Match) -> tuple[Directive | None, Finding | None]:
    kind, raw = match.group("kind"), match.group("codes")
    data = {"cell": cell} if cell is not None else {}
    if raw is None or not raw.strip():
        return None, finding("GL003", f"'# guidelint: {kind}' names no rule code and suppresses nothing; "
                             f"write '# guidelint: {kind}[CODE]'", path, line, None, **data)
    codes: dict[str, str] = {}
    unknown = []
    for part in re.split(r"[,\s]+", raw.strip()):
        if not part:
            continue
        code = _canonical(part)
        if code is None:
            unknown.append(part)
        else:
            codes[code] = part
    problem = None
    if unknown:
        problem = finding("GL003", f"unknown rule code(s) in a guidelint suppression: {', '.join(unknown)}",
                          path, line, None, **data)
    d = Directive(path, line, cell, kind == "ignore-file", codes) if codes else None
    return d, problem


def _at(d: Directive, code: str, message: str) -> Finding:
    data = {"cell": d.cell} if d.cell is not None else {}
    return finding(code, message, d.path, d.line, None, **data)


def _comments(f: SourceFile) -> list[tuple[int, int | None, str]]:
    """(line, notebook cell, comment text) for the comments of a file."""
    text = f.text or ""
    lower = f.path.lower()
    if lower.endswith((".py", ".pyi")):
        return [(line, None, c) for line, c in _python_comments(text)]
    if lower.endswith(".ipynb"):
        return _notebook_comments(text)
    return [(i, None, line[line.index("#"):]) for i, line in enumerate(text.splitlines(), 1) if "#" in line]


def _python_comments(text: str) -> list[tuple[int, str]]:
    out = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT and "guidelint" in tok.string:
                out.append((tok.start[0], tok.string))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        out = [(i, line[line.index("#"):]) for i, line in enumerate(text.splitlines(), 1) if "#" in line]
    return out


def _notebook_comments(text: str) -> list[tuple[int, int | None, str]]:
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError, RecursionError):
        return []
    out: list[tuple[int, int | None, str]] = []
    for index, cell in enumerate(cells if isinstance(cells, list) else [], start=1):
        if not isinstance(cell, dict):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if "guidelint" in source:
            out.extend((line, index, c) for line, c in _python_comments(source))
    return out

"""Expected findings written into the fixture repositories under tests/repos/.

A line of a fixture file (or of a notebook cell) carrying ``# expect: RND101@np.random.rand``
expects that rule on that line, at the column where the text after ``@`` starts (no ``@``:
no column). Several expectations are separated by commas. Every other line must stay silent:
the tests compare the whole set, so a false alarm anywhere fails them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from linter.repo.facts import RepoFacts

REPOS = Path(__file__).parent / "repos"
MARK = re.compile(r"#\s*expect:\s*(.+?)\s*$")
OWN_CODES = re.compile(r"^(RND10\d|GL00[123])$")

Key = tuple[str, str, int, "int | None", "int | None"]


def _marks(line: str) -> list[tuple[str, int | None]]:
    m = MARK.search(line)
    if not m:
        return []
    out = []
    for item in m.group(1).split(","):
        code, _, needle = item.strip().partition("@")
        col = line.index(needle) + 1 if needle else None
        out.append((code, col))
    return out


def expected(root: Path) -> set[Key]:
    out: set[Key] = set()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".py", ".R", ".toml", ".txt"):
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                out |= {(code, rel, i, col, None) for code, col in _marks(line)}
        elif path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            for index, cell in enumerate(cells, 1):
                source = "".join(cell["source"])
                for i, line in enumerate(source.splitlines(), 1):
                    out |= {(code, rel, i, col, index) for code, col in _marks(line)}
    return out


def actual(facts: RepoFacts) -> set[Key]:
    """The active findings of this helper's rules (RND101-RND108, GL001-GL003)."""
    return {
        (f.rule, f.location.path, f.location.line, f.location.column, f.data.get("cell"))
        for f in facts.findings
        if OWN_CODES.match(f.rule) and f.suppressed is None and not _other_analyzers(f.rule, f.location.path)
    }


def _other_analyzers(rule: str, path: str) -> bool:
    # GL002 from other analyzers (a manifest that does not parse) is not this helper's concern
    return rule == "GL002" and not path.endswith((".py", ".ipynb"))

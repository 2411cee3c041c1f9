"""Jupyter notebooks (``.ipynb``): read as JSON, never executed.

The code cells of a Python notebook are joined into one text (one cell after another, each on
its own lines) and analysed like a module, so an import in cell 1 resolves a call in cell 7.
IPython-only lines — line magics (``%matplotlib``), shell escapes (``!pip``), ``x = !ls``,
help (``obj?``) — are blanked, keeping the line numbers; cell magics run in another language
(``%%bash``, ``%%R``, ``%%writefile`` …) blank the whole cell. A cell that does not parse is
blanked and reported (GL002), and the rest is analysed.

Locations: findings in notebooks carry the notebook path, the line *within the cell* (1-based)
and ``data["cell"]``, the 1-based index of the cell among all cells (markdown cells count), as
nbformat stores them.
"""

from __future__ import annotations

import ast
import bisect
import json
import posixpath
import re
from dataclasses import dataclass, field

from linter.model import Finding
from linter.repo.facts import SourceFile
from linter.rulebook import finding

_PY_CELL_MAGICS = {"%%time", "%%timeit", "%%capture", "%%prun", "%%debug", "%%px", "%%cache"}
_RUN = re.compile(r"^\s*%run\s+(?:-\w+\s+)*['\"]?([^\s'\"]+\.py)['\"]?")
_IPYTHON_LINE = re.compile(
    r"^\s*(?:%{1,2}[A-Za-z]|!(?!=)|[A-Za-z_][\w.]*\s*=\s*(?:%[A-Za-z]|!(?!=))|[\w.\[\]]+\?{1,2}\s*$|\?)"
)


@dataclass
class Cell:
    index: int  # 1-based among all cells
    source: str
    execution_count: int | None
    first_line: int = 0  # first line in the joined code (1-based)


@dataclass
class Notebook:
    path: str
    language: str
    cells: list[Cell] = field(default_factory=list)  # code cells, in document order

    def code(self) -> str:
        lines: list[str] = []
        folder = posixpath.dirname(self.path)
        for cell in self.cells:
            cell.first_line = len(lines) + 1
            lines.extend(_run_as_import(line, folder) for line in _python_lines(cell.source))
        return "\n".join(lines) + "\n"

    def line_map(self):
        """Joined-code line -> (line within its cell, cell index)."""
        starts = [c.first_line for c in self.cells]

        def locate(line: int) -> tuple[int, int | None]:
            i = bisect.bisect_right(starts, line) - 1
            if i < 0:
                return line, None
            return line - starts[i] + 1, self.cells[i].index

        return locate


class NotebookError(ValueError):
    pass


def read_notebook(file: SourceFile) -> Notebook:
    """The code cells of a notebook; raises NotebookError for something that is not one."""
    try:
        data = json.loads(file.text or "")
    except (json.JSONDecodeError, RecursionError) as exc:
        raise NotebookError(f"not valid notebook JSON ({exc})") from None
    if not isinstance(data, dict):
        raise NotebookError("not a notebook (the JSON is not an object)")
    raw_cells = data.get("cells")
    if raw_cells is None and isinstance(data.get("worksheets"), list):  # nbformat 3
        raw_cells = [c for ws in data["worksheets"] if isinstance(ws, dict) for c in ws.get("cells", [])]
    if not isinstance(raw_cells, list):
        raise NotebookError("not a notebook (no list of cells)")
    nb = Notebook(file.path, _language(data.get("metadata")))
    for i, cell in enumerate(raw_cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            source = ""
        count = cell.get("execution_count", cell.get("prompt_number"))
        nb.cells.append(Cell(i, source, count if isinstance(count, int) and not isinstance(count, bool) else None))
    return nb


def _language(meta: object) -> str:
    if not isinstance(meta, dict):
        return "python"
    for key in ("kernelspec", "language_info"):
        part = meta.get(key)
        if isinstance(part, dict):
            lang = part.get("language") or part.get("name")
            if isinstance(lang, str) and lang:
                lang = lang.lower()
                return "python" if lang.startswith("python") else lang
    return "python"


def _python_lines(source: str) -> list[str]:
    lines = source.splitlines() or [""]
    head = lines[0].strip().split()
    if head and head[0].startswith("%%"):
        if head[0] not in _PY_CELL_MAGICS:
            return [""] * len(lines)
        lines = ["", *lines[1:]]
    return [line if not _IPYTHON_LINE.match(line) else (line if _RUN.match(line) else "") for line in lines]


def _run_as_import(line: str, folder: str) -> str:
    """``%run helpers/seed.py`` runs that file's code in the notebook: read it as an import of
    the repository module (so its seeds count); other magics were blanked already."""
    m = _RUN.match(line)
    if not m:
        return line
    target = posixpath.normpath(posixpath.join(folder, m.group(1)))
    if target.startswith("../") or target.startswith("/") or not target.endswith(".py"):
        return ""
    dotted = target[:-3].replace("/", ".")
    return f"import {dotted}" if all(p.isidentifier() for p in dotted.split(".")) else ""


def parse_notebook(nb: Notebook) -> tuple[ast.Module | None, str, list[Finding]]:
    """Parse the joined code, blanking cells that do not parse (each reported as GL002)."""
    findings: list[Finding] = []
    broken: list[tuple[Cell, int, str]] = []
    for _ in range(len(nb.cells) + 1):
        code = nb.code()
        try:
            return ast.parse(code, filename=nb.path), code, _broken_findings(nb, broken)
        except SyntaxError as exc:
            line = exc.lineno or 1
            cell_line, cell_index = nb.line_map()(line)
            cell = next((c for c in nb.cells if c.index == cell_index), None)
            if cell is None or not cell.source.strip():
                break
            broken.append((cell, cell_line, exc.msg))
            cell.source = "\n" * max(1, len(cell.source.splitlines()))
        except (ValueError, RecursionError, MemoryError) as exc:
            findings.append(finding("GL002", f"notebook not analysed: {type(exc).__name__}", nb.path))
            return None, "", findings
    findings.append(finding("GL002", "notebook not analysed: its cells do not parse as Python", nb.path))
    return None, "", findings


def _broken_findings(nb: Notebook, broken: list[tuple[Cell, int, str]]) -> list[Finding]:
    if not broken:
        return []
    if len(broken) > 3:
        cell, line, msg = broken[0]
        return [finding("GL002", f"{len(broken)} notebook cells do not parse as Python (first: {msg}); "
                        "they were skipped", nb.path, line, None, cell=cell.index)]
    return [finding("GL002", f"notebook cell {cell.index} does not parse as Python ({msg}); it was skipped",
                    nb.path, line, None, cell=cell.index) for cell, line, msg in broken]


def out_of_order(nb: Notebook) -> Finding | None:
    """RND107 when executed cells are not in increasing order, or a cell was skipped between
    cells that ran. One finding per notebook, at the first offending cell."""
    cells = [c for c in nb.cells if c.source.strip()]
    problems: list[tuple[Cell, str]] = []
    best: Cell | None = None
    for c in cells:
        if c.execution_count is None:
            continue
        if best is not None and c.execution_count <= best.execution_count:  # type: ignore[operator]
            problems.append((c, f"cell {c.index} (In [{c.execution_count}]) ran before cell {best.index} "
                                f"(In [{best.execution_count}]) above it"))
        if best is None or c.execution_count > best.execution_count:  # type: ignore[operator]
            best = c
    last_run = max((i for i, c in enumerate(cells) if c.execution_count is not None), default=-1)
    for i, c in enumerate(cells[:max(last_run, 0)]):
        if c.execution_count is None:
            later = next(x for x in cells[i + 1:] if x.execution_count is not None)
            problems.append((c, f"cell {c.index} never ran, but cell {later.index} below it did"))
    if not problems:
        return None
    problems.sort(key=lambda p: p[0].index)
    cell, text = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return finding("RND107", f"notebook cells were run out of order: {text}{more}", nb.path, 1, 1,
                   cell=cell.index, cells=sorted({p[0].index for p in problems}))

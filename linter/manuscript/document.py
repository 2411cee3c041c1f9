"""The manuscript as plain data: sections with heading paths, blocks with 1-based line spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    title: str
    level: int
    path: tuple[str, ...]  # heading path from the top, including this title
    line: int  # line of the heading
    end_line: int  # last line belonging to the section (before the next heading of same/higher level)


@dataclass(frozen=True)
class Block:
    """A unit of rendered text.

    kind: paragraph | table | list | code | html_comment | front_matter | heading
    ``text`` is the plain text a reader sees (markup stripped where cheap);
    ``section`` is the heading path it sits under; lines are 1-based, inclusive.
    ``hidden`` is True for text a reader of the rendered document does not see
    (HTML comments, non-echoed R chunks, YAML front matter).
    """

    kind: str
    text: str
    line: int
    end_line: int
    section: tuple[str, ...] = ()
    hidden: bool = False
    info: str = ""  # code fence info string, e.g. "{r, echo=FALSE}"
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, header first
    label: str = ""  # a bold run-in label opening a paragraph ("**Code availability.** ...")

    def line_of_offset(self, offset: int) -> int:
        """1-based line of a character offset inside ``text`` (text keeps source newlines)."""
        return self.line + self.text.count("\n", 0, max(0, offset))


@dataclass
class Document:
    path: str
    format: str  # markdown | rmarkdown | quarto | latex | text
    text: str
    lines: list[str]
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_lines: tuple[int, int] | None = None
    title: str | None = None
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # derived data, per run

    def visible_blocks(self) -> list[Block]:
        return [b for b in self.blocks if not b.hidden]

    def comments(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "html_comment"]

    def section_at(self, line: int) -> Section | None:
        best = None
        for s in self.sections:
            if s.line <= line <= s.end_line and (best is None or s.level >= best.level):
                best = s
        return best

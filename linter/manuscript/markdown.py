"""Markdown (and R Markdown / Quarto) manuscripts → :class:`Document`, via markdown-it-py.

We keep source line numbers for every block (markdown-it's ``token.map``), the heading path
of each block, tables as cells, and mark text a reader of the rendered paper never sees
(HTML comments, code chunks with ``echo=FALSE``/``include=FALSE``) as hidden.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from linter.errors import InputError, load_yaml
from linter.manuscript.document import Block, Document, Section

_MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").use(front_matter_plugin)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TIGHT_HEADING = re.compile(r"(#{1,6})([A-Z][^\n#]{0,150})[ \t#]*(?:\n|$)")
_HIDDEN_CHUNK = re.compile(r"\b(?:echo|include)\s*=\s*(?:FALSE|F)\b|#\|\s*(?:echo|include)\s*:\s*false", re.I)


def read_markdown(path: str, text: str, fmt: str = "markdown") -> Document:
    tokens = _MD.parse(text)
    lines = text.splitlines()
    doc = Document(path=path, format=fmt, text=text, lines=lines)
    heading_stack: list[tuple[int, str, int]] = []  # (level, title, line)
    raw_sections: list[tuple[int, str, tuple[str, ...], int]] = []
    i = 0
    list_depth = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "front_matter":
            doc.front_matter = _front_matter(path, tok.content)
            start, end = _span(tok)
            doc.front_matter_lines = (start, end)
            doc.blocks.append(Block("front_matter", tok.content, start, end, hidden=True))
        elif tok.type == "heading_open":
            level = int(tok.tag[1])
            title = _inline_text(tokens[i + 1]).strip()
            line, _ = _span(tok)
            while heading_stack and heading_stack[-1][0] >= level:
                heading_stack.pop()
            heading_stack.append((level, title, line))
            path_t = tuple(h[1] for h in heading_stack)
            raw_sections.append((level, title, path_t, line))
            doc.blocks.append(Block("heading", title, line, line, path_t))
            i += 3
            continue
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif tok.type == "paragraph_open":
            inline = tokens[i + 1]
            body = _inline_text(inline)
            start, end = _span(tok)
            tight = _TIGHT_HEADING.match(body) if not list_depth else None
            if tight:  # pandoc-style "###Methods" (no space): a heading to the authors and their renderer
                level, title = len(tight.group(1)), tight.group(2).strip()
                while heading_stack and heading_stack[-1][0] >= level:
                    heading_stack.pop()
                heading_stack.append((level, title, start))
                path_t = tuple(h[1] for h in heading_stack)
                raw_sections.append((level, title, path_t, start))
                doc.blocks.append(Block("heading", title, start, start, path_t))
                body, start = body[tight.end():], start + 1
            section = tuple(h[1] for h in heading_stack)
            kind = "list" if list_depth else "paragraph"
            label = _run_in_label(inline, skip_first_line=bool(tight))
            segments = [] if tight or list_depth else _labelled_lines(inline)
            if body.strip() and len(segments) > 1 and segments[0][0] == 0:
                # a structured abstract written as one paragraph: "**Background.** ...\n**Methods.** ..."
                lines_of = body.split("\n")
                bounds = [k for k, _l in segments] + [len(lines_of)]
                for (k, seg_label), k_end in zip(segments, bounds[1:]):
                    text = "\n".join(lines_of[k:k_end])
                    if text.strip():
                        doc.blocks.append(Block(kind, text, start + k, start + k_end - 1, section, label=seg_label))
            elif body.strip():
                doc.blocks.append(Block(kind, body, start, max(start, end), section, label=label))
            doc.blocks.extend(_inline_comments(inline, _span(tok)[0], section))
            i += 3
            continue
        elif tok.type == "table_open":
            j, rows = _table(tokens, i)
            start, end = _span(tok)
            section = tuple(h[1] for h in heading_stack)
            lines_out = [" | ".join(r) for r in rows]
            body = "\n".join(lines_out[:1] + [""] + lines_out[1:])  # the delimiter row keeps its (empty) line
            doc.blocks.append(Block("table", body, start, end, section, rows=tuple(tuple(r) for r in rows)))
            i = j + 1
            continue
        elif tok.type in ("fence", "code_block"):
            start, end = _span(tok)
            info = tok.info.strip()
            hidden = bool(_HIDDEN_CHUNK.search(info) or _HIDDEN_CHUNK.search(tok.content[:400]))
            section = tuple(h[1] for h in heading_stack)
            doc.blocks.append(Block("code", tok.content, start, end, section, hidden=hidden, info=info))
        elif tok.type == "html_block":
            start, _ = _span(tok)
            section = tuple(h[1] for h in heading_stack)
            doc.blocks.extend(_comments_in(tok.content, start, section))
            visible = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), tok.content)
            visible = re.sub(r"<[^>]+>", " ", visible)
            if visible.strip():
                end = start + tok.content.count("\n")
                doc.blocks.append(Block("paragraph", visible, start, end, section))
        i += 1
    doc.sections = _close_sections(raw_sections, len(lines))
    doc.title = _title(doc)
    return doc


def _span(tok: Token) -> tuple[int, int]:
    if tok.map:
        return tok.map[0] + 1, max(tok.map[0] + 1, tok.map[1])
    return 1, 1


def _front_matter(path: str, content: str) -> dict[str, Any]:
    data = load_yaml(path, content, first_line=2, context="front matter: ")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be a YAML mapping (key: value pairs)")
    return data


def _inline_text(inline: Token) -> str:
    """Plain text of an inline token, keeping source line breaks and link targets."""
    out: list[str] = []
    for child in inline.children or []:
        t = child.type
        if t in ("text", "code_inline"):
            out.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            out.append("\n")
        elif t == "link_open":
            href = child.attrGet("href") or ""
            child.meta["href"] = href
            out.append("")
        elif t == "link_close":
            pass
        elif t == "image":
            out.append(child.content)
        elif t == "html_inline":
            out.append("\n" * child.content.count("\n"))
    text = "".join(out)
    hrefs = [c.attrGet("href") for c in inline.children or [] if c.type == "link_open"]
    hrefs = [h for h in hrefs if h and h.startswith(("http", "www", "doi"))]
    if hrefs:
        text = text + " " + " ".join(f"<{h}>" for h in hrefs if h not in text)
    return text


def _run_in_label(inline: Token, skip_first_line: bool = False) -> str:
    """The bold (or italic) words opening a paragraph, used as a run-in heading."""
    children = list(inline.children or [])
    if skip_first_line:
        breaks = [k for k, c in enumerate(children) if c.type in ("softbreak", "hardbreak")]
        children = children[breaks[0] + 1:] if breaks else []
    children = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if not children or children[0].type not in ("strong_open", "em_open"):
        return ""
    close = "strong_close" if children[0].type == "strong_open" else "em_close"
    words = []
    for c in children[1:]:
        if c.type == close:
            break
        if c.type in ("text", "code_inline"):
            words.append(c.content)
    label = "".join(words).strip().rstrip(".:").strip()
    return label if 1 < len(label) <= 80 else ""


def _labelled_lines(inline: Token) -> list[tuple[int, str]]:
    """(line index within the paragraph, label) for each source line that opens with a bold run-in label."""
    out: list[tuple[int, str]] = []
    children = list(inline.children or [])
    line, at_start = 0, True
    for k, c in enumerate(children):
        if c.type in ("softbreak", "hardbreak"):
            line, at_start = line + 1, True
            continue
        if at_start and c.type == "text" and not c.content.strip():
            continue
        if at_start and c.type == "strong_open":
            words = []
            for d in children[k + 1:]:
                if d.type == "strong_close":
                    break
                if d.type in ("text", "code_inline"):
                    words.append(d.content)
            label = "".join(words).strip()
            if 1 < len(label) <= 60 and (label.endswith((".", ":")) or _follows_with_colon(children, k)):
                out.append((line, label.rstrip(".:").strip()))
        at_start = False
    return out


def _follows_with_colon(children: list[Token], k: int) -> bool:
    """``**Methods**: text`` — the punctuation may sit just after the bold run."""
    for j in range(k + 1, len(children)):
        if children[j].type == "strong_close":
            nxt = children[j + 1] if j + 1 < len(children) else None
            return bool(nxt is not None and nxt.type == "text" and nxt.content.lstrip().startswith((":", ".")))
    return False


def _inline_comments(inline: Token, start: int, section: tuple[str, ...]) -> list[Block]:
    blocks: list[Block] = []
    line = start
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "html_inline":
            blocks.extend(_comments_in(child.content, line, section))
            line += child.content.count("\n")
        elif child.type == "text":
            line += child.content.count("\n")
    return blocks


def _comments_in(content: str, start: int, section: tuple[str, ...]) -> list[Block]:
    out = []
    for m in _COMMENT.finditer(content):
        line = start + content.count("\n", 0, m.start())
        out.append(Block("html_comment", m.group(1), line, line + m.group(0).count("\n"), section, hidden=True))
    return out


def _table(tokens: list[Token], i: int) -> tuple[int, list[list[str]]]:
    rows: list[list[str]] = []
    row: list[str] | None = None
    j = i
    while j < len(tokens) and tokens[j].type != "table_close":
        t = tokens[j]
        if t.type == "tr_open":
            row = []
        elif t.type == "tr_close" and row is not None:
            rows.append(row)
        elif t.type == "inline" and row is not None:
            row.append(_inline_text(t).strip())
        j += 1
    return j, rows


def _close_sections(raw: list[tuple[int, str, tuple[str, ...], int]], n_lines: int) -> list[Section]:
    out = []
    for k, (level, title, path_t, line) in enumerate(raw):
        end = n_lines
        for level2, _t, _p, line2 in raw[k + 1 :]:
            if level2 <= level:
                end = line2 - 1
                break
        out.append(Section(title, level, path_t, line, max(line, end)))
    return out


def _title(doc: Document) -> str | None:
    fm_title = doc.front_matter.get("title") if doc.front_matter else None
    if isinstance(fm_title, str) and fm_title.strip():
        return fm_title.strip()
    for s in doc.sections:
        if s.level == 1:
            return s.title
    return doc.sections[0].title if doc.sections else None

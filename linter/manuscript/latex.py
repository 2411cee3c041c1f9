"""LaTeX manuscripts → :class:`Document`, via pylatexenc's LatexWalker (node positions → 1-based lines).

What becomes what:

* ``\\part`` … ``\\subparagraph`` (starred or not, also inside pandoc's ``\\hypertarget{..}{..}``) are
  headings; ``abstract`` and ``acknowledgements`` environments (and an ``\\abstract{..}`` macro) open
  a section of that name; ``thebibliography`` is a References section.
* Paragraphs (separated by blank lines or ``\\par``) become blocks whose text keeps the source line
  breaks, so a sentence's line is exact. A bold or italic run-in label opening a paragraph
  (``\\textbf{Funding.}``) is kept as the block's ``label``.
* ``\\href{url}{text}`` keeps the text and the url, ``\\url`` its target; ``\\footnote`` and ``\\thanks``
  text becomes a paragraph of its own; ``\\caption`` text too; citations and labels are dropped.
* ``itemize``/``enumerate``/``description`` items are list blocks; ``tabular``-like environments are
  table blocks with one text line per row (at the row's source line); ``verbatim``, ``lstlisting``,
  ``minted`` and ``Verbatim`` are code blocks.
* What a reader of the PDF never sees is hidden: ``%`` comments (as ``html_comment`` blocks, so
  ``% guidelint: ...`` directives work as in Markdown), ``\\iffalse … \\fi`` and ``comment``
  environments. The preamble contributes only the title, author notes, the abstract and comments.

``\\input``/``\\include`` files are not followed (the reader sees one file's text, never the disk).
"""

from __future__ import annotations

import re

from pylatexenc import latexwalker as lw
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.macrospec import EnvironmentSpec, MacroSpec, MacroStandardArgsParser, ParsedMacroArgs

from linter.errors import InputError
from linter.manuscript.document import Block, Document, Section

_LEVELS = {"part": 1, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4, "paragraph": 5,
           "subparagraph": 6}
_INLINE = {"textbf", "emph", "textit", "texttt", "textsc", "textsf", "textrm", "textup", "textnormal", "underline",
           "uline", "mbox", "text", "textsuperscript", "textsubscript", "hl", "MakeUppercase", "uppercase", "enquote",
           "textmd", "textsl", "hbox", "makebox", "fbox", "small", "footnotesize", "scriptsize", "large", "Large",
           "normalsize", "bfseries", "itshape", "mathrm", "mathit", "nolinkurl", "textcolor", "colorbox", "sout",
           "protect", "hyperlink", "multicolumn", "multirow", "makecell"}
_DROP = {"cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear", "parencite", "textcite",
         "autocite", "footcite", "nocite", "ref", "eqref", "autoref", "cref", "Cref", "pageref", "label",
         "includegraphics", "vspace", "hspace", "newpage", "clearpage", "pagebreak", "linebreak", "noindent",
         "maketitle", "tableofcontents", "bibliography", "bibliographystyle", "printbibliography", "tightlist",
         "linenumbers", "nolinenumbers", "centering", "toprule", "midrule", "bottomrule", "hline", "cline",
         "endhead", "endfirsthead", "endfoot", "endlastfoot", "addlinespace", "cmidrule", "phantomsection",
         "thispagestyle", "pagestyle", "setlength", "addcontentsline", "hypertarget", "usepackage", "input",
         "include", "newcommand", "renewcommand", "def", "let", "setcounter", "doublespacing", "singlespacing",
         "onehalfspacing", "vfill", "hfill", "smallskip", "medskip", "bigskip", "newline", "pnasbreak"}
_ROW_END = {"\\", "tabularnewline", "cr"}
_TABLES = {"tabular", "tabular*", "tabularx", "longtable", "tabu", "longtabu", "supertabular", "xtabular", "array"}
_LISTS = {"itemize", "enumerate", "description", "compactitem", "compactenum", "tightitemize"}
_VERBATIM = ("verbatim", "Verbatim", "lstlisting", "minted", "spverbatim", "BVerbatim", "alltt", "comment")
_SECTION_ENVS = {"abstract": "Abstract", "acknowledgements": "Acknowledgements", "acknowledgments": "Acknowledgements",
                 "acknowledgement": "Acknowledgements", "thebibliography": "References"}
_DEFINE_1 = ("newcommand", "renewcommand", "providecommand", "def", "gdef", "edef", "xdef", "DeclareRobustCommand",
             "DeclareMathOperator", "newcolumntype")
_DEFINE_2 = ("newenvironment", "renewenvironment")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_L2T = LatexNodes2Text(math_mode="verbatim")


class _VerbatimEnv(MacroStandardArgsParser):
    """Takes everything up to ``\\end{<name>}`` as one raw argument (LaTeX's own rule for verbatim)."""

    def __init__(self, name: str) -> None:
        super().__init__(argspec="{")
        self.name = name

    def parse_args(self, w, pos, parsing_state=None):  # noqa: ANN001, ANN201 - pylatexenc's interface
        end = w.s.find("\\end{" + self.name + "}", pos)
        end = len(w.s) if end < 0 else end
        node = w.make_node(lw.LatexCharsNode, parsing_state=parsing_state, chars=w.s[pos:end], pos=pos, len=end - pos)
        return ParsedMacroArgs(argspec="{", argnlist=[node]), pos, end - pos


class _Definition(MacroStandardArgsParser):
    """Swallows a macro/environment definition (``\\newcommand{\\x}[1]{body}``) unparsed: a body may
    hold half an environment (``\\begin{landscape}``) that would otherwise swallow the document."""

    def __init__(self, bodies: int) -> None:
        super().__init__(argspec="{")
        self.bodies = bodies

    def parse_args(self, w, pos, parsing_state=None):  # noqa: ANN001, ANN201 - pylatexenc's interface
        s, k = w.s, pos
        k = _skip(s, k, "*")
        if s.startswith("{", k):
            k = _balanced(s, k)
        elif s.startswith("\\", k):
            m = re.compile(r"\\(?:[A-Za-z@]+|.)").match(s, k)
            k = m.end() if m else k + 1
        m = re.compile(r"(?:\s*\[[^\]]*\])*[^{]{0,40}?(?=\{)|").match(s, k)  # [n][default] or #1#2
        k = m.end() if m and m.group(0) and "\n\n" not in m.group(0) else k
        for _ in range(self.bodies):
            k = _skip(s, k, "")
            if s.startswith("{", k):
                k = _balanced(s, k)
        node = w.make_node(lw.LatexCharsNode, parsing_state=parsing_state, chars="", pos=pos, len=k - pos)
        return ParsedMacroArgs(argspec="{", argnlist=[node]), pos, k - pos


def _skip(s: str, k: int, extra: str) -> int:
    while k < len(s) and (s[k] in " \t\n" or s[k] in extra):
        k += 1
    return k


def _balanced(s: str, k: int) -> int:
    """Index just after the ``}`` matching the ``{`` at ``k`` (escapes and % comments respected)."""
    depth = 0
    while k < len(s):
        c = s[k]
        if c == "\\":
            k += 2
            continue
        if c == "%":
            nl = s.find("\n", k)
            k = len(s) if nl < 0 else nl
            continue
        depth += (c == "{") - (c == "}")
        k += 1
        if depth == 0:
            return k
    return k


# argument shapes pylatexenc does not know (or knows differently): "*" star, "[" optional, "{" required
_ARGSPECS = {
    "*[{": "paragraph subparagraph chapter part caption citealp citet parencite textcite autocite",
    "[{{": "href", "{{{": "multicolumn addcontentsline", "[{[{{": "multirow", "[{": "makecell author cmidrule",
    "{{": "hypertarget hyperlink textcolor setlength",
    "{": "nolinkurl thanks textsuperscript textsubscript abstract acknow keywords enquote uline sout hl text cline "
         "autoref cref Cref eqref pageref bibliography bibliographystyle leadauthor dates thispagestyle pagestyle",
}
_ENV_ARGSPECS = {"tabular": "[{", "tabularx": "{[{", "tabular*": "{[{", "longtable": "[{", "tabu": "{",
                 "longtabu": "{", "array": "[{"}


def _context():
    """pylatexenc's default macro database, taught the manuscript macros above."""
    db = lw.get_default_latex_context_db()
    macros = [MacroSpec(name, spec) for spec, names in _ARGSPECS.items() for name in names.split()]
    macros += [MacroSpec(n, args_parser=_Definition(1)) for n in _DEFINE_1]
    macros += [MacroSpec(n, args_parser=_Definition(2)) for n in _DEFINE_2]
    envs = [EnvironmentSpec(n, args_parser=_VerbatimEnv(n)) for n in _VERBATIM]
    envs += [EnvironmentSpec(name, spec) for name, spec in _ENV_ARGSPECS.items()]
    db.add_context_category("guidelint", macros=macros, environments=envs, prepend=True)
    return db


_CONTEXT = _context()


def read_latex(path: str, text: str, fmt: str = "latex") -> Document:
    """Read a LaTeX manuscript into a :class:`Document` (see the module docstring)."""
    walker = lw.LatexWalker(text, latex_context=_CONTEXT, tolerant_parsing=True)
    try:
        nodes, _, _ = walker.get_latex_nodes()
    except (lw.LatexWalkerError, RecursionError, IndexError, ValueError) as exc:
        raise InputError(path, f"could not parse the LaTeX: {str(exc).splitlines()[0] if str(exc) else exc}") from None
    doc = Document(path=path, format=fmt, text=text, lines=text.splitlines())
    builder = _Builder(walker, doc)
    body = next((n for n in nodes if _env(n) == "document"), None)
    try:
        if body is None:
            builder.walk(nodes)  # a fragment (e.g. a chapter file): all of it is body
        else:
            builder.preamble(nodes[: nodes.index(body)])
            builder.walk(body.nodelist or [])
        builder.flush()
    except RecursionError:
        raise InputError(path, "LaTeX is nested too deeply to read") from None
    doc.sections = builder.sections(len(doc.lines))
    doc.title = builder.title or (doc.sections[0].title if doc.sections else None)
    return doc


def _env(node) -> str:  # noqa: ANN001
    return node.environmentname if isinstance(node, lw.LatexEnvironmentNode) else ""


def _macro(node) -> str:  # noqa: ANN001
    return node.macroname if isinstance(node, lw.LatexMacroNode) else ""


def _args(node) -> list:  # noqa: ANN001
    argd = getattr(node, "nodeargd", None)
    return [a for a in (argd.argnlist if argd and argd.argnlist else []) if a is not None]


class _Builder:
    """Walks the node tree once, collecting blocks and headings with their lines."""

    def __init__(self, walker: lw.LatexWalker, doc: Document) -> None:
        self.w = walker
        self.doc = doc
        self.title: str | None = None
        self.stack: list[tuple[int, str]] = []  # (level, title)
        self.raw: list[tuple[int, str, tuple[str, ...], int, int | None]] = []  # level, title, path, line, end
        self.buf: list[str] = []
        self.start = 0  # line of the paragraph's first text
        self.last = 0  # line of the paragraph's last text
        self.kind = "paragraph"
        self.label = ""
        self.fresh = True  # nothing but whitespace in the paragraph yet (for run-in labels)
        self.pending: list[Block] = []  # footnotes, emitted after their paragraph

    # -------------------------------------------------------------- positions and output
    def line(self, pos: int) -> int:
        return self.w.pos_to_lineno_colno(max(0, min(pos, len(self.w.s) - 1)) if self.w.s else 0)[0]

    def path(self) -> tuple[str, ...]:
        return tuple(t for _, t in self.stack)

    def emit(self, text: str, pos: int) -> None:
        """Add text found at source position ``pos`` to the open paragraph, keeping line alignment."""
        if not text:
            return
        line = self.line(pos)
        if not "".join(self.buf).strip():
            if not text.strip():
                return
            lead = len(text) - len(text.lstrip())
            self.buf, self.start = [], self.line(pos + lead) if lead else line
            text = text.lstrip()
        else:
            have = self.start + "".join(self.buf).count("\n")
            if line > have:
                self.buf.append("\n" * (line - have))
        self.buf.append(text)
        if text.strip():
            self.last = self.start + "".join(self.buf).rstrip().count("\n")

    def flush(self) -> None:
        body = "".join(self.buf)
        if body.strip():
            self.doc.blocks.append(Block(self.kind, body.rstrip(), self.start, max(self.start, self.last), self.path(),
                                         label=self.label))
        self.doc.blocks.extend(self.pending)
        self.buf, self.label, self.fresh, self.pending = [], "", True, []

    def hidden(self, kind: str, text: str, pos: int, end_pos: int) -> None:
        a, b = self.line(pos), self.line(max(pos, end_pos - 1))
        self.doc.blocks.append(Block(kind, text, a, b, self.path(), hidden=True))

    def heading(self, level: int, title: str, line: int) -> None:
        self.flush()
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, title))
        self.raw.append((level, title, self.path(), line, None))
        self.doc.blocks.append(Block("heading", title, line, line, self.path()))

    def close(self, title: str, end_line: int) -> None:
        """End a section opened by an environment (abstract ...) at the environment's end."""
        self.flush()
        for k in range(len(self.raw) - 1, -1, -1):
            if self.raw[k][1] == title and self.raw[k][4] is None:
                self.raw[k] = (*self.raw[k][:4], end_line)
                break
        if self.stack and self.stack[-1][1] == title:
            self.stack.pop()

    def sections(self, n_lines: int) -> list[Section]:
        if not self.raw:
            return []
        shift = min(r[0] for r in self.raw) - 1
        out = []
        for k, (level, title, path, line, fixed_end) in enumerate(self.raw):
            end = fixed_end or n_lines
            if fixed_end is None:
                for level2, _t, _p, line2, _e in self.raw[k + 1:]:
                    if level2 <= level:
                        end = line2 - 1
                        break
            out.append(Section(title, level - shift, path, line, max(line, end)))
        return out

    # -------------------------------------------------------------- the walk
    def preamble(self, nodes: list) -> None:
        for node in nodes:
            name = _macro(node)
            if isinstance(node, lw.LatexCommentNode):
                self.comment(node)
            elif name == "title" and _args(node):
                self.title = " ".join(self.text_of(_args(node)[-1]).split()) or None
            elif name == "author" and _args(node):
                self.footnotes_in(_args(node)[-1], with_text=False)
            elif name in ("abstract", "acknow") and _args(node):
                self.section_from(node, "Abstract" if name == "abstract" else "Acknowledgements", _args(node)[-1])
            elif _env(node) in _SECTION_ENVS or _env(node) == "comment":
                self.walk([node])
        self.flush()

    def walk(self, nodes: list) -> None:
        k = 0
        while k < len(nodes):
            node = nodes[k]
            if _macro(node) == "iffalse":
                k = self.skip_iffalse(nodes, k)
                continue
            self.node(node)
            k += 1

    def skip_iffalse(self, nodes: list, k: int) -> int:
        depth, j = 0, k + 1
        while j < len(nodes):
            name = _macro(nodes[j])
            if name.startswith("if"):
                depth += 1
            elif name == "fi":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        end = nodes[j].pos + nodes[j].len if j < len(nodes) else len(self.w.s)
        self.flush()
        self.hidden("paragraph", self.w.s[nodes[k].pos:end], nodes[k].pos, end)
        return j + 1

    def node(self, node) -> None:  # noqa: ANN001
        if node is None:
            return
        if isinstance(node, lw.LatexCharsNode):
            self.chars(node.chars, node.pos)
        elif isinstance(node, lw.LatexCommentNode):
            self.comment(node)
        elif isinstance(node, lw.LatexGroupNode):
            self.walk(node.nodelist or [])
        elif isinstance(node, lw.LatexMacroNode):
            self.macro(node)
        elif isinstance(node, lw.LatexEnvironmentNode):
            self.environment(node)
        else:  # math and specials
            self.emit(_plain(node), node.pos)
            self.fresh = False

    def chars(self, chars: str, pos: int) -> None:
        start = 0
        for m in _BLANK_LINE.finditer(chars):
            self.emit(chars[start:m.start()], pos + start)
            self.flush()
            start = m.end()
        self.emit(chars[start:], pos + start)
        if chars[start:].strip():
            self.fresh = False

    def comment(self, node) -> None:  # noqa: ANN001
        text = node.comment.strip()
        if text:
            self.doc.blocks.append(Block("html_comment", text, self.line(node.pos), self.line(node.pos),
                                         self.path(), hidden=True))

    def macro(self, node) -> None:  # noqa: ANN001
        name = node.macroname
        args = _args(node)
        if name in _LEVELS:
            title = " ".join(self.text_of(args[-1]).split()) if args else ""
            if title:
                self.heading(_LEVELS[name], title, self.line(node.pos))
        elif name == "par":
            self.flush()
        elif name == "hypertarget" and args:
            self.walk([args[-1]])
        elif name == "href" and args:
            self.inline(args[-1], node.pos)
            self.emit(f" <{self.text_of(args[-2]).strip()}>" if len(args) > 1 else "", node.pos + node.len - 1)
        elif name in ("url", "nolinkurl") and args:
            self.emit(self.text_of(args[-1]).strip(), node.pos)
            self.fresh = False
        elif name in ("footnote", "thanks") and args:
            self.footnotes_in(args[-1])
        elif name == "caption" and args:
            self.flush()
            self.inline(args[-1], node.pos)
            self.flush()
        elif name in ("abstract", "acknow") and args:
            self.section_from(node, "Abstract" if name == "abstract" else "Acknowledgements", args[-1])
        elif name in _INLINE:
            self.inline_macro(node, args)
        elif name in _ROW_END or name in _DROP:
            self.emit(" " if name in _ROW_END else "", node.pos)
        else:
            self.emit(_plain(node), node.pos)

    def inline_macro(self, node, args: list) -> None:  # noqa: ANN001
        """Bold/italic and friends: their text joins the paragraph; one opening a paragraph is a run-in label."""
        was_fresh = self.fresh and not "".join(self.buf).strip()
        for a in args[-1:]:
            self.inline(a, node.pos)
        if was_fresh and node.macroname in ("textbf", "emph", "textit", "textsc") and args:
            label = " ".join(self.text_of(args[-1]).split()).strip().rstrip(".:").strip()
            if 1 < len(label) <= 80:
                self.label = label

    def inline(self, arg, pos: int) -> None:  # noqa: ANN001
        nodes = arg.nodelist if isinstance(arg, lw.LatexGroupNode) else [arg]
        self.walk(nodes or [])
        self.fresh = False

    def footnotes_in(self, arg, *, with_text: bool = True) -> None:  # noqa: ANN001
        """Footnote / \\thanks text is set apart at the foot of the page: a paragraph of its own.
        With ``with_text=False`` (an \\author block) only its \\thanks notes are kept."""
        nodes = [n for n in (arg.nodelist if isinstance(arg, lw.LatexGroupNode) else [arg]) or [] if n is not None]
        for node in nodes:
            if _macro(node) == "thanks" and _args(node):
                self.footnotes_in(_args(node)[-1])
        text = "".join(self.text_of(n) for n in nodes if _macro(n) != "thanks")
        if not with_text or not text.strip():
            return
        lead = len(text) - len(text.lstrip())
        line = self.line(nodes[0].pos) + text.count("\n", 0, lead)
        body = text.strip()
        self.pending.append(Block("paragraph", body, line, line + body.count("\n"), self.path()))

    def section_from(self, node, title: str, arg) -> None:  # noqa: ANN001
        self.heading(2, title, self.line(node.pos))
        self.inline(arg, node.pos)
        self.close(title, self.line(node.pos + node.len - 1))

    def environment(self, node) -> None:  # noqa: ANN001
        name = node.environmentname
        base = name.rstrip("*")
        end_line = self.line(node.pos + node.len - 1)
        if name in _VERBATIM:
            self.flush()
            raw = self.text_of(_args(node)[0]) if _args(node) else ""
            hidden = name == "comment"
            info = "" if hidden else name
            self.doc.blocks.append(Block("paragraph" if hidden else "code", raw, self.line(node.pos), end_line,
                                         self.path(), hidden=hidden, info=info))
        elif base in _SECTION_ENVS:
            title = _SECTION_ENVS[base]
            self.heading(1 if title == "References" else 2, title, self.line(node.pos))
            self.walk(node.nodelist or [])
            self.close(title, end_line)
        elif name in _LISTS:
            self.flush()
            self.kind = "list"
            for child in node.nodelist or []:
                if _macro(child) == "item":
                    self.flush()
                    self.kind = "list"
                    for a in _args(child):
                        self.inline(a, child.pos)
                else:
                    self.node(child)
            self.flush()
            self.kind = "paragraph"
        elif name in _TABLES:
            self.flush()
            self.table(node)
        else:
            self.walk(node.nodelist or [])

    def table(self, node) -> None:  # noqa: ANN001
        rows: list[tuple[int, list[str]]] = []
        cells: list[str] = []
        cell: list[str] = []
        row_line = 0

        def end_cell() -> None:
            cells.append(" ".join("".join(cell).split()))
            cell.clear()

        for child in node.nodelist or []:
            if isinstance(child, lw.LatexSpecialsNode) and child.specials_chars == "&":
                end_cell()
            elif _macro(child) in _ROW_END:
                end_cell()
                if any(cells):
                    rows.append((row_line, list(cells)))
                cells.clear()
                row_line = 0
            elif isinstance(child, lw.LatexCommentNode):
                self.comment(child)
            else:
                piece = self.text_of(child)
                if piece.strip() and not row_line:
                    row_line = self.line(child.pos + len(piece) - len(piece.lstrip()))
                cell.append(piece)
        end_cell()
        if any(cells):
            rows.append((row_line or self.line(node.pos), list(cells)))
        if not rows:
            return
        first = rows[0][0]
        lines_out: list[str] = []
        for line, row in rows:
            while first + len(lines_out) < line:
                lines_out.append("")
            lines_out.append(" | ".join(row))
        self.doc.blocks.append(Block("table", "\n".join(lines_out), first, max(first, rows[-1][0]), self.path(),
                                     rows=tuple(tuple(r) for _, r in rows)))

    def text_of(self, node) -> str:  # noqa: ANN001
        """Plain text of a node (macros rendered by pylatexenc), without touching the open paragraph."""
        if node is None:
            return ""
        if isinstance(node, lw.LatexCharsNode):
            return node.chars
        if isinstance(node, lw.LatexGroupNode):
            return "".join(self.text_of(n) for n in node.nodelist or [])
        if isinstance(node, lw.LatexCommentNode):
            return ""
        name = _macro(node)
        args = _args(node)
        if name in _DROP or name == "label":
            return ""
        if name == "href" and args:
            return f"{self.text_of(args[-1])} <{self.text_of(args[-2]).strip()}>" if len(args) > 1 else ""
        if (name in _INLINE or name in ("url", "footnote", "thanks")) and args:
            return self.text_of(args[-1])
        if name in _ROW_END:
            return " "
        return _plain(node)


def _plain(node) -> str:  # noqa: ANN001
    """pylatexenc's own text rendering for one node (accents, dashes, \\%, math as written)."""
    try:
        return _L2T.node_to_text(node)
    except (IndexError, AttributeError, TypeError, ValueError, KeyError):
        return ""

"""Reading R code without running it: a small tokenizer, bracket matching, call arguments, and the
R code chunks of R Markdown / Quarto / Sweave documents.

There is no maintained, small R parser on PyPI (tree-sitter grammars for R ship only inside large
all-language wheels), so this module lexes R itself. A lexer is enough for what guidelint asks:
which names are called where, with which literal arguments, and which text is a string or a
comment (so that ``"sample("`` in a string or ``# sample(`` in a comment is never taken for a call).

Lines and columns are 1-based and, for documents, are those of the original document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

IDENT, STRING, NUMBER, OP, COMMENT, NEWLINE = "ident", "string", "number", "op", "comment", "newline"
OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {")", "]", "}"}
KEYWORDS = {"if", "else", "for", "while", "repeat", "function", "in", "next", "break", "return"}
_LITERAL_IDENTS = {"TRUE": True, "FALSE": False, "T": True, "F": False, "NULL": None}

_OPERATOR = r"<<-|->>|:::|\|>|<-|->|<=|>=|==|!=|&&|\|\||::|\*\*|[-+*/^<>!&|~?:=$@(){}\[\],;\\]"
_NUMBER = r"0[xX][0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?(?:[pP][+-]?\d+)?[Li]?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[Li]?"
# One regular expression for the whole lexer. Raw strings (r"(...)") are finished by hand since their
# end depends on the opening delimiter. Order matters: raw strings before names (r"x" is not the name
# r), numbers before names (.5 is a number, .x a name).
_MASTER = re.compile(
    r"(?P<nl>\n)|(?P<ws>[ \t\r\f\v\ufeff]+)|(?P<comment>#[^\n]*)"
    r"|(?P<raw>[rR](?P<q>[\"'])(?P<dash>-*)(?P<open>[(\[{]))"
    r"|(?P<dq>\"(?:[^\"\\]|\\.)*\"?)|(?P<sq>'(?:[^'\\]|\\.)*'?)|(?P<bq>`(?:[^`\\]|\\.)*`?)"
    rf"|(?P<num>{_NUMBER})|(?P<id>[^\W\d_][\w.]*|\.(?![0-9])[\w.]*)"
    rf"|(?P<special>%[^%\n]*%)|(?P<op>{_OPERATOR})|(?P<other>.)",
    re.S,
)
_ESCAPE = re.compile(r"\\(.)", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
_CLOSE = {"(": ")", "[": "]", "{": "}"}
_KIND = {"num": NUMBER, "id": IDENT, "special": OP, "op": OP, "other": OP, "comment": COMMENT}
_QUOTED = {"dq": STRING, "sq": STRING, "bq": IDENT}


class Token(NamedTuple):
    kind: str
    text: str  # identifiers: the name (backticks removed); strings: the decoded value
    line: int
    col: int
    start: int  # offset in the unit's source text (for quoting argument source)
    end: int


def tokenize(text: str, line: int = 1, col_offset: int = 0, base: int = 0) -> list[Token]:
    """Lex R source. Unterminated strings run to the end of the text (as R would complain)."""
    out: list[Token] = []
    append = out.append
    pos, n, line_start = 0, len(text), 0
    while pos < n:
        m = _MASTER.match(text, pos)
        kind, start, end = m.lastgroup, m.start(), m.end()
        col = start - line_start + 1 + col_offset
        if kind == "nl":
            append(Token(NEWLINE, "\n", line, col, base + start, base + end))
            line, line_start = line + 1, end
        elif kind == "ws":
            pass
        elif kind in _QUOTED or kind == "raw":
            value, end = _raw_string(text, m) if kind == "raw" else (_unquote(m.group()), end)
            append(Token(_QUOTED.get(kind, STRING), value, line, col, base + start, base + end))
            newlines = text.count("\n", start, end)
            if newlines:
                line, line_start = line + newlines, text.rfind("\n", start, end) + 1
        else:
            append(Token(_KIND[kind], m.group(), line, col, base + start, base + end))
        pos = end
    return out


def _raw_string(text: str, m: re.Match) -> tuple[str, int]:
    close = _CLOSE[m.group("open")] + m.group("dash") + m.group("q")
    j = text.find(close, m.end())
    j = len(text) if j < 0 else j
    return text[m.end():j], min(len(text), j + len(close))


def _unquote(literal: str) -> str:
    quote, body = literal[0], literal[1:]
    if body.endswith(quote) and not _escaped_end(body):
        body = body[:-1]
    return _ESCAPE.sub(lambda e: _ESCAPES.get(e.group(1), e.group(1)), body) if "\\" in body else body


def _escaped_end(body: str) -> bool:
    """True when the final quote of ``body`` is preceded by an odd number of backslashes."""
    k = len(body) - 2
    while k >= 0 and body[k] == "\\":
        k -= 1
    return (len(body) - 2 - k) % 2 == 1


_STRINGS = re.compile(
    r"#[^\n]*|%[^%\n]*%|`(?:[^`\\]|\\.)*`?"
    r"|(?P<raw>(?<![\w.])[rR](?P<q>[\"'])(?P<dash>-*)(?P<open>[(\[{]))"
    r"|(?P<dq>\"(?:[^\"\\]|\\.)*\"?)|(?P<sq>'(?:[^'\\]|\\.)*'?)",
    re.S,
)


def string_literals(text: str, line: int = 1, col_offset: int = 0) -> list[tuple[int, int, str]]:
    """(line, column, value) of every string literal, skipping comments: a fast path for callers
    that need nothing else (the full :func:`tokenize` is several times slower)."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    out: list[tuple[int, int, str]] = []
    pos = 0
    while True:
        m = _STRINGS.search(text, pos)
        if m is None:
            return out
        kind, pos = m.lastgroup, m.end()
        if kind not in ("raw", "dq", "sq"):
            continue
        value, pos = _raw_string(text, m) if kind == "raw" else (_unquote(m.group()), pos)
        k = bisect.bisect_left(newlines, m.start())
        line_start = newlines[k - 1] + 1 if k else 0
        out.append((line + k, m.start() - line_start + 1 + col_offset, value))


def match_brackets(tokens: list[Token]) -> dict[int, int]:
    """Opening bracket index -> closing index (unbalanced brackets close at the end)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for k, t in enumerate(tokens):
        if t.kind != OP:
            continue
        if t.text in OPENERS:
            stack.append(k)
        elif t.text in CLOSERS:
            while stack:
                opener = stack.pop()
                pairs[opener] = k
                if OPENERS[tokens[opener].text] == t.text:
                    break
    for opener in stack:
        pairs[opener] = len(tokens)
    return pairs


@dataclass(frozen=True)
class Arg:
    name: str | None
    lo: int  # token range of the value, [lo, hi)
    hi: int


def split_args(tokens: list[Token], lo: int, hi: int, pairs: dict[int, int]) -> list[Arg]:
    """The arguments between an opening parenthesis at ``lo - 1`` and its closing one at ``hi``."""
    args: list[Arg] = []
    start, k = lo, lo
    while k <= hi:
        t = tokens[k] if k < hi else None
        if t is not None and t.kind == OP and t.text in OPENERS:
            k = pairs.get(k, hi) + 1
            continue
        if t is None or (t.kind == OP and t.text == ","):
            sig = [j for j in range(start, k) if tokens[j].kind not in (NEWLINE, COMMENT)]
            if sig:
                first = tokens[sig[0]]
                if (len(sig) >= 2 and first.kind in (IDENT, STRING) and tokens[sig[1]].kind == OP
                        and tokens[sig[1]].text == "="):
                    args.append(Arg(first.text, sig[1] + 1, k))
                else:
                    args.append(Arg(None, sig[0], k))
            start = k + 1
        k += 1
    return args


def significant(tokens: list[Token], lo: int, hi: int) -> list[Token]:
    return [t for t in tokens[lo:hi] if t.kind not in (NEWLINE, COMMENT)]


def literal(tokens: list[Token], lo: int, hi: int) -> tuple[bool, Any]:
    """(True, value) when tokens[lo:hi] is a literal: number, string, TRUE/FALSE/NULL, -x, c(...)."""
    sig = significant(tokens, lo, hi)
    if len(sig) == 1:
        return _atom(sig[0])
    if len(sig) == 2 and sig[0].kind == OP and sig[0].text in "-+" and sig[1].kind == NUMBER:
        ok, v = _atom(sig[1])
        return (ok, -v if sig[0].text == "-" else v) if ok else (False, None)
    if len(sig) >= 3 and sig[0].kind == IDENT and sig[0].text == "c" and sig[1].text == "(" and sig[-1].text == ")":
        values = []
        inner = [t for t in sig[2:-1]]
        groups: list[list[Token]] = [[]]
        for t in inner:
            if t.kind == OP and t.text == ",":
                groups.append([])
            else:
                groups[-1].append(t)
        for g in groups:
            if len(g) == 2 and g[0].text in "-+" and g[1].kind == NUMBER:
                ok, v = _atom(g[1])
                v = -v if ok and g[0].text == "-" else v
            elif len(g) == 1:
                ok, v = _atom(g[0])
            else:
                return False, None
            if not ok:
                return False, None
            values.append(v)
        return True, values
    return False, None


def _atom(t: Token) -> tuple[bool, Any]:
    if t.kind == STRING:
        return True, t.text
    if t.kind == IDENT and t.text in _LITERAL_IDENTS:
        return True, _LITERAL_IDENTS[t.text]
    if t.kind == NUMBER:
        return _number(t.text)
    return False, None


def _number(text: str) -> tuple[bool, Any]:
    body = text.rstrip("Li")
    try:
        if body.lower().startswith("0x"):
            return True, int(body, 16)
        value = float(body)
    except ValueError:
        return False, None
    if value.is_integer() and ("." not in body and "e" not in body.lower() or text.endswith("L")):
        return True, int(value)
    return True, value


def source_text(text: str, tokens: list[Token], lo: int, hi: int) -> str:
    sig = significant(tokens, lo, hi)
    if not sig:
        return ""
    return " ".join(text[sig[0].start:sig[-1].end].split())


_PATH_BUILDERS = {"here": "/", "file.path": "/", "paste0": "", "path": "/"}


def path_literal(tokens: list[Token], lo: int, hi: int) -> str | None:
    """The file path written by ``"x.R"``, ``here::here("R", "x.R")`` or ``file.path("R", "x.R")``."""
    sig = significant(tokens, lo, hi)
    if len(sig) == 1:
        return sig[0].text if sig[0].kind == STRING else None
    if len(sig) >= 2 and sig[1].kind == OP and sig[1].text in ("::", ":::"):
        sig = sig[2:]
    if len(sig) < 3 or sig[0].kind != IDENT or sig[0].text not in _PATH_BUILDERS or sig[1].text != "(":
        return None
    inner = sig[2:-1]
    if sig[-1].text != ")" or any(t.kind != STRING for t in inner if t.text != ","):
        return None
    return _PATH_BUILDERS[sig[0].text].join(t.text for t in inner if t.kind == STRING)


# --- documents: R Markdown, Quarto, Sweave -------------------------------------------------------

_FENCE_OPEN = re.compile(r"^([ \t]*)(`{3,})\s*\{\s*([A-Za-z][\w.]*)\s*([,\s].*)?\}\s*$")
_SWEAVE_OPEN = re.compile(r"^<<(.*)>>=\s*$")
_HASHPIPE = re.compile(r"^#\|\s*([\w.-]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Chunk:
    """One code chunk of a document. ``code`` holds its lines; ``first_line`` is the document line
    of its first code line; ``evaluated`` is False for eval=FALSE chunks (their code never runs)."""

    engine: str
    label: str
    options: dict[str, Any]
    fence_line: int
    first_line: int
    indent: int
    code: str
    evaluated: bool = True


@dataclass
class CodeUnit:
    """The R code of one file as it runs: a script, or a document's evaluated R chunks in order."""

    path: str
    text: str  # concatenated code (chunk texts joined by newlines) for quoting argument sources
    tokens: list[Token] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    is_document: bool = False


def is_r_script(path: str) -> bool:
    return path.rsplit(".", 1)[-1] in ("R", "r") and "." in path


def is_r_document(path: str) -> bool:
    return path.lower().rsplit(".", 1)[-1] in ("rmd", "qmd", "rmarkdown", "rnw") and "." in path


def document_strings(path: str, text: str) -> list[tuple[int, int, str]]:
    """String literals of an R script, or of the evaluated R chunks of a document."""
    if not is_r_document(path):
        return string_literals(text)
    out: list[tuple[int, int, str]] = []
    for ch in document_chunks(text, sweave=path.lower().endswith(".rnw")):
        if ch.engine.lower() == "r" and ch.evaluated:
            out.extend(string_literals(ch.code, ch.first_line, ch.indent))
    return out


def code_unit(path: str, text: str, include_unevaluated: bool = False) -> CodeUnit:
    """The runnable R code of ``path``; with ``include_unevaluated``, eval=FALSE chunks too."""
    if not is_r_document(path):
        return CodeUnit(path, text, tokenize(text))
    chunks = document_chunks(text, sweave=path.lower().endswith(".rnw"))
    unit = CodeUnit(path, "", chunks=chunks, is_document=True)
    parts: list[str] = []
    offset = 0
    for ch in chunks:
        if ch.engine.lower() != "r" or not (ch.evaluated or include_unevaluated):
            continue
        unit.tokens.extend(tokenize(ch.code, ch.first_line, ch.indent, offset))
        unit.tokens.append(Token(NEWLINE, "\n", ch.first_line + ch.code.count("\n"), 1, offset, offset))
        parts.append(ch.code + "\n")
        offset += len(ch.code) + 1
    unit.text = "".join(parts)
    return unit


def document_chunks(text: str, sweave: bool = False) -> list[Chunk]:
    lines = text.split("\n")
    chunks: list[Chunk] = []
    k = 0
    while k < len(lines):
        header = _chunk_header(lines[k], sweave)
        if header is None:
            k += 1
            continue
        engine, indent, fence, options_text = header
        end = k + 1
        while end < len(lines) and not _chunk_end(lines[end], fence, sweave):
            end += 1
        code_lines = [_dedent(line, indent) for line in lines[k + 1:end]]
        chunks.append(_make_chunk(engine, options_text, k + 1, indent, code_lines))
        k = end + 1
    return chunks


def _chunk_header(line: str, sweave: bool) -> tuple[str, int, str, str] | None:
    if sweave:
        m = _SWEAVE_OPEN.match(line)
        return ("r", 0, "@", m.group(1)) if m else None
    m = _FENCE_OPEN.match(line)
    if not m:
        return None
    return m.group(3), len(m.group(1).expandtabs(4)), m.group(2), (m.group(4) or "").strip(" ,")


def _chunk_end(line: str, fence: str, sweave: bool) -> bool:
    if sweave:
        return line.startswith("@")
    stripped = line.strip()
    return stripped.startswith(fence) and set(stripped) == {"`"}


def _dedent(line: str, indent: int) -> str:
    k = 0
    while k < indent and k < len(line) and line[k] in " \t":
        k += 1
    return line[k:]


def _make_chunk(engine: str, options_text: str, fence_line: int, indent: int, code_lines: list[str]) -> Chunk:
    label, options = parse_chunk_options(options_text)
    for line in code_lines:  # Quarto-style "#| key: value" lines at the top of the chunk
        m = _HASHPIPE.match(line.strip())
        if not m:
            break
        options[m.group(1)] = _yaml_scalar(m.group(2))
    if "label" in options and not label:
        label = str(options["label"])
    evaluated = options.get("eval", True) not in (False, 0, [])
    return Chunk(engine, label, options, fence_line, fence_line + 1, indent, "\n".join(code_lines), evaluated)


def parse_chunk_options(text: str) -> tuple[str, dict[str, Any]]:
    """``setup, include=FALSE, fig.width = 7`` -> ("setup", {"include": False, "fig.width": 7})."""
    tokens = tokenize(text)
    pairs = match_brackets(tokens)
    label, options = "", {}
    for arg in split_args(tokens, 0, len(tokens), pairs):
        ok, value = literal(tokens, arg.lo, arg.hi)
        if arg.name is None:
            if not label:
                label = source_text(text, tokens, arg.lo, arg.hi).strip("\"'")
            continue
        options[arg.name] = value if ok else source_text(text, tokens, arg.lo, arg.hi)
    return label, options


def _yaml_scalar(raw: str) -> Any:
    low = raw.lower()
    if low in ("true", "yes"):
        return True
    if low in ("false", "no"):
        return False
    ok, value = _number(raw) if re.fullmatch(r"-?\d+(\.\d+)?", raw) else (False, None)
    return value if ok else raw.strip("\"'")

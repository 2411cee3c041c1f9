"""Turn the tokens of one R code unit into an ordered list of events: calls (with their arguments),
named function definitions (whose bodies run only when called), ``foreach ... %dopar%`` loops,
constant assignments and seeded scopes. :mod:`linter.repo.r_lang` walks these events in the order
R would run them. Nothing here knows which functions are random: that lives in ``rules/r.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.repo.r_syntax import (
    COMMENT,
    IDENT,
    KEYWORDS,
    NEWLINE,
    NUMBER,
    OP,
    OPENERS,
    STRING,
    Arg,
    CodeUnit,
    Token,
    literal,
    match_brackets,
    path_literal,
    source_text,
    split_args,
)

_ASSIGN = {"<-", "<<-", "="}
_CONTINUE_OPS = {"<-", "<<-", "=", "->", "->>", "+", "-", "*", "/", "^", "<", ">", "<=", ">=", "==", "!=",
                 "&", "&&", "|", "||", "~", "|>", ":", "!", "?", "**", "$", "@", "::", ":::"}
_LITERAL_STARTS = {"-", "+", "c", "TRUE", "FALSE", "T", "F", "NULL"}
_DIR_LISTERS = {"list.files", "dir", "dir_ls", "Sys.glob"}


@dataclass(frozen=True)
class Call:
    """A call ``pkg::name(args)`` (or ``a$b$name(args)``: name ``a$b$name``). ``bare``: the name is
    passed as a value (``lapply(x, f)``), which runs it as well. ``dir_hint``: for source-like
    calls whose file is computed, a folder listed nearby (``list.files("R")``)."""

    name: str
    pkg: str | None
    line: int
    col: int
    args: tuple[Arg, ...]
    bare: bool = False
    dir_hint: str | None = None
    in_call: str | None = None  # for bare names: the call they are passed to


@dataclass(frozen=True)
class FuncDef:
    name: str
    line: int
    events: tuple


@dataclass(frozen=True)
class ScopeStart:
    call: Call


@dataclass(frozen=True)
class ScopeEnd:
    call: Call


@dataclass(frozen=True)
class Dopar:
    """``foreach(args) %dopar% body``; ``foreach_args`` are the foreach call's arguments."""

    op: str
    line: int
    col: int
    foreach_args: tuple[Arg, ...]
    body: tuple  # events of the loop body


@dataclass(frozen=True)
class Const:
    name: str
    value: object
    is_global: bool  # <<- inside a function, or any top-level assignment


class Extractor:
    """Events of one unit. ``scoped``: call names whose arguments form a scope (with_seed ...);
    ``deferred``: calls that store a function literal for later instead of running it."""

    def __init__(self, unit: CodeUnit, scoped: frozenset[str], parallel_ops: frozenset[str],
                 sourcing: frozenset[str] = frozenset(), deferred: frozenset[str] = frozenset(),
                 value_names: frozenset[str] | None = None):
        self.unit = unit
        self.toks: list[Token] = unit.tokens
        self.pairs = match_brackets(self.toks)
        self.parent = _parents(self.toks, self.pairs)
        self.scoped = scoped
        self.parallel_ops = parallel_ops
        self.sourcing = sourcing
        self.deferred = deferred
        self.value_names = value_names  # names worth recording when passed as values (None: all)

    def events(self) -> list:
        return self.scan(0, len(self.toks), top=True)

    def scan(self, lo: int, hi: int, top: bool = False) -> list:
        events: list = []
        pending: dict[int, list] = {}
        i = lo
        while i < hi:
            if i in pending:
                events.extend(pending.pop(i))
            t = self.toks[i]
            if self._is_function(i):
                end, produced = self._function(i, top)
                events.extend(produced)
                i = end
                continue
            if t.kind == OP and t.text in self.parallel_ops:
                events.append(self._dopar(i, hi))
            elif t.kind == IDENT and t.text not in KEYWORDS:
                i = self._ident(i, hi, top, events, pending)
                continue
            i += 1
        for close in sorted(pending):
            events.extend(pending[close])
        return events

    # --- identifiers and calls -------------------------------------------------------------

    def _ident(self, i: int, hi: int, top: bool, events: list, pending: dict[int, list]) -> int:
        toks = self.toks
        prev = self._prev_sig(i)
        if prev is not None and toks[prev].text in ("::", ":::"):
            return i + 1
        start, name, pkg, j = toks[i], toks[i].text, None, i
        if prev is not None and toks[prev].text in ("$", "@"):
            chain = self._member_chain(i)
            if chain is None:
                return i + 1
            name, start = chain
        elif j + 2 < hi and toks[j + 1].text in ("::", ":::") and toks[j + 2].kind == IDENT:
            pkg, name, j = toks[i].text, toks[j + 2].text, j + 2
        nxt = j + 1
        if nxt < hi and toks[nxt].kind == OP and toks[nxt].text == "(":
            close = self.pairs.get(nxt, hi)
            args = tuple(split_args(toks, nxt + 1, min(close, len(toks)), self.pairs))
            hint = self._dir_hint(i, close) if name in self.sourcing else None
            call = Call(name, pkg, start.line, start.col, args, dir_hint=hint)
            if name in self.scoped:
                events.append(ScopeStart(call))
                pending.setdefault(close, []).append(ScopeEnd(call))
            else:
                pending.setdefault(close, []).append(call)
            return nxt + 1
        if "$" in name:
            return j + 1
        const = self._const(j, top)
        if const is not None:
            events.append(const)
        elif (self.value_names is None or name in self.value_names) and self._is_value_arg(i, j):
            hint = self._dir_hint(i, self._enclosing_close(i)) if name in self.sourcing else None
            events.append(Call(name, pkg, start.line, start.col, (), bare=True, dir_hint=hint,
                               in_call=self._enclosing_name(i)))
        return j + 1

    def _member_chain(self, i: int) -> tuple[str, Token] | None:
        """``tf$random$set_seed`` (and its first token) for the called end of a ``$`` chain."""
        toks = self.toks
        if i + 1 >= len(toks) or toks[i + 1].text != "(":
            return None
        parts, k = [toks[i].text], i - 1
        while k >= 1 and toks[k].text in ("$", "@") and toks[k - 1].kind == IDENT:
            parts.append(toks[k - 1].text)
            k -= 2
        return "$".join(reversed(parts)), toks[k + 1]

    def _const(self, j: int, top: bool) -> Const | None:
        """``NAME <- literal`` at the start of a statement."""
        toks = self.toks
        if j + 2 >= len(toks) or toks[j + 1].kind != OP or toks[j + 1].text not in _ASSIGN:
            return None
        value = toks[j + 2]
        if value.kind not in (NUMBER, STRING) and value.text not in _LITERAL_STARTS:
            return None
        prev = self._prev_sig(j)
        if prev is not None and toks[prev].kind != NEWLINE and toks[prev].text not in ("{", ";"):
            return None
        if toks[j + 1].text == "=" and self._in_call(j):
            return None
        ok, value = literal(toks, j + 2, self._expr_end(j + 2, len(toks)))
        if not ok:
            return None
        return Const(toks[j].text, value, top or toks[j + 1].text == "<<-")

    def _is_value_arg(self, i: int, j: int) -> bool:
        toks = self.toks
        prev = self._prev_sig(i)
        nxt = self._next_sig(j + 1)
        if prev is None or nxt is None or not self._in_call(i):
            return False
        if toks[prev].text not in ("(", ",", "=") or self._enclosing_name(i) == "function":
            return False
        p = self.parent[i]
        if p > 0 and toks[p - 1].kind == OP and toks[p - 1].text == "\\":
            return False
        return toks[nxt].kind == OP and toks[nxt].text in (",", ")")

    def _dir_hint(self, i: int, close: int) -> str | None:
        toks = self.toks
        for k in range(max(0, i - 80), min(len(toks), close)):
            t = toks[k]
            if t.kind == IDENT and t.text in _DIR_LISTERS and k + 1 < len(toks) and toks[k + 1].text == "(":
                end = self.pairs.get(k + 1, len(toks))
                for arg in split_args(toks, k + 2, min(end, len(toks)), self.pairs):
                    folder = path_literal(toks, arg.lo, arg.hi) if arg.name in (None, "path") else None
                    if folder:
                        return folder
        return None

    # --- function literals -----------------------------------------------------------------

    def _is_function(self, i: int) -> bool:
        t = self.toks[i]
        if not ((t.kind == IDENT and t.text == "function") or (t.kind == OP and t.text == "\\")):
            return False
        nxt = self._next_sig(i + 1)
        return nxt is not None and self.toks[nxt].text == "("

    def _function(self, i: int, top: bool) -> tuple[int, list]:
        toks = self.toks
        open_ = self._next_sig(i + 1)
        close = self.pairs.get(open_, len(toks))
        body = self._next_sig(close + 1)
        if body is None:
            return len(toks), []
        if toks[body].kind == OP and toks[body].text == "{":
            body_lo, body_hi = body + 1, self.pairs.get(body, len(toks))
            end = min(len(toks), body_hi + 1)
        else:
            body_lo, body_hi = body, self._expr_end(body, len(toks))
            end = body_hi
        inner = self.scan(open_ + 1, close) + self.scan(body_lo, body_hi)
        name = self._def_name(i)
        if name is None and self._enclosing_name(i) in self.deferred:
            name = "<stored>"  # kept for later (setMethod, list of methods ...): runs only when called
        if name is None:
            return end, inner  # an anonymous function handed to lapply & co. runs here
        return end, [FuncDef(name, toks[i].line, tuple(inner))]

    def _def_name(self, i: int) -> str | None:
        """The name a function literal is assigned to (``f <- function``, ``obj$f <- function``);
        ``<stored>`` for other assignment targets; None when it is not assigned."""
        toks = self.toks
        prev = self._prev_sig(i)
        if prev is None or toks[prev].kind != OP or toks[prev].text not in _ASSIGN:
            return None
        if toks[prev].text == "=" and self._in_call(prev):
            return None
        target = self._prev_sig(prev)
        if target is None or toks[target].kind not in (IDENT, STRING):
            return "<stored>"
        parts, k = [toks[target].text], self._prev_sig(target)
        while k is not None and k >= 1 and toks[k].text in ("$", "@") and toks[k - 1].kind == IDENT:
            parts.append(toks[k - 1].text)
            k = self._prev_sig(k - 1)
        return "$".join(reversed(parts))

    # --- foreach %dopar% -------------------------------------------------------------------

    def _dopar(self, k: int, hi: int) -> Dopar:
        toks = self.toks
        args: tuple[Arg, ...] = ()
        prev = self._prev_sig(k)
        if prev is not None and toks[prev].text == ")":
            opener = next((o for o, c in self.pairs.items() if c == prev), None)
            if opener is not None and opener > 0 and toks[opener - 1].text == "foreach":
                args = tuple(split_args(toks, opener + 1, prev, self.pairs))
        body = self._next_sig(k + 1)
        events: list = []
        if body is not None:
            if toks[body].text == "{":
                events = self.scan(body + 1, self.pairs.get(body, hi))
            else:
                events = self.scan(body, self._expr_end(body, hi))
        return Dopar(toks[k].text, toks[k].line, toks[k].col, args, tuple(events))

    # --- helpers ---------------------------------------------------------------------------

    def _expr_end(self, start: int, hi: int) -> int:
        toks, j, last = self.toks, start, None
        while j < hi:
            t = toks[j]
            if t.kind == OP and t.text in OPENERS:
                last, j = t, self.pairs.get(j, hi) + 1
                continue
            if t.kind == OP and t.text in (")", "]", "}", ",", ";"):
                return j
            if t.kind == NEWLINE:
                if last is not None and _continues(last):
                    j += 1
                    continue
                return j
            if t.kind != COMMENT:
                last = t
            j += 1
        return hi

    def _prev_sig(self, i: int) -> int | None:
        k = i - 1
        while k >= 0 and self.toks[k].kind == COMMENT:
            k -= 1
        return k if k >= 0 else None

    def _next_sig(self, i: int) -> int | None:
        k = i
        while k < len(self.toks) and self.toks[k].kind in (COMMENT, NEWLINE):
            k += 1
        return k if k < len(self.toks) else None

    def _in_call(self, i: int) -> bool:
        p = self.parent[i]
        return p >= 0 and self.toks[p].text in ("(", "[")

    def _enclosing_name(self, i: int) -> str | None:
        p = self.parent[i]
        if p <= 0 or self.toks[p].text != "(" or self.toks[p - 1].kind != IDENT:
            return None
        return self.toks[p - 1].text

    def _enclosing_close(self, i: int) -> int:
        p = self.parent[i]
        return self.pairs.get(p, len(self.toks)) if p >= 0 else i


def _continues(last: Token) -> bool:
    """A line ending in a binary operator (or ``else``) continues on the next line."""
    if last.kind == OP:
        return last.text in _CONTINUE_OPS or last.text.startswith("%")
    return last.kind == IDENT and last.text in ("else", "function")


def _parents(toks: list[Token], pairs: dict[int, int]) -> list[int]:
    """Index of the innermost open bracket around each token (-1 at top level)."""
    parent = [-1] * len(toks)
    stack: list[int] = []
    for k, t in enumerate(toks):
        if t.kind == OP and t.text in (")", "]", "}"):
            while stack and pairs.get(stack[-1]) == k:
                stack.pop()
        parent[k] = stack[-1] if stack else -1
        if t.kind == OP and t.text in OPENERS:
            stack.append(k)
    return parent


def arg_source(unit: CodeUnit, arg: Arg) -> str:
    return source_text(unit.text, unit.tokens, arg.lo, arg.hi)


def arg_literal(unit: CodeUnit, arg: Arg) -> tuple[bool, object]:
    return literal(unit.tokens, arg.lo, arg.hi)


def first_token(unit: CodeUnit, arg: Arg) -> Token | None:
    for t in unit.tokens[arg.lo:arg.hi]:
        if t.kind not in (NEWLINE, COMMENT):
            return t
    return None



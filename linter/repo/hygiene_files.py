"""Hygiene checks on file contents: paths on the author's machine in code (HYG504) and committed
tables with patient identifiers (HYG505). Code is read as tokens (Python's ``tokenize``, the R
tokenizer, notebook JSON), so comments never fire and only whole string literals are tested.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import tokenize
from collections.abc import Iterator
from typing import Any

from linter.model import Finding, Severity
from linter.repo.facts import SourceFile
from linter.repo.r_syntax import document_strings, is_r_document, is_r_script, string_literals
from linter.rulebook import finding

_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_MIDDLE = getattr(tokenize, "FSTRING_MIDDLE", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)
_TEST_PATH = re.compile(r"(^|/)(tests?|testthat)/|(^|/)test_[^/]*\.py$|_test\.py$")


# --- HYG504 absolute local paths ------------------------------------------------------------------

def check_local_paths(files: list[SourceFile], kn: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    container = _container_text(files)
    gate = re.compile(kn["local_path_gate"]) if kn.get("local_path_gate") else None
    for f in files:
        if f.text is None or _TEST_PATH.search(f.path):
            continue
        if gate is not None and not gate.search(f.text):
            continue  # no machine-specific path anywhere in the raw text: nothing to tokenise
        for line, col, value, extra in _string_literals(f):
            where = local_path_kind(value, kn)
            if where and not _inside_container(value, container, kn):
                shown = value if len(value) <= 80 else value[:77] + "..."
                out.append(finding("HYG504", f"'{shown}' is a path on {where}; nobody else can run this "
                                             "code without editing it", f.path, line, col,
                                   value=value, fingerprint_key=value, **extra))
    return out


def _container_text(files: list[SourceFile]) -> str:
    """Dockerfiles, compose and dev-container files: paths they mention exist inside the container."""
    names = re.compile(r"(^|/)(dockerfile[^/]*|[^/]*\.dockerfile|containerfile|docker-compose[^/]*\.ya?ml|"
                       r"compose\.ya?ml|devcontainer\.json|singularity[^/]*|[^/]*\.def)$", re.I)
    return "\n".join(f.text for f in files if f.text and names.search(f.path))


def _inside_container(value: str, container: str, kn: dict[str, Any]) -> bool:
    parts = value.replace("\\", "/").split("/")
    if len(parts) > 2 and parts[1] == "home" and parts[2] in kn["container_users"]:
        return True
    if not container or not value.startswith("/") or len(parts) < 3:
        return False
    prefix = "/".join(parts[:3])  # "/mnt/data" of "/mnt/data/cohort.csv"
    return re.search(re.escape(prefix) + r"(?![\w.-])", container) is not None


def local_path_kind(value: str, kn: dict[str, Any]) -> str | None:
    """What kind of machine-specific location a string literal names (None when it is not one)."""
    value = value.strip()
    for pattern, kind in kn["local_paths"]:
        if re.match(pattern, value):
            return kind
    if value.startswith("~/") and not value.startswith("~/."):
        parts = [p.lower() for p in value[2:].split("/") if p]
        exts = {p.rsplit(".", 1)[-1] for p in parts if "." in p}
        if parts and (parts[0] in kn["home_data_dirs"] or exts & set(kn["data_extensions"])):
            return "the author's home folder"
    return None


def _string_literals(f: SourceFile) -> Iterator[tuple[int, int, str, dict[str, Any]]]:
    path, text = f.path, f.text or ""
    if path.endswith(".py"):
        for line, col, value in python_strings(text):
            yield line, col, value, {}
    elif is_r_script(path) or is_r_document(path):
        for line, col, value in document_strings(path, text):
            yield line, col, value, {}
    elif path.endswith(".ipynb"):
        yield from _notebook_strings(text)


def python_strings(text: str) -> list[tuple[int, int, str]]:
    """(line, column, raw content) of each string literal; stops quietly at a tokenize error."""
    out: list[tuple[int, int, str]] = []
    fstring: list[Any] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.STRING:
                out.append((tok.start[0], tok.start[1] + 1, _unquote(tok.string)))
            elif tok.type == _FSTRING_START:
                fstring.append([tok.start, []])
            elif tok.type == _FSTRING_MIDDLE and fstring:
                fstring[-1][1].append(tok.string)
            elif tok.type == _FSTRING_END and fstring:
                (line, col), parts = fstring.pop()
                out.append((line, col + 1, "".join(parts)))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return out


def _unquote(literal: str) -> str:
    body = literal.lstrip("rRbBuUfF")
    quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
    return body[len(quote): len(body) - len(quote)] if body.endswith(quote) else body[len(quote):]


def _notebook_strings(text: str) -> Iterator[tuple[int, int, str, dict[str, Any]]]:
    """String literals in code cells; line is the line within the cell, ``cell`` its 1-based index."""
    try:
        nb = json.loads(text)
    except (json.JSONDecodeError, ValueError):
        return
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return
    meta = nb.get("metadata") or {}
    lang = str((meta.get("kernelspec") or {}).get("language") or (meta.get("language_info") or {}).get("name")
               or "python").lower()
    for index, cell in enumerate(nb["cells"], 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if source.lstrip().startswith("%%"):
            continue
        lines = ["" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.split("\n")]
        code = "\n".join(lines)
        found = string_literals(code) if lang == "r" else python_strings(code)
        for line, col, value in found:
            yield line, col, value, {"cell": index}


# --- HYG505 committed patient identifiers ---------------------------------------------------------

def check_phi(files: list[SourceFile], kn: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    text_ext, binary_ext = set(kn["tabular_text"]), set(kn["tabular_binary"])
    for f in files:
        name = posixpath.basename(f.path).lower()
        parts = name.split(".")
        ext = parts[-1] if len(parts) > 1 else ""
        compressed = ext in ("gz", "bz2", "xz", "zip") and len(parts) > 2 and parts[-2] in text_ext | binary_ext
        if ext in text_ext and f.text is not None:
            hit = _phi_header(f, kn)
        elif ext in binary_ext or compressed or (ext in text_ext and f.text is None):
            hit = _phi_file_name(f, kn)
        else:
            continue
        if hit is not None:
            out.append(hit)
    return out


def _phi_header(f: SourceFile, kn: dict[str, Any]) -> Finding | None:
    lines = (f.text or "").splitlines()
    start = next((k for k, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")), None)
    if start is None:
        return None
    delimiter = _delimiter(f.path, lines[start])
    if delimiter is None:
        return None
    rows = list(csv.reader(lines[start:start + 51], delimiter=delimiter))
    if len(rows) < 2:
        return None  # a header without data rows is a template
    header, data = rows[0], rows[1:]
    matched = identifier_columns(header, kn)
    empty = {str(v).lower() for v in kn["empty_values"]}
    keep = [(i, col, what) for i, col, what in matched
            if any(i < len(r) and r[i].strip().lower() not in empty for r in data)]
    weak = set(kn["phi_weak"])
    if not keep or (all(what in weak for _, _, what in keep) and len(keep) < 2):
        return None
    named = ", ".join(f"{col} ({what})" for _, col, what in keep)
    message = f"{f.path} has columns that identify patients: {named}"
    severity = None
    if _looks_synthetic(f.path, kn):
        message += " (the file name suggests made-up data; confirm that it is)"
        severity = Severity.WARNING
    return finding("HYG505", message, f.path, start + 1, None, severity=severity,
                   columns=[col for _, col, _ in keep], fingerprint_key=named)


def _delimiter(path: str, header: str) -> str | None:
    if path.lower().endswith((".tsv", ".tab")):
        return "\t"
    if path.lower().endswith(".psv"):
        return "|"
    counts = {d: header.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] >= 1 else None


def identifier_columns(header: list[str], kn: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(index, column, what it identifies) for identifier-like columns of a header."""
    phi, prefixes, safe = kn["phi_columns"], kn["phi_prefixes"], set(kn["phi_safe_words"])
    out: list[tuple[int, str, str]] = []
    firsts: list[tuple[int, str]] = []
    lasts: list[tuple[int, str]] = []
    for i, raw in enumerate(header):
        col = raw.strip().strip("\ufeff\"'")
        words = _words(col)
        if not words or set(words) & safe:
            continue
        compact = "".join(words)
        if compact in kn["phi_first_names"]:
            firsts.append((i, col))
        elif compact in kn["phi_last_names"]:
            lasts.append((i, col))
        what = phi.get(compact)
        if what is None and len(words) > 1 and words[0] in prefixes:
            what = phi.get("".join(words[1:]))
        if what:
            out.append((i, col, what))
    if firsts and lasts:
        out.extend((i, col, "name") for i, col in firsts[:1] + lasts[:1])
    return sorted(out)


def _words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]


def _looks_synthetic(path: str, kn: dict[str, Any]) -> bool:
    return bool(set(_words(path)) & set(kn["synthetic_words"]))


def _phi_file_name(f: SourceFile, kn: dict[str, Any]) -> Finding | None:
    stem = posixpath.basename(f.path).split(".")[0]
    words = _words(stem)
    hits = sorted({w for w in words if w in kn["phi_file_words"]} |
                  ({"".join(words)} & set(kn["phi_file_words"])))
    if not hits or _looks_synthetic(f.path, kn):
        return None
    return finding("HYG505", f"{f.path} is a committed table whose name suggests patient identifiers "
                             f"({', '.join(hits)}); its contents could not be checked", f.path, None, None,
                   confidence=0.5, columns=[], fingerprint_key=f"name:{','.join(hits)}")

"""Read a manuscript file into a :class:`Document`, choosing the reader by extension."""

from __future__ import annotations

import importlib
from pathlib import Path

from linter.errors import InputError
from linter.manuscript.document import Block, Document, Section

__all__ = ["Block", "Document", "Section", "read_manuscript", "decode_text", "READERS"]

MAX_MANUSCRIPT_BYTES = 20 * 1024 * 1024

# suffix -> (format name, "module:function")
READERS: dict[str, tuple[str, str]] = {
    ".md": ("markdown", "linter.manuscript.markdown:read_markdown"),
    ".markdown": ("markdown", "linter.manuscript.markdown:read_markdown"),
    ".txt": ("markdown", "linter.manuscript.markdown:read_markdown"),
    ".rmd": ("rmarkdown", "linter.manuscript.markdown:read_markdown"),
    ".qmd": ("quarto", "linter.manuscript.markdown:read_markdown"),
    ".tex": ("latex", "linter.manuscript.latex:read_latex"),
}


def decode_text(path: str, data: bytes) -> str:
    """Bytes of a text file → str, or InputError for binaries. Tolerates a BOM and cp1252."""
    if b"\x00" in data[:8192]:
        raise InputError(path, "looks like a binary file, not a text manuscript")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(path, "is not UTF-8 text (could not decode it)") from None


def read_manuscript(path: str | Path, display_path: str | None = None) -> Document:
    p = Path(path)
    shown = display_path or str(path)
    suffix = p.suffix.lower()
    if p.is_dir():
        raise InputError(shown, "is a directory, expected a manuscript file (.md, .qmd, .Rmd, .tex)")
    if suffix not in READERS:
        known = ", ".join(sorted(READERS))
        raise InputError(shown, f"unsupported manuscript format {p.suffix or '(no extension)'!r} (supported: {known})")
    if not p.exists():
        raise InputError(shown, "no such file")
    if p.is_dir():
        raise InputError(shown, "is a directory, expected a manuscript file")
    try:
        size = p.stat().st_size
        if size > MAX_MANUSCRIPT_BYTES:
            raise InputError(shown, f"manuscript is {size // 1048576} MiB, larger than the 20 MiB limit")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(shown, f"cannot read file: {exc.strerror or exc}") from None
    return parse_manuscript(shown, decode_text(shown, data), suffix)


def parse_manuscript(path: str, text: str, suffix: str = ".md") -> Document:
    fmt, target = READERS.get(suffix.lower(), READERS[".md"])
    module_name, func_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise InputError(path, f"no reader for {fmt} manuscripts is installed") from None
    return getattr(module, func_name)(path, text, fmt)

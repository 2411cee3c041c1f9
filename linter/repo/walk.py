"""Read a repository — a folder, or a ``.zip`` / ``.tar.gz`` / ``.tgz`` archive read in place —
into :class:`~linter.repo.facts.SourceFile` records, plus a list of ``"path: reason"`` strings
for what was left out.

Safety rules: nothing is extracted to disk; symbolic links are never followed out of the
root (linked folders are not entered at all); archive members with absolute paths or ``..``
components are ignored; each file is read up to a byte cap (longer text files are kept,
truncated and flagged); the number of files and the bytes taken from an archive are capped.
Notebooks may be read up to eight times the cap (saved outputs make them large).
Binary files (a NUL byte in the first 8 KiB, or a known binary extension) are listed with
``text=None``. Text is decoded as UTF-8 with replacement characters, so odd encodings survive.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from linter.errors import InputError
from linter.repo.facts import SourceFile
from linter.repo.ignore import ENV_MARKERS, PathFilter

DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_FILES = 20_000
DEFAULT_MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024  # uncompressed bytes taken from one archive
SNIFF_BYTES = 8192
NOTEBOOK_CAP_FACTOR = 8

BINARY_EXTENSIONS = frozenset(
    """
    png jpg jpeg gif bmp tif tiff ico webp svgz heic dcm nii mha mhd nrrd
    pdf doc docx xls xlsx xlsm ppt pptx odt ods
    zip gz tgz bz2 xz 7z rar tar zst lz4 whl egg jar
    so dll dylib exe bin o a lib pyc pyo pyd class
    pkl pickle joblib npy npz h5 hdf5 hdf parquet feather arrow orc avro sav dta sas7bdat rds rda rdata
    pt pth ckpt safetensors onnx pb tflite keras msgpack mat db sqlite sqlite3
    mp3 mp4 wav flac ogg avi mov mkv woff woff2 ttf otf eot
    """.split()
)
ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")


@dataclass(frozen=True)
class Limits:
    """Caps that keep a scan bounded whatever the input."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_files: int = DEFAULT_MAX_FILES
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES


def read_tree(
    root: str | Path, *, excludes: Sequence[str] = (), limits: Limits = Limits()
) -> tuple[list[SourceFile], list[str]]:
    """Read every file of the repository at ``root`` that is not excluded.

    Returns the files (sorted by path) and the skipped ``"path: reason"`` strings.
    Raises :class:`InputError` for a missing path, an unsupported file or a corrupt archive.
    """
    path = Path(root)
    if not path.exists():
        raise InputError(str(root), "no such file or directory")
    if path.is_dir():
        files, skipped = _read_folder(path, PathFilter(excludes), limits)
    elif is_archive_name(path.name):
        from linter.repo.archive import read_archive

        files, skipped = read_archive(path, PathFilter(excludes), limits)
    else:
        raise InputError(str(root), "not a folder or a supported archive (.zip, .tar.gz, .tgz)")
    files.sort(key=lambda f: f.path)
    return files, skipped


def is_archive_name(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def is_binary_name(name: str) -> bool:
    _, dot, ext = name.rpartition(".")
    return bool(dot) and ext.lower() in BINARY_EXTENSIONS


def read_cap(name: str, limits: Limits) -> int:
    """Bytes to read from a file. Notebooks get eight times the cap: their saved outputs
    (plots as base64) make them large, and a cut notebook is not valid JSON."""
    return limits.max_file_bytes * NOTEBOOK_CAP_FACTOR if name.endswith(".ipynb") else limits.max_file_bytes


def make_source(path: str, data: bytes, size: int, limits: Limits) -> SourceFile:
    """A SourceFile from the first bytes of a file (``data`` may hold one byte past the cap)."""
    cap = read_cap(path, limits)
    truncated = len(data) > cap or size > cap
    data = data[:cap]
    if b"\x00" in data[:SNIFF_BYTES]:
        return SourceFile(path=path, size=size, text=None, truncated=truncated)
    text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceFile(path=path, size=size, text=text, truncated=truncated)


def _read_folder(root: Path, flt: PathFilter, limits: Limits) -> tuple[list[SourceFile], list[str]]:
    real_root = os.path.realpath(root)
    files: list[SourceFile] = []
    skipped: list[str] = []
    for dirpath, dirnames, filenames in os.walk(real_root, followlinks=False, onerror=None):
        rel_dir = os.path.relpath(dirpath, real_root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir
        if ".gitignore" in filenames:
            _load_gitignore(flt, rel_dir, os.path.join(dirpath, ".gitignore"))
        dirnames[:] = _kept_dirs(dirpath, rel_dir, sorted(dirnames), flt, skipped)
        for name in sorted(filenames):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if len(files) >= limits.max_files:
                skipped.append(f"{rel}: file limit of {limits.max_files} reached; the rest was not read")
                return files, skipped
            reason = flt.file_reason(rel)
            if reason is not None:
                skipped.append(f"{rel}: {reason}")
                continue
            source, why = _read_file(os.path.join(dirpath, name), rel, real_root, limits)
            if source is not None:
                files.append(source)
            elif why:
                skipped.append(f"{rel}: {why}")
    return files, skipped


def _kept_dirs(dirpath: str, rel_dir: str, names: list[str], flt: PathFilter, skipped: list[str]) -> list[str]:
    keep = []
    for name in names:
        full = os.path.join(dirpath, name)
        rel = f"{rel_dir}/{name}" if rel_dir else name
        if os.path.islink(full):
            skipped.append(f"{rel}/: symbolic link to a folder, not followed")
            continue
        is_env = any(os.path.exists(os.path.join(full, marker)) for marker in ENV_MARKERS)
        reason = flt.dir_reason(rel, is_env=is_env)
        if reason is None:
            keep.append(name)
        elif reason:
            skipped.append(f"{rel}/: {reason}")
    return keep


def _load_gitignore(flt: PathFilter, rel_dir: str, full: str) -> None:
    try:
        if os.path.islink(full):
            return
        with open(full, "rb") as fh:
            flt.add_gitignore(rel_dir, fh.read(256 * 1024).decode("utf-8", errors="replace"))
    except OSError:
        return


def _read_file(full: str, rel: str, real_root: str, limits: Limits) -> tuple[SourceFile | None, str]:
    """Read one file; returns (source, "") or (None, reason)."""
    if os.path.islink(full):
        target = os.path.realpath(full)
        if not (target == real_root or target.startswith(real_root + os.sep)):
            return None, "symbolic link to outside the repository, not followed"
        full = target
    try:
        st = os.stat(full)
    except OSError:
        return None, "broken symbolic link or unreadable file"
    if not stat.S_ISREG(st.st_mode):
        return None, "not a regular file"
    if is_binary_name(rel):
        return SourceFile(path=rel, size=st.st_size, text=None), ""
    try:
        with open(full, "rb") as fh:
            data = fh.read(read_cap(rel, limits) + 1)
    except OSError as exc:
        return None, f"unreadable ({exc.strerror or exc})"
    return make_source(rel, data, st.st_size, limits), ""

"""Read one triage submission — a folder or an archive — without extracting anything to disk.

A submission is seen as a :class:`Tree`: the list of its visible files (relative POSIX paths,
hidden files and ``__MACOSX`` left out, one wrapping top folder dropped) plus ways to read one
file's bytes (capped) and to scan a part of it as a code repository.

Folders are read in place (symbolic links are never followed). Archives (``.zip``, ``.tar.gz``,
``.tgz``) are read member by member into memory with the repository scanner's safety rules:
members with absolute or ``..`` paths, links and devices are ignored; each member is read up to
the per-file cap and the total is capped. Code inside an archive — a subfolder or a nested
archive — is handed to the scanner as already-read :class:`~linter.repo.facts.SourceFile` records.
"""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from linter.errors import InputError
from linter.repo import archive as _archive
from linter.repo.facts import RepoFacts, SourceFile
from linter.repo.ignore import EXCLUDED_DIRS, SILENT_DIRS, PathFilter
from linter.repo.walk import Limits, is_archive_name, is_binary_name

MAX_LISTED_FILES = 50_000  # files looked at when searching a submission for its parts
MAX_NESTED_ARCHIVE_BYTES = 256 * 1024 * 1024  # a code archive inside an archive is held in memory
JUNK_NAMES = frozenset({"__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"})
_READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError, NotImplementedError,
                RuntimeError, ValueError)


def is_visible(rel: str) -> bool:
    """False for hidden files and folders (``.name``) and operating-system junk (``__MACOSX``)."""
    return not any(part.startswith(".") or part in JUNK_NAMES for part in rel.split("/"))


class Tree:
    """The files of one submission. Subclasses read a folder or an archive."""

    name: str
    files: dict[str, int]  # visible files: relative POSIX path -> size in bytes

    def read(self, rel: str, cap: int) -> bytes:
        """The bytes of the file ``rel``; InputError when it is missing, unreadable or over ``cap``."""
        raise NotImplementedError

    def is_folder(self, rel: str) -> bool:
        prefix = rel.rstrip("/") + "/"
        return any(p.startswith(prefix) for p in self.files)

    def scan_code(self, rel: str, excludes: Sequence[str], limits: Limits) -> RepoFacts:
        """Scan the code at ``rel`` (a folder, a code archive, or ``""`` for the whole submission)."""
        raise NotImplementedError

    def display(self, rel: str) -> str:
        return f"{self.name}/{rel}" if rel else self.name

    def close(self) -> None:
        return None

    def __enter__(self) -> "Tree":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_submission(path: str | Path, limits: Limits = Limits()) -> Tree:
    """A :class:`Tree` for the submission at ``path``; InputError for anything unreadable."""
    p = Path(path)
    if p.is_symlink():
        raise InputError(p.name, "is a symbolic link; submissions are not followed through links")
    if p.is_dir():
        return FolderTree(p)
    if p.is_file() and is_archive_name(p.name):
        return ArchiveTree.from_file(p, limits)
    if p.exists():
        raise InputError(p.name, "not a submission: expected a folder or a .zip, .tar.gz or .tgz archive")
    raise InputError(p.name, "no such file or folder")


def _cap_error(display: str, size: int, cap: int) -> InputError:
    return InputError(display, f"is {size:,} bytes, larger than the {cap:,}-byte limit for this file")


# --------------------------------------------------------------------------------------------- folders


class FolderTree(Tree):
    """A submission folder, read in place. One wrapping folder (``sub/sub/...``) is looked through."""

    def __init__(self, path: Path):
        self.name = path.name
        self.base = path
        self.files = _list_folder(path)
        top = _common_top(self.files)
        if top:
            self.base = path / top.rstrip("/")
            self.files = {k[len(top):]: v for k, v in self.files.items()}
        self._real_base = os.path.realpath(self.base)

    def _full(self, rel: str) -> str:
        full = os.path.join(self._real_base, *rel.split("/")) if rel else self._real_base
        real = os.path.realpath(full)
        if real != self._real_base and not real.startswith(self._real_base + os.sep):
            raise InputError(self.display(rel), "points outside the submission; not followed")
        if rel and real != os.path.normpath(full):
            raise InputError(self.display(rel), "is reached through a symbolic link; not followed")
        return full

    def read(self, rel: str, cap: int) -> bytes:
        full = self._full(rel)
        try:
            st = os.stat(full, follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                raise InputError(self.display(rel), "is not a regular file")
            if st.st_size > cap:
                raise _cap_error(self.display(rel), st.st_size, cap)
            with open(full, "rb") as fh:
                return fh.read(cap + 1)[:cap]
        except OSError as exc:
            raise InputError(self.display(rel), f"cannot read file: {exc.strerror or exc}") from None

    def scan_code(self, rel: str, excludes: Sequence[str], limits: Limits) -> RepoFacts:
        from linter.api import scan_repository

        full = self._full(rel)  # refuses links and paths leading out of the submission
        return scan_repository(full, excludes)


def _list_folder(root: Path) -> dict[str, int]:
    """Visible regular files under ``root`` (symbolic links and excluded folders left out)."""
    out: dict[str, int] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir
        dirnames[:] = sorted(d for d in dirnames if is_visible(d) and d not in SILENT_DIRS
                             and d not in EXCLUDED_DIRS and not os.path.islink(os.path.join(dirpath, d)))
        for name in sorted(filenames):
            if not is_visible(name):
                continue
            full = os.path.join(dirpath, name)
            try:
                st = os.stat(full, follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                out[f"{rel_dir}/{name}" if rel_dir else name] = st.st_size
            if len(out) >= MAX_LISTED_FILES:
                return out
    return out


def _common_top(paths: dict[str, int] | Sequence[str]) -> str:
    """``"top/"`` when every path lies under one folder ``top``, else ``""``."""
    tops = set()
    for p in paths:
        head, sep, _ = p.partition("/")
        if not sep:
            return ""
        tops.add(head)
        if len(tops) > 1:
            return ""
    return next(iter(tops)) + "/" if tops else ""


# -------------------------------------------------------------------------------------------- archives


class ArchiveTree(Tree):
    """An archive submission, read in memory. Zip members are read on demand; a tar is read once."""

    def __init__(self, name: str, members: list[_archive._Member], skipped: list[str], limits: Limits,
                 handle: zipfile.ZipFile | None = None):
        self.name = name
        self.limits = limits
        self.skipped = skipped
        self._handle = handle
        members = [m for m in members if not any(part in JUNK_NAMES or part.startswith("._")
                                                 for part in m.name.split("/"))]
        top = _common_top([m.name for m in members])
        self.members = {m.name[len(top):]: m for m in members if m.name[len(top):]}
        self.files = {k: m.size for k, m in self.members.items() if is_visible(k)}

    @classmethod
    def from_file(cls, path: Path, limits: Limits) -> "ArchiveTree":
        return cls.from_stream(path.name, path, limits)

    @classmethod
    def from_stream(cls, name: str, source: Path | IO[bytes], limits: Limits) -> "ArchiveTree":
        skipped: list[str] = []
        if name.lower().endswith(".zip"):
            zf, members = _zip_members(name, source, limits, skipped)
            return cls(name, members, skipped, limits, zf)
        return cls(name, _archive.tar_members(source, limits, skipped, name=name, data_of=_tar_data), skipped, limits)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def read(self, rel: str, cap: int) -> bytes:
        m = self.members.get(rel)
        if m is None:
            raise InputError(self.display(rel), "no such file in the archive")
        if m.size > cap:
            raise _cap_error(self.display(rel), m.size, cap)
        if m.data is not None:
            return m.data[:cap]
        if m.read is None:
            raise InputError(self.display(rel), "was not read from the archive (size cap reached)")
        try:
            return _read_member(m, cap)
        except _archive._BudgetExceeded:
            raise InputError(self.display(rel), "not read: the archive's size cap was reached") from None
        except _READ_ERRORS as exc:
            raise InputError(self.display(rel), f"unreadable archive member ({exc})") from None

    def scan_code(self, rel: str, excludes: Sequence[str], limits: Limits) -> RepoFacts:
        display = self.display(rel)
        if rel in self.members:  # a code archive inside the archive
            data = self.read(rel, MAX_NESTED_ARCHIVE_BYTES)
            with ArchiveTree.from_stream(rel.rsplit("/", 1)[-1], io.BytesIO(data), limits) as nested:
                return nested.scan_code("", excludes, limits)
        prefix = rel.rstrip("/") + "/" if rel else ""
        chosen = [_archive._Member(k[len(prefix):], m.size, m.data, m.read)
                  for k, m in self.members.items() if k.startswith(prefix) and not k.startswith("__MACOSX/")]
        skipped = [s for s in self.skipped if s.startswith(prefix)] if prefix else list(self.skipped)
        files, skipped = _archive._select(chosen, PathFilter(excludes), limits, skipped)
        files.sort(key=lambda f: f.path)
        return scan_source_files(files, skipped, display, excludes)


def _read_member(m: _archive._Member, cap: int) -> bytes:
    assert m.read is not None
    return m.read()[:cap]


def _zip_members(name: str, source: Path | IO[bytes], limits: Limits,
                 skipped: list[str]) -> tuple[zipfile.ZipFile, list[_archive._Member]]:
    try:
        zf = zipfile.ZipFile(source)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError(name, f"cannot read the zip archive ({exc})") from None
    budget = [limits.max_archive_bytes]
    members = []
    for info in infos:
        if info.is_dir():
            continue
        safe = _archive.safe_name(info.filename)
        if safe is None:
            skipped.append(f"{info.filename}: archive member with an absolute or '..' path, ignored")
            continue
        mode = info.external_attr >> 16
        if mode and (stat.S_ISLNK(mode) or (stat.S_IFMT(mode) and not stat.S_ISREG(mode))):
            skipped.append(f"{safe}: link or special file in the archive, not followed")
            continue
        if info.flag_bits & 0x1:
            skipped.append(f"{safe}: encrypted archive member")
            continue
        cap = MAX_NESTED_ARCHIVE_BYTES if is_archive_name(safe) else limits.max_file_bytes
        member_limits = Limits(max_file_bytes=cap, max_files=limits.max_files, max_archive_bytes=limits.max_archive_bytes)
        members.append(_archive._Member(safe, info.file_size, read=_archive._zip_reader(zf, info, member_limits, budget)))
    return zf, members


def _tar_data(tf: tarfile.TarFile, info: tarfile.TarInfo, safe: str, limits: Limits) -> bytes | None:
    """Triage reads nested archives too (up to their own cap), and text files."""
    if is_archive_name(safe):
        cap = MAX_NESTED_ARCHIVE_BYTES
    elif is_binary_name(safe) or _archive._default_excluded(safe):
        return None
    else:
        cap = limits.max_file_bytes
    fh = tf.extractfile(info)
    return fh.read(cap + 1) if fh is not None else b""


# ---------------------------------------------------------------------------------------- the scanner


def scan_source_files(files: list[SourceFile], skipped: list[str], root: str, excludes: Sequence[str]) -> RepoFacts:
    """Repository facts for files already read (from an archive in memory), analysed exactly as
    :func:`linter.repo.scan` analyses the files it reads itself.

    Uses ``linter.repo.scan_files`` when the scanner offers it; otherwise runs the scanner's own
    analyzer sequence (the second half of ``scan``) on the files.
    """
    import importlib

    from linter import repo as scanner

    public = getattr(scanner, "scan_files", None)
    if public is not None:
        return public(files, root=root, skipped=skipped)
    from linter.repo import pyscan, suppress

    with pyscan.paused_gc():
        facts = RepoFacts(root=root, files=[f.path for f in files], skipped=list(skipped))
        scanner._run("linter.repo.pyscan", pyscan.analyze, files, facts)
        for name in scanner.ANALYZERS:
            try:
                module = importlib.import_module(name)
            except Exception as exc:  # noqa: BLE001 - as in scan(): a broken analyzer is a finding
                facts.findings.append(scanner._failure(name, exc))
                continue
            scanner._run(name, module.analyze, files, facts)
        facts.extra.pop(pyscan.TREES_KEY, None)
        suppress.apply(files, facts, ())
    facts.findings.sort(key=lambda f: f.sort_key())
    return facts

"""Read a ``.zip`` or tar archive in place (never extracted to disk).

Members are filtered like a folder (built-in excludes, the archive's own ``.gitignore`` files,
configured excludes). Unsafe members — absolute paths, ``..`` components, symbolic and hard
links, devices — are ignored. When every member sits under one top folder (as in a GitHub
download, ``project-main/...``), that folder is dropped from the paths so they read as in the
repository. Archives inside the archive are listed as binary files, not opened.

Bomb guard: each member is read up to the per-file cap, and the total uncompressed size taken
from one archive is capped (for a zip, the bytes actually read; for a tar, which must be
decompressed front to back, the sizes its headers declare).
"""

from __future__ import annotations

import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from linter.errors import InputError
from linter.repo.facts import SourceFile
from linter.repo.ignore import ENV_MARKERS, EXCLUDED_DIRS, SILENT_DIRS, PathFilter
from linter.repo.walk import Limits, is_binary_name, make_source, read_cap

_READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError, NotImplementedError, RuntimeError)


@dataclass
class _Member:
    name: str  # safe relative POSIX path (before the common top folder is dropped)
    size: int
    data: bytes | None = None  # read bytes, or None for binaries / not yet read
    read: Callable[[], bytes] | None = None  # zip: read on demand


def read_archive(path: Path, flt: PathFilter, limits: Limits) -> tuple[list[SourceFile], list[str]]:
    skipped: list[str] = []
    name = path.name.lower()
    if not name.endswith(".zip"):
        return _select(_tar_members(path, limits, skipped), flt, limits, skipped)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(str(path), f"cannot read the zip archive ({exc})") from None
    with zf:
        return _select(_zip_members(zf, limits, skipped), flt, limits, skipped)


def safe_name(raw: str) -> str | None:
    """The member name as a relative POSIX path, or None when it is absolute or climbs out."""
    name = raw.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)


def _zip_members(zf: zipfile.ZipFile, limits: Limits, skipped: list[str]) -> list[_Member]:
    infos = zf.infolist()
    budget = [limits.max_archive_bytes]
    members = []
    for info in infos:
        if info.is_dir():
            continue
        name = safe_name(info.filename)
        if name is None:
            skipped.append(f"{info.filename}: archive member with an absolute or '..' path, ignored")
            continue
        mode = info.external_attr >> 16
        if mode and stat.S_ISLNK(mode):
            skipped.append(f"{name}: symbolic link in the archive, not followed")
            continue
        if info.flag_bits & 0x1:
            skipped.append(f"{name}: encrypted archive member")
            continue
        members.append(_Member(name, info.file_size, read=_zip_reader(zf, info, limits, budget)))
    return members


def _zip_reader(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, budget: list[int]) -> Callable[[], bytes]:
    def read() -> bytes:
        if budget[0] <= 0:
            raise _BudgetExceeded
        with zf.open(info) as fh:
            data = fh.read(min(read_cap(info.filename, limits) + 1, budget[0]))
        budget[0] -= len(data)
        return data

    return read


class _BudgetExceeded(Exception):
    pass


def _tar_members(path: Path, limits: Limits, skipped: list[str]) -> list[_Member]:
    members: list[_Member] = []
    declared = read = 0
    try:
        with tarfile.open(path, mode="r|*") as tf:
            for info in tf:
                name = safe_name(info.name)
                if name is None:
                    skipped.append(f"{info.name}: archive member with an absolute or '..' path, ignored")
                    continue
                if info.issym() or info.islnk():
                    skipped.append(f"{name}: link in the archive, not followed")
                    continue
                if not info.isreg():
                    continue
                declared += info.size
                if declared > limits.max_archive_bytes:
                    skipped.append(f"{name}: archive size cap of {limits.max_archive_bytes} bytes reached; "
                                   "the rest was not read")
                    break
                data = None
                if not is_binary_name(name) and not _default_excluded(name) and read < limits.max_files:
                    fh = tf.extractfile(info)
                    data = fh.read(read_cap(name, limits) + 1) if fh is not None else b""
                    read += 1
                members.append(_Member(name, info.size, data=data))
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise InputError(str(path), f"cannot read the tar archive ({exc})") from None
    return members


def _select(members: list[_Member], flt: PathFilter, limits: Limits,
            skipped: list[str]) -> tuple[list[SourceFile], list[str]]:
    prefix = _common_top(members)
    for m in members:
        m.name = m.name[len(prefix):]
    members = [m for m in members if m.name]
    for m in members:
        if m.name == ".gitignore" or m.name.endswith("/.gitignore"):
            data = m.data if m.data is not None else _safe_read(m)
            if data:
                flt.add_gitignore(m.name.rpartition("/")[0], data.decode("utf-8", errors="replace"))
    env_dirs = {m.name.rpartition("/")[0] for m in members if m.name.rpartition("/")[2] in ENV_MARKERS}
    env_dirs |= {m.name.split("/conda-meta/")[0] for m in members if "/conda-meta/" in "/" + m.name}
    files: list[SourceFile] = []
    dir_cache: dict[str, str | None] = {}
    reported: set[str] = set()
    for m in sorted(members, key=lambda m: m.name):
        reason, where = _excluded(m.name, flt, env_dirs, dir_cache)
        if reason is not None:
            if reason and where not in reported:
                reported.add(where)
                skipped.append(f"{where}: {reason}")
            continue
        if len(files) >= limits.max_files:
            skipped.append(f"{m.name}: file limit of {limits.max_files} reached; the rest was not read")
            break
        source = _to_source(m, limits, skipped)
        if source is not None:
            files.append(source)
    return files, skipped


def _excluded(name: str, flt: PathFilter, env_dirs: set[str], cache: dict[str, str | None]) -> tuple[str | None, str]:
    parts = name.split("/")
    for depth in range(1, len(parts)):
        d = "/".join(parts[:depth])
        if d not in cache:
            cache[d] = flt.dir_reason(d, is_env=d in env_dirs)
        if cache[d] is not None:
            return cache[d], d + "/"
    return flt.file_reason(name), name


def _to_source(m: _Member, limits: Limits, skipped: list[str]) -> SourceFile | None:
    if is_binary_name(m.name):
        return SourceFile(path=m.name, size=m.size, text=None)
    if m.data is None and m.read is None:
        skipped.append(f"{m.name}: not read (file limit of {limits.max_files} reached)")
        return None
    data = m.data
    if data is None:
        try:
            data = m.read()
        except _BudgetExceeded:
            skipped.append(f"{m.name}: archive size cap of {limits.max_archive_bytes} bytes reached; not read")
            return None
        except _READ_ERRORS as exc:
            skipped.append(f"{m.name}: unreadable archive member ({exc})")
            return None
    return make_source(m.name, data, m.size, limits)


def _safe_read(m: _Member) -> bytes:
    try:
        return m.read() if m.read is not None else b""
    except (_BudgetExceeded, *_READ_ERRORS):
        return b""


def _default_excluded(name: str) -> bool:
    """Inside a built-in excluded folder (decidable before any .gitignore has been read)."""
    dirs = name.split("/")[:-1]
    return any(d in SILENT_DIRS or d in EXCLUDED_DIRS or d.endswith(".egg-info") for d in dirs)


def _common_top(members: list[_Member]) -> str:
    """``"top/"`` when every member lies under one folder ``top``, else ``""``."""
    tops: set[str] = set()
    for m in members:
        head, sep, _ = m.name.partition("/")
        if not sep:
            return ""
        tops.add(head)
        if len(tops) > 1:
            return ""
    return next(iter(tops)) + "/" if tops else ""

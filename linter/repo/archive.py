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
from typing import IO
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
        return _select(tar_members(path, limits, skipped), flt, limits, skipped)
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


TarData = Callable[[tarfile.TarFile, tarfile.TarInfo, str, Limits], "bytes | None"]


def tar_members(source: Path | IO[bytes], limits: Limits, skipped: list[str], *, name: str | None = None,
                data_of: TarData | None = None) -> list[_Member]:
    """One streaming pass over a (compressed) tar from a path or a file object: every safe regular
    member, with the bytes ``data_of`` chooses to read (default: text files, up to ``max_files``)."""
    members: list[_Member] = []
    declared = 0
    read = [0]

    def default_data(tf: tarfile.TarFile, info: tarfile.TarInfo, member: str, lim: Limits) -> bytes | None:
        if is_binary_name(member) or _default_excluded(member) or read[0] >= lim.max_files:
            return None
        read[0] += 1
        fh = tf.extractfile(info)
        return fh.read(read_cap(member, lim) + 1) if fh is not None else b""

    data_of = data_of or default_data
    try:
        opened = tarfile.open(source, mode="r|*") if isinstance(source, Path) else tarfile.open(fileobj=source, mode="r|*")
        with opened as tf:
            for info in tf:
                member = safe_name(info.name)
                if member is None:
                    skipped.append(f"{info.name}: archive member with an absolute or '..' path, ignored")
                    continue
                if info.issym() or info.islnk():
                    skipped.append(f"{member}: link in the archive, not followed")
                    continue
                if not info.isreg():
                    continue
                declared += info.size
                if declared > limits.max_archive_bytes:
                    skipped.append(f"{member}: archive size cap of {limits.max_archive_bytes} bytes reached; "
                                   "the rest was not read")
                    break
                members.append(_Member(member, info.size, data=data_of(tf, info, member, limits)))
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise InputError(name or str(source), f"cannot read the tar archive ({exc})") from None
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

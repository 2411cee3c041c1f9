"""pip requirement lines: requirements files, PEP 508 strings in other manifests, ``pip install``.

Requirement strings are parsed by ``packaging.requirements.Requirement``; this module only
handles what pip adds around them (comments, line continuations, ``-r``/``-c`` includes,
``-e``, per-line ``--hash`` options, bare VCS and archive URLs). It never raises: a line it
cannot read becomes an :class:`~linter.repo.deps.model.Unparsed` entry.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from linter.repo.deps.model import Parsed, Unparsed
from linter.repo.facts import Dependency

_COMMENT = re.compile(r"(^|\s+)#.*$")
_PER_LINE_OPTION = re.compile(r"\s+--?[A-Za-z]")
_NAME_PREFIX = re.compile(r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*")
_VCS_PREFIXES = ("git+", "hg+", "svn+", "bzr+")
_COMMIT = re.compile(r"^[0-9a-fA-F]{7,40}$")
_TAG = re.compile(r"^v?\d+(\.\d+)+([.+-]?[A-Za-z0-9]+)*$")
_ARCHIVE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._]*?)-(?P<version>\d[^-]*?)(-[^/]*)?\.(whl|tar\.gz|zip|tar\.bz2|tgz)$")
_INCLUDE_FLAGS = (("--requirement", "-r"), ("--constraint", "-c"), ("--editable", "-e"), ("-r", "-r"), ("-c", "-c"), ("-e", "-e"))


def exact_version(spec: SpecifierSet) -> str | None:
    """The single version a specifier allows (``==1.2``, ``===1.2``), or None for a range."""
    for item in spec:
        if item.operator == "===" or (item.operator == "==" and not item.version.endswith(".*")):
            return item.version
    return None


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, text) with backslash continuations joined, as pip does."""
    out: list[tuple[int, str]] = []
    buffer: list[str] = []
    start = 1
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        if raw.endswith("\\") and not raw.lstrip().startswith("#"):
            buffer.append(raw[:-1])
            continue
        buffer.append(raw)
        out.append((start, " ".join(buffer)))
        buffer = []
    if buffer:
        out.append((start, " ".join(buffer)))
    return out


def parse_requirements(text: str, path: str, *, dev: bool = False, constraint: bool = False) -> Parsed:
    """Read a requirements (or constraints) file. Includes are listed, not followed, here."""
    parsed = Parsed(path=path, kind="constraints" if constraint else "requirements")
    for number, logical in logical_lines(text):
        body = _COMMENT.sub("", logical).strip()
        if not body:
            continue
        if body.startswith("-"):
            _option(body, number, parsed, dev=dev, constraint=constraint)
            continue
        _add(parsed, _PER_LINE_OPTION.split(body, maxsplit=1)[0], number, "requirements", dev, constraint)
    return parsed


def _option(body: str, number: int, parsed: Parsed, *, dev: bool, constraint: bool) -> None:
    for flag, kind in _INCLUDE_FLAGS:
        if body.startswith(flag) and not body.startswith(flag + "-"):
            value = body[len(flag):].lstrip(" =\t").strip().strip("'\"")
            if not value:
                parsed.unparsed.append(Unparsed(parsed.path, number, body[:200], f"{flag} without a value"))
            elif kind == "-e":
                _add(parsed, value, number, "requirements", dev, constraint)
            else:
                parsed.includes.append((kind, value, number))
            return
    # Other options (--index-url, --find-links, --pre ...) install nothing by themselves.


def _add(parsed: Parsed, text: str, number: int, source: str, dev: bool, constraint: bool) -> None:
    dep, problem = read_requirement(text, parsed.path, number, source)
    if dep is not None:
        parsed.add(dep, dev=dev, constraint=constraint)
    elif problem:
        parsed.unparsed.append(Unparsed(parsed.path, number, text[:200], problem))


def is_local(text: str) -> bool:
    """A path to a folder or file of this machine (``.``, ``./pkg``, ``/abs``, ``file:``)."""
    t = text.strip()
    return t.startswith((".", "/", "~", "file:", "\\")) or bool(re.match(r"^[A-Za-z]:[\\/]", t))


def read_requirement(text: str, path: str, line: int | None, source: str) -> tuple[Dependency | None, str]:
    """One requirement → (Dependency, "") or (None, problem). (None, "") means "nothing to
    record" (the project itself or a local folder, as in ``-e .``)."""
    t = text.strip()
    if not t or is_local(t):
        return None, ""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", t):
        return _bare_url(t, path, line, source)
    try:
        req = Requirement(t)
    except (InvalidRequirement, ValueError, TypeError, IndexError, RecursionError) as err:
        return None, f"not a valid requirement ({str(err).splitlines()[0][:120] if str(err) else 'syntax'})"
    name = canonicalize_name(req.name)
    if req.url:
        return _url_dependency(name, req.url, path, line, source), ""
    version = exact_version(req.specifier)
    return Dependency(name, written_spec(t, req), version is not None, path, line, "pypi", version, source), ""


def written_spec(text: str, req: Requirement) -> str:
    """The version specifier as the author wrote it (order kept), without name, extras or markers."""
    rest = _NAME_PREFIX.sub("", text, count=1).split(";", 1)[0].strip()
    rest = rest.strip("()").strip()
    return rest if rest and rest[0] in "<>=!~" else str(req.specifier)


def _bare_url(url: str, path: str, line: int | None, source: str) -> tuple[Dependency | None, str]:
    fragment = urlsplit(url).fragment
    egg = re.search(r"(?:^|&)egg=([^&]+)", fragment)
    name = egg.group(1).split("[")[0] if egg else None
    if name is None and not url.startswith(_VCS_PREFIXES):
        m = _ARCHIVE.match(unquote(posixpath.basename(urlsplit(url).path)))
        name = m.group("name") if m else None
    if not name:
        return None, "URL requirement without a package name (#egg=...)"
    return _url_dependency(canonicalize_name(name), url, path, line, source), ""


def _url_dependency(name: str, url: str, path: str, line: int | None, source: str) -> Dependency:
    """A direct reference: an archive file is exact; a VCS URL is exact with a commit or a tag."""
    if url.startswith(_VCS_PREFIXES):
        ref = _vcs_ref(url)
        pinned = bool(ref and (_COMMIT.match(ref) or _TAG.match(ref)))
        return Dependency(name, f"@ {url}", pinned, path, line, "pypi", ref if pinned else None, source)
    m = _ARCHIVE.match(unquote(posixpath.basename(urlsplit(url).path)))
    return Dependency(name, f"@ {url}", True, path, line, "pypi", m.group("version") if m else None, source)


def _vcs_ref(url: str) -> str | None:
    """The ``@ref`` after the repository path of a VCS URL (commit, tag or branch)."""
    parts = urlsplit(url.split("+", 1)[1] if "+" in url.split("://", 1)[0] else url)
    repo_path = parts.path
    if "@" not in repo_path:
        return None
    ref = repo_path.rsplit("@", 1)[1].strip()
    return ref or None

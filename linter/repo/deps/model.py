"""What one dependency file says, before it is merged into the repository facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter.repo.facts import Dependency

# Dependency groups, extras and files that only serve development (tests, docs, linting).
# Their entries are recorded but never reported as unpinned: they do not shape results.
_DEV_WORDS = r"dev|devel|develop|development|test|tests|testing|docs|doc|lint|linting|style|typing|ci|suggests"
DEV_NAME = re.compile(rf"(^|[-_./\s])({_DEV_WORDS})([-_./\s]|$)", re.IGNORECASE)

# Installer tooling: an unpinned ``pip`` in a conda environment does not change results.
TOOLING = frozenset({"pip", "setuptools", "wheel", "conda", "mamba", "uv", "pip-tools"})


def is_dev(name: str) -> bool:
    """True for a dev-only group or file name (``dev``, ``requirements-test.txt``, ``docs/``)."""
    return bool(DEV_NAME.search(name))


@dataclass(frozen=True)
class Entry:
    """One dependency with how it may be judged: ``dev`` (tooling group), ``constraint``
    (a ``-c`` constraints file: records versions, installs nothing)."""

    dep: Dependency
    dev: bool = False
    constraint: bool = False


@dataclass(frozen=True)
class VersionClaim:
    """A stated language version: ``language`` is python or r."""

    language: str
    value: str
    path: str
    line: int | None


@dataclass(frozen=True)
class BaseImage:
    """A Dockerfile ``FROM``; ``tag``/``digest`` None when absent. ``resolved`` False when the
    image came from an ARG without a default (nothing can be said about it)."""

    image: str
    tag: str | None
    digest: str | None
    path: str
    line: int
    resolved: bool = True


@dataclass(frozen=True)
class Unparsed:
    """A line that could not be read as a requirement; kept, never raised."""

    path: str
    line: int | None
    text: str
    reason: str


@dataclass
class Parsed:
    """One file's contribution. ``role``: manifest | lock | version (a file that only states
    a language version). ``locks`` names the ecosystems a lock file fixes."""

    path: str
    kind: str
    role: str = "manifest"
    entries: list[Entry] = field(default_factory=list)
    versions: list[VersionClaim] = field(default_factory=list)
    images: list[BaseImage] = field(default_factory=list)
    includes: list[tuple[str, str, int]] = field(default_factory=list)  # (-r|-c, path, line)
    unparsed: list[Unparsed] = field(default_factory=list)
    locks: tuple[str, ...] = ()
    error: str = ""
    declares: bool = True  # False: e.g. a pyproject.toml holding only tool settings

    def add(self, dep: Dependency, *, dev: bool = False, constraint: bool = False) -> None:
        self.entries.append(Entry(dep, dev, constraint))

"""Dockerfiles: base images (``FROM`` with tag or digest, ARG defaults substituted) and the
packages installed by ``pip install`` / ``conda install`` in ``RUN`` lines. A ``python:3.10``
image states the Python version, a ``rocker/r-ver:4.3.1`` image the R version."""

from __future__ import annotations

import re
import shlex

from linter.repo.deps.conda import conda_spec
from linter.repo.deps.model import BaseImage, Parsed, Unparsed, VersionClaim
from linter.repo.deps.requirements import read_requirement
from linter.repo.facts import Dependency

_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}?")
_LEADING_VERSION = re.compile(r"^(\d+(?:\.\d+){0,2})(?![\d])")
_PIP_VALUE_OPTIONS = frozenset(
    "-i --index-url --extra-index-url -f --find-links -t --target --prefix --root --trusted-host --platform "
    "--python-version --implementation --abi --progress-bar --cache-dir --src --upgrade-strategy --timeout "
    "--retries --proxy --log -C --config-settings --global-option --python".split()
)
_CONDA_VALUE_OPTIONS = frozenset("-c --channel -n --name -p --prefix --file --repodata-fn".split())
_R_IMAGES = ("rocker/", "r-base", "rhub/")


def instructions(text: str) -> list[tuple[int, str, list[tuple[int, int]]]]:
    """(first line, instruction text, [(offset, line)]) with continuations joined, comments dropped."""
    out: list[tuple[int, str, list[tuple[int, int]]]] = []
    buffer, offsets, start = "", [], 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not buffer):
            continue
        if not buffer:
            start = number
        offsets.append((len(buffer), number))
        if stripped.endswith("\\"):
            buffer += stripped[:-1] + " "
            continue
        buffer += stripped
        out.append((start, buffer, offsets))
        buffer, offsets = "", []
    if buffer:
        out.append((start, buffer, offsets))
    return out


def parse_dockerfile(text: str, path: str) -> Parsed:
    parsed = Parsed(path, "Dockerfile")
    args: dict[str, str] = {}
    stages: set[str] = set()
    for start, instr, offsets in instructions(text):
        keyword, _, rest = instr.partition(" ")
        keyword = keyword.upper()
        if keyword == "ARG":
            name, eq, default = rest.strip().partition("=")
            if eq:
                args[name.strip()] = default.strip().strip("'\"")
        elif keyword == "FROM":
            _from(parsed, rest, start, args, stages)
        elif keyword == "RUN":
            _run(parsed, rest, instr, offsets)
    return parsed


def _substitute(value: str, args: dict[str, str]) -> tuple[str, bool]:
    resolved = True

    def repl(m: re.Match[str]) -> str:
        nonlocal resolved
        if m.group(1) in args:
            return args[m.group(1)]
        if m.group(2) is not None:
            return m.group(2)
        resolved = False
        return m.group(0)

    return _VAR.sub(repl, value), resolved


def _from(parsed: Parsed, rest: str, line: int, args: dict[str, str], stages: set[str]) -> None:
    tokens = [t for t in rest.split() if not t.startswith("--")]
    if not tokens:
        return
    if len(tokens) >= 3 and tokens[1].lower() == "as":
        stages.add(tokens[2].lower())
    image, resolved = _substitute(tokens[0], args)
    if image.lower() == "scratch" or image.lower() in stages:
        return
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    tag = last.split(":", 1)[1] if ":" in last else None
    repo = name[: len(name) - len(tag) - 1] if tag else name
    parsed.images.append(BaseImage(repo, tag, digest or None, parsed.path, line, resolved))
    if not resolved:
        return
    pinned = bool(digest) or (tag is not None and tag != "latest")
    parsed.add(Dependency(repo, f":{tag}" if tag else (f"@{digest}" if digest else ""), pinned, parsed.path, line,
                          "docker", digest or tag, "Dockerfile"))
    _image_language(parsed, repo, tag, line)


def _image_language(parsed: Parsed, repo: str, tag: str | None, line: int) -> None:
    if not tag:
        return
    short = repo.rsplit("/", 1)[-1].lower()
    version = _LEADING_VERSION.match(tag)
    if short in ("python", "pypy") and version:
        parsed.versions.append(VersionClaim("python", version.group(1), parsed.path, line))
    elif (repo.lower().startswith(_R_IMAGES) or short in ("r-base", "r-ver")) and version:
        parsed.versions.append(VersionClaim("r", version.group(1), parsed.path, line))
    else:
        m = re.search(r"python-?(\d+\.\d+(?:\.\d+)?)", tag)
        if m:
            parsed.versions.append(VersionClaim("python", m.group(1), parsed.path, line))


def _line_at(offsets: list[tuple[int, int]], position: int) -> int:
    line = offsets[0][1]
    for offset, number in offsets:
        if offset <= position:
            line = number
    return line


def _run(parsed: Parsed, command: str, instr: str, offsets: list[tuple[int, int]]) -> None:
    base = instr.find(command)
    cursor = base
    for segment in re.split(r"&&|\|\||;|\|", command):
        try:
            tokens = shlex.split(segment, comments=False, posix=True)
        except ValueError:
            tokens = segment.split()
        for token, manager in _install_tokens(tokens):
            pos = instr.find(token, cursor)
            line = _line_at(offsets, pos if pos >= 0 else base)
            if pos >= 0:
                cursor = pos
            _install_item(parsed, token, manager, line)


def _install_tokens(tokens: list[str]) -> list[tuple[str, str]]:
    """The package arguments of ``pip install`` / ``conda install`` commands in ``tokens``."""
    for i, token in enumerate(tokens[:-1]):
        name = token.rsplit("/", 1)[-1]
        if tokens[i + 1] != "install":
            continue
        if re.fullmatch(r"pip(3(\.\d+)?)?", name):
            return _arguments(tokens[i + 2:], "pip", _PIP_VALUE_OPTIONS)
        if name in ("conda", "mamba", "micromamba"):
            return _arguments(tokens[i + 2:], "conda", _CONDA_VALUE_OPTIONS)
    return []


def _arguments(tokens: list[str], manager: str, value_options: frozenset[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    skip = False
    for token in tokens:
        if skip:
            skip = False
            continue
        if token in ("-r", "--requirement", "-c", "--constraint") or token in value_options:
            skip = True
            continue
        if token.startswith("-"):
            continue
        out.append((token, manager))
    return out


def _install_item(parsed: Parsed, token: str, manager: str, line: int) -> None:
    if "$" in token:
        parsed.unparsed.append(Unparsed(parsed.path, line, token[:200], "uses a shell variable"))
        return
    if manager == "pip":
        dep, problem = read_requirement(token, parsed.path, line, "Dockerfile")
        if dep is not None:
            parsed.add(dep)
        elif problem:
            parsed.unparsed.append(Unparsed(parsed.path, line, token[:200], problem))
        return
    spec = conda_spec(token)
    if spec is None:
        return
    name, written, version = spec
    if name in ("python", "r-base"):
        if written:
            parsed.versions.append(VersionClaim("python" if name == "python" else "r",
                                                version or written.lstrip("="), parsed.path, line))
        return
    parsed.add(Dependency(name, written, version is not None, parsed.path, line, "conda", version, "Dockerfile"))

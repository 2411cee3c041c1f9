"""Console scripts declared by the repository's packaging files: ``[project.scripts]`` and
``[tool.poetry.scripts]`` in pyproject.toml, ``console_scripts`` in setup.cfg, and a literal
``entry_points=`` in setup.py (read with ``ast``, never run)."""

from __future__ import annotations

import ast
import configparser
import sys
from collections.abc import Iterable

from linter.repo.facts import SourceFile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def console_scripts(files: Iterable[SourceFile]) -> list[tuple[str, str, str]]:
    """(module, function, declaring file) for every console script found."""
    out: list[tuple[str, str, str]] = []
    for f in files:
        if f.text is None:
            continue
        name = f.path.rpartition("/")[2]
        try:
            if name == "pyproject.toml":
                specs = _pyproject(f.text)
            elif name == "setup.cfg":
                specs = _setup_cfg(f.text)
            elif name == "setup.py":
                specs = _setup_py(f.text)
            else:
                continue
        except (ValueError, configparser.Error, SyntaxError, RecursionError):
            continue  # the dependency analyzer reports unreadable manifests
        for spec in specs:
            module, _, func = spec.partition(":")
            module = module.strip()
            if module:
                out.append((module, func.strip().split("[")[0].strip(), f.path))
    return out


def _pyproject(text: str) -> list[str]:
    data = tomllib.loads(text)
    specs: list[str] = []
    project = data.get("project") or {}
    for table in ("scripts", "gui-scripts"):
        values = project.get(table) or {}
        if isinstance(values, dict):
            specs.extend(v for v in values.values() if isinstance(v, str))
    poetry = ((data.get("tool") or {}).get("poetry") or {}).get("scripts") or {}
    if isinstance(poetry, dict):
        for v in poetry.values():
            if isinstance(v, str):
                specs.append(v)
            elif isinstance(v, dict) and isinstance(v.get("callable"), str):
                specs.append(v["callable"])
    return specs


def _setup_cfg(text: str) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    if not parser.has_option("options.entry_points", "console_scripts"):
        return []
    raw = parser.get("options.entry_points", "console_scripts")
    return [line.partition("=")[2] for line in raw.splitlines() if "=" in line]


def _setup_py(text: str) -> list[str]:
    tree = ast.parse(text)
    specs: list[str] = []
    for node in ast.walk(tree):
        if type(node) is not ast.keyword or node.arg != "entry_points":
            continue
        try:
            value = ast.literal_eval(node.value)
        except (ValueError, SyntaxError, TypeError):
            continue
        if isinstance(value, dict):
            scripts = value.get("console_scripts", [])
            if isinstance(scripts, str):
                scripts = scripts.splitlines()
            specs.extend(s.partition("=")[2] for s in scripts if isinstance(s, str) and "=" in s)
    return specs

"""Python project manifests: pyproject.toml (PEP 621, PEP 735 groups, Poetry, PDM), Pipfile,
setup.cfg and setup.py (read with ``ast``, never run)."""

from __future__ import annotations

import ast
import configparser
import re
from typing import Any

from packaging.utils import canonicalize_name

from linter.repo.deps.model import Parsed, Unparsed, VersionClaim, is_dev
from linter.repo.deps.requirements import is_local, read_requirement
from linter.repo.deps.textloc import TomlLines, line_of, load_toml, quoted_line
from linter.repo.facts import Dependency

_POETRY_EXACT = re.compile(r"^(==|=)?\s*v?(\d[A-Za-z0-9.+!-]*)$")


def poetry_exact(spec: str) -> str | None:
    """The single version a Poetry/Pipfile-style constraint allows (``1.2.3``, ``==1.2.3``)."""
    m = _POETRY_EXACT.match(spec.strip())
    return m.group(2) if m and "*" not in spec else None


def _add_pep508(parsed: Parsed, items: Any, lines: list[str], start: int, *, dev: bool, own: str) -> None:
    if not isinstance(items, list):
        return
    for item in items:
        if not isinstance(item, str):
            continue
        line = quoted_line(lines, item, start)
        dep, problem = read_requirement(item, parsed.path, line, parsed.kind)
        if dep is not None and dep.name != own:
            parsed.add(dep, dev=dev)
        elif problem:
            parsed.unparsed.append(_unparsed(parsed, line, item, problem))


def _unparsed(parsed: Parsed, line: int | None, text: str, problem: str) -> Unparsed:
    return Unparsed(parsed.path, line, text[:200], problem)


def parse_pyproject(text: str, path: str) -> Parsed:
    parsed = Parsed(path, "pyproject")
    data, problem = load_toml(text)
    if data is None:
        parsed.error = problem
        return parsed
    lines, loc = text.splitlines(), TomlLines(text)
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    groups = data.get("dependency-groups") if isinstance(data.get("dependency-groups"), dict) else {}
    parsed.declares = bool(project.get("dependencies") or project.get("optional-dependencies") or groups
                           or poetry.get("dependencies") or "dependencies" in project.get("dynamic", []))
    own = canonicalize_name(str(project.get("name") or poetry.get("name") or ""))
    if isinstance(project.get("requires-python"), str):
        parsed.versions.append(VersionClaim("python", project["requires-python"], path,
                                            loc.key_line(("project", "requires-python"))))
    start = (loc.key_line(("project", "dependencies")) or 1) - 1
    _add_pep508(parsed, project.get("dependencies"), lines, start, dev=False, own=own)
    for table, dev_all in ((project.get("optional-dependencies"), False), (groups, False)):
        if isinstance(table, dict):
            for group, items in table.items():
                where = (loc.key_line(("project", "optional-dependencies", str(group)))
                         or loc.key_line(("dependency-groups", str(group))) or 1) - 1
                _add_pep508(parsed, items, lines, where, dev=dev_all or is_dev(str(group)), own=own)
    _poetry(parsed, poetry, loc, own)
    pdm = tool.get("pdm") if isinstance(tool.get("pdm"), dict) else {}
    if isinstance(pdm.get("dev-dependencies"), dict):
        for group, items in pdm["dev-dependencies"].items():
            _add_pep508(parsed, items, lines, (loc.key_line(("tool", "pdm", "dev-dependencies", str(group))) or 1) - 1,
                        dev=True, own=own)
    return parsed


def _poetry(parsed: Parsed, poetry: dict[str, Any], loc: TomlLines, own: str) -> None:
    tables: list[tuple[tuple[str, ...], Any, bool]] = [
        (("tool", "poetry", "dependencies"), poetry.get("dependencies"), False),
        (("tool", "poetry", "dev-dependencies"), poetry.get("dev-dependencies"), True),
    ]
    group_table = poetry.get("group") if isinstance(poetry.get("group"), dict) else {}
    for name, group in group_table.items():
        if isinstance(group, dict):
            tables.append((("tool", "poetry", "group", str(name), "dependencies"), group.get("dependencies"),
                           is_dev(str(name))))
    for key_path, table, dev in tables:
        if not isinstance(table, dict):
            continue
        for name, value in table.items():
            line = loc.key_line(key_path + (str(name),))
            if str(name).lower() == "python":
                if isinstance(value, str):
                    parsed.versions.append(VersionClaim("python", value, parsed.path, line))
                continue
            for dep in table_dependency(str(name), value, parsed.path, line, "poetry"):
                if dep.name != own:
                    parsed.add(dep, dev=dev)


def table_dependency(name: str, value: Any, path: str, line: int | None, source: str) -> list[Dependency]:
    """A ``name = "spec"`` / ``name = {version = ...}`` entry (Poetry, Pipfile)."""
    if isinstance(value, list):
        return [d for v in value for d in table_dependency(name, v, path, line, source)]
    norm = canonicalize_name(name)
    if isinstance(value, dict):
        if "path" in value or ("file" in value and is_local(str(value["file"]))):
            return []
        for key in ("git", "hg", "svn"):
            if key in value:
                ref = value.get("rev") or value.get("ref") or value.get("tag")
                spec = f"{key} {value[key]}" + (f"@{ref or value.get('branch')}" if ref or value.get("branch") else "")
                return [Dependency(norm, spec, bool(ref), path, line, "pypi", str(ref) if ref else None, source)]
        if "url" in value or "file" in value:
            return [Dependency(norm, f"@ {value.get('url') or value.get('file')}", True, path, line, "pypi", None, source)]
        value = value.get("version", "*")
    spec = str(value).strip()
    version = poetry_exact(spec) if spec not in ("", "*") else None
    return [Dependency(norm, "" if spec == "*" else spec, version is not None, path, line, "pypi", version, source)]


def parse_pipfile(text: str, path: str) -> Parsed:
    parsed = Parsed(path, "pipfile")
    data, problem = load_toml(text)
    if data is None:
        parsed.error = problem
        return parsed
    loc = TomlLines(text)
    for section, dev in (("packages", False), ("dev-packages", True)):
        table = data.get(section)
        if isinstance(table, dict):
            for name, value in table.items():
                for dep in table_dependency(str(name), value, path, loc.key_line((section, str(name))), "pipfile"):
                    parsed.add(dep, dev=dev)
    requires = data.get("requires") if isinstance(data.get("requires"), dict) else {}
    for key in ("python_full_version", "python_version"):
        if isinstance(requires.get(key), str):
            parsed.versions.append(VersionClaim("python", requires[key], path, loc.key_line(("requires", key))))
            break
    return parsed


def parse_setup_cfg(text: str, path: str) -> Parsed:
    parsed = Parsed(path, "setup.cfg")
    config = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        config.read_string(text)
    except (configparser.Error, ValueError) as err:
        parsed.error = f"not a valid setup.cfg ({str(err).splitlines()[0][:120]})"
        return parsed
    lines = text.splitlines()
    start = (line_of(lines, "[options]") or 1) - 1
    parsed.declares = config.has_option("options", "install_requires")
    if config.has_option("options", "python_requires"):
        value = config.get("options", "python_requires").strip()
        parsed.versions.append(VersionClaim("python", value, path, line_of(lines, "python_requires", start)))
    if parsed.declares:
        _cfg_list(parsed, config.get("options", "install_requires"), lines, start, dev=False)
    if config.has_section("options.extras_require"):
        extra_start = (line_of(lines, "[options.extras_require]") or 1) - 1
        for group, value in config.items("options.extras_require"):
            _cfg_list(parsed, value, lines, extra_start, dev=is_dev(group))
    return parsed


def _cfg_list(parsed: Parsed, value: str, lines: list[str], start: int, *, dev: bool) -> None:
    for item in value.splitlines():
        item = item.split(" #", 1)[0].strip()
        if item:
            line = line_of(lines, item, start)
            dep, problem = read_requirement(item, parsed.path, line, "setup.cfg")
            if dep is not None:
                parsed.add(dep, dev=dev)
            elif problem:
                parsed.unparsed.append(_unparsed(parsed, line, item, problem))


def parse_setup_py(text: str, path: str) -> Parsed:
    """Literal ``install_requires``/``extras_require``/``python_requires`` of ``setup(...)``,
    following module-level names bound to literals. Anything computed is left unread."""
    parsed = Parsed(path, "setup.py", declares=False)
    try:
        tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as err:
        parsed.error = f"setup.py does not parse ({type(err).__name__})"
        return parsed
    names: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            names[node.targets[0].id] = node.value
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_setup(node.func):
            parsed.declares = True
            for kw in node.keywords:
                _setup_keyword(parsed, kw, names)
    return parsed


def _is_setup(func: ast.AST) -> bool:
    return (isinstance(func, ast.Name) and func.id == "setup") or (isinstance(func, ast.Attribute) and func.attr == "setup")


def _setup_keyword(parsed: Parsed, kw: ast.keyword, names: dict[str, ast.AST]) -> None:
    value = names.get(kw.value.id, kw.value) if isinstance(kw.value, ast.Name) else kw.value
    if kw.arg == "python_requires" and isinstance(value, ast.Constant) and isinstance(value.value, str):
        parsed.versions.append(VersionClaim("python", value.value, parsed.path, value.lineno))
    elif kw.arg in ("install_requires", "tests_require"):
        _setup_list(parsed, value, dev=kw.arg == "tests_require")
    elif kw.arg == "extras_require" and isinstance(value, ast.Dict):
        for key, items in zip(value.keys, value.values):
            group = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else ""
            items = names.get(items.id, items) if isinstance(items, ast.Name) else items
            _setup_list(parsed, items, dev=is_dev(group))


def _setup_list(parsed: Parsed, node: ast.AST, *, dev: bool) -> None:
    if not isinstance(node, (ast.List, ast.Tuple)):
        return
    for element in node.elts:
        if isinstance(element, ast.Constant) and isinstance(element.value, str):
            dep, problem = read_requirement(element.value, parsed.path, element.lineno, "setup.py")
            if dep is not None:
                parsed.add(dep, dev=dev)
            elif problem:
                parsed.unparsed.append(_unparsed(parsed, element.lineno, element.value, problem))

"""Hyperparameters in config files: YAML (Hydra ``defaults:`` lists, DVC ``params.yaml``),
JSON, TOML and gin.

Every scalar leaf (or list of scalars) is recorded with its key path as context
(``model.lr``). YAML is composed with the safe loader, so each value has its own line;
JSON and TOML lines are found again in the text. Gin is read line by line
(``scope/fn.param = value``, brackets may span lines): the format is small enough that a
full parser would add nothing here.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any

import yaml

from linter.repo.deps.textloc import TomlLines, compose_yaml, load_json, load_toml, node_line, yaml_plain, yaml_value
from linter.repo.facts import HyperParam

_SCALARS = (str, int, float, bool, type(None))


def read_config(path: str, text: str, limit: int) -> tuple[list[HyperParam], str]:
    """(hyperparameters, problem). ``problem`` is "" when the file was read."""
    lower = path.lower()
    if lower.endswith(".gin"):
        return read_gin(path, text)[:limit], ""
    if lower.endswith((".yaml", ".yml")):
        return _yaml(path, text, limit)
    if lower.endswith(".json"):
        data, problem = load_json(text)
        return (_json(path, text, data, limit), "") if not problem else ([], problem)
    data, problem = load_toml(text)
    return (_toml(path, text, data, limit), "") if data is not None else ([], problem)


def _is_leaf(value: Any) -> bool:
    return isinstance(value, _SCALARS) or (isinstance(value, list) and all(isinstance(v, _SCALARS) for v in value))


# ------------------------------------------------------------------ YAML


def _yaml(path: str, text: str, limit: int) -> tuple[list[HyperParam], str]:
    root, problem = compose_yaml(text)
    if root is None:
        return [], problem
    out: list[HyperParam] = []
    _walk_yaml(root, (), path, out, limit)
    return out, ""


def _walk_yaml(node: yaml.Node, keys: tuple[str, ...], path: str, out: list[HyperParam], limit: int) -> None:
    if len(out) >= limit or len(keys) > 30:
        return
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            key = str(yaml_value(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
            if not keys and key == "defaults" and isinstance(value, yaml.SequenceNode):
                _hydra_defaults(value, path, out)
                continue
            _walk_yaml(value, keys + (key,), path, out, limit)
    elif isinstance(node, yaml.SequenceNode):
        plain = yaml_plain(node)
        if keys and _is_leaf(plain):
            out.append(HyperParam(keys[-1], plain, path, node_line(node), "config", ".".join(keys)))
            return
        for index, item in enumerate(node.value):
            _walk_yaml(item, keys[:-1] + (f"{keys[-1]}[{index}]",) if keys else (f"[{index}]",), path, out, limit)
    elif isinstance(node, yaml.ScalarNode) and keys:
        out.append(HyperParam(keys[-1], yaml_value(node), path, node_line(node), "config", ".".join(keys)))


def _hydra_defaults(seq: yaml.SequenceNode, path: str, out: list[HyperParam]) -> None:
    """Hydra's ``defaults:`` list selects config groups: ``- model: resnet`` → model = resnet."""
    for item in seq.value:
        if isinstance(item, yaml.MappingNode):
            for key_node, value in item.value:
                if isinstance(key_node, yaml.ScalarNode):
                    out.append(HyperParam(str(key_node.value), yaml_plain(value), path, node_line(key_node), "config",
                                          f"defaults.{key_node.value}"))
        elif isinstance(item, yaml.ScalarNode) and item.value != "_self_":
            out.append(HyperParam("defaults", yaml_value(item), path, node_line(item), "config", "defaults"))


# ------------------------------------------------------------------ JSON and TOML


def _json(path: str, text: str, data: Any, limit: int) -> list[HyperParam]:
    lines = text.splitlines()
    out: list[HyperParam] = []
    cursor = [0]

    def locate(key: str) -> int | None:
        pattern = re.compile(rf"{re.escape(json.dumps(key))}\s*:")
        for i in range(cursor[0], len(lines)):
            if pattern.search(lines[i]):
                cursor[0] = i
                return i + 1
        return None

    def walk(value: Any, keys: tuple[str, ...]) -> None:
        if len(out) >= limit or len(keys) > 30:
            return
        if isinstance(value, dict):
            for key, sub in value.items():
                line = locate(str(key))
                if _is_leaf(sub):
                    out.append(HyperParam(str(key), sub, path, line, "config", ".".join(keys + (str(key),))))
                else:
                    walk(sub, keys + (str(key),))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    walk(item, keys[:-1] + (f"{keys[-1]}[{index}]",) if keys else (f"[{index}]",))

    walk(data, ())
    return out


def _toml(path: str, text: str, data: dict[str, Any], limit: int) -> list[HyperParam]:
    loc = TomlLines(text)
    out: list[HyperParam] = []

    def walk(value: dict[str, Any], keys: tuple[str, ...]) -> None:
        for key, sub in value.items():
            if len(out) >= limit:
                return
            here = keys + (str(key),)
            if isinstance(sub, dict):
                walk(sub, here)
            elif _is_leaf(sub):
                out.append(HyperParam(str(key), sub, path, loc.key_line(here), "config", ".".join(here)))

    walk(data, ())
    return out


# ------------------------------------------------------------------ gin

_GIN_BINDING = re.compile(r"^([A-Za-z_][\w./]*)\s*=\s*(.*)$")


def _strip_comment(line: str) -> str:
    quote = ""
    for i, char in enumerate(line):
        if char in "'\"" and not quote:
            quote = char
        elif char == quote:
            quote = ""
        elif char == "#" and not quote:
            return line[:i]
    return line


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}"
    return depth <= 0


def read_gin(path: str, text: str) -> list[HyperParam]:
    """``scope/configurable.param = value`` bindings and ``MACRO = value`` lines."""
    out: list[HyperParam] = []
    pending: tuple[str, int, str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw).rstrip()
        if pending is not None:
            key, start, value = pending
            value += " " + line.strip()
            if _balanced(value):
                out.append(_gin_param(path, key, start, value))
                pending = None
            else:
                pending = (key, start, value)
            continue
        m = _GIN_BINDING.match(line.strip())
        if not m or line.strip().startswith(("import ", "include ")):
            continue
        key, value = m.group(1), m.group(2).strip()
        if _balanced(value):
            out.append(_gin_param(path, key, number, value))
        else:
            pending = (key, number, value)
    return out


def _gin_param(path: str, key: str, line: int, value: str) -> HyperParam:
    try:
        parsed: Any = ast.literal_eval(value)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        parsed = value
    name = key.rsplit(".", 1)[-1].rsplit("/", 1)[-1]
    return HyperParam(name, parsed, path, line, "config", key)

"""Reading structured text files safely, with line numbers where the parser gives none.

``tomllib`` and ``json`` return plain data without positions, so a value's line is found
again in the text (:func:`line_of`, :class:`TomlLines`). YAML is composed into nodes with
``yaml.SafeLoader`` (no object is ever constructed from tags), which carry their own marks.
Nothing here raises on bad input: loaders return ``None`` and an error message.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib


def load_toml(text: str) -> tuple[dict[str, Any] | None, str]:
    """Parse TOML; returns (data, "") or (None, problem)."""
    try:
        return tomllib.loads(text), ""
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as err:
        return None, f"not valid TOML ({_first_line(err)})"


def load_json(text: str) -> tuple[Any, str]:
    """Parse JSON; returns (data, "") or (None, problem)."""
    try:
        return json.loads(text), ""
    except (ValueError, RecursionError) as err:
        return None, f"not valid JSON ({_first_line(err)})"


def compose_yaml(text: str) -> tuple[yaml.Node | None, str]:
    """Compose the first YAML document into nodes (safe: tags are resolved, never constructed)."""
    try:
        for node in yaml.compose_all(text, Loader=yaml.SafeLoader):
            return node, ""
        return None, ""
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        return None, f"not valid YAML ({_first_line(err)})"


def yaml_value(node: yaml.Node) -> Any:
    """The plain value of a scalar node (int, float, bool, None or str), by the safe resolver."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return node.value


def yaml_plain(node: yaml.Node, budget: int = 5000) -> Any:
    """The plain value of any node (mappings with scalar keys, sequences, scalars). At most
    ``budget`` nodes are visited, so aliases that multiply a document ("billion laughs") stay cheap;
    what lies beyond the budget becomes None."""
    left = [budget]

    def plain(n: yaml.Node, depth: int) -> Any:
        left[0] -= 1
        if left[0] < 0 or depth > 50:
            return None
        if isinstance(n, yaml.ScalarNode):
            return yaml_value(n)
        if isinstance(n, yaml.SequenceNode):
            return [plain(item, depth + 1) for item in n.value]
        if isinstance(n, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for k, v in n.value:
                key = yaml_value(k) if isinstance(k, yaml.ScalarNode) else None
                if isinstance(key, (str, int, float, bool)) or key is None:
                    out[key] = plain(v, depth + 1)
            return out
        return None

    return plain(node, 0)


def node_line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def mapping_get(node: yaml.Node | None, key: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) for ``key`` in a mapping node, or (None, None)."""
    if not isinstance(node, yaml.MappingNode):
        return None, None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None, None


def line_of(lines: list[str], needle: str, start: int = 0) -> int | None:
    """1-based line of the first line at or after index ``start`` containing ``needle``,
    else of the first such line anywhere, else None."""
    if not needle:
        return None
    for i in range(max(start, 0), len(lines)):
        if needle in lines[i]:
            return i + 1
    for i in range(0, min(start, len(lines))):
        if needle in lines[i]:
            return i + 1
    return None


def quoted_line(lines: list[str], value: str, start: int = 0) -> int | None:
    """Line of ``value`` written as a quoted string ("value" or 'value')."""
    return line_of(lines, f'"{value}"', start) or line_of(lines, f"'{value}'", start) or line_of(lines, value, start)


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _norm_key(part: str) -> str:
    return part.strip().strip('"').strip("'")


class TomlLines:
    """Find the line where a TOML key path is written: ``[table] key = ...`` or dotted keys."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: list[tuple[int, tuple[str, ...]]] = [(0, ())]
        for i, raw in enumerate(self.lines):
            m = _HEADER.match(raw)
            if m and "=" not in m.group(1):
                self.tables.append((i, tuple(_norm_key(p) for p in m.group(1).split("."))))

    def key_line(self, path: tuple[str, ...]) -> int | None:
        """Line of the last key of ``path``, searched within the deepest table that prefixes it."""
        for split in range(len(path) - 1, -1, -1):
            table, rest = path[:split], path[split:]
            for pos, (idx, name) in enumerate(self.tables):
                if name != table:
                    continue
                end = self.tables[pos + 1][0] if pos + 1 < len(self.tables) else len(self.lines)
                found = self._find_key(idx if table else 0, end, rest)
                if found:
                    return found
        return None

    def _find_key(self, start: int, end: int, rest: tuple[str, ...]) -> int | None:
        dotted = r"\s*\.\s*".join(rf"[\"']?{re.escape(p)}[\"']?" for p in rest)
        pattern = re.compile(rf"^\s*{dotted}\s*=")
        for i in range(start, end):
            if pattern.match(self.lines[i]):
                return i + 1
        if len(rest) > 1:  # key written in an inline table: find the last key after the first
            first = self._find_key(start, end, rest[:1])
            if first:
                return line_of(self.lines, rest[-1], first - 1) or first
        return None


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return (text[0] if text else type(err).__name__)[:160]

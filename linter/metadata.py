"""Methods metadata: find it (``--metadata``, a ``guidelint:`` block in the front matter, or a
sidecar ``methods.yaml``), parse it safely and validate it against the packaged JSON Schema."""

from __future__ import annotations

import datetime
import functools
import json
from pathlib import Path
from typing import Any

import jsonschema

from linter.errors import InputError, load_yaml
from linter.manuscript.document import Document
from linter.paths import schema_path

SIDECARS = ("methods.yaml", "methods.yml")
_TYPE_WORDS = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping", "null": "null"}


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(schema_path("methods.schema.json").read_text(encoding="utf-8"))


def parse_yaml(path: str, text: str) -> dict[str, Any]:
    data = load_yaml(path, text)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "methods metadata must be a YAML mapping (key: value pairs) at the top level")
    return _dates_as_text(data)


def _dates_as_text(value: Any) -> Any:
    """YAML turns an unquoted 2019-01-01 into a date; the schema wants ISO text, so give it that."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value


def load_file(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such metadata file")
    raw = p.read_bytes()
    if b"\x00" in raw[:8192]:
        raise InputError(str(path), "looks like a binary file, not YAML metadata")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(str(path), "is not UTF-8 text") from None
    data = parse_yaml(str(path), text)
    validate(str(path), data)
    return data


def validate(path: str, data: dict[str, Any]) -> None:
    errors = errors_of(data)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(path, f"{errors[0]}{more}")


def errors_of(data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema())
    errs = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    return [describe(e) for e in errs]


def describe(err: jsonschema.ValidationError) -> str:
    where = ""
    for part in err.absolute_path:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    where = where or "(top level)"
    if err.validator == "type":
        expected = err.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        got = type(err.instance).__name__
        got = {"str": "string", "int": "integer", "float": "number", "bool": "boolean", "list": "list",
               "dict": "mapping", "NoneType": "null"}.get(got, got)
        return f"{where}: expected {' or '.join(_TYPE_WORDS.get(n, n) for n in names)}, got {got} {err.instance!r}"[:300]
    if err.validator == "additionalProperties":
        return f"{where}: {err.message}"
    return f"{where}: {err.message}"[:300]


def find_metadata(doc: Document | None, manuscript_path: str | None, explicit: str | None) -> tuple[dict[str, Any], str | None]:
    """The metadata and where it came from (explicit file > front matter block > sidecar)."""
    if explicit:
        return load_file(explicit), explicit
    if doc is not None and isinstance(doc.front_matter, dict) and "guidelint" in doc.front_matter:
        block = doc.front_matter["guidelint"]
        if block is None:
            block = {}
        if not isinstance(block, dict):
            raise InputError(doc.path, "front matter 'guidelint:' must be a mapping of methods metadata")
        block = _dates_as_text(block)
        validate(f"{doc.path} (front matter guidelint:)", block)
        return block, doc.path
    if manuscript_path:
        folder = Path(manuscript_path).parent
        for name in SIDECARS:
            candidate = folder / name
            if candidate.is_file():
                return load_file(candidate), str(candidate)
    return {}, None

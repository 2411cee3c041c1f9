"""Methods-metadata checks: a field is present (and complete) in methods.yaml / front matter."""

from __future__ import annotations

from typing import Any

from linter.checks import Context, Result, check
from linter.model import Evidence, Location, Status

_STR_LIST = {"type": "array", "items": {"type": "string"}}


@check("meta.field", {
    "properties": {"field": {"type": "string"}, "fields": _STR_LIST, "complete": _STR_LIST,
                   "weak_if": {"type": "object", "additionalProperties": _STR_LIST}},
    "anyOf": [{"required": ["field"]}, {"required": ["fields"]}],
})
def field_present(ctx: Context, params: dict[str, Any]) -> Result | None:
    """A metadata field (dotted path) has a non-empty value; with ``complete``, those sub-fields too.

    ``weak_if`` maps a sub-field to values that make the answer only partial, e.g.
    ``{status: [on-request]}``: data "available on request" is reported, but weakly.
    """
    if not ctx.metadata:
        return None
    paths = [params["field"]] if params.get("field") else list(params["fields"])
    for path in paths:
        value = lookup(ctx.metadata, path)
        if is_empty(value):
            continue
        where = Evidence(Location(ctx.metadata_path or "methods.yaml"), f"{path}: {short(value)}", "meta.field")
        missing = [sub for sub in params.get("complete", []) if is_empty(lookup(value, sub))]
        if missing:
            return Result(Status.PARTIAL, [where], f"metadata {path} lacks {', '.join(missing)}")
        for sub, weak_values in (params.get("weak_if") or {}).items():
            got = lookup(value, sub)
            if isinstance(got, str) and got in weak_values:
                return Result(Status.PARTIAL, [where], f"metadata {path}.{sub} is {got!r}: a weak form")
        return Result(Status.REPORTED, [where])
    return Result(Status.MISSING)


def lookup(data: Any, path: str) -> Any:
    """Follow a dotted path; a list step applies to every element (all must have it)."""
    cur = data
    for part in path.split("."):
        if isinstance(cur, list):
            vals = [lookup(x, part) for x in cur]
            return vals if vals and all(not is_empty(v) for v in vals) else None
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def short(value: Any, limit: int = 120) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

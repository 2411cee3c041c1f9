"""Repository checks: code-rule findings are absent, or a repository fact exists."""

from __future__ import annotations

from typing import Any

from linter.checks import Context, Result, check
from linter.model import Evidence, Location, Status

_FACTS = ["licence", "lock_files", "manifests", "hyperparameters", "seeds", "readme.has_run_commands",
          "readme.has_data_section"]


@check("repo.clear", {"required": ["rules"], "properties": {"rules": {"type": "array", "items": {"type": "string"}, "minItems": 1}}})
def clear(ctx: Context, params: dict[str, Any]) -> Result | None:
    """With a repository: reported when none of the listed code rules fired (unsuppressed).

    When some fired, the item is partial: the code findings themselves carry the severity.
    """
    if ctx.repo is None:
        return None
    rules = set(params["rules"])
    hits = [f for f in ctx.repo_findings if f.rule in rules]
    if not hits:
        return Result(Status.REPORTED, [Evidence(Location(ctx.repo.root), f"no {', '.join(sorted(rules))} findings", "repo.clear")])
    evidence = [Evidence(f.location, f"{f.rule}: {f.message}", "repo.clear", "partial") for f in hits[:3]]
    return Result(Status.PARTIAL, evidence, f"{len(hits)} finding(s) of {', '.join(sorted({f.rule for f in hits}))} in the code")


@check("repo.fact", {"required": ["fact"], "properties": {"fact": {"enum": _FACTS}}})
def fact(ctx: Context, params: dict[str, Any]) -> Result | None:
    """With a repository: reported when the named fact was found (a licence, a lock file ...)."""
    if ctx.repo is None:
        return None
    name = params["fact"]
    if name.startswith("readme."):
        value = ctx.repo.readme.get(name.split(".", 1)[1])
        path = ctx.repo.readme_path
    else:
        value = getattr(ctx.repo, name)
        path = {"licence": ctx.repo.licence_path}.get(name)
        if isinstance(value, list) and value and path is None:
            first = value[0]
            path = first if isinstance(first, str) else getattr(first, "path", None)
    if not value:
        return Result(Status.MISSING)
    return Result(Status.REPORTED, [Evidence(Location(path or ctx.repo.root), f"{name}: {str(value)[:100]}", "repo.fact")])

"""Facts the R analysis records for other checks: loaded packages, document parameters, seeds, R
model calls with their literal arguments, hyperparameters and R Markdown chunk options."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from linter.repo.facts import CallFact, HyperParam
from linter.repo.r_events import Call, arg_literal, arg_source
from linter.repo.r_syntax import IDENT, STRING, CodeUnit, significant
from linter.repo.r_walk import arg, named

if TYPE_CHECKING:  # pragma: no cover
    from linter.repo.r_lang import Program

_LOADERS = {"library", "require", "requireNamespace", "p_load", "use", "loadNamespace"}
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def loaded_packages(prog: Program) -> set[str]:
    """Packages the repository loads anywhere: library()/require() calls, pkg:: prefixes, package
    names in strings (``pkgs <- c("caret", ...)``) and the CRAN dependencies already found."""
    known = {p for s in prog.kn.consumers.values() for p in s.get("packages", ())}
    loaded = {d.name for d in prog.facts.dependencies if d.ecosystem == "cran"}
    for path, unit in prog.units.items():
        loaded.update(t.text for t in unit.tokens if t.kind == STRING and t.text in known)
        for c in prog.static_calls(prog.events[path]):
            if c.pkg:
                loaded.add(c.pkg)
            if c.name in _LOADERS:
                for a in c.args:
                    first = significant(unit.tokens, a.lo, a.hi)
                    if a.name in (None, "package") and len(first) == 1 and first[0].kind in (IDENT, STRING):
                        loaded.add(first[0].text)
    return loaded


def front_matter_params(text: str) -> dict[str, Any]:
    """``params$name`` values from a document's YAML front matter (for ``set.seed(params$seed)``)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}
    params = meta.get("params") if isinstance(meta, dict) else None
    if not isinstance(params, dict):
        return {}
    return {f"params${k}": (v.get("value") if isinstance(v, dict) else v) for k, v in params.items()}


def record_static_facts(prog: Program) -> None:
    for path in sorted(prog.units):
        unit = prog.units[path]
        for c in prog.static_calls(prog.events[path]):
            if c.bare:
                continue
            _static_seed(prog, unit, path, c)
            if c.name in prog.kn.model_calls:
                _call_fact(prog, unit, path, c)
        for ch in unit.chunks:
            prog.facts.extra.setdefault("r_chunks", []).append(
                {"path": path, "line": ch.fence_line, "engine": ch.engine, "label": ch.label,
                 "options": ch.options, "evaluated": ch.evaluated})
    prog.facts.seeds.extend(prog.seeds[k] for k in sorted(prog.seeds))


def _static_seed(prog: Program, unit: CodeUnit, path: str, c: Call) -> None:
    """Seeds in code no walk reached (functions never called) are facts too."""
    if c.name in prog.kn.seeds and prog.pkg_ok(c, prog.kn.seeds[c.name]):
        a = arg(c, 1, "seed")
    elif c.name in prog.kn.seed_options:
        a = named(c, prog.kn.seed_options[c.name])
    else:
        if c.name in prog.kn.consumers:
            prog.consumer_spec(c, path)  # records ranger(seed=) and the like
        return
    if a is None:
        return
    ok, value = arg_literal(unit, a)
    value = int(value) if isinstance(value, float) and value.is_integer() else value
    prog.note_seed(path, c, value if ok else arg_source(unit, a), arg_source(unit, a))


def _call_fact(prog: Program, unit: CodeUnit, path: str, c: Call) -> None:
    def val(a):
        ok, v = arg_literal(unit, a)
        return v if ok else f"<expr:{arg_source(unit, a)}>"

    positional = tuple(val(a) for a in c.args if a.name is None)
    kwargs = {a.name: val(a) for a in c.args if a.name is not None}
    star = any(arg_source(unit, a) == "..." for a in c.args)
    qual = f"r::{c.name}"
    prog.facts.calls.append(CallFact(qual, path, c.line, c.col, positional, kwargs, star))
    for name, value in kwargs.items():
        if name in prog.kn.not_hyperparameters or (isinstance(value, str) and value.startswith("<expr:")):
            continue
        prog.facts.hyperparameters.append(HyperParam(name, value, path, c.line, "r", qual))

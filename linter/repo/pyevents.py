"""What a library call (or an assignment to a library attribute) means for randomness.

Called by the visitor in :mod:`linter.repo.python_ast` for every call whose callee resolves to
a known library; turns the knowledge entries of :mod:`linter.repo.rngkb` into
:class:`~linter.repo.pymodel.Event` records on the enclosing scope.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from linter.repo.facts import CallFact
from linter.repo.pyexpr import UNKNOWN, argument, dotted, is_none, keyword, literal
from linter.repo.pymodel import Event, Scope, SeedOption
from linter.repo.rngkb import Consumer, Determinism, GeneratorSpec, Seeder, SeedParam

if TYPE_CHECKING:
    from linter.repo.python_ast import _Visitor

_Constant = ast.Constant
DATALOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})


_PLANS: dict[tuple[int, str], tuple[bool, tuple, str]] = {}


def _plan(v: _Visitor, qual: str) -> tuple[bool, tuple, str]:
    """(record a CallFact?, knowledge entries, special handling) for a qualified name; cached."""
    key = (id(v.kb), qual)
    plan = _PLANS.get(key)
    if plan is None:
        root = qual.partition(".")[0]
        last = qual.rpartition(".")[2]
        classified = v.kb.classify(qual)
        special = ""
        if qual in DATALOADERS:
            special = "dataloader"
        elif root == "argparse" and last == "add_argument":
            special = "argparse"
        elif qual in ("os.environ.setdefault", "os.putenv"):
            special = "setenv"
        elif qual == "os.environ.update":
            special = "updateenv"
        elif last == "set_params":
            special = "set_params"
        elif last == "manual_seed" and not any(k == "seeder" for k, _ in classified):
            special = "local_seed"  # torch.Generator().manual_seed(s): a generator of its own, seeded
        record = root in v.record_roots or qual.startswith(("os.environ.", "os.putenv"))
        plan = _PLANS[key] = (record, classified, special)
    return plan


def library_call(v: _Visitor, qual: str, n: ast.Call, scope: Scope) -> ast.expr | None:
    """Record the CallFact and the randomness events of one library call. Returns the
    argument expression the caller should not descend into (a seed already judged
    nondeterministic, so what it draws from is not reported twice)."""
    v.info.lib_calls.add(qual)
    record, classified, special = _plan(v, qual)
    if record:
        _record(v, qual, n)
    skip = None
    for kind, spec in classified:
        if kind == "seeder":
            skip = _seeder(v, qual, spec, n, scope) or skip
        elif kind == "generator":
            skip = _generator(v, qual, spec, n, scope) or skip
        elif kind == "consumer":
            _consumer(v, qual, spec, n, scope)
        elif kind == "seedparam":
            skip = seedparam(v, qual, spec, n, scope) or skip
        elif kind == "determinism":
            _determinism(qual, spec, n, scope)
    if special:
        _special(v, special, qual, n, scope)
    return skip


def _special(v: _Visitor, special: str, qual: str, n: ast.Call, scope: Scope) -> None:
    if special == "dataloader":
        _dataloader(v, qual, n, scope)
    elif special == "argparse":
        _argparse_option(v, n)
    elif special == "setenv" and n.args:
        environment_write(v, literal(n.args[0]), n.args[1] if len(n.args) > 1 else None, n, scope)
    elif special == "updateenv" and n.args and type(n.args[0]) is ast.Dict:
        for k, val in zip(n.args[0].keys, n.args[0].values):
            if k is not None:
                environment_write(v, literal(k), val, k, scope)
    elif special == "set_params":
        v._set_params(n, scope)
    elif special == "local_seed":
        arg = n.args[0] if n.args else keyword(n, "seed")
        value = literal(arg) if isinstance(arg, ast.expr) else None
        scope.events.append(Event("local_seed", qual, n.lineno, n.col_offset + 1, family=qual.partition(".")[0],
                                  value=None if value is UNKNOWN else value,
                                  detail=v.src.segment(arg) if isinstance(arg, ast.expr) else ""))


def _record(v: _Visitor, qual: str, n: ast.Call) -> None:
    value = v.src.value
    args = tuple([a.value if type(a) is _Constant else ("<expr:*>" if type(a) is ast.Starred else value(a))
                  for a in n.args])
    kwargs = {}
    star = False
    for k in n.keywords:
        if k.arg is None:
            star = True
        else:
            x = k.value
            kwargs[k.arg] = x.value if type(x) is _Constant else value(x)
    v.callfacts.append(CallFact(qual, v.info.path, n.lineno, n.col_offset + 1, args, kwargs, star))


def _seed_status(v: _Visitor, arg: Any, scope: Scope, unseeded: str, missing: str) -> tuple[str, str, Any, str]:
    """(status, detail, literal value, parameter) for a seed argument."""
    if arg is None:
        return missing, "", None, ""
    if arg is UNKNOWN:
        return "ok", "", None, ""
    if is_none(arg):
        return unseeded, "None", None, ""
    text = v.src.segment(arg)
    source = nondeterministic(v, arg, scope)
    if source:
        return "nondet", source, None, ""
    if type(arg) is ast.Name and arg.id in scope.params and arg.id not in scope.assigns:
        return "param", text, None, arg.id
    value = literal(arg)
    if value is UNKNOWN and type(arg) is ast.Name:
        src = scope.assigns.get(arg.id) or v.mod.assigns.get(arg.id)
        value = literal(src) if src is not None else UNKNOWN
    return "ok", text, (None if value is UNKNOWN else value), ""


def _seeder(v: _Visitor, qual: str, spec: Seeder, n: ast.Call, scope: Scope) -> ast.expr | None:
    arg = argument(n, spec.seed) if spec.seed else None
    if spec.always_unseeded:
        status, detail, value, param = "entropy", "", None, ""
    elif spec.seed is None:
        status, detail, value, param = "ok", "", None, ""
    else:
        missing = "ok" if spec.no_argument == "fixed" else spec.no_argument
        unseeded = "ok" if spec.unseeded == "fixed" else spec.unseeded
        status, detail, value, param = _seed_status(v, arg, scope, unseeded, missing)
    scope.events.append(Event("seeder", qual, n.lineno, n.col_offset + 1, family=",".join(spec.families),
                              status=status, detail=detail, value=value, param=param, spec=spec))
    return arg if status == "nondet" and isinstance(arg, ast.expr) else None


def _generator(v: _Visitor, qual: str, spec: GeneratorSpec, n: ast.Call, scope: Scope) -> ast.expr | None:
    arg = argument(n, spec.seed)
    if spec.seed_required and arg is None:
        return None
    status, detail, value, param = _seed_status(v, arg, scope, "missing", "missing")
    scope.events.append(Event("generator", qual, n.lineno, n.col_offset + 1, family=qual.partition(".")[0],
                              status=status, detail=detail, value=value, param=param, spec=spec))
    return arg if status == "nondet" and isinstance(arg, ast.expr) else None


def _consumer(v: _Visitor, qual: str, spec: Consumer, n: ast.Call, scope: Scope) -> None:
    for name in spec.unless:
        given = keyword(n, name)
        if given is UNKNOWN or (given is not None and not is_none(given)):
            return
    if spec.when and not v.random_when(spec.when, n, scope):
        return
    scope.events.append(Event("consumer", qual, n.lineno, n.col_offset + 1, family=spec.family,
                              detail=spec.what, spec=spec))


def seedparam(v: _Visitor, qual: str, spec: SeedParam, n: ast.Call, scope: Scope) -> ast.expr | None:
    if spec.when and not v.random_when(spec.when, n, scope):
        return None
    for p in spec.params:
        given = keyword(n, p)
        if given is UNKNOWN:
            return None
        if given is None or is_none(given):
            continue
        source = nondeterministic(v, given, scope)  # type: ignore[arg-type]
        value = literal(given)  # type: ignore[arg-type]
        if value is UNKNOWN and type(given) is ast.Name:
            src = scope.assigns.get(given.id) or v.mod.assigns.get(given.id)
            value = literal(src) if src is not None else UNKNOWN
        scope.events.append(Event("seedparam", qual, n.lineno, n.col_offset + 1, status="nondet" if source else "ok",
                                  detail=source or v.src.segment(given), value=None if value is UNKNOWN else value,
                                  param=p, spec=spec))
        return given if source else None  # type: ignore[return-value]
    passed_none = any(k.arg in spec.params and is_none(k.value) for k in n.keywords)
    scope.events.append(Event("seedparam", qual, n.lineno, n.col_offset + 1, status="missing",
                              detail="None" if passed_none else "", spec=spec))
    return None


def _determinism(qual: str, spec: Determinism, n: ast.Call, scope: Scope) -> None:
    if spec.arg is not None:
        given = argument(n, spec.arg)
    elif spec.keyword_only:
        given = keyword(n, spec.keyword_only)
    else:
        given = UNKNOWN
    if spec.values and given is None:
        return
    if spec.values and isinstance(given, ast.expr):
        value = literal(given)
        if value is not UNKNOWN and value not in spec.values:
            return
    scope.events.append(Event("determinism", qual, n.lineno, n.col_offset + 1, detail=qual))


def attribute_assignment(v: _Visitor, target: str, node: ast.Attribute, value: ast.expr, scope: Scope) -> None:
    """``torch.backends.cudnn.deterministic = True`` and friends."""
    values = v.kb.determinism_assignments.get(target)
    if values is None:
        return
    lit = literal(value)
    if lit is UNKNOWN or lit in values:
        scope.events.append(Event("determinism", target, node.lineno, node.col_offset + 1,
                                  detail=f"{target} = {lit!r}"))


def environment_write(v: _Visitor, key: Any, value: ast.expr | None, node: ast.AST, scope: Scope) -> None:
    if not isinstance(key, str):
        return
    line, col = node.lineno, node.col_offset + 1  # type: ignore[attr-defined]
    shown = v.src.value(value) if value is not None else None
    v.callfacts.append(CallFact("os.environ.__setitem__", v.info.path, line, col, (key, shown)))
    if key in v.kb.environment:
        scope.events.append(Event("determinism", f"os.environ[{key!r}]", line, col, detail=f"{key}={shown}"))
    elif key == "PYTHONHASHSEED":
        scope.events.append(Event("hashseed", "os.environ['PYTHONHASHSEED']", line, col, family="hashseed",
                                  value=shown, detail=str(shown)))


def _dataloader(v: _Visitor, qual: str, n: ast.Call, scope: Scope) -> None:
    """Remember what RND108 needs: workers, worker_init_fn, and the dataset's class."""
    workers = keyword(n, "num_workers")
    if workers is None or workers is UNKNOWN:
        return
    count = literal(workers)  # type: ignore[arg-type]
    if count is not UNKNOWN and (not isinstance(count, int) or count <= 0):
        return
    if keyword(n, "worker_init_fn") is not None:
        return
    dataset = n.args[0] if n.args else keyword(n, "dataset")
    if type(dataset) is ast.Name:
        dataset = scope.assigns.get(dataset.id) or v.mod.assigns.get(dataset.id)
    if type(dataset) is not ast.Call:
        return
    d = dotted(dataset.func)
    if not d:
        return
    target, kind = v.resolve(d, scope)
    if kind not in ("local", "repo"):
        return
    scope.events.append(Event("dataloader", qual, n.lineno, n.col_offset + 1, detail=target or "",
                              value=None if count is UNKNOWN else count, param=kind))


def nondeterministic(v: _Visitor, expr: ast.expr, scope: Scope, depth: int = 0) -> str:
    """Describe a run-to-run varying source in ``expr`` ("time.time()"), ``"family:numpy"``
    when it draws from a global generator, or "" when none is found."""
    if depth > 3 or expr is None:
        return ""
    t = type(expr)
    if t is _Constant or (t is ast.Attribute and dotted(expr) is not None):
        return ""
    if t is ast.Name:
        src = scope.assigns.get(expr.id)
        if src is None and scope is not v.mod:
            src = v.mod.assigns.get(expr.id)
        return nondeterministic(v, src, scope, depth + 1) if src is not None and src is not expr else ""
    for node in ast.walk(expr):
        t = type(node)
        if t is ast.Call:
            d = dotted(node.func)
            if not d:
                continue
            q, kind = v.resolve(d, scope)
            if kind != "lib" or not q:
                continue
            for k, spec in v.kb.classify(q):
                if k == "nondet":
                    return f"{q}()"
                if k == "consumer" and spec.family in ("python", "numpy"):
                    return f"family:{spec.family}:{q}()"
        elif t is ast.Name and type(node.ctx) is ast.Load:
            src = scope.assigns.get(node.id)
            if src is None and scope is not v.mod:
                src = v.mod.assigns.get(node.id)
            if src is not None and src is not expr:
                found = nondeterministic(v, src, scope, depth + 1)
                if found:
                    return found
    return ""


def _argparse_option(v: _Visitor, n: ast.Call) -> None:
    strings = [a.value for a in n.args if type(a) is ast.Constant and isinstance(a.value, str)]
    if not strings:
        return
    names = {s.lstrip("-").replace("-", "_").lower() for s in strings}
    if not names & v.kb.option_names:
        return
    dest_node = keyword(n, "dest")
    longs = [s for s in strings if s.startswith("--")] or strings
    dest = longs[0].lstrip("-").replace("-", "_")
    if type(dest_node) is ast.Constant and isinstance(dest_node.value, str):
        dest = dest_node.value
    v.info.options.append(SeedOption("argparse", longs[0], dest, n.lineno, n.col_offset + 1))


def click_options(v: _Visitor, node: ast.FunctionDef | ast.AsyncFunctionDef, key: str) -> None:
    for dec in node.decorator_list:
        if type(dec) is not ast.Call:
            continue
        d = dotted(dec.func)
        if not d or v.resolve(d, v.mod)[0] not in ("click.option", "click.argument"):
            continue
        strings = [a.value for a in dec.args if type(a) is ast.Constant and isinstance(a.value, str)]
        plain = [s for s in strings if not s.startswith("-")]
        longs = [s for s in strings if s.startswith("--")] or strings
        if not longs:
            continue
        dest = plain[0] if plain else longs[0].lstrip("-").replace("-", "_")
        if dest.lower() in v.kb.option_names:
            v.info.options.append(SeedOption("click", longs[0], dest, dec.lineno, dec.col_offset + 1, scope=key))


def typer_options(v: _Visitor, node: ast.FunctionDef | ast.AsyncFunctionDef, key: str, decorators: list[str]) -> None:
    a = node.args
    positional = [*a.posonlyargs, *a.args]
    defaults = dict(zip([p.arg for p in positional[len(positional) - len(a.defaults):]], a.defaults))
    defaults.update({p.arg: d for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None})
    command = any(d.startswith("typer.") for d in decorators)
    for p in (*positional, *a.kwonlyargs):
        if p.arg.lower() not in v.kb.option_names:
            continue
        default = defaults.get(p.arg)
        is_option = False
        if type(default) is ast.Call:
            d = dotted(default.func)
            is_option = bool(d) and (v.resolve(d, v.mod)[0] or "").startswith("typer.")
        if is_option or command:
            v.info.options.append(SeedOption("typer", "--" + p.arg.replace("_", "-"), p.arg, p.lineno,
                                             p.col_offset + 1, scope=key))

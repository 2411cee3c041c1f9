"""The repository's modules, their imports of each other, and calls between their functions.

Import names are matched to repository files the way Python would find them when a script is
run from its folder or the repository root, or when the package lives under ``src/``: a
module next to the importer first, then the exact dotted name from the root, then any module
whose dotted name ends with the imported name (nearest to the importer wins). Re-exports
through ``__init__`` imports and ``from x import *`` are followed.

Call edges: ``f()``, ``mod.f()``, ``Class()`` (its ``__init__``), ``self.m()`` (the class or a
repository base class), and — over-approximating — ``obj.m()`` with an unknown receiver reaches
every method named ``m`` in the modules the entry point imports. References to functions
(callbacks passed to ``fire.Fire``, ``worker_init_fn=`` …) count as calls.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from linter.repo.pymodel import MODULE, ModuleInfo, Scope

Node = tuple[str, str]  # (module path, scope key)


class RepoGraph:
    def __init__(self, modules: Iterable[ModuleInfo]):
        self.modules: dict[str, ModuleInfo] = {}
        self.by_name: dict[str, ModuleInfo] = {}
        self.suffix: dict[str, list[ModuleInfo]] = {}
        for m in sorted(modules, key=lambda m: (m.is_notebook, m.path)):
            self.modules[m.path] = m
            if m.is_notebook:
                continue
            self.by_name.setdefault(m.name, m)
            parts = m.name.split(".")
            for i in range(1, len(parts)):
                self.suffix.setdefault(".".join(parts[i:]), []).append(m)
        self.methods: dict[str, list[Node]] = {}
        for m in self.modules.values():
            for key, scope in m.scopes.items():
                if scope.class_name and "." in key:
                    self.methods.setdefault(key.rpartition(".")[2], []).append((m.path, key))
        self._lookup_cache: dict[tuple[str, str], ModuleInfo | None] = {}
        self._resolve_cache: dict[tuple[str, str], tuple[ModuleInfo, str] | None] = {}
        self._edge_cache: dict[Node, list[Node]] = {}
        self._closure_cache: dict[str, frozenset[str]] = {}
        self._by_name: dict[str, list[tuple[Node, object]]] | None = None
        self._by_method: dict[str, list[Node]] | None = None
        self._target_cache: dict[int, list[Node]] = {}
        self.deps: dict[str, set[str]] = {path: self._deps(m) for path, m in self.modules.items()}
        self.imported: set[str] = {d for deps in self.deps.values() for d in deps}

    # ---------------------------------------------------------------- modules
    def lookup(self, name: str, importer: ModuleInfo) -> ModuleInfo | None:
        folder = importer.path.rpartition("/")[0].replace("/", ".")
        key = (name, folder)
        if key in self._lookup_cache:
            return self._lookup_cache[key]
        found = None
        if folder and f"{folder}.{name}" in self.by_name:
            found = self.by_name[f"{folder}.{name}"]
        elif name in self.by_name:
            found = self.by_name[name]
        else:
            candidates = self.suffix.get(name)
            if candidates:
                found = min(candidates, key=lambda m: (-_shared(m.path, importer.path), len(m.path), m.path))
        self._lookup_cache[key] = found
        return found

    def resolve(self, target: str, importer: ModuleInfo) -> tuple[ModuleInfo, str] | None:
        """The repository module a dotted name lives in, and the rest of the name."""
        key = (target, importer.path.rpartition("/")[0])
        if key in self._resolve_cache:
            return self._resolve_cache[key]
        found = None
        parts = target.split(".")
        for i in range(len(parts), 0, -1):
            m = self.lookup(".".join(parts[:i]), importer)
            if m is not None:
                found = (m, ".".join(parts[i:]))
                break
        self._resolve_cache[key] = found
        return found

    def _deps(self, m: ModuleInfo) -> set[str]:
        out: set[str] = set()
        for target in [t for t, _, _ in m.imports] + m.star_imports:
            hit = self.resolve(target, m)
            if hit is None or hit[0] is m:
                continue
            out.add(hit[0].path)
            # importing pkg.sub.mod runs pkg/__init__.py and pkg/sub/__init__.py first
            parts = hit[0].name.split(".")
            for i in range(1, len(parts)):
                parent = self.by_name.get(".".join(parts[:i]))
                if parent is not None and parent.is_package and parent is not m:
                    out.add(parent.path)
        return out

    def closure(self, path: str) -> frozenset[str]:
        """The module and every repository module it imports, transitively."""
        hit = self._closure_cache.get(path)
        if hit is None:
            seen = {path}
            todo = [path]
            while todo:
                for d in self.deps.get(todo.pop(), ()):
                    if d not in seen:
                        seen.add(d)
                        todo.append(d)
            hit = self._closure_cache[path] = frozenset(seen)
        return hit

    # ---------------------------------------------------------------- functions
    def functions(self, m: ModuleInfo, name: str, depth: int = 0) -> list[Node]:
        """Scopes that a call of ``name`` (relative to module ``m``) runs."""
        if not name or depth > 6:
            return []
        if name in m.scopes:
            return [(m.path, name)]
        if name in m.classes:
            return [(m.path, k) for k in (f"{name}.__init__", f"{name}.__post_init__", f"{name}.__call__")
                    if k in m.scopes]
        first, _, rest = name.partition(".")
        target = m.aliases.get(first)
        if target is not None:
            hit = self.resolve(f"{target}.{rest}" if rest else target, m)
            if hit is not None and not (hit[0] is m and hit[1] == name):
                return self.functions(hit[0], hit[1], depth + 1)
        for star in m.star_imports:
            hit = self.resolve(star, m)
            if hit is not None and hit[0] is not m:
                found = self.functions(hit[0], name, depth + 1)
                if found:
                    return found
        return []

    def edges(self, node: Node) -> list[Node]:
        """The scopes a scope calls by name (exact edges; method-name guesses are separate)."""
        hit = self._edge_cache.get(node)
        if hit is not None:
            return hit
        m = self.modules[node[0]]
        scope = m.scopes[node[1]]
        out: list[Node] = []
        for c in scope.calls:
            if c.kind == "local" or c.kind == "star":
                out.extend(self.functions(m, c.target))
            elif c.kind == "repo":
                res = self.resolve(c.target, m)
                if res is not None:
                    out.extend(self.functions(res[0], res[1]))
            elif c.kind == "self":
                out.extend(self._self_method(m, scope, c.target))
            elif c.kind == "super":
                out.extend(self._base_method(m, scope.class_name, c.target))
        self._edge_cache[node] = out
        return out

    def _self_method(self, m: ModuleInfo, scope: Scope, name: str, depth: int = 0) -> list[Node]:
        cls = scope.class_name
        return self._class_method(m, cls, name, depth) or list(self.methods.get(name, ())) if cls else []

    def _base_method(self, m: ModuleInfo, cls: str, name: str) -> list[Node]:
        info = m.classes.get(cls)
        for base in info.bases if info else ():
            target = self.class_of(m, base)
            if target is not None:
                found = self._class_method(target[0], target[1], name, 1)
                if found:
                    return found
        return []

    def _class_method(self, m: ModuleInfo, cls: str, name: str, depth: int) -> list[Node]:
        key = f"{cls}.{name}"
        if key in m.scopes:
            return [(m.path, key)]
        info = m.classes.get(cls)
        if info is None or depth > 5:
            return []
        for base in info.bases:
            target = self.class_of(m, base)
            if target is not None:
                found = self._class_method(target[0], target[1], name, depth + 1)
                if found:
                    return found
        return []

    def class_of(self, m: ModuleInfo, dotted: str) -> tuple[ModuleInfo, str] | None:
        """The repository class a (resolved) dotted name refers to, seen from module ``m``."""
        if dotted in m.classes:
            return m, dotted
        res = self.resolve(dotted, m)
        if res is None:
            return None
        target, rest = res
        if rest in target.classes:
            return target, rest
        alias = target.aliases.get(rest)
        if alias and alias != dotted:
            return self.class_of(target, alias) if rest else None
        return None

    def reach(self, roots: Iterable[Node], closure: frozenset[str]) -> set[Node]:
        """Every scope reachable from ``roots`` through calls; method-name guesses (``obj.m()``)
        only reach methods in the modules of ``closure``."""
        seen: set[Node] = set()
        todo = deque(r for r in roots if r[1] in self.modules[r[0]].scopes)
        while todo:
            node = todo.popleft()
            if node in seen:
                continue
            seen.add(node)
            for target in self.edges(node):
                if target not in seen:
                    todo.append(target)
            for name in self.modules[node[0]].scopes[node[1]].method_names:
                for target in self.methods.get(name, ()):
                    if target not in seen and target[0] in closure:
                        todo.append(target)
        return seen

    def ancestors(self, target: Node) -> set[Node]:
        """Every scope from which ``target`` can be reached through calls (method-name guesses
        count anywhere: this serves the lenient judgement). Callers are found by name first,
        then confirmed by resolving just those calls."""
        if self._by_name is None:
            self._index_calls()
        seen = {target}
        todo = [target]
        while todo:
            node = todo.pop()
            for caller in self._callers(node):
                if caller not in seen:
                    seen.add(caller)
                    todo.append(caller)
        return seen

    def _index_calls(self) -> None:
        by_name: dict[str, list[tuple[Node, object]]] = {}
        by_method: dict[str, list[Node]] = {}
        for path, m in self.modules.items():
            for key, scope in m.scopes.items():
                node = (path, key)
                for c in scope.calls:
                    by_name.setdefault(c.target.rpartition(".")[2], []).append((node, c))
                for name in scope.method_names:
                    by_method.setdefault(name, []).append(node)
        self._by_name, self._by_method = by_name, by_method

    def _callers(self, node: Node) -> list[Node]:
        m = self.modules[node[0]]
        scope = m.scopes[node[1]]
        name = node[1].rpartition(".")[2]
        names = [name]
        if scope.class_name and name in ("__init__", "__post_init__", "__call__"):
            names.append(scope.class_name.rpartition(".")[2])
        out: list[Node] = []
        for n in names:
            for caller, c in self._by_name.get(n, ()):  # type: ignore[union-attr]
                if node in self._call_targets(caller, c):
                    out.append(caller)
        if scope.class_name:
            out.extend(self._by_method.get(name, ()))  # type: ignore[union-attr]
        return out

    def _call_targets(self, caller: Node, c) -> list[Node]:
        hit = self._target_cache.get(id(c))
        if hit is None:
            hit = self._target_cache[id(c)] = self._resolve_call(caller, c)
        return hit

    def _resolve_call(self, caller: Node, c) -> list[Node]:
        m = self.modules[caller[0]]
        scope = m.scopes[caller[1]]
        if c.kind in ("local", "star"):
            return self.functions(m, c.target)
        if c.kind == "repo":
            res = self.resolve(c.target, m)
            return self.functions(res[0], res[1]) if res else []
        if c.kind == "self":
            return self._self_method(m, scope, c.target)
        if c.kind == "super":
            return self._base_method(m, scope.class_name, c.target)
        return []

    def module_scopes(self, paths: Iterable[str]) -> list[Node]:
        return [(p, MODULE) for p in paths]


def _shared(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.split("/")[:-1], b.split("/")[:-1]):
        if x != y:
            break
        n += 1
    return n

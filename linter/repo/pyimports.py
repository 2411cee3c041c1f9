"""Import statements: the alias table of a module and the modules it imports."""

from __future__ import annotations

import ast

from linter.repo.pymodel import ModuleInfo


class ImportsMixin:
    """Part of the visitor in :mod:`linter.repo.python_ast` (expects ``info``, ``lib_roots``,
    ``ref_roots``)."""

    info: ModuleInfo
    lib_roots: frozenset[str]
    ref_roots: set[str]

    def import_(self, node: ast.Import) -> None:
        for a in node.names:
            if a.asname:
                self._alias(a.asname, a.name)
            else:
                root = a.name.partition(".")[0]
                self._alias(root, root)
            self._note_import(a.name, node)

    def import_from(self, node: ast.ImportFrom) -> None:
        base = self._absolute(node.module, node.level)
        if base is None:
            return
        for a in node.names:
            if a.name == "*":
                self.info.star_imports.append(base)
                self._note_import(base, node)
                continue
            full = f"{base}.{a.name}" if base else a.name
            self._alias(a.asname or a.name, full)
            self._note_import(full, node)

    def _alias(self, name: str, target: str) -> None:
        self.info.aliases[name] = target
        if target.partition(".")[0] not in self.lib_roots:
            self.ref_roots.add(name)
        else:
            self.ref_roots.discard(name)

    def _note_import(self, target: str, node: ast.stmt) -> None:
        root = target.partition(".")[0]
        if root in self.lib_roots:
            self.info.lib_imports.setdefault(root, (node.lineno, node.col_offset + 1))
        else:
            self.info.imports.append((target, node.lineno, node.col_offset + 1))

    def _absolute(self, module: str | None, level: int) -> str | None:
        if not level:
            return module
        package = self.info.name if self.info.is_package else self.info.name.rpartition(".")[0]
        parts = package.split(".") if package else []
        if level - 1 > len(parts):
            return None
        base = parts[: len(parts) - (level - 1)]
        if module:
            base.append(module)
        return ".".join(base)

"""Which paths of a repository the scanner leaves out, and why.

Three sources, checked in this order: built-in excludes (version-control metadata, caches,
virtual environments, dependency folders, build output), the repository's own ``.gitignore``
files (git's wildmatch rules via ``pathspec``; a deeper ``.gitignore`` wins over a shallower
one, and a negated pattern re-includes), and extra exclude globs from configuration (same
syntax as a ``.gitignore`` line, e.g. ``data/``, ``*.csv``, ``notebooks/scratch/**``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pathspec

# Folders never worth reading. Those in SILENT are not even mentioned in the skipped list:
# every repository has them and listing them is noise.
SILENT_DIRS = frozenset(
    {".git", ".hg", ".svn", "__pycache__", ".ipynb_checkpoints", ".mypy_cache", ".pytest_cache",
     ".ruff_cache", ".hypothesis"}
)
EXCLUDED_DIRS = {
    "node_modules": "dependency folder",
    "site-packages": "installed packages",
    "venv": "virtual environment",
    ".venv": "virtual environment",
    "virtualenv": "virtual environment",
    ".virtualenv": "virtual environment",
    ".tox": "test-environment folder",
    ".nox": "test-environment folder",
    ".eggs": "build output",
    "build": "build output",
    "dist": "build output",
    # Experiment trackers copy the code of every run into these folders; reading the copies
    # would repeat every finding once per run.
    "wandb": "experiment-tracker run folder (copies of the code)",
    "mlruns": "experiment-tracker run folder (copies of the code)",
    "lightning_logs": "training-log folder",
}
# A folder with one of these inside is a Python or conda environment, whatever its name
# (``env/`` is excluded only when it is one: reinforcement-learning code often has an ``env/``
# package of its own).
ENV_MARKERS = ("pyvenv.cfg", "conda-meta")


class PathFilter:
    """Decides, for relative POSIX paths, whether the scanner skips them (returns a reason)."""

    def __init__(self, extra_excludes: Sequence[str] = ()):
        patterns = [p for p in extra_excludes if p and p.strip()]
        self._extra = pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None
        self._gitignores: dict[str, pathspec.GitIgnoreSpec] = {}

    def add_gitignore(self, directory: str, text: str) -> None:
        """Register the ``.gitignore`` found in ``directory`` ("" for the root)."""
        lines = text.splitlines()
        if any(line.strip() and not line.lstrip().startswith("#") for line in lines):
            self._gitignores[directory] = pathspec.GitIgnoreSpec.from_lines(lines)

    def dir_reason(self, rel: str, *, is_env: bool = False) -> str | None:
        """Why the folder ``rel`` is skipped, or None. "" means skipped without mention."""
        name = rel.rsplit("/", 1)[-1]
        if name in SILENT_DIRS:
            return ""
        if is_env:
            return "virtual environment"
        if name in EXCLUDED_DIRS:
            return EXCLUDED_DIRS[name]
        if name.endswith(".egg-info"):
            return "build output"
        return self._pattern_reason(rel + "/")

    def file_reason(self, rel: str) -> str | None:
        """Why the file ``rel`` is skipped, or None."""
        return self._pattern_reason(rel)

    def _pattern_reason(self, rel: str) -> str | None:
        if self._gitignores and self._ignored_by_git(rel):
            return "ignored by .gitignore"
        if self._extra is not None and self._extra.match_file(rel):
            return "excluded by configuration"
        return None

    def _ignored_by_git(self, rel: str) -> bool:
        # Deepest .gitignore first: the first one with a matching pattern decides.
        parts = rel.rstrip("/").split("/")
        for depth in range(len(parts) - 1, -1, -1):
            base = "/".join(parts[:depth])
            spec = self._gitignores.get(base)
            if spec is None:
                continue
            sub = rel[len(base) + 1:] if base else rel
            result = spec.check_file(sub)
            if result.include is not None:
                return bool(result.include)
        return False

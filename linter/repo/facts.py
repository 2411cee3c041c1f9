"""What the repository scanner learns, as plain data. Produced by ``linter.repo.scan``.

Analyzers never import or run the code they read. Each fact carries its file (a POSIX
path relative to the repository root) and a 1-based line, so findings and cross-checks
can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from linter.model import Finding


@dataclass(frozen=True)
class SourceFile:
    """One file read from a folder or an archive. ``text`` is None for binaries / too large."""

    path: str  # POSIX, relative to the repository root
    size: int
    text: str | None
    truncated: bool = False  # only the first N bytes were read


@dataclass(frozen=True)
class CallFact:
    """A call whose callee resolves to a known qualified name (aliases resolved).

    ``kwargs`` maps keyword -> literal value (int/float/str/bool/None/list) when the
    argument is a literal, else the string ``"<expr:SOURCE>"`` with the source text.
    ``args`` likewise for positional arguments. ``qualname`` e.g.
    ``sklearn.ensemble.RandomForestClassifier`` (the public import path used in code).
    """

    qualname: str
    path: str
    line: int
    column: int
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    has_star_kwargs: bool = False  # **params passed: any keyword may be set
    cell: int | None = None  # notebooks: 1-based cell index (``line`` then counts within the cell)


@dataclass(frozen=True)
class SeedFact:
    """A seeding call or setting. ``family``: python | numpy | torch | torch-cuda | tensorflow |
    keras | jax | lightning | transformers | r | hashseed | sklearn (random_state=...) | other.
    ``value`` is the literal seed (int) when it can be resolved, else a source string, or None."""

    family: str
    path: str
    line: int
    column: int = 1
    value: Any = None
    expression: str = ""  # source text of the seed argument
    via: str = ""  # e.g. "utils.set_seed" when reached through a helper


@dataclass(frozen=True)
class Dependency:
    """One declared dependency. ``pinned``: exactly one version (== / ===, or lock file)."""

    name: str  # normalised (PEP 503) for Python; as written for R/conda
    spec: str  # the version specifier as written ("==1.3.2", ">=1.0", "")
    pinned: bool
    path: str
    line: int | None
    ecosystem: str = "pypi"  # pypi | conda | cran | docker | system
    version: str | None = None  # the exact version when pinned/locked
    source: str = ""  # requirements | pyproject | setup.py | environment.yml | poetry.lock | renv.lock ...


@dataclass(frozen=True)
class HyperParam:
    """A hyperparameter value with where it is set. ``source``: config | argparse | click | typer |
    call (estimator/optimizer constructor literal) | r."""

    name: str
    value: Any
    path: str
    line: int | None
    source: str
    context: str = ""  # e.g. the estimator or the config key path "model.lr"


@dataclass
class RepoFacts:
    root: str
    files: list[str] = field(default_factory=list)  # every file considered (relative paths)
    languages: dict[str, int] = field(default_factory=dict)  # "python": n files ...
    entry_points: list[str] = field(default_factory=list)
    calls: list[CallFact] = field(default_factory=list)
    seeds: list[SeedFact] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)
    manifests: list[str] = field(default_factory=list)  # dependency files found
    lock_files: list[str] = field(default_factory=list)
    python_version: str | None = None  # stated requirement ("3.10", ">=3.9")
    r_version: str | None = None
    hyperparameters: list[HyperParam] = field(default_factory=list)
    licence: str | None = None  # SPDX id when recognised, "unknown" when a file exists
    licence_path: str | None = None
    readme_path: str | None = None
    readme: dict[str, Any] = field(default_factory=dict)  # has_run_commands, has_data_section, links ...
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "path: reason" for files not analysed
    extra: dict[str, Any] = field(default_factory=dict)

    def uses(self, prefix: str) -> list[CallFact]:
        return [c for c in self.calls if c.qualname == prefix or c.qualname.startswith(prefix + ".")]

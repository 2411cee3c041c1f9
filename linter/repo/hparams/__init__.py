"""Where the hyperparameters live: config files, command-line defaults, config classes, and
literals in model/optimiser calls. Each value is recorded as a
:class:`~linter.repo.facts.HyperParam` (name as written, value, file, line, source, context)
for later cross-checks with the manuscript. HYP401 notes repositories whose hyperparameters
exist only as literals scattered over several calls.
"""

from __future__ import annotations

from linter.model import Finding
from linter.repo.facts import HyperParam, RepoFacts, SourceFile
from linter.repo.hparams.calls import from_calls
from linter.repo.hparams.code import read_python, shared_trees, wants
from linter.repo.hparams.configs import read_config
from linter.repo.hparams.spec import load_spec
from linter.rulebook import finding

__all__ = ["analyze"]

DECLARED_SOURCES = frozenset({"config", "argparse", "click", "typer"})
MIN_SCATTERED_SITES = 2  # one literal call is not "scattered": it is the one place to look


def analyze(files: list[SourceFile], facts: RepoFacts) -> None:
    """Record hyperparameters in ``facts.hyperparameters``; add HYP401 when warranted."""
    spec = load_spec()
    declared: list[HyperParam] = []
    fits: list[HyperParam] = []
    shared = shared_trees(facts.extra)
    for f in files:
        if f.text is None:
            continue
        if spec.is_config_file(f.path):
            found, problem = read_config(f.path, f.text, spec.max_per_file)
            if problem:
                facts.skipped.append(f"{f.path}: {problem}")
            declared.extend(found)
        elif f.path.endswith(".py") and wants(f.path, f.text, spec):
            found, fit_calls = read_python(f.path, f.text, spec, shared)
            declared.extend(found)
            fits.extend(fit_calls)
    literal = from_calls(facts.calls, spec) + fits
    facts.hyperparameters.extend(declared + literal)
    result = scattered(declared, literal)
    if result is not None:
        facts.findings.append(result)


def scattered(declared: list[HyperParam], literal: list[HyperParam]) -> Finding | None:
    """HYP401 when nothing is declared and literals sit in at least two call sites."""
    if any(h.source in DECLARED_SOURCES for h in declared):
        return None
    sites = sorted({(h.path, h.line or 0) for h in literal})
    if len(sites) < MIN_SCATTERED_SITES:
        return None
    paths = sorted({p for p, _ in sites})
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    first_path, first_line = sites[0]
    files_word = "file" if len(paths) == 1 else "files"
    message = (f"Hyperparameters appear only as literals in {len(sites)} calls in {len(paths)} {files_word} "
               f"({shown}); no config file or command-line defaults record them")
    return finding("HYP401", message, first_path, first_line or None, sites=len(sites), files=paths,
                   fingerprint_key="scattered-hyperparameters")

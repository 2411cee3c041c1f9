"""``guidelint init``: draft the methods metadata (methods.yaml) from a code repository.

The draft holds what the code shows — language and version, packages and versions, seeds,
hyperparameters, the split, the licence, the code URL, dataset releases — each with its source as
a YAML comment, and ``# TODO`` comment lines for what only the author knows. TODOs are comments,
never placeholder values, so an unfinished draft does not count as reporting anything; the draft
validates against the methods schema as written. It never overwrites a file without ``--force``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Callable, Optional

from linter.errors import InputError

HEADER = """\
# Methods metadata for guidelint: a DRAFT written by `guidelint init` from the code in {repo}.
# Values were read from the repository; the comment after each one says where.
# Lines starting with "# TODO" need the author: remove "# TODO", fill in the value, keep it quoted.
# Check the study with:  guidelint check {manuscript} --metadata {out} --repo {repo}
# Field reference:       guidelint schema methods
metadata_version: 1
"""


def register(app: Any, guarded: Callable) -> None:
    """Add ``init`` to the command-line app (called by linter/cli.py)."""
    import typer

    @app.command("init")
    @guarded
    def init(
        repo: Path = typer.Option(..., "--repo", "-r", help="Code repository: folder, .zip or .tar.gz."),
        manuscript: Optional[Path] = typer.Option(None, "--manuscript", "-m", help="The manuscript, for the title and a comparison."),
        output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the draft here (default: print it)."),
        force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    ) -> None:
        """Draft methods metadata (methods.yaml) from a code repository, with TODOs for the author."""
        if output is not None and output.exists() and not force:
            raise InputError(str(output), "already exists; give --force to overwrite it, or choose another --output")
        if output is not None and output.is_dir():
            raise InputError(str(output), "is a folder; give a file name such as methods.yaml")
        text = draft(str(repo), str(manuscript) if manuscript else None, str(output) if output else "methods.yaml")
        if output is None:
            sys.stdout.write(text)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(str(output), f"cannot write the draft: {exc.strerror or exc}") from None
        typer.echo(f"guidelint: wrote {output}; fill in the TODO lines, then run guidelint check", err=True)


def draft(repo_path: str, manuscript: str | None = None, out_name: str = "methods.yaml") -> str:
    """The draft as YAML text (validated against the methods schema before it is returned)."""
    import yaml

    from linter import metadata
    from linter.api import scan_repository
    from linter.cross_code import repo_texts
    from linter.manuscript import read_manuscript

    facts = scan_repository(repo_path)
    doc = read_manuscript(manuscript) if manuscript else None
    texts = list(repo_texts(facts, {str(Path(manuscript).resolve())} if manuscript else set()))
    from linter.init_sections import SECTIONS, Draft

    d = Draft(facts, doc, texts, Path(repo_path))
    parts = [HEADER.format(repo=repo_path, out=out_name, manuscript=manuscript or "MANUSCRIPT")]
    for section in SECTIONS:
        lines = section(d)
        if lines:
            parts.append("\n".join(lines) + "\n")
    text = "\n".join(parts)
    errors = metadata.errors_of(yaml.safe_load(text))
    if errors:  # a bug in the drafting code, not in the user's input
        raise RuntimeError(f"the drafted metadata does not validate: {errors[0]}")
    return text


def quote(value: Any) -> str:
    """A YAML scalar: strings always double-quoted (versions stay strings), numbers as written."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        if e and "." not in mantissa:  # YAML 1.1 reads 1e-05 as a string; 1.0e-05 is a float
            text = f"{mantissa}.0e{exponent}"
        return text
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def comment(text: str) -> str:
    return "  # " + re.sub(r"\s+", " ", text).strip() if text else ""

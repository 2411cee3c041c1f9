"""Where packaged data lives: checklists ship inside the wheel as ``linter/_checklists``;
in a source checkout (editable install, tests) they are the top-level ``checklists/``."""

from __future__ import annotations

import functools
from pathlib import Path


@functools.lru_cache(maxsize=1)
def checklist_dir() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "_checklists"
    if packaged.is_dir():
        return packaged
    return here.parent / "checklists"


def schema_path(name: str) -> Path:
    return Path(__file__).resolve().parent / "schemas" / name

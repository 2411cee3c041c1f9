"""The one exception type that reaches users: bad input, named by file and problem.

Everything a user can get wrong (missing file, broken YAML, wrong metadata types,
unknown checklist) is raised as :class:`InputError`. The CLI prints ``str(err)`` on one
line and exits with code 2; it never shows a traceback for these.
"""

from __future__ import annotations


class InputError(Exception):
    """A problem with something the user gave us (exit code 2)."""

    def __init__(self, path: str | None, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)

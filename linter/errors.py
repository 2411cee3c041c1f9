"""The one exception type that reaches users: bad input, named by file and problem.

Everything a user can get wrong (missing file, broken YAML, wrong metadata types,
unknown checklist) is raised as :class:`InputError`. The CLI prints ``str(err)`` on one
line and exits with code 2; it never shows a traceback for these.
"""

from __future__ import annotations

import yaml


class InputError(Exception):
    """A problem with something the user gave us (exit code 2)."""

    def __init__(self, path: str | None, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


def load_yaml(path: str | None, text: str, *, first_line: int = 1, context: str = "") -> object:
    """``yaml.safe_load`` that turns a syntax error into an InputError naming the file line.

    ``first_line`` is the file line the text starts on (front matter starts on line 2), so the
    reported line is the one the user sees in the editor; ``context`` prefixes the message.
    """
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + first_line}" if mark else ""
        raise InputError(path, f"{context}invalid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None

"""``--format json``: the documented report object (schema: linter/schemas/report.schema.json)."""

from __future__ import annotations

import json

from linter.model import Report


def render(report: Report, options=None) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"

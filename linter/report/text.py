"""``--format text``: grep-friendly ``path:line:col: CODE severity message`` lines, grouped by
checklist section (items) and rule family (code), then item coverage and counts."""

from __future__ import annotations

from collections import Counter, defaultdict

from linter.model import Finding, Report, Severity, Status

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m",
           "reset": "\033[0m"}


def render(report: Report, options) -> str:
    color = bool(getattr(options, "color", False))
    quiet = bool(getattr(options, "quiet", False))

    def c(name: str, text: str) -> str:
        return f"{_COLORS[name]}{text}{_COLORS['reset']}" if color else text

    sections = _item_sections(report)
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in report.active_findings():
        groups[_group(f, sections)].append(f)
    lines: list[str] = []
    for group in sorted(groups, key=lambda g: (g.startswith("Code"), g)):
        if not quiet:
            lines.append(c("bold", group))
        for f in groups[group]:
            sev = c(f.severity.value, f.severity.value)
            lines.append(f"{_loc(f)}: {c('bold', f.rule)} {sev} {f.message}")
            if not quiet and f.fix:
                lines.append(c("dim", f"    fix: {f.fix}"))
        if not quiet:
            lines.append("")
    if getattr(options, "statistics", False):
        lines.extend(_statistics(report))
    if not quiet:
        lines.extend(_coverage(report))
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _item_sections(report: Report) -> dict[str, str]:
    return {f"{i.checklist}.{i.id}": f"{i.checklist} {i.version} — {i.section}" for i in report.items}


def _group(f: Finding, sections: dict[str, str]) -> str:
    if f.rule in sections:
        return sections[f.rule]
    family = {"RND": "randomness", "DEP": "dependencies", "DEF": "library defaults", "HYP": "hyperparameters",
              "HYG": "repository hygiene", "XC": "manuscript vs code", "GL": "guidelint"}
    for prefix, name in family.items():
        if f.rule.startswith(prefix):
            return f"Code — {name}" if prefix not in ("XC", "GL") else f"Cross-checks — {name}"
    return "Other"


def _loc(f: Finding) -> str:
    loc = f.location
    out = loc.path or "."
    cell = f.data.get("cell") if isinstance(f.data, dict) else None
    if cell is not None and out.endswith(".ipynb"):
        out += f":cell {cell}"  # notebook lines count within the cell (ruff's convention)
    if loc.line is not None:
        out += f":{loc.line}:{loc.column or 1}"
    return out


def _coverage(report: Report) -> list[str]:
    out = []
    for ref, counts in report.coverage().items():
        parts = [f"{counts[s.value]} {label}" for s, label in (
            (Status.REPORTED, "reported"), (Status.PARTIAL, "partial"), (Status.MISSING, "missing"),
            (Status.NOT_APPLICABLE, "n/a"), (Status.MANUAL, "manual"))]
        out.append(f"{ref}: {', '.join(parts)}")
    return out


def _statistics(report: Report) -> list[str]:
    counts = Counter((f.rule, f.name, f.severity.value) for f in report.active_findings())
    out = ["Statistics:"]
    for (rule, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"{n:5d}  {rule:<28} {sev:<8} {name}")
    out.append("")
    return out


def _summary(report: Report) -> str:
    counts = report.counts()
    suppressed = sum(1 for f in report.findings if f.suppressed is not None)
    total = sum(counts.values())
    if total == 0:
        text = "No findings."
    else:
        text = "Found " + ", ".join(f"{counts[s.value]} {s.value}{'s' if counts[s.value] != 1 and s is not Severity.INFO else ''}"
                                    for s in Severity) + "."
    if suppressed:
        text += f" ({suppressed} suppressed)"
    return text

"""Precision and recall of guidelint's code rules on the hand-labelled repository corpus.

Every folder under ``benchmarks/repo_corpus/`` is a small research repository written for this
benchmark, with a ``labels.yaml`` written by reading its code before guidelint was run on it. This
script scans each repository in-process (``linter.repo.scan``, the analysis behind ``guidelint
scan-repo``), matches the active findings to the labels and prints, per rule, TP / FP / FN,
precision and recall, then every false alarm and miss with file:line and message.

    PYTHONPATH=. python benchmarks/repo_accuracy.py                  # table, FPs, FNs
    PYTHONPATH=. python benchmarks/repo_accuracy.py --json out.json  # default benchmarks/out/repo_accuracy.json
    PYTHONPATH=. python benchmarks/repo_accuracy.py --markdown       # also the table as Markdown
    PYTHONPATH=. python benchmarks/repo_accuracy.py --update-baseline "why the numbers moved"   # deliberate only

Labels (``labels.yaml``; see docs/repo_accuracy.md):

* ``expect``: findings that must be reported. ``rule`` plus any of ``path``, ``line`` (or
  ``lines: [a, b]``: any one of them), ``at`` (the text where the finding's column points, on that
  line), ``cell`` (notebooks: 1-based cell index; ``line`` is then the line within the cell) and
  ``param`` (DEF301: the parameter the finding names). Fields left out are not compared, so
  ``{rule: DEP203}`` expects one DEP203 anywhere in the repository.
* ``must_not``: places that must stay silent (``rule`` may be a list). A finding there is a false
  alarm like any other unlabelled finding; it is also listed as a "trap hit".
* ``optional``: findings that are acceptable but not required (judgement calls): neither credited
  nor counted as false alarms.
* ``clean: true``: the repository must produce no error-level finding.
* ``split: holdout``: written and labelled after the analyzers were last tuned on the other
  repositories (default ``development``). Each split is also scored on its own.

Matching: only active findings (not suppressed) count. Expect labels are matched most specific
first; each label takes at most one finding and each finding satisfies at most one label. Then
optional labels absorb what they describe. TP = matched expect labels, FN = unmatched expect labels,
FP = findings left over. Precision = TP / (TP + FP), recall = TP / (TP + FN).

``labels.yaml`` itself is excluded from the scan (it is benchmark metadata, not part of the
imitated repository).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from linter import rulebook  # noqa: E402
from linter.model import Finding, Severity  # noqa: E402
from linter.repo import scan  # noqa: E402

CORPUS = ROOT / "benchmarks" / "repo_corpus"
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "repo_accuracy.json"
BASELINE = ROOT / "benchmarks" / "repo_accuracy_baseline.json"
LABELS = "labels.yaml"
GOALS = {"RND101": (0.95, 0.90), "RND102": (0.95, 0.90), "RND120": (0.95, 0.90), "DEP202": (0.95, 0.90)}
_LABEL_KEYS = {"rule", "path", "line", "lines", "at", "cell", "param", "why"}
_FILE_KEYS = {"repository", "imitates", "clean", "split", "expect", "must_not", "optional", "judgement_calls"}


class LabelError(ValueError):
    """A labels.yaml entry is malformed or points at a line that does not exist."""


@dataclass(frozen=True)
class Label:
    kind: str  # expect | must_not | optional
    rules: tuple[str, ...]
    path: str | None = None
    lines: tuple[int, ...] = ()
    column: int | None = None
    cell: int | None = None
    param: str | None = None
    why: str = ""

    @property
    def specificity(self) -> int:
        return sum(x is not None and x != () for x in (self.path, self.lines, self.column, self.cell, self.param))

    def matches(self, got: "Got") -> bool:
        return (got.rule in self.rules
                and (self.path is None or got.path == self.path)
                and (not self.lines or got.line in self.lines)
                and (self.column is None or got.column == self.column)
                and (self.cell is None or got.cell == self.cell)
                and (self.param is None or got.param == self.param))

    def where(self) -> str:
        out = self.path or "(anywhere)"
        if self.cell is not None:
            out += f" cell {self.cell}"
        if self.lines:
            out += ":" + "|".join(str(n) for n in self.lines)
            if self.column is not None:
                out += f":{self.column}"
        return out + (f" [{self.param}]" if self.param else "")


@dataclass(frozen=True)
class Got:
    """One active finding, reduced to what matching compares."""

    rule: str
    path: str
    line: int | None
    column: int | None
    cell: int | None
    param: str | None
    severity: str
    message: str

    @classmethod
    def of(cls, f: Finding) -> "Got":
        param = f.data.get("parameter") if f.rule == "DEF301" else None
        return cls(f.rule, f.location.path, f.location.line, f.location.column, f.data.get("cell"),
                   param, f.severity.value, f.message)

    def where(self) -> str:
        out = self.path + (f" cell {self.cell}" if self.cell is not None else "")
        if self.line is not None:
            out += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return out + (f" [{self.param}]" if self.param else "")


@dataclass
class RepoLabels:
    name: str
    clean: bool
    expect: list[Label]
    must_not: list[Label]
    optional: list[Label]
    split: str = "development"


@dataclass
class RepoResult:
    name: str
    split: str = "development"
    tp: list[tuple[Label, Got]] = field(default_factory=list)
    fn: list[Label] = field(default_factory=list)
    fp: list[Got] = field(default_factory=list)
    optional: list[Got] = field(default_factory=list)
    trap_hits: list[tuple[Label, Got]] = field(default_factory=list)
    clean_errors: list[Got] = field(default_factory=list)


# ------------------------------------------------------------------ labels


def _source_lines(repo: Path, path: str, cell: int | None) -> list[str]:
    file = repo / path
    if not file.is_file():
        raise LabelError(f"{repo.name}: labelled file {path} does not exist")
    text = file.read_text(encoding="utf-8")
    if cell is None:
        return text.splitlines()
    cells = json.loads(text)["cells"]
    if not 1 <= cell <= len(cells):
        raise LabelError(f"{repo.name}: {path} has no cell {cell}")
    source = cells[cell - 1]["source"]
    return ("".join(source) if isinstance(source, list) else source).splitlines()


def _label(raw: dict[str, Any], kind: str, repo: Path) -> Label:
    unknown = set(raw) - _LABEL_KEYS
    if unknown or "rule" not in raw:
        raise LabelError(f"{repo.name}: bad {kind} label {raw} (unknown keys {sorted(unknown)} or no rule)")
    rules = tuple(raw["rule"]) if isinstance(raw["rule"], list) else (raw["rule"],)
    known = rulebook.rules()
    if any(r not in known for r in rules) or (kind == "expect" and len(rules) != 1):
        raise LabelError(f"{repo.name}: {kind} label names unknown or several rules: {rules}")
    lines = tuple(raw.get("lines") or ([raw["line"]] if "line" in raw else []))
    path, cell, column = raw.get("path"), raw.get("cell"), None
    if (lines or cell or "at" in raw) and not path:
        raise LabelError(f"{repo.name}: {kind} label {raw} has a line, cell or 'at' but no path")
    if path:
        source = _source_lines(repo, path, cell)
        for n in lines:
            if not 1 <= n <= len(source) or not source[n - 1].strip():
                raise LabelError(f"{repo.name}: {path}{f' cell {cell}' if cell else ''} line {n} is empty or missing")
        if "at" in raw:
            if len(lines) != 1 or raw["at"] not in source[lines[0] - 1]:
                raise LabelError(f"{repo.name}: {path}:{lines} does not contain {raw['at']!r}")
            column = source[lines[0] - 1].index(raw["at"]) + 1
    return Label(kind, rules, path, lines, column, cell, raw.get("param"), raw.get("why", ""))


def load_labels(repo: Path) -> RepoLabels:
    """Read and check ``repo/labels.yaml``; raises :class:`LabelError` on a bad entry."""
    data = yaml.safe_load((repo / LABELS).read_text(encoding="utf-8")) or {}
    if set(data) - _FILE_KEYS or data.get("split", "development") not in ("development", "holdout"):
        raise LabelError(f"{repo.name}: unknown top-level keys {sorted(set(data) - _FILE_KEYS)} or split")
    lists = {k: [_label(raw, k, repo) for raw in data.get(k) or []] for k in ("expect", "must_not", "optional")}
    for trap in lists["must_not"]:
        for want in lists["expect"]:
            if trap.param is None and want.rules[0] in trap.rules and trap.path == want.path and \
                    trap.cell == want.cell and set(trap.lines) & set(want.lines) and \
                    (trap.column is None or want.column is None or trap.column == want.column):
                raise LabelError(f"{repo.name}: must_not {trap.where()} contradicts expect {want.where()}")
    split = str(data.get("split") or "development")
    return RepoLabels(repo.name, bool(data.get("clean")), lists["expect"], lists["must_not"], lists["optional"], split)


# ------------------------------------------------------------------ matching


def match(labels: RepoLabels, found: list[Got]) -> RepoResult:
    """Pair labels with findings (pure: no scanning), as described in the module docstring."""
    result = RepoResult(labels.name, labels.split)
    free = list(found)
    for label in sorted(labels.expect, key=lambda lb: -lb.specificity):
        hit = next((g for g in free if label.matches(g)), None)
        if hit is None:
            result.fn.append(label)
        else:
            free.remove(hit)
            result.tp.append((label, hit))
    for got in free:
        if any(lb.matches(got) for lb in labels.optional):
            result.optional.append(got)
        else:
            result.fp.append(got)
    result.trap_hits = [(lb, g) for g in result.fp for lb in labels.must_not if lb.matches(g)]
    if labels.clean:
        result.clean_errors = [g for g in found if g.severity == Severity.ERROR.value]
    return result


def scan_repo(repo: Path) -> list[Got]:
    facts = scan(repo, excludes=[f"/{LABELS}"])
    return [Got.of(f) for f in facts.findings if f.suppressed is None]


# ------------------------------------------------------------------ scoring


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def summarise(results: list[RepoResult]) -> dict[str, dict[str, Any]]:
    counts: dict[str, dict[str, int]] = {}

    def bump(rule: str, key: str) -> None:
        counts.setdefault(rule, {"tp": 0, "fp": 0, "fn": 0})[key] += 1

    for r in results:
        for label, _ in r.tp:
            bump(label.rules[0], "tp")
        for label in r.fn:
            bump(label.rules[0], "fn")
        for got in r.fp:
            bump(got.rule, "fp")
    return {rule: {**c, "precision": _ratio(c["tp"], c["tp"] + c["fp"]), "recall": _ratio(c["tp"], c["tp"] + c["fn"])}
            for rule, c in sorted(counts.items())}


def score(corpus: Path = CORPUS) -> dict[str, Any]:
    """Scan and match every labelled repository under ``corpus``."""
    repos = sorted(p for p in corpus.iterdir() if (p / LABELS).is_file())
    results = [match(load_labels(repo), scan_repo(repo)) for repo in repos]
    splits = sorted({r.split for r in results})
    return {"repositories": [r.name for r in repos], "results": results, "rules": summarise(results),
            "splits": {s: {"repositories": [r.name for r in results if r.split == s],
                           "rules": summarise([r for r in results if r.split == s])} for s in splits},
            "clean_errors": [(r.name, g) for r in results for g in r.clean_errors]}


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def report(measured: dict[str, Any], out=sys.stdout) -> None:
    rules = measured["rules"]
    print(f"guidelint repository benchmark: {len(measured['repositories'])} repositories, {date.today()}", file=out)
    print(f"{'rule':8} {'TP':>4} {'FP':>4} {'FN':>4}  {'precision':>9} {'recall':>7}  goal", file=out)
    for rule, c in rules.items():
        goal = ""
        if rule in GOALS:
            p, r = GOALS[rule]
            ok = (c["precision"] or 0) >= p and (c["recall"] or 0) >= r
            goal = f"P>={p} R>={r} {'met' if ok else 'NOT met'}"
        print(f"{rule:8} {c['tp']:4} {c['fp']:4} {c['fn']:4}  {_fmt(c['precision']):>9} {_fmt(c['recall']):>7}  {goal}",
              file=out)
    tot = {k: sum(c[k] for c in rules.values()) for k in ("tp", "fp", "fn")}
    print(f"{'all':8} {tot['tp']:4} {tot['fp']:4} {tot['fn']:4}  {_fmt(_ratio(tot['tp'], tot['tp'] + tot['fp'])):>9} "
          f"{_fmt(_ratio(tot['tp'], tot['tp'] + tot['fn'])):>7}", file=out)
    for split, part in measured["splits"].items():
        rules_s = part["rules"]
        tot_s = {k: sum(c[k] for c in rules_s.values()) for k in ("tp", "fp", "fn")}
        goal_s = "; ".join(f"{rule} {c['tp']}/{c['fp']}/{c['fn']}" for rule, c in rules_s.items() if rule in GOALS)
        print(f"split {split} ({len(part['repositories'])} repositories): all rules TP/FP/FN "
              f"{tot_s['tp']}/{tot_s['fp']}/{tot_s['fn']}, precision {_fmt(_ratio(tot_s['tp'], tot_s['tp'] + tot_s['fp']))}, "
              f"recall {_fmt(_ratio(tot_s['tp'], tot_s['tp'] + tot_s['fn']))}; goal rules TP/FP/FN: {goal_s}", file=out)
    for r in measured["results"]:
        for got in r.fp:
            traps = [lb.why for lb, g in r.trap_hits if g is got]
            note = f"  [must not: {traps[0]}]" if traps else ""
            print(f"FP {got.rule} {r.name}/{got.where()} ({got.severity}): {got.message}{note}", file=out)
    for r in measured["results"]:
        for label in r.fn:
            print(f"FN {label.rules[0]} {r.name}/{label.where()}: {label.why}", file=out)
    clean = measured["clean_errors"]
    print(f"error-level findings on clean repositories: {len(clean)}", file=out)
    for name, got in clean:
        print(f"  {name}/{got.where()} {got.rule}: {got.message}", file=out)


def markdown_table(measured: dict[str, Any]) -> str:
    """The per-rule table as Markdown, for docs/repo_accuracy.md."""
    rows = ["| rule | severity | TP | FP | FN | precision | recall |", "| --- | --- | --- | --- | --- | --- | --- |"]
    known = rulebook.rules()
    for rule, c in measured["rules"].items():
        sev = known[rule].severity.value if rule in known else "?"
        rows.append(f"| {rule} | {sev} | {c['tp']} | {c['fp']} | {c['fn']} | {_fmt(c['precision']).strip()} | "
                    f"{_fmt(c['recall']).strip()} |")
    return "\n".join(rows)


def to_json(measured: dict[str, Any]) -> dict[str, Any]:
    def label(lb: Label) -> dict[str, Any]:
        d = asdict(lb)
        d["rules"] = list(lb.rules)
        d["lines"] = list(lb.lines)
        return d

    return {
        "date": str(date.today()),
        "repositories": measured["repositories"],
        "rules": measured["rules"],
        "splits": measured["splits"],
        "clean_error_findings": [{"repository": n, **asdict(g)} for n, g in measured["clean_errors"]],
        "per_repository": [{
            "repository": r.name,
            "split": r.split,
            "tp": [{"label": label(lb), "finding": asdict(g)} for lb, g in r.tp],
            "fp": [asdict(g) for g in r.fp],
            "fn": [label(lb) for lb in r.fn],
            "optional": [asdict(g) for g in r.optional],
            "trap_hits": [{"label": label(lb), "finding": asdict(g)} for lb, g in r.trap_hits],
        } for r in measured["results"]],
    }


def baseline_from(measured: dict[str, Any], note: str) -> dict[str, Any]:
    return {"date": str(date.today()), "note": note,
            "rules": {rule: {k: c[k] for k in ("tp", "fp", "fn")} for rule, c in measured["rules"].items()},
            "clean_error_findings": len(measured["clean_errors"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", type=Path, default=DEFAULT_OUT, help="where to write the JSON results")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--update-baseline", metavar="NOTE",
                        help="record the current counts in benchmarks/repo_accuracy_baseline.json (deliberately)")
    args = parser.parse_args(argv)
    measured = score(args.corpus)
    report(measured)
    if args.markdown:
        print(markdown_table(measured))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(to_json(measured), indent=1) + "\n", encoding="utf-8")
    print(f"JSON written to {args.json}")
    if args.update_baseline:
        BASELINE.write_text(json.dumps(baseline_from(measured, args.update_baseline), indent=1) + "\n",
                            encoding="utf-8")
        print(f"baseline updated: {BASELINE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

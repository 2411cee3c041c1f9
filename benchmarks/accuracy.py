"""Measured accuracy of guidelint's manuscript checks on the development corpus.

Runs guidelint in-process (manuscript only, checklists tripod-ai + repro-core) over every text in
the labelled corpus (``../shared/corpus`` relative to the checkout, or ``--corpus DIR``) and
compares the status of the items that judge each of the 14 labelled topics with the hand labels.

    PYTHONPATH=. python benchmarks/accuracy.py                   # table + misses/false alarms
    PYTHONPATH=. python benchmarks/accuracy.py --json out.json   # default benchmarks/out/accuracy.json
    PYTHONPATH=. python benchmarks/accuracy.py --update-baseline "why the numbers moved"   # deliberate only

Scoring (documented in docs/accuracy.md):

* A topic's *tool status* is the strongest status among the targets that judge it (reported >
  partial > missing; ``manual`` and ``not_applicable`` are neutral).
* "Reported" decision: a label ``present`` or ``partial`` is positive; a tool status ``reported``
  or ``partial`` is positive, ``missing`` negative.
* A cell is **right** when the decision agrees: positive label and positive status, ``absent``
  label and ``missing`` status, or an ``n/a`` label and any status except ``missing`` (an n/a item
  must not be flagged as missing). ``manual`` on an absent label is wrong (the gap is not flagged).
* A cell is **exact** when, in addition, the grade agrees: present↔reported, partial↔partial.
* Sensitivity = positive labels with a positive status / positive labels; specificity = absent
  labels with a missing status / absent labels (n/a labels are in neither).
* Error-level false alarm: an *error*-severity finding on an item that judges a topic labelled
  ``present``.
* The grep baseline flags a topic as reported when one naive keyword regex matches anywhere in the
  raw file; it is scored by the same rules.

The corpus texts are third-party works: this script only reads them; nothing is copied.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from linter.api import load_checklists  # noqa: E402
from linter.checks import CHECKS, Context  # noqa: E402
from linter.engine import Options, evaluate  # noqa: E402
from linter.errors import InputError  # noqa: E402
from linter.manuscript import READERS, read_manuscript  # noqa: E402
from linter.metadata import find_metadata  # noqa: E402
from linter.model import Severity, Status  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "accuracy.json"
BASELINE = ROOT / "benchmarks" / "accuracy_baseline.json"
CHECKLISTS = ["tripod-ai", "repro-core"]

# topic -> targets that judge it: checklist item refs, or "detector:NAME" / "detector:NAME@sec1,sec2"
# where no item judges the topic on its own (external validation has no dedicated TRIPOD+AI item).
TOPICS: dict[str, tuple[str, ...]] = {
    "random_seed": ("repro-core.seeds",),
    "software_versions": ("repro-core.software-versions",),
    "hyperparameters": ("repro-core.hyperparameters",),
    "data_availability": ("repro-core.data-access", "tripod-ai.18e"),
    "code_availability": ("repro-core.code-access", "tripod-ai.18f"),
    "compute_hardware": ("repro-core.compute",),
    "sample_size_justification": ("tripod-ai.10",),
    "missing_data": ("tripod-ai.11",),
    "external_validation": ("detector:external-validation",),
    "fairness_subgroup": ("tripod-ai.14",),
    "registration_protocol": ("tripod-ai.18d", "tripod-ai.18c"),
    "funding": ("tripod-ai.18a",),
    "conflicts_of_interest": ("tripod-ai.18b",),
    "ethics_approval": ("tripod-ai.17",),
}

# The naive keyword baseline: one regex per topic over the raw file, as a reviewer's grep would be.
GREP: dict[str, str] = {
    "random_seed": r"\bseed",
    "software_versions": r"\b(version|v)\s?\d+(\.\d+)+",
    "hyperparameters": r"hyper-?parameter|learning rate|\bmtry\b|\bntree\b|number of trees",
    "data_availability": r"data availab|data (are|is) (publicly )?available|accession|deposited",
    "code_availability": r"code availab|source code|github\.com",
    "compute_hardware": r"\b(GPU|CPU)s?\b|computing cluster|training time",
    "sample_size_justification": r"sample size|power (analysis|calculation)",
    "missing_data": r"\bmissing\b|imput",
    "external_validation": r"external(ly)? validat|independent (validation|cohort|dataset)",
    "fairness_subgroup": r"subgroup|fairness",
    "registration_protocol": r"\bregist(ered|ration)\b|\bprotocol\b",
    "funding": r"\bfund(ed|ing)\b|\bgrant\b|supported by",
    "conflicts_of_interest": r"competing interests?|conflicts? of interests?",
    "ethics_approval": r"\bethic|\bIRB\b|institutional review board|informed consent",
}

_POSITIVE_LABELS = ("present", "partial")
_POSITIVE_STATUS = (Status.REPORTED.value, Status.PARTIAL.value)


@dataclass
class Cell:
    manuscript: str
    topic: str
    label: str
    label_where: str
    status: str
    targets: dict[str, str]
    evidence_lines: list[int]
    right: bool
    exact: bool
    grep: bool
    grep_right: bool
    located: bool | None = None  # positive label and status: does evidence point at a labelled line?
    error_false_alarm: list[str] = field(default_factory=list)


def decide(label: str, status: str) -> tuple[bool, bool]:
    """(right, exact) for one label and one tool status (see the module docstring)."""
    if label == "n/a":
        ok = status != Status.MISSING.value
        return ok, ok
    if label in _POSITIVE_LABELS:
        right = status in _POSITIVE_STATUS
        exact = (label == "present" and status == "reported") or (label == "partial" and status == "partial")
        return right, exact
    right = status == Status.MISSING.value
    return right, right


def combine(statuses: list[str]) -> str:
    """Strongest status among the targets of a topic; neutral statuses only when nothing else answered."""
    order = {"reported": 3, "partial": 2, "missing": 1}
    ranked = [s for s in statuses if s in order]
    if ranked:
        return max(ranked, key=order.__getitem__)
    return statuses[0] if statuses else Status.MANUAL.value


def run_manuscript(path: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Item results (by ref, plus detector results) and active findings for one manuscript."""
    doc = read_manuscript(path)
    metadata, metadata_path = find_metadata(doc, str(path), None)
    ctx = Context(doc=doc, metadata=metadata, metadata_path=metadata_path)
    report = evaluate(ctx, load_checklists(CHECKLISTS), Options(), {"manuscript": str(path)})
    results: dict[str, dict[str, Any]] = {}
    for item in report.items:
        results[item.ref] = {"status": item.status.value, "lines": [e.location.line for e in item.evidence
                                                                      if e.location.line]}
    for targets in TOPICS.values():
        for target in targets:
            if target.startswith("detector:"):
                results[target] = _run_detector(ctx, target)
    findings = [{"rule": f.rule, "severity": f.severity.value, "line": f.location.line}
                for f in report.findings if f.suppressed is None]
    return results, findings


def _run_detector(ctx: Context, target: str) -> dict[str, Any]:
    name, _, secs = target.split(":", 1)[1].partition("@")
    params: dict[str, Any] = {"statement": name}
    if secs:
        params["sections"] = secs.split(",")
    res = CHECKS["text.statement"].func(ctx, params)
    if res is None:
        return {"status": Status.MANUAL.value, "lines": []}
    return {"status": res.status.value, "lines": [e.location.line for e in res.evidence if e.location.line]}


def score(corpus: Path) -> dict[str, Any]:
    entries = yaml.safe_load((corpus / "manuscripts.yaml").read_text(encoding="utf-8"))
    cells: list[Cell] = []
    skipped: list[dict[str, str]] = []
    for entry in entries:
        path = corpus / entry["saved_copy"]
        if path.suffix.lower() not in READERS:
            skipped.append({"manuscript": entry["id"], "reason": f"no reader for {path.suffix} files"})
            continue
        try:
            results, findings = run_manuscript(path)
        except (InputError, ImportError) as exc:
            skipped.append({"manuscript": entry["id"], "reason": str(exc)})
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        for topic, targets in TOPICS.items():
            cells.append(_cell(entry, topic, targets, results, findings, raw))
    return {"cells": cells, "skipped": skipped, "summary": summarise(cells)}


def _cell(entry: dict[str, Any], topic: str, targets: tuple[str, ...], results: dict[str, dict[str, Any]],
          findings: list[dict[str, Any]], raw: str) -> Cell:
    label_info = entry["items"][topic]
    label = label_info["status"]
    per_target = {t: results.get(t, {"status": Status.MANUAL.value})["status"] for t in targets}
    status = combine(list(per_target.values()))
    lines = sorted({ln for t in targets for ln in results.get(t, {}).get("lines", [])})
    right, exact = decide(label, status)
    grep_hit = bool(re.search(GREP[topic], raw, re.I))
    grep_right, _ = decide(label, "reported" if grep_hit else "missing")
    located = None
    where_lines = label_lines(str(label_info.get("where", "")))
    if label in _POSITIVE_LABELS and status in _POSITIVE_STATUS and where_lines:
        located = any(a - 2 <= ln <= b + 2 for ln in lines for a, b in where_lines)
    errors = []
    if label == "present":
        errors = [f["rule"] for f in findings if f["rule"] in targets and f["severity"] == Severity.ERROR.value]
    return Cell(entry["id"], topic, label, str(label_info.get("where", "")), status, per_target, lines,
                right, exact, grep_hit, grep_right, located, errors)


def label_lines(where: str) -> list[tuple[int, int]]:
    """Line ranges named in a label's ``where`` ("Methods > Data 190; Results 420-432"); small numbers
    (table or file numbers) are ignored, and so is a ``where`` in parentheses (text a reader does not see)."""
    if where.strip().startswith("("):
        return []
    out = []
    for m in re.finditer(r"(?<![\w.])(\d+)(?:\s*[-–]\s*(\d+))?(?![\w.])", where):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        if a >= 10 and b >= a:
            out.append((a, b))
    return out


def summarise(cells: list[Cell]) -> dict[str, Any]:
    topics: dict[str, Any] = {}
    for topic in TOPICS:
        mine = [c for c in cells if c.topic == topic]
        pos = [c for c in mine if c.label in _POSITIVE_LABELS]
        neg = [c for c in mine if c.label == "absent"]
        topics[topic] = {
            "total": len(mine),
            "right": sum(c.right for c in mine),
            "exact": sum(c.exact for c in mine),
            "sensitivity": _ratio(sum(c.status in _POSITIVE_STATUS for c in pos), len(pos)),
            "specificity": _ratio(sum(c.status == "missing" for c in neg), len(neg)),
            "grep_right": sum(c.grep_right for c in mine),
            "error_false_alarms": sum(len(c.error_false_alarm) for c in mine),
            "located": sum(c.located is True for c in mine),
            "locatable": sum(c.located is not None for c in mine),
        }
    total = len(cells)
    return {
        "topics": topics,
        "cells": total,
        "right": sum(c.right for c in cells),
        "exact": sum(c.exact for c in cells),
        "grep_right": sum(c.grep_right for c in cells),
        "error_false_alarms": sum(len(c.error_false_alarm) for c in cells),
        "located": sum(c.located is True for c in cells),
        "locatable": sum(c.located is not None for c in cells),
    }


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:5.1f}%" if den else "   n/a"


def render(result: dict[str, Any]) -> str:
    s = result["summary"]
    out = [f"{'topic':28} {'right':>7} {'%':>6} {'exact':>6} {'sens':>5} {'spec':>5} {'grep':>7} {'err-FA':>6}"]
    for topic, t in s["topics"].items():
        sens = "-" if t["sensitivity"] is None else f"{t['sensitivity']:.2f}"
        spec = "-" if t["specificity"] is None else f"{t['specificity']:.2f}"
        out.append(f"{topic:28} {t['right']:>3}/{t['total']:<3} {_pct(t['right'], t['total'])} {t['exact']:>6} "
                   f"{sens:>5} {spec:>5} {t['grep_right']:>3}/{t['total']:<3} {t['error_false_alarms']:>6}")
    out.append(f"{'ALL':28} {s['right']:>3}/{s['cells']:<3} {_pct(s['right'], s['cells'])} {s['exact']:>6} "
               f"{'':>5} {'':>5} {s['grep_right']:>3}/{s['cells']:<3} {s['error_false_alarms']:>6}")
    out.append(f"grep baseline: {_pct(s['grep_right'], s['cells']).strip()} right; guidelint: "
               f"{_pct(s['right'], s['cells']).strip()} right ({_pct(s['exact'], s['cells']).strip()} exact)")
    out.append(f"evidence at a labelled line: {s['located']}/{s['locatable']} of the detected reported topics")
    wrong = [c for c in result["cells"] if not c.right or c.error_false_alarm or c.located is False]
    if wrong:
        out.append("\nmisses and false alarms:")
    for c in wrong:
        kind = ("error-level false alarm" if c.error_false_alarm else "evidence elsewhere" if c.right else
                "miss" if c.label in _POSITIVE_LABELS else "flagged n/a" if c.label == "n/a" else "false alarm")
        where = f"label at {c.label_where}" if c.label_where else ""
        ev = f"evidence lines {c.evidence_lines}" if c.evidence_lines else ""
        detail = "; ".join(x for x in (where, ev) if x)
        out.append(f"  {c.manuscript}: {c.topic}: {kind} (label {c.label}, tool {c.status}) {detail}")
    for sk in result["skipped"]:
        out.append(f"skipped {sk['manuscript']}: {sk['reason']}")
    return "\n".join(out)


def to_json(result: dict[str, Any]) -> dict[str, Any]:
    return {"summary": result["summary"], "skipped": result["skipped"], "cells": [asdict(c) for c in result["cells"]],
            "topics": {k: list(v) for k, v in TOPICS.items()}, "grep": GREP}


def baseline_record(summary: dict[str, Any]) -> dict[str, Any]:
    """The numbers the regression test holds the line on."""
    return {
        "topics": {t: {"right": v["right"], "total": v["total"]} for t, v in summary["topics"].items()},
        "right": summary["right"],
        "cells": summary["cells"],
        "exact": summary["exact"],
        "grep_right": summary["grep_right"],
        "error_false_alarms": summary["error_false_alarms"],
    }


def update_baseline(summary: dict[str, Any], note: str, date: str) -> None:
    """Rewrite benchmarks/accuracy_baseline.json deliberately, keeping the history of notes."""
    old = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {}
    history = list(old.get("history", []))
    history.append({"date": date, "note": note, "right": summary["right"], "cells": summary["cells"]})
    record = {"date": date, "note": note, **baseline_record(summary), "history": history}
    BASELINE.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder with manuscripts.yaml")
    ap.add_argument("--json", type=Path, default=DEFAULT_OUT, help="where to write the JSON results")
    ap.add_argument("--update-baseline", metavar="NOTE",
                    help="deliberately record these numbers in benchmarks/accuracy_baseline.json, with a note why")
    ap.add_argument("--date", default="2026-11-26", help="date stamped on an updated baseline")
    args = ap.parse_args(argv)
    if not (args.corpus / "manuscripts.yaml").is_file():
        print(f"no corpus at {args.corpus} (expected manuscripts.yaml there)", file=sys.stderr)
        return 2
    result = score(args.corpus)
    print(render(result))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(to_json(result), indent=1), encoding="utf-8")
    print(f"\nwrote {args.json}")
    if args.update_baseline:
        update_baseline(result["summary"], args.update_baseline, args.date)
        print(f"updated {BASELINE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

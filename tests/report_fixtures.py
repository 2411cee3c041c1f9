"""Reports built in code for the formatter tests (no engine needed).

``gappy_report()`` is a study with every item status, code findings with and without lines,
a suppressed finding, unicode and HTML-dangerous text.
"""

from __future__ import annotations

from linter import rulebook
from linter.model import Evidence, Finding, ItemResult, Location, Report, Severity, Status

DANGER = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def _item(checklist, item_id, title, section, severity, status, evidence=(), **kw) -> ItemResult:
    return ItemResult(checklist=checklist, version="2024" if checklist == "tripod-ai" else "1.0", id=item_id,
                      title=title, section=section, severity=severity, status=status,
                      evidence=list(evidence), **kw)


def gappy_items() -> list[ItemResult]:
    T, R = "tripod-ai", "repro-core"
    return [
        _item(T, "1", "Title names the study as ML prediction", "Title and abstract", Severity.WARNING,
              Status.REPORTED, [Evidence(Location("paper.md", 1), "Predicting sepsis | with boosted trees",
                                         "text.title")]),
        _item(T, "5c", "Trial registration", "Methods", Severity.INFO, Status.NOT_APPLICABLE,
              waiver="retrospective development study; no trial"),
        _item(T, "9", f"Model adequacy {DANGER}", "Methods", Severity.WARNING, Status.MANUAL,
              note="needs a human reader"),
        _item(T, "18e", "Code availability", "Open science", Severity.ERROR, Status.MISSING,
              note="no code availability statement found"),
        _item(T, "18f", "Data availability", "Open science", Severity.ERROR, Status.PARTIAL,
              [Evidence(Location("paper.md", 57), "Data are available from the authors on reasonable request.",
                        "text.data-availability", "partial")],
              note="weak form: on request only", author_note="Data-use agreement forbids sharing | see DUA §4"),
        _item(R, "seeds", "Random seeds recorded", "Computation", Severity.ERROR, Status.REPORTED,
              [Evidence(Location("code/train.py", 12), "np.random.seed(42)", "repo.seeds"),
               Evidence(Location("methods.yaml", 8), "seed: 42", "meta.seed")]),
        _item(R, "versions", "Software versions pinned — naïve µ 中文", "Computation", Severity.WARNING,
              Status.MISSING),
    ]


def gappy_findings() -> list[Finding]:
    return [
        Finding("tripod-ai.18e", "code-availability", Severity.ERROR,
                "Item 18e (code availability) is not reported", Location("paper.md"),
                items=("tripod-ai.18e",), fix="Add a code availability statement with a link and licence."),
        Finding("RND101", "unseeded-randomness", Severity.WARNING,
                "np.random.shuffle draws random numbers but no seed is set", Location("code/train.py", 30, 5),
                items=("repro-core.seeds", "tripod-ai.18f"), fix="Seed the generator once at start-up."),
        Finding("DEF201", "default-sensitive-call", Severity.INFO,
                f"RandomForestClassifier relies on a changed default {DANGER}",
                Location("code/my model.py", 7, 9, 8), related=(Location("paper.md", 60),),
                fix="Pass n_estimators explicitly, 100%, a,b:c\nsecond line"),
        rulebook.finding("GL002", "could not parse code/old.py: Python 2 syntax — ünïcödé", "code/old.py"),
        Finding("RND102", "torch-unseeded", Severity.ERROR, "torch.randn called with no torch seed",
                Location("code/net.py", 4, 1), suppressed="inline: # guidelint: ignore[RND102]"),
    ]


def gappy_report() -> Report:
    return Report(
        tool_version="0.1.0",
        inputs={"manuscript": "paper.md", "metadata": "methods.yaml", "repo": "code", "title": None},
        checklists=[
            {"id": "tripod-ai", "version": "2024", "title": "TRIPOD+AI",
             "source": {"citation": "Collins et al. BMJ 2024", "doi": "10.1136/bmj-2023-078378"},
             "sections": ["Title and abstract", "Methods", "Open science"]},
            {"id": "repro-core", "version": "1.0", "title": "Reproducibility core"},
        ],
        items=gappy_items(),
        findings=gappy_findings(),
        errors=["code/huge.csv: skipped, larger than the 5 MB cap"],
    )


SOURCES = {
    "code/train.py": "\n".join(f"line {n} of train.py" for n in range(1, 41)),
    "code/my model.py": "import x\n\n\n\n\nclf = RandomForestClassifier(\n    max_depth=3)  # </pre><script>bad()</script>\n",
    "paper.md": "\n".join(f"paper line {n}" for n in range(1, 70)),
}

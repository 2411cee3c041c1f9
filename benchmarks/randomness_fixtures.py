"""False alarms and misses of the unseeded-randomness rules on the labelled fixture repositories,
compared with the two heuristics existing tools use.

The fixtures under ``tests/repos/`` mark every expected finding on its line (``# expect:``).
Each *site* is a call that draws random numbers or needs a seed (a consumer, a seed-parameter
call without its seed, a generator built without a seed). A site is *positive* when it is
marked RND101 or RND102. The three deciders:

* guidelint — reports RND101/RND102 at the site;
* "any seed anywhere" — no site is reported when the repository contains any seeding call for
  any generator, else every site is (the rule of a seed checker that greps for seed calls);
* "__main__ modules only" — only sites in modules with an ``if __name__ == "__main__":``
  block are judged, and a site is reported unless that same module calls a seeding function
  for its generator (the rule of a per-file checker that misses seeds set in helpers).

    PYTHONPATH=. python benchmarks/randomness_fixtures.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.repo import scan  # noqa: E402
from linter.repo.facts import RepoFacts  # noqa: E402
from linter.repo.pyscan import _notebook, _python_file  # noqa: E402
from linter.repo.rngkb import knowledge  # noqa: E402
from linter.repo.walk import read_tree  # noqa: E402
from tests.repo_expectations import REPOS, expected  # noqa: E402

Site = tuple[str, int, "int | None"]  # path, line, notebook cell


def sites(root: Path) -> tuple[dict[Site, str], dict[str, set[str]], set[str], bool]:
    """Sites (-> family), families seeded per module, modules with a __main__ block, any seed."""
    kb = knowledge()
    files, _ = read_tree(root)
    facts = RepoFacts(root=str(root))
    out: dict[Site, str] = {}
    seeded: dict[str, set[str]] = {}
    mains: set[str] = set()
    any_seed = False
    for f in files:
        if f.text is None or not f.path.endswith((".py", ".ipynb")):
            continue
        res = _python_file(f, kb, facts) if f.path.endswith(".py") else _notebook(f, kb, facts)
        if res is None:
            continue
        info = res[0]
        if info.has_main_guard or info.is_notebook:
            mains.add(info.path)
        for scope in info.scopes.values():
            for ev in scope.events:
                line, extra = info.location(ev.line)
                site = (info.path, line, extra.get("cell"))
                if ev.kind == "seeder":
                    any_seed = True
                    seeded.setdefault(info.path, set()).update(ev.spec.families)
                elif ev.kind == "consumer":
                    out[site] = ev.family
                elif ev.kind in ("seedparam", "generator") and ev.status == "missing":
                    out[site] = "numpy" if ev.kind == "generator" or ev.spec.fallback == "numpy" else "own"
    return out, seeded, mains, any_seed


def score(name: str) -> list[tuple[str, int, int, int, int]]:
    root = REPOS / name
    site_family, seeded, mains, any_seed = sites(root)
    truth = {(p, line, cell) for code, p, line, _, cell in expected(root) if code in ("RND101", "RND102")}
    facts = scan(root)
    ours = {(f.location.path, f.location.line, f.data.get("cell")) for f in facts.findings
            if f.rule in ("RND101", "RND102") and f.suppressed is None}
    deciders = {
        "guidelint": lambda s, fam: s in ours,
        "any seed anywhere": lambda s, fam: not any_seed,
        "__main__ modules only": lambda s, fam: s[0] in mains and fam not in seeded.get(s[0], set()),
    }
    rows = []
    for label, decide in deciders.items():
        tp = fp = fn = tn = 0
        for site, fam in site_family.items():
            flagged, positive = decide(site, fam), site in truth
            tp += flagged and positive
            fp += flagged and not positive
            fn += (not flagged) and positive
            tn += (not flagged) and not positive
        rows.append((label, tp, fp, fn, tn))
    return rows


def main() -> int:
    totals: dict[str, list[int]] = {}
    names = sorted(p.name for p in REPOS.iterdir() if p.is_dir())
    print(f"{'repository':20s} {'decider':24s}  TP  FP  FN  TN")
    for name in names:
        for label, tp, fp, fn, tn in score(name):
            print(f"{name:20s} {label:24s} {tp:3d} {fp:3d} {fn:3d} {tn:3d}")
            t = totals.setdefault(label, [0, 0, 0, 0])
            for i, v in enumerate((tp, fp, fn, tn)):
                t[i] += v
    print()
    for label, (tp, fp, fn, tn) in totals.items():
        far = fp / (fp + tn) if fp + tn else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        print(f"{label:24s} sites {tp + fp + fn + tn:3d}  false-alarm rate {far:5.1%}  recall {recall:5.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

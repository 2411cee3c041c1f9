"""How fast is ``guidelint triage``, and does its memory stay flat as the batch grows?

Generates N realistic submissions in a temporary folder — a manuscript (Markdown, varied text
with or without seeds, versions, data and code statements), a methods.yaml for most, and a
small code folder (3-6 Python files, requirements, sometimes a README/licence) — as a mix of
folders and zip archives, about 1% of them broken (corrupt zip, binary manuscript, invalid
YAML, empty folder). Then triages them at 1 and at 2 jobs and prints:

- submissions per second at each job count (wall clock, whole run including start-up);
- the mean time one submission takes inside a worker (so the runner's own overhead shows);
- the resident memory of the runner and its workers after 250, 500 and 1,000 submissions
  (Linux /proc), and the peak (getrusage of this process and of its children).

Usage::

    python benchmarks/triage_speed.py [--count 1000] [--words 900] [--jobs 1,2] [--profile]

``--profile`` profiles 50 submissions in this process and prints what dominates.
Goal (issue 6): at least 50 submissions/s on 2 cores, memory flat as the batch grows.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linter.triage_run import run_triage  # noqa: E402

TOPICS = [("sepsis", "emergency department visits"), ("readmission", "hospital discharges"),
          ("acute kidney injury", "intensive care stays"), ("diabetic retinopathy", "retinal photographs"),
          ("atrial fibrillation", "ECG recordings"), ("delirium", "surgical admissions")]
MODELS = [("gradient-boosted trees", "xgboost", "XGBClassifier"), ("a random forest", "sklearn", "RandomForestClassifier"),
          ("logistic regression with an L2 penalty", "sklearn", "LogisticRegression"),
          ("a convolutional neural network", "torch", "Conv2d")]
FILLER = [
    "Candidate predictors were chosen from the literature and clinical input before any modelling.",
    "Missing values were imputed with chained equations, fitted on the training data only.",
    "Continuous predictors were standardised and categorical ones one-hot encoded.",
    "Calibration was assessed with calibration plots and the calibration slope.",
    "Discrimination was summarised by the area under the receiver operating characteristic curve.",
    "Decision curves compared net benefit across plausible threshold probabilities.",
    "Subgroup performance was examined by sex, age band and recruiting site.",
    "The outcome was ascertained from linked records by assessors unaware of the predictors.",
    "Eligible patients were adults with at least one recorded measurement in the window.",
    "Sensitivity analyses repeated the main analysis after excluding transferred patients.",
    "Confidence intervals were obtained by bootstrap resampling of patients.",
    "The study followed the institutional review board's conditions for secondary use of records.",
]


def manuscript(rng: random.Random, words: int) -> str:
    topic, population = rng.choice(TOPICS)
    model, _lib, _cls = rng.choice(MODELS)
    n, seed = rng.randint(800, 90000), rng.randint(1, 9999)
    parts = [f"# Predicting {topic} from {population}\n", "## Abstract\n",
             f"We developed and validated {model} to predict {topic} in {n:,} {population}.\n",
             "## Introduction\n", f"Early recognition of {topic} changes management. " * 2 + "\n", "## Methods\n"]
    if rng.random() < 0.7:
        parts.append(f"All random steps used a random seed of {seed}.\n")
    if rng.random() < 0.6:
        parts.append(f"Analyses used Python 3.{rng.randint(9, 12)}.{rng.randint(0, 9)} and scikit-learn 1.{rng.randint(0, 5)}.{rng.randint(0, 2)}.\n")
    if rng.random() < 0.5:
        parts.append(f"The final model used a learning rate of 0.0{rng.randint(1, 9)} and {rng.randint(1, 8) * 100} trees.\n")
    body = []
    while sum(len(p.split()) for p in parts + body) < words:
        body.append(" ".join(rng.sample(FILLER, 4)) + "\n")
    parts += body[: len(body) // 2] + ["## Results\n",
                                       f"The AUROC was 0.{rng.randint(70, 92)} (95% CI 0.{rng.randint(60, 69)}-0.{rng.randint(93, 97)}).\n"]
    parts += body[len(body) // 2:]
    if rng.random() < 0.6:
        parts.append("## Data availability\n\nThe data are available from the hospital data access committee on application.\n")
    if rng.random() < 0.6:
        parts.append(f"## Code availability\n\nCode is available at https://github.com/example/{topic.replace(' ', '-')} under the MIT licence.\n")
    return "\n".join(parts)


def code_files(rng: random.Random) -> dict[str, str]:
    seed = rng.randint(1, 9999)
    seeded = rng.random() < 0.6
    files = {
        "requirements.txt": "numpy==1.26.4\nscikit-learn==1.4.2\npandas\n" if rng.random() < 0.5 else "numpy\nscikit-learn\npandas\n",
        "src/data.py": "import pandas as pd\n\n\ndef load(path):\n    frame = pd.read_csv(path)\n    return frame.dropna()\n",
        "src/train.py": ("import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\n"
                         "from sklearn.model_selection import train_test_split\nfrom src.data import load\n\n\n"
                         "def main():\n" + (f"    np.random.seed({seed})\n" if seeded else "")
                         + "    frame = load('data/cohort.csv')\n    X, y = frame.drop(columns='y'), frame['y']\n"
                         + ("    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=%d)\n" % seed if seeded else
                            "    Xtr, Xte, ytr, yte = train_test_split(X, y)\n")
                         + "    model = RandomForestClassifier(n_estimators=%d)\n    model.fit(Xtr, ytr)\n    return model.score(Xte, yte)\n\n\n"
                           "if __name__ == '__main__':\n    main()\n" % (rng.randint(1, 8) * 100)),
        "src/evaluate.py": "from sklearn.metrics import roc_auc_score\n\n\ndef auroc(y, p):\n    return roc_auc_score(y, p)\n",
    }
    for i in range(rng.randint(0, 2)):
        files[f"src/util_{i}.py"] = "\n".join(f"def f{j}(x):\n    return x * {j}\n" for j in range(20))
    if rng.random() < 0.5:
        files["README.md"] = "# Code\n\nRun `python -m src.train`.\n\n## Data\n\nRequest access from the data committee.\n"
    if rng.random() < 0.5:
        files["LICENSE"] = "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n"
    return files


def generate(root: Path, count: int, words: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    kinds = {"folder": 0, "zip": 0, "broken": 0}  # folders and zips: the well-formed ones
    for i in range(count):
        name = f"sub-{i:05d}"
        files: dict[str, str | bytes] = {"paper.md": manuscript(rng, words)}
        if rng.random() < 0.8:
            files["methods.yaml"] = f"study:\n  type: development\nseeds:\n  values: [{rng.randint(1, 99)}]\n"
        files.update({f"code/{k}": v for k, v in code_files(rng).items()})
        if i % 100 == 99:  # 1% broken, four kinds
            kinds["broken"] += 1
            kind = (i // 100) % 4
            if kind == 0:
                (root / f"{name}.zip").write_bytes(b"PK\x03\x04 truncated upload")
                continue
            if kind == 3:
                (root / name).mkdir()
                continue
            if kind == 1:
                files["paper.md"] = b"\x89PNG\r\n\x1a\n\x00\x00" * 100
            else:
                files["methods.yaml"] = "study: [unclosed\n"
        broken = i % 100 == 99
        if rng.random() < 0.5:
            kinds["zip"] += not broken
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                for rel, content in files.items():
                    zf.writestr(f"{name}/{rel}", content)
            (root / f"{name}.zip").write_bytes(buf.getvalue())
        else:
            kinds["folder"] += not broken
            for rel, content in files.items():
                target = root / name / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return kinds


def _tree_rss_mb() -> tuple[float, float]:
    """(runner + workers, largest worker) resident memory in MiB, from /proc."""
    def rss(pid: int) -> float:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    me = os.getpid()
    try:
        kids = [int(p) for t in os.listdir(f"/proc/{me}/task")
                for p in Path(f"/proc/{me}/task/{t}/children").read_text().split()]
    except OSError:
        kids = []
    workers = [rss(k) for k in kids]
    return rss(me) + sum(workers), max(workers, default=0.0)


class MemoryWatch(threading.Thread):
    """Samples the tree's memory; records it when the results file passes each checkpoint."""

    def __init__(self, output: Path, checkpoints: list[int]):
        super().__init__(daemon=True)
        self.output, self.checkpoints = output, list(checkpoints)
        self.seen: dict[int, tuple[float, float]] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set() and self.checkpoints:
            try:
                rows = self.output.read_bytes().count(b"\n")
            except OSError:
                rows = 0
            while self.checkpoints and rows >= self.checkpoints[0]:
                self.seen[self.checkpoints.pop(0)] = _tree_rss_mb()
            time.sleep(0.05)


def run(folder: Path, jobs: int, out_dir: Path, count: int) -> None:
    output = out_dir / f"results-{jobs}.jsonl"
    # the last sample is taken just before the end, while the workers are still alive
    checkpoints = [c for c in (250, 500, 1000) if c < count] + [max(1, count - 2 * jobs)]
    watch = MemoryWatch(output, sorted(set(checkpoints)))
    watch.start()
    start = time.perf_counter()
    result = run_triage(folder, output, jobs=jobs, timeout_s=60, memory_mb=2048, progress=False)
    wall = time.perf_counter() - start
    time.sleep(0.1)
    watch.stop.set()
    watch.join()
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    inside = sum(r["duration_s"] for r in rows if r["status"] == "ok") / max(1, sum(r["status"] == "ok" for r in rows))
    print(f"jobs={jobs}: {len(rows)} rows ({result.errors} errors) in {wall:.1f} s = {len(rows) / wall:.1f} submissions/s; "
          f"mean {inside * 1000:.0f} ms per submission inside a worker")
    for n, (tree, worker) in sorted(watch.seen.items()):
        print(f"    after {n:>5} submissions: runner+workers RSS {tree:.0f} MiB, largest worker {worker:.0f} MiB")
    if len(watch.seen) >= 2:
        first, last = watch.seen[min(watch.seen)][0], watch.seen[max(watch.seen)][0]
        print(f"    memory {'flat' if last <= first * 1.2 + 20 else 'GROWING'} ({first:.0f} -> {last:.0f} MiB)")


def profile(folder: Path, n: int = 50) -> None:
    import cProfile
    import pstats

    from linter.triage import triage_one, warm_up

    warm_up({})
    paths = sorted(folder.iterdir())[:n]
    prof = cProfile.Profile()
    prof.enable()
    for p in paths:
        triage_one(str(p), {})
    prof.disable()
    print(f"\nprofile of {n} submissions in one process (top by cumulative time):")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(18)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--words", type=int, default=900, help="approximate words per manuscript")
    ap.add_argument("--jobs", default="1,2", help="comma-separated job counts")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="guidelint-triage-bench-"))
    try:
        folder = tmp / "submissions"
        folder.mkdir()
        t = time.perf_counter()
        kinds = generate(folder, args.count, args.words)
        papers = [f.stat().st_size for f in folder.glob("*/paper.md")]
        size = sum(papers) / max(1, len(papers))
        print(f"generated {args.count} submissions in {time.perf_counter() - t:.1f} s: {kinds['folder']} folders, "
              f"{kinds['zip']} zips, {kinds['broken']} broken; manuscripts ~{args.words} words (~{size / 1024:.0f} KiB)")
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
        print(f"cores available: {cores}; load average before the runs: {load}")
        for jobs in (int(j) for j in args.jobs.split(",")):
            run(folder, jobs, tmp, args.count)
        self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS: runner {self_peak:.0f} MiB, largest worker {child_peak:.0f} MiB")
        print("goal: >= 50 submissions/s at 2 jobs; memory flat as the batch grows")
        if args.profile:
            profile(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

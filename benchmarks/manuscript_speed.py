"""How fast are the manuscript checks? Read + evaluate time per manuscript, by manuscript size.

Writes synthetic clinical prediction-model manuscripts (Markdown, our own wording: title, abstract
with run-in labels, introduction, methods with sub-sections, a results table, discussion and
declarations; seeds, versions, hyperparameters, data and code statements present or absent at
random) of about 300, 900, 3,000 and 30,000 words and one of about 3 MB into a temporary folder,
then for each prints the best of N wall-clock times of

  read_manuscript + evaluate (checklists tripod-ai + repro-core, manuscript only),

the share of that time spent reading, the number of regex operations one evaluation performs
(``re.Pattern`` search/match/fullmatch/finditer/sub calls, counted with cProfile), and the load
average, since the machine may be shared.

    PYTHONPATH=. python benchmarks/manuscript_speed.py [--sizes 300,900,3000,30000,3mb] [--repeat 5]
    PYTHONPATH=. python benchmarks/manuscript_speed.py --profile 900   # what dominates at one size

Nothing is asserted: the numbers are printed for the notes (issue 6: triage >= 50 submissions/s).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.api import load_checklists  # noqa: E402
from linter.checks import Context  # noqa: E402
from linter.engine import Options, evaluate  # noqa: E402
from linter.manuscript import read_manuscript  # noqa: E402

CHECKLISTS = ["tripod-ai", "repro-core"]
THREE_MB = 3 * 1024 * 1024
CONDITIONS = ["postoperative delirium", "in-hospital cardiac arrest", "hypoglycaemia on the ward",
              "unplanned intensive care transfer", "early graft failure", "severe neonatal jaundice"]
SETTINGS = ["three teaching hospitals", "a regional health board", "two paediatric centres",
            "a national dialysis registry", "a network of rural clinics"]
LEARNERS = ["an elastic-net logistic model", "a gradient-boosted tree ensemble", "a random survival forest",
            "a small recurrent network over hourly vital signs", "a penalised Cox model"]
# Sentences written for this benchmark; {n}, {k}, {x} are filled with numbers so no two repeat exactly.
METHOD_POOL = [
    "Records from {n} admissions were linked across the electronic health record and the laboratory system.",
    "Patients younger than 18 years or with fewer than {k} recorded observations were not eligible.",
    "The outcome was defined from discharge coding and confirmed by two clinicians reading the notes.",
    "Predictors were measured within {k} hours of admission, before the outcome could be known.",
    "We considered {k} candidate predictors chosen with the clinical team rather than by univariable screening.",
    "Laboratory values above the 99.{k}th centile were truncated to limit the pull of extreme readings.",
    "Missing laboratory values were handled by multiple imputation with {k} imputed data sets.",
    "Continuous predictors were modelled with restricted cubic splines with {k} knots.",
    "Model performance was summarised by discrimination, calibration and net benefit.",
    "Calibration was shown with smoothed flexible curves and summarised by the calibration slope.",
    "Internal validation used bootstrap resampling with {n} replicates to estimate optimism.",
    "Temporal validation used admissions from the final {k} months, which were held out from all fitting.",
    "Performance was compared across sex, age group, ethnicity and deprivation quintile.",
    "Thresholds were chosen with the ward teams so that alerts stayed below {k} per shift.",
    "The learning rate was {x}, with a maximum tree depth of {k} and {n} boosting rounds.",
    "Hyperparameters were tuned by a grid search with five-fold cross-validation on the training period.",
    "All analyses used the random seed {n} for splitting, resampling and model initialisation.",
    "Analyses were run in Python 3.{k}.2 with scikit-learn 1.{k}.0, pandas 2.1.{k} and lifelines 0.2{k}.0.",
    "Training took about {k} hours on a single NVIDIA A100 graphics card with 40 GB of memory.",
    "The minimum sample size was calculated for a C-statistic of 0.{k}5 and an outcome rate of {k}%.",
    "Clinicians were blinded to the predictor values when they adjudicated the outcome.",
    "Data were split by patient so that no person appeared in both training and test sets.",
]
RESULT_POOL = [
    "The final cohort comprised {n} admissions, of whom {k}% experienced the outcome.",
    "The area under the ROC curve was 0.{k}{k} (95% CI 0.7{k} to 0.8{k}) in the held-out period.",
    "The calibration slope was 0.9{k}, suggesting slight overfitting that shrinkage largely corrected.",
    "Performance was lower in patients over 80 years, with a C-statistic of 0.7{k}.",
    "At the chosen threshold, sensitivity was {k}0% and specificity 8{k}%.",
    "Decision curve analysis showed net benefit over treating all patients between 5% and 3{k}% risk.",
    "Across {k} repeated splits the AUROC varied by at most 0.0{k}.",
    "Complete-case analysis gave estimates within 0.0{k} of the imputed results.",
]
DISCUSSION_POOL = [
    "The model relies on measurements that are routinely available within the first hours of a stay.",
    "A limitation is that coding practice changed during the study period at one of the sites.",
    "Prospective evaluation in other health systems is needed before the score is used in practice.",
    "The score should support, not replace, the judgement of the clinical team.",
    "We could not assess performance in children because too few were eligible.",
    "Recalibration may be required where the outcome rate differs from that in our population.",
]


def _fill(rng: random.Random, sentence: str) -> str:
    return sentence.format(n=rng.randint(120, 98000), k=rng.randint(2, 9), x=round(rng.uniform(0.005, 0.3), 3))


def _paragraphs(rng: random.Random, pool: list[str], words: int) -> list[str]:
    out, count = [], 0
    while count < words:
        sentences = min(len(pool), rng.randint(3, 6), max(1, (words - count) // 15))
        para = " ".join(_fill(rng, s) for s in rng.sample(pool, sentences))
        out += [para, ""]
        count += len(para.split())
    return out


def compose(words: int, seed: int = 1) -> str:
    """A Markdown manuscript of about ``words`` words (large ones repeat sub-sections with new numbers)."""
    asked = words
    text = _compose(words, seed)
    for _ in range(4):  # the fixed parts make short texts overshoot: rescale the budget
        got = len(text.split())
        if abs(got - asked) <= asked * 0.1:
            break
        words = max(1, int(words * asked / got))
        text = _compose(words, seed)
    return text


def _compose(words: int, seed: int) -> str:
    rng = random.Random(seed)
    condition, setting, learner = rng.choice(CONDITIONS), rng.choice(SETTINGS), rng.choice(LEARNERS)
    out = [f"# Predicting {condition} with {learner}: development and temporal validation", "",
           "## Abstract", "",
           f"**Objective.** To develop and validate {learner} that predicts {condition} in {setting}.", "",
           f"**Methods.** We used routinely collected records from {setting} ({rng.randint(2010, 2016)}-2022).", "",
           f"**Results.** The model discriminated well (AUROC 0.8{rng.randint(0, 9)}) and was well calibrated.", "",
           "**Conclusions.** The score could support earlier review by the outreach team.", "",
           "## Introduction", ""]
    out += _paragraphs(rng, DISCUSSION_POOL, max(20, words // 12))
    budget = max(60, words - words // 12 - words // 15 - 150)
    methods_share, results_share = budget * 6 // 10, budget * 3 // 10
    out += ["", "## Methods", ""]
    per_part = 400
    parts = max(1, methods_share // per_part)
    for part in range(parts):
        out += [f"### {rng.choice(['Participants', 'Predictors', 'Outcome', 'Statistical analysis', 'Model development'])}"
                + (f" ({part + 1})" if part else ""), ""]
        out += _paragraphs(rng, METHOD_POOL, methods_share // parts)
    out += ["", "## Results", ""]
    parts = max(1, results_share // per_part)
    for part in range(parts):
        out += _paragraphs(rng, RESULT_POOL, results_share // parts)
        if part % 5 == 0:
            out += ["| Model | AUROC | Calibration slope |", "|---|---|---|"]
            out += [f"| Variant {r} | 0.{rng.randint(70, 89)} | 0.{rng.randint(85, 99)} |" for r in range(rng.randint(3, 8))]
            out += [""]
    out += ["", "## Discussion", ""] + _paragraphs(rng, DISCUSSION_POOL, max(20, words // 15))
    out += _declarations(rng, condition)
    return "\n".join(out) + "\n"


def _declarations(rng: random.Random, condition: str) -> list[str]:
    out = []
    if rng.random() < 0.7:
        out += ["", "## Data availability", "", ("The data can be requested from the hospitals' data access committee; "
                                                 "they cannot be shared publicly because they contain patient records.")]
    if rng.random() < 0.7:
        slug = condition.replace(" ", "-")
        out += ["", "## Code availability", "", (f"The analysis code is available at https://github.com/example/{slug} "
                                                 "under the MIT licence.")]
    if rng.random() < 0.7:
        out += ["", "## Funding", "", f"This work was funded by a research council grant (number {rng.randint(1000, 9999)})."]
    if rng.random() < 0.7:
        out += ["", "## Competing interests", "", "The authors declare no competing interests."]
    if rng.random() < 0.7:
        out += ["", "## Ethics", "", "The study was approved by the regional research ethics committee, which waived consent."]
    return out


def compose_bytes(target: int, seed: int = 1) -> str:
    """A manuscript of about ``target`` bytes."""
    words = target // 7
    text = _compose(words, seed)
    while len(text.encode("utf-8")) < target * 0.95:
        words = int(words * target / max(1, len(text.encode("utf-8"))))
        text = _compose(words, seed)
    return text


def evaluate_file(path: Path) -> tuple[float, float]:
    """(read seconds, read + evaluate seconds) for one manuscript."""
    start = time.perf_counter()
    doc = read_manuscript(path)
    read = time.perf_counter() - start
    evaluate(Context(doc=doc), load_checklists(CHECKLISTS), Options(), {"manuscript": str(path)})
    return read, time.perf_counter() - start


def regex_calls(path: Path) -> int:
    """Regex operations (search, match, fullmatch, finditer, sub, findall) during one read + evaluate."""
    prof = cProfile.Profile()
    prof.enable()
    evaluate_file(path)
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    ops = ("search", "match", "fullmatch", "finditer", "sub", "subn", "findall", "split")
    return sum(s[1] for (_f, _l, name), s in stats.items()
               if any(name == f"<method '{op}' of 're.Pattern' objects>" for op in ops))


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="300,900,3000,30000,3mb", help="word counts, or '3mb' for a ~3 MB manuscript")
    ap.add_argument("--repeat", type=int, default=5, help="best of N (the 30,000-word and 3 MB ones run fewer times)")
    ap.add_argument("--profile", metavar="SIZE", help="profile one read + evaluate at this size and print the top")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="guidelint-manuscript-bench-"))
    try:
        load_checklists(CHECKLISTS)
        sizes = [args.profile] if args.profile else args.sizes.split(",")
        paths = {}
        for size in sizes:
            text = compose_bytes(THREE_MB) if size.lower() == "3mb" else compose(int(size))
            paths[size] = tmp / f"paper-{size}.md"
            paths[size].write_text(text, encoding="utf-8")
        evaluate_file(paths[sizes[0]])  # warm-up: imports, compiled patterns
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            evaluate_file(paths[args.profile])
            prof.disable()
            pstats.Stats(prof).sort_stats("tottime").print_stats(20)
            return
        print(f"{'size':>8} {'words':>8} {'KiB':>7} {'ms (best)':>10} {'read %':>7} {'regex ops':>10}  load")
        for size, path in paths.items():
            text = path.read_text(encoding="utf-8")
            big = len(text) > 200_000
            rounds = 1 if big else (2 if len(text) > 50_000 else args.repeat)
            timings = [evaluate_file(path) for _ in range(rounds)]
            read, total = min(timings, key=lambda t: t[1])
            ops = regex_calls(path) if not big else -1
            print(f"{size:>8} {len(text.split()):>8} {len(text) / 1024:>7.0f} {total * 1000:>10.1f} "
                  f"{100 * read / total:>6.0f}% {ops if ops >= 0 else 'n/a':>10}  {load()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

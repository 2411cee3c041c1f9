"""Evaluate a saved readmit30 model on the internal test set and the Northvale cohort.

    python evaluate.py --config config.yaml --seed 2024

Discrimination, calibration, Brier score, net benefit and subgroup performance, each with
percentile bootstrap intervals over patients. Writes results/seed-<seed>/performance.json.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from xgboost import XGBClassifier

from utils.data import GROUP, OUTCOME, design_matrix, load_cohort
from utils.seed import set_seed

SUBGROUPS = {"sex": "sex", "age_group": "age_group", "race_ethnicity": "race_ethnicity",
             "insurance": "medicaid"}


def calibration(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """Calibration-in-the-large (intercept with the logit as offset) and calibration slope."""
    logit = np.log(p / (1 - p)).reshape(-1, 1)
    slope = LogisticRegression(penalty=None, solver="lbfgs", max_iter=1000).fit(logit, y).coef_[0, 0]
    citl = np.log(y.mean() / (1 - y.mean())) - np.log(p.mean() / (1 - p.mean()))
    return float(citl), float(slope)


def net_benefit(y: np.ndarray, p: np.ndarray, threshold: float) -> float:
    flagged = p >= threshold
    n = len(y)
    tp = np.sum(flagged & (y == 1)) / n
    fp = np.sum(flagged & (y == 0)) / n
    return float(tp - fp * threshold / (1 - threshold))


def metrics(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    citl, slope = calibration(y, p)
    flagged = p >= threshold
    return {"auroc": roc_auc_score(y, p), "citl": citl, "slope": slope, "brier": brier_score_loss(y, p),
            "tpr": float(flagged[y == 1].mean()), "flagged": float(flagged.mean()),
            "net_benefit": net_benefit(y, p, threshold)}


def bootstrap(df: pd.DataFrame, p: np.ndarray, threshold: float, n_boot: int,
              rng: np.random.Generator) -> dict[str, list[float]]:
    """Point estimates with 95% percentile intervals, resampling patients (all their admissions)."""
    y = df[OUTCOME].to_numpy().astype(int)
    point = metrics(y, p, threshold)
    index_of = df.groupby(GROUP).indices
    patients = np.array(list(index_of))
    draws = []
    for _ in range(n_boot):
        chosen = rng.choice(patients, size=len(patients), replace=True)
        rows = np.concatenate([index_of[c] for c in chosen])
        draws.append(metrics(y[rows], p[rows], threshold))
    return {k: [point[k], *np.percentile([d[k] for d in draws], [2.5, 97.5]).tolist()] for k in point}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="config.yaml")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    cfg = yaml.safe_load(Path(args.config).read_text())
    seed = args.seed if args.seed is not None else cfg["seed"]
    rng = set_seed(seed)
    run = Path(cfg["outputs"]) / f"seed-{seed}"

    model = XGBClassifier()
    model.load_model(run / "model.json")
    columns = json.loads((run / "columns.json").read_text())
    threshold = cfg["evaluation"]["threshold"]
    n_boot = cfg["evaluation"]["n_bootstrap"]

    split = pd.read_parquet(run / "split.parquet")
    mimic = load_cohort("mimic").merge(split[["hadm_id", "part"]], on="hadm_id")
    cohorts = {"internal_test": mimic[mimic["part"] == "test"].reset_index(drop=True),
               "northvale": load_cohort("northvale")}
    results: dict[str, dict] = {}
    for name, df in cohorts.items():
        p = model.predict_proba(design_matrix(df, columns))[:, 1]
        results[name] = {"overall": bootstrap(df, p, threshold, n_boot, rng)}
        if name == "northvale":
            for hospital, part in df.groupby("hospital"):
                results[name][f"hospital={hospital}"] = bootstrap(
                    part.reset_index(drop=True), p[part.index.to_numpy()], threshold, n_boot, rng)
            for label, column in SUBGROUPS.items():
                for level, part in df.groupby(column):
                    results[name][f"{label}={level}"] = bootstrap(
                        part.reset_index(drop=True), p[part.index.to_numpy()], threshold, n_boot, rng)
            results[name]["lace_auroc"] = roc_auc_score(df[OUTCOME], df["lace_index"])
    (run / "performance.json").write_text(json.dumps(results, indent=2, default=float))
    print(json.dumps({k: v["overall"]["auroc"] for k, v in results.items()}, indent=2))


if __name__ == "__main__":
    main()

"""Evaluate a trained model on the held-out test set with bootstrap 95% confidence intervals."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import joblib
import numpy as np
import yaml
from sklearn.inspection import permutation_importance
from sklearn.metrics import brier_score_loss, roc_auc_score

from readmit.data import bootstrap_indices
from readmit.seeding import seed_everything


def bootstrap_ci(y: np.ndarray, p: np.ndarray, resamples: np.ndarray) -> dict:
    aucs, briers = [], []
    for idx in resamples:
        if len(np.unique(y[idx])) < 2:
            continue
        aucs.append(roc_auc_score(y[idx], p[idx]))
        briers.append(brier_score_loss(y[idx], p[idx]))
    return {
        "auroc": [float(v) for v in np.percentile(aucs, [2.5, 50, 97.5])],
        "brier": [float(v) for v in np.percentile(briers, [2.5, 50, 97.5])],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--test-set", default="runs/test_set.joblib")
    args = parser.parse_args()

    cfg = yaml.safe_load(Path(args.config).read_text(encoding="utf-8"))
    rng = seed_everything(cfg["seed"])
    model = joblib.load(args.model)
    X_test, y_test = joblib.load(args.test_set)
    p = model.predict_proba(X_test)[:, 1]
    y = y_test.to_numpy()

    resamples = bootstrap_indices(rng, len(y), cfg["n_bootstrap"])
    result = bootstrap_ci(y, p, resamples)
    importance = permutation_importance(model, X_test, y_test, n_repeats=20, scoring="roc_auc",
                                        random_state=cfg["seed"])
    result["permutation_importance"] = dict(zip(X_test.columns, importance.importances_mean.tolist()))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

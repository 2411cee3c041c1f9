"""Train the readmission models: ``readmit-train --config configs/train.yaml``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import joblib
import yaml
from sklearn.model_selection import StratifiedKFold, cross_val_score

from readmit.data import load_cohort, split_cohort
from readmit.model import gradient_boosting, logistic_baseline
from readmit.seeding import seed_everything


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Train the readmission models.")
    parser.add_argument("--config", required=True, help="YAML configuration file")
    parser.add_argument("--out", default="runs", help="folder for models and metrics")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    cfg = yaml.safe_load(Path(args.config).read_text(encoding="utf-8"))
    seed = cfg["seed"]
    seed_everything(seed)

    X, y = load_cohort(cfg["data_path"], cfg["outcome"])
    X_dev, X_test, y_dev, y_test = split_cohort(X, y, cfg["test_size"], seed)

    folds = StratifiedKFold(n_splits=cfg["cv_folds"], shuffle=True, random_state=seed)
    models = {"gbm": gradient_boosting(cfg["gbm"], seed), "logreg": logistic_baseline(cfg["logreg"])}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    summary = {}
    for name, model in models.items():
        scores = cross_val_score(model, X_dev, y_dev, cv=folds, scoring="roc_auc")
        model.fit(X_dev, y_dev)
        joblib.dump(model, out / f"{name}.joblib")
        summary[name] = {"cv_auroc_mean": float(scores.mean()), "cv_auroc_sd": float(scores.std())}
    joblib.dump((X_test, y_test), out / "test_set.joblib")
    (out / "cv_summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

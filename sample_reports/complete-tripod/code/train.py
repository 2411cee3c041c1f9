"""Tune, fit and save the readmit30 XGBoost model on the MIMIC-IV training patients.

    python train.py --config config.yaml            # master seed from the config
    python train.py --config config.yaml --seed 2027
    python train.py --config config.yaml --final-params final_params.yaml   # refit, no tuning

Writes results/seed-<seed>/ : model.json, columns.json, best_params.json, split.parquet.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import optuna
import pandas as pd
import yaml
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedGroupKFold
from xgboost import XGBClassifier

from utils.data import GROUP, OUTCOME, design_matrix, load_cohort
from utils.seed import set_seed


def patient_split(df: pd.DataFrame, test_fraction: float, rng: np.random.Generator) -> pd.Series:
    """Assign whole patients to train or test, stratified on whether they were ever readmitted."""
    ever = df.groupby(GROUP)[OUTCOME].max()
    test_ids: list[int] = []
    for _, ids in ever.groupby(ever):
        ids = ids.index.to_numpy()
        n_test = int(round(test_fraction * len(ids)))
        test_ids.extend(rng.choice(ids, size=n_test, replace=False).tolist())
    return df[GROUP].isin(test_ids).map({True: "test", False: "train"})


def suggest(trial: optuna.Trial, space: dict) -> dict:
    params = {}
    for name, spec in space.items():
        if isinstance(spec["low"], int) and isinstance(spec["high"], int):
            params[name] = trial.suggest_int(name, spec["low"], spec["high"])
        else:
            params[name] = trial.suggest_float(name, spec["low"], spec["high"], log=spec.get("log", False))
    return params


def tune(x: pd.DataFrame, y: pd.Series, groups: pd.Series, cfg: dict, seed: int) -> tuple[dict, int]:
    folds = list(StratifiedGroupKFold(n_splits=cfg["split"]["n_folds"], shuffle=True,
                                      random_state=seed).split(x, y, groups))
    best_rounds: dict[int, list[int]] = {}

    def objective(trial: optuna.Trial) -> float:
        params = {**cfg["fixed_params"], **suggest(trial, cfg["tuning"]["search_space"])}
        losses, rounds = [], []
        for train_idx, valid_idx in folds:
            model = XGBClassifier(**params, n_estimators=cfg["tuning"]["max_rounds"],
                                  early_stopping_rounds=cfg["tuning"]["early_stopping_rounds"],
                                  random_state=seed)
            model.fit(x.iloc[train_idx], y.iloc[train_idx],
                      eval_set=[(x.iloc[valid_idx], y.iloc[valid_idx])], verbose=False)
            losses.append(log_loss(y.iloc[valid_idx], model.predict_proba(x.iloc[valid_idx])[:, 1]))
            rounds.append(model.best_iteration + 1)
        best_rounds[trial.number] = rounds
        return float(np.mean(losses))

    study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=cfg["tuning"]["n_trials"])
    n_rounds = int(np.median(best_rounds[study.best_trial.number]))
    return study.best_params, n_rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="config.yaml")
    parser.add_argument("--seed", type=int, default=None, help="overrides `seed` in the config")
    parser.add_argument("--final-params", type=Path, default=None,
                        help="skip tuning and refit with these hyperparameters (e.g. final_params.yaml)")
    args = parser.parse_args()
    cfg = yaml.safe_load(Path(args.config).read_text())
    seed = args.seed if args.seed is not None else cfg["seed"]
    rng = set_seed(seed)

    df = load_cohort("mimic")
    df["part"] = patient_split(df, cfg["split"]["test_fraction"], rng)
    train = df[df["part"] == "train"].reset_index(drop=True)
    x, y = design_matrix(train), train[OUTCOME].astype(int)

    if args.final_params is not None:
        best = yaml.safe_load(args.final_params.read_text())
        n_rounds = best.pop("n_estimators")
    else:
        best, n_rounds = tune(x, y, train[GROUP], cfg, seed)
    final = XGBClassifier(**cfg["fixed_params"], **best, n_estimators=n_rounds, random_state=seed)
    final.fit(x, y, verbose=False)

    out = Path(cfg["outputs"]) / f"seed-{seed}"
    out.mkdir(parents=True, exist_ok=True)
    final.save_model(out / "model.json")
    (out / "columns.json").write_text(json.dumps(list(x.columns)))
    (out / "best_params.json").write_text(json.dumps({**best, "n_estimators": n_rounds}, indent=2))
    df[["hadm_id", GROUP, "part"]].to_parquet(out / "split.parquet")
    print(f"seed {seed}: {n_rounds} rounds, params {best}")


if __name__ == "__main__":
    main()

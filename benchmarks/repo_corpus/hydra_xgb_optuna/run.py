"""Train (and optionally tune) the AKI model:  python run.py model=xgb  |  python run.py tune=true"""
import logging
import random

import hydra
import numpy as np
import optuna
from omegaconf import DictConfig
from optuna.samplers import TPESampler
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split

from aki.features import load_table
from aki.models import build

log = logging.getLogger(__name__)


def tune(cfg: DictConfig, X, y):
    folds = StratifiedKFold(n_splits=cfg.cv.n_splits, shuffle=True, random_state=cfg.seed)

    def objective(trial):
        cfg.model.params.max_depth = trial.suggest_int("max_depth", 3, 8)
        cfg.model.params.learning_rate = trial.suggest_float("learning_rate", 0.01, 0.2, log=True)
        return cross_val_score(build(cfg.model, cfg.seed), X, y, cv=folds, scoring="roc_auc").mean()

    study = optuna.create_study(direction="maximize", sampler=TPESampler(seed=cfg.seed))
    study.optimize(objective, n_trials=cfg.n_trials)
    return study.best_params


@hydra.main(config_path="conf", config_name="config", version_base="1.3")
def main(cfg: DictConfig) -> float:
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    X, y = load_table(cfg.data.path, cfg.data.outcome)
    X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=cfg.data.test_size, stratify=y,
                                                    random_state=cfg.seed)
    if cfg.tune:
        best = tune(cfg, X_dev, y_dev)
        log.info("best parameters: %s", best)
        cfg.model.params.update(best)
    model = build(cfg.model, cfg.seed)
    model.fit(X_dev, y_dev)
    auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
    log.info("test AUROC %.4f", auc)
    return auc


if __name__ == "__main__":
    main()

"""Quick LightGBM search used for the supplementary table (S4)."""
import lightgbm as lgb
import optuna
from sklearn.model_selection import StratifiedKFold, cross_val_score

from aki.features import load_table

X, y = load_table("data/aki_48h.parquet", "aki_48h")
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)


def objective(trial):
    params = {
        "num_leaves": trial.suggest_int("num_leaves", 15, 127),
        "min_child_samples": trial.suggest_int("min_child_samples", 10, 100),
        "reg_lambda": trial.suggest_float("reg_lambda", 1e-3, 10.0, log=True),
    }
    model = lgb.LGBMClassifier(n_estimators=500, learning_rate=0.05, verbose=-1, **params)
    return cross_val_score(model, X, y, cv=folds, scoring="roc_auc").mean()


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=50)
print(study.best_params, study.best_value)

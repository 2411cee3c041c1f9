"""Model definitions. Hyperparameters come from the configuration file."""

from __future__ import annotations

from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def gradient_boosting(params: dict, seed: int):
    return make_pipeline(
        SimpleImputer(strategy="median"),
        GradientBoostingClassifier(
            n_estimators=params["n_estimators"],
            learning_rate=params["learning_rate"],
            max_depth=params["max_depth"],
            subsample=params["subsample"],
            random_state=seed,
        ),
    )


def logistic_baseline(params: dict):
    return make_pipeline(
        SimpleImputer(strategy="median"),
        StandardScaler(),
        LogisticRegression(C=params["C"], solver="lbfgs", max_iter=params["max_iter"]),
    )

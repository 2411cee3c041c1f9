"""Nested cross-validation: hyperparameters chosen in the inner loop, performance from the outer."""
import numpy as np
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold

from strokepred.pipeline import PARAM_GRID, make_pipeline


def nested_cv(X, y, seed: int, outer_folds: int = 5, inner_folds: int = 3):
    outer = StratifiedKFold(n_splits=outer_folds, shuffle=True, random_state=seed)
    inner = KFold(n_splits=inner_folds, shuffle=True)
    scores = []
    for train_idx, test_idx in outer.split(X, y):
        search = GridSearchCV(make_pipeline(seed), PARAM_GRID, cv=inner, scoring="roc_auc", n_jobs=-1)
        search.fit(X[train_idx], y[train_idx])
        scores.append(search.score(X[test_idx], y[test_idx]))
    return np.array(scores)

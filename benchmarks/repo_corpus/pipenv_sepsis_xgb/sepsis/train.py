"""Train and explain the early-sepsis model:  python -m sepsis.train"""
import joblib
import numpy as np
import pandas as pd
import shap
import xgboost as xgb
from imblearn.over_sampling import SMOTE
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold, train_test_split

from sepsis.config import DATA, N_ITER, OUTCOME, SEARCH_SPACE, SEED, TEST_SIZE


def main():
    rs = np.random.RandomState(SEED)
    df = pd.read_parquet(DATA)
    X, y = df.drop(columns=["encounter_id", OUTCOME]), df[OUTCOME]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=TEST_SIZE, stratify=y, random_state=rs)
    X_bal, y_bal = SMOTE().fit_resample(X_tr.fillna(X_tr.median()), y_tr)

    search = RandomizedSearchCV(
        xgb.XGBClassifier(n_estimators=400, subsample=0.8, eval_metric="logloss"),
        param_distributions=SEARCH_SPACE,
        n_iter=N_ITER,
        cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED),
        scoring="roc_auc",
    )
    search.fit(X_bal, y_bal)
    best = CalibratedClassifierCV(search.best_estimator_, cv=5, method="isotonic").fit(X_tr, y_tr)

    baselines = {
        "gbm": GradientBoostingClassifier(n_estimators=300, subsample=0.8).fit(X_bal, y_bal),
        "enet": LogisticRegression(solver="saga", penalty="elasticnet", l1_ratio=0.5, max_iter=5000,
                                   random_state=None).fit(X_bal, y_bal),
    }
    imp = permutation_importance(best, X_te, y_te, n_repeats=10, scoring="roc_auc", random_state=rs)
    shap_values = shap.TreeExplainer(search.best_estimator_).shap_values(X_te)
    joblib.dump({"model": best, "baselines": baselines, "importance": imp, "shap": shap_values}, "artifacts.joblib")


if __name__ == "__main__":
    main()

"""Repeated cross-validation comparison of tree ensembles (Figure 3):  python -m sepsis.compare"""
import numpy as np
import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

from sepsis.config import DATA, OUTCOME, SEED


def main():
    np.random.seed(SEED)
    df = pd.read_parquet(DATA).sample(frac=1.0, random_state=SEED)
    X, y = df.drop(columns=["encounter_id", OUTCOME]).fillna(0), df[OUTCOME]
    results = {}
    for repeat in range(10):
        skf = StratifiedKFold(n_splits=5, shuffle=True)
        et = ExtraTreesClassifier(n_estimators=500, min_samples_leaf=5)
        results[repeat] = cross_val_score(et, X, y, cv=skf, scoring="roc_auc")
    print(pd.DataFrame(results).describe())


if __name__ == "__main__":
    main()

"""Train the mortality model on MIMIC-IV (see README)."""
import argparse

import numpy as np
import pandas as pd
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupShuffleSplit, StratifiedKFold, cross_val_score
from xgboost import XGBClassifier

SEED = 2024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/xgb.yaml")
    args = parser.parse_args()
    cfg = yaml.safe_load(open(args.config))
    np.random.seed(SEED)
    df = pd.read_csv("data/cohort.csv")
    splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=SEED)
    train_idx, test_idx = next(splitter.split(df, groups=df["subject_id"]))
    train = df.iloc[train_idx]
    X, y = train.drop(columns=["died", "subject_id"]), train["died"]
    model = XGBClassifier(learning_rate=0.05, max_depth=6, n_estimators=400, colsample_bytree=0.8,
                          random_state=SEED)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    print(cross_val_score(model, X, y, cv=cv, scoring="roc_auc").mean())
    baseline = LogisticRegression(C=0.1, max_iter=1000)
    baseline.fit(X, y)


if __name__ == "__main__":
    main()

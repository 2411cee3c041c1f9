import argparse

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--folds", type=int, required=True)
    return p.parse_args()


def main() -> None:
    args = parse()
    np.random.seed(args.seed)
    df = pd.read_csv("data/hf.csv")
    X, y = df.drop(columns="readmit"), df["readmit"]
    forest = RandomForestClassifier(n_estimators=500, min_samples_leaf=5, random_state=args.seed)
    cv = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    print(cross_val_score(forest, X, y, cv=cv).mean())


if __name__ == "__main__":
    main()

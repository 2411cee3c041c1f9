"""Nested CV results for Table 2:  python scripts/run_cv.py data/stroke.csv"""
import sys

import numpy as np
import pandas as pd

from strokepred.cv import nested_cv

SEED = 11


def main(path):
    np.random.seed(SEED)
    df = pd.read_csv(path)
    X = df.drop(columns=["id", "stroke"]).to_numpy()
    y = df["stroke"].to_numpy()
    scores = nested_cv(X, y, seed=SEED)
    print(f"AUROC {scores.mean():.3f} (SD {scores.std():.3f}) over {len(scores)} outer folds")


if __name__ == "__main__":
    main(sys.argv[1])

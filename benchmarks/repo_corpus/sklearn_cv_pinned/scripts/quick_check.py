"""Sanity check of a plain random forest before the nested CV (not reported in the paper's tables)."""
import sys

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

df = pd.read_csv(sys.argv[1])
X = df.drop(columns=["id", "stroke"])
y = df["stroke"]
scores = cross_val_score(RandomForestClassifier(n_estimators=100), X, y, cv=StratifiedKFold(5, shuffle=True))
print(scores.mean())

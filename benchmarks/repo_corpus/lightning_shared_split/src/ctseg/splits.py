"""Patient-level cross-validation folds."""
import json

import numpy as np


def make_folds(case_ids, k=5):
    perm = np.random.permutation(len(case_ids))
    return [[case_ids[i] for i in part] for part in np.array_split(perm, k)]


def save_folds(folds, path):
    with open(path, "w") as fh:
        json.dump({f"fold{i}": ids for i, ids in enumerate(folds)}, fh, indent=1)


def load_folds(path):
    with open(path) as fh:
        data = json.load(fh)
    return [data[f"fold{i}"] for i in range(len(data))]

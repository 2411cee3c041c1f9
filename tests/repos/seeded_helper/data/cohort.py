"""Load the ICU cohort and split it by patient."""
import numpy as np
import pandas as pd
from numpy import random as npr
from sklearn.model_selection import GroupShuffleSplit, train_test_split as tts

TEST_FRACTION = 0.2
SPLIT_SEED = 17


def load_cohort(path):
    frame = pd.read_csv(path)
    frame = frame.dropna(subset=["sepsis_onset"])
    return frame


def split_patients(frame):
    splitter = GroupShuffleSplit(n_splits=1, test_size=TEST_FRACTION, random_state=SPLIT_SEED)
    train_idx, test_idx = next(splitter.split(frame, groups=frame["patient_id"]))
    return frame.iloc[train_idx], frame.iloc[test_idx]


def holdout(frame, seed):
    return tts(frame, test_size=TEST_FRACTION, random_state=seed, stratify=frame["sepsis_onset"])


def jitter(values, scale=0.01):
    # draws from NumPy's global generator: seeded by train.py through utils.set_seed
    return values + npr.normal(0.0, scale, size=values.shape)


def bootstrap_indices(n, seed=7):
    rng = np.random.default_rng(seed)
    return rng.integers(0, n, size=n)

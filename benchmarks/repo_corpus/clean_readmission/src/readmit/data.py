"""Load the cohort table and split it into development and test sets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

FEATURES = [
    "age", "female", "los_days", "n_prior_admissions", "charlson", "sodium", "creatinine",
    "hemoglobin", "bnp_log", "discharge_to_snf",
]


def load_cohort(path: str | Path, outcome: str) -> tuple[pd.DataFrame, pd.Series]:
    df = pd.read_csv(path)
    df = df.sort_values("hadm_id").reset_index(drop=True)
    return df[FEATURES], df[outcome].astype(int)


def split_cohort(X: pd.DataFrame, y: pd.Series, test_size: float, seed: int):
    """Stratified development/test split; the seed fixes which admissions are held out."""
    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)


def bootstrap_indices(rng: np.random.Generator, n: int, n_boot: int) -> np.ndarray:
    """Row indices for ``n_boot`` bootstrap resamples, drawn from the caller's generator."""
    return rng.integers(0, n, size=(n_boot, n))

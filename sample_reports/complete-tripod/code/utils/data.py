"""Load the cohort extracts and turn them into model matrices.

The extracts are parquet files written by the SQL in `sql/`; their location comes from the
`READMIT30_DATA` environment variable (see README), never from a path in the code.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

LAB_RANGES = {  # plausible ranges; values outside are set to missing (paper: Data preparation)
    "haemoglobin": (3.0, 25.0),
    "sodium": (100.0, 180.0),
    "potassium": (1.5, 9.0),
    "creatinine": (0.1, 20.0),
    "urea": (1.0, 300.0),
    "albumin": (0.5, 6.5),
    "wbc": (0.1, 200.0),
    "platelets": (5.0, 1500.0),
}
CATEGORICAL = ["sex", "insurance", "admission_type", "discharge_destination"]
NUMERIC = ["age", "length_of_stay", "prior_admissions_12m", "prior_ed_visits_12m", "charlson_index",
           "n_discharge_medications", *LAB_RANGES]
COMORBIDITY_FLAGS = ["heart_failure", "copd", "diabetes", "ckd", "active_cancer", "liver_disease",
                     "dementia", "depression", "substance_use"]
OUTCOME = "readmit_30d"
GROUP = "subject_id"


def data_dir() -> Path:
    root = os.environ.get("READMIT30_DATA")
    if not root:
        raise SystemExit("Set READMIT30_DATA to the folder holding the cohort extracts (see README).")
    return Path(root)


def load_cohort(name: str) -> pd.DataFrame:
    """Read `<name>.parquet` (mimic or northvale) from the data folder."""
    df = pd.read_parquet(data_dir() / f"{name}.parquet")
    for lab, (low, high) in LAB_RANGES.items():
        df.loc[(df[lab] < low) | (df[lab] > high), lab] = np.nan
    return df


def design_matrix(df: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """One-hot encode the categorical predictors; keep numeric predictors untransformed."""
    x = pd.get_dummies(df[CATEGORICAL + NUMERIC + COMORBIDITY_FLAGS], columns=CATEGORICAL, dtype=float)
    if columns is not None:
        x = x.reindex(columns=columns, fill_value=0.0)
    return x

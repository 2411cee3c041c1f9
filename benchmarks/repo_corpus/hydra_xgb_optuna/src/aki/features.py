"""Feature table for the AKI model."""
import pandas as pd

DROP = ["stay_id", "subject_id", "aki_48h"]


def load_table(path: str, outcome: str):
    df = pd.read_parquet(path)
    return df.drop(columns=DROP), df[outcome].astype(int)

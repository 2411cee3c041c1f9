"""Predict 30-day readmission risk for new discharges from a CSV file.

    python predict.py --model results/seed-2024 --input new_discharges.csv --output risks.csv

The CSV needs the predictor columns listed in the README; missing laboratory values may be left
empty. No randomness is involved in prediction.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd
from xgboost import XGBClassifier

from utils.data import design_matrix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="folder with model.json and columns.json")
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--threshold", type=float, default=0.20)
    args = parser.parse_args()

    model = XGBClassifier()
    model.load_model(args.model / "model.json")
    columns = json.loads((args.model / "columns.json").read_text())
    df = pd.read_csv(args.input)
    df["risk"] = model.predict_proba(design_matrix(df, columns))[:, 1]
    df["refer"] = df["risk"] >= args.threshold
    df.to_csv(args.output, index=False)


if __name__ == "__main__":
    main()

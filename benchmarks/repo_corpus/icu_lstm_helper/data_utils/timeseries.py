"""Hourly ICU time series: loading, per-stay tensors and batching."""
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset

VARIABLES = ["heart_rate", "sbp", "dbp", "resp_rate", "spo2", "temperature", "gcs", "lactate", "creatinine"]


def load_stays(data_dir, max_hours=48):
    data_dir = Path(data_dir)
    hourly = pd.read_parquet(data_dir / "hourly.parquet")
    hourly = hourly[hourly["hour"] < max_hours].sort_values(["stay_id", "hour"])
    labels = pd.read_csv(data_dir / "labels.csv").set_index("stay_id")["hospital_death"]
    means = hourly[VARIABLES].mean()
    stds = hourly[VARIABLES].std()
    hourly[VARIABLES] = ((hourly[VARIABLES] - means) / stds).fillna(0.0)
    return hourly, labels


class StayDataset(Dataset):
    def __init__(self, hourly, labels, stay_ids):
        groups = hourly[hourly["stay_id"].isin(stay_ids)].groupby("stay_id")
        self.items = [(torch.tensor(g[VARIABLES].to_numpy(np.float32)), float(labels[sid])) for sid, g in groups]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def collate_stays(batch):
    xs, ys = zip(*batch)
    lengths = torch.tensor([len(x) for x in xs])
    padded = torch.nn.utils.rnn.pad_sequence(xs, batch_first=True)
    return padded, lengths, torch.tensor(ys)

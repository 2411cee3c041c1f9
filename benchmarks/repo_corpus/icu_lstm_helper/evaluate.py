"""Evaluate a checkpoint on the test stays, with bootstrap confidence intervals."""
import argparse
import json

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import average_precision_score, roc_auc_score
from torch.utils.data import DataLoader

from data_utils.timeseries import VARIABLES, StayDataset, collate_stays, load_stays
from models import MortalityLSTM
from utils.repro import count_parameters

N_BOOT = 1000


def bootstrap_ci(y, p, metric, n_boot=N_BOOT):
    stats = []
    n = len(y)
    for _ in range(n_boot):
        idx = np.random.choice(n, n, replace=True)
        if len(np.unique(y[idx])) < 2:
            continue
        stats.append(metric(y[idx], p[idx]))
    return [float(v) for v in np.percentile(stats, [2.5, 97.5])]


@torch.no_grad()
def predict(model, loader):
    model.eval()
    probs, ys = [], []
    for x, lengths, y in loader:
        probs.append(torch.sigmoid(model(x, lengths)).numpy())
        ys.append(y.numpy())
    return np.concatenate(ys), np.concatenate(probs)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--data-dir", default="data")
    parser.add_argument("--test-ids", default="data/test_ids.csv")
    args = parser.parse_args()

    hourly, labels = load_stays(args.data_dir)
    test_ids = pd.read_csv(args.test_ids)["stay_id"].to_numpy()
    loader = DataLoader(StayDataset(hourly, labels, test_ids), batch_size=256, shuffle=False, collate_fn=collate_stays)

    model = MortalityLSTM(len(VARIABLES))
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    print(f"{count_parameters(model)} parameters")
    y, p = predict(model, loader)
    report = {
        "auroc": roc_auc_score(y, p),
        "auroc_ci": bootstrap_ci(y, p, roc_auc_score),
        "auprc": average_precision_score(y, p),
        "auprc_ci": bootstrap_ci(y, p, average_precision_score),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

"""Train the sepsis-onset model: python train.py --data cohort.csv --seed 2024"""
import argparse

import numpy as np
import torch
from sklearn.ensemble import RandomForestClassifier
from torch.utils.data import DataLoader, TensorDataset

from data.cohort import holdout, jitter, load_cohort, split_patients
from models.net import OnsetNet
from utils import set_seed
from utils.seed import make_deterministic

SEED = 2024


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="cohort.csv")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--epochs", type=int, default=20)
    return parser.parse_args()


def fit_forest(train):
    forest = RandomForestClassifier(n_estimators=300, min_samples_leaf=5)  # expect: RND103@RandomForestClassifier
    forest.fit(train.drop(columns=["sepsis_onset"]), train["sepsis_onset"])
    return forest


def fit_net(train, epochs):
    x = torch.tensor(jitter(train.drop(columns=["sepsis_onset"]).values), dtype=torch.float32)
    y = torch.tensor(train["sepsis_onset"].values, dtype=torch.float32)
    loader_gen = torch.Generator()
    loader_gen.manual_seed(SEED)
    loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True, generator=loader_gen)
    model = OnsetNet(x.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    for _ in range(epochs):
        for xb, yb in loader:
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
    return model


def main():
    args = parse_args()
    set_seed(args.seed)
    make_deterministic()
    frame = load_cohort(args.data)
    train, test = split_patients(frame)
    dev, val = holdout(train, seed=args.seed)
    order = np.random.permutation(len(dev))
    fit_forest(dev.iloc[order])
    fit_net(dev, args.epochs)


if __name__ == "__main__":
    main()

"""Train the wound segmentation model:  python train.py --epochs 80"""
import argparse

import pandas as pd
import pytorch_lightning as pl
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler

from wound.data import WoundDataset
from wound.model import TinyUNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=80)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    pl.seed_everything(args.seed)
    train_ds = WoundDataset("data/train.csv", augment=True, seed=args.seed)
    weights = torch.tensor(pd.read_csv("data/train.csv")["sample_weight"].to_numpy(), dtype=torch.double)
    sampler = WeightedRandomSampler(weights, num_samples=len(weights), replacement=True)
    loader = DataLoader(train_ds, batch_size=args.batch_size, sampler=sampler, num_workers=4)
    trainer = pl.Trainer(max_epochs=args.epochs, benchmark=True, accelerator="auto")
    trainer.fit(TinyUNet(lr=args.lr), loader)


if __name__ == "__main__":
    main()

"""Command line entry point (installed as ``ctseg-train``)."""
import argparse

import lightning as L
import torch
from monai.data import DataLoader, list_data_collate

from ctseg.data import make_dataset
from ctseg.model import LesionSegmenter
from ctseg.splits import load_folds


def main():
    parser = argparse.ArgumentParser(description="Train one cross-validation fold")
    parser.add_argument("--data-root", required=True)
    parser.add_argument("--folds", default="configs/folds.json")
    parser.add_argument("--fold", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--patch", type=int, nargs=3, default=[96, 96, 64])
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    L.seed_everything(args.seed, workers=True)
    folds = load_folds(args.folds)
    train_ids = [i for k, ids in enumerate(folds) if k != args.fold for i in ids]
    g = torch.Generator()
    g.manual_seed(args.seed)
    loader = DataLoader(make_dataset(args.data_root, train_ids, args.patch), batch_size=2, shuffle=True,
                        num_workers=4, collate_fn=list_data_collate, generator=g)
    subset = torch.randperm(len(train_ids), generator=g)[:8]
    print("example training cases:", [train_ids[i] for i in subset])

    trainer = L.Trainer(max_epochs=args.epochs, deterministic=True, precision="16-mixed", log_every_n_steps=10)
    trainer.fit(LesionSegmenter(lr=args.lr), loader)

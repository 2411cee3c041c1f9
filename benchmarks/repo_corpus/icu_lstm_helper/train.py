"""Train the LSTM mortality model on the first 48 h of each ICU stay."""
import argparse
import logging
from pathlib import Path

import numpy as np
import torch
import yaml
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader

from data_utils.timeseries import VARIABLES, StayDataset, collate_stays, load_stays
from models import MortalityLSTM
from utils.repro import count_parameters, seed_everything

log = logging.getLogger("train")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--config", default="config.yaml")
    p.add_argument("--seed", type=int, default=None, help="overrides the seed in the config file")
    p.add_argument("--out", default="runs/lstm")
    return p.parse_args()


def run_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    total = 0.0
    for x, lengths, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x, lengths), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
    return total / len(loader.dataset)


@torch.no_grad()
def validate(model, loader, device):
    model.eval()
    probs, ys = [], []
    for x, lengths, y in loader:
        probs.append(torch.sigmoid(model(x.to(device), lengths)).cpu().numpy())
        ys.append(y.numpy())
    return roc_auc_score(np.concatenate(ys), np.concatenate(probs))


def main():
    args = parse_args()
    cfg = yaml.safe_load(Path(args.config).read_text())
    seed = args.seed if args.seed is not None else cfg["seed"]
    seed_everything(seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    hourly, labels = load_stays(cfg["data_dir"], cfg["max_hours"])
    stay_ids = labels.index.to_numpy()
    train_ids, val_ids = train_test_split(stay_ids, test_size=cfg["val_fraction"], stratify=labels.to_numpy(),
                                          random_state=seed)
    train_loader = DataLoader(StayDataset(hourly, labels, train_ids), batch_size=cfg["train"]["batch_size"],
                              shuffle=True, collate_fn=collate_stays, num_workers=4)
    val_loader = DataLoader(StayDataset(hourly, labels, val_ids), batch_size=256, collate_fn=collate_stays)

    mc = cfg["model"]
    model = MortalityLSTM(len(VARIABLES), mc["hidden_size"], mc["num_layers"], mc["dropout"]).to(device)
    log.info("model has %d parameters", count_parameters(model))
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg["train"]["lr"], weight_decay=cfg["train"]["weight_decay"])
    loss_fn = torch.nn.BCEWithLogitsLoss()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    best, waited = 0.0, 0
    for epoch in range(cfg["train"]["epochs"]):
        loss = run_epoch(model, train_loader, optimizer, loss_fn, device)
        auc = validate(model, val_loader, device)
        log.info("epoch %d loss %.4f val AUROC %.4f", epoch, loss, auc)
        if auc > best:
            best, waited = auc, 0
            torch.save(model.state_dict(), out / "best.pt")
        else:
            waited += 1
            if waited >= cfg["train"]["patience"]:
                break


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()

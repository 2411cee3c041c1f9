"""Length-of-stay regression: random forest vs. MLP.  python run_experiment.py configs/los.yaml"""
import sys

import numpy as np
import pandas as pd
import torch
from numpy import random as npr
from sklearn.ensemble import RandomForestRegressor as RFR
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split as tts
from torch.utils.data import DataLoader, TensorDataset

from helpers.model import mlp
from helpers.setup import init_run

RANDOM_STATE = 0
LABEL_NOISE = npr.normal(0.0, 0.05, size=1000)


def fit_mlp(cfg, X_tr, y_tr):
    c = cfg["mlp"]
    net = mlp(X_tr.shape[1], c["hidden"], c["dropout"])
    g = torch.Generator().manual_seed(cfg["seed"])
    ds = TensorDataset(torch.tensor(X_tr, dtype=torch.float32), torch.tensor(y_tr, dtype=torch.float32))
    loader = DataLoader(ds, batch_size=c["batch_size"], shuffle=True, generator=g)
    opt = torch.optim.Adam(net.parameters(), lr=c["lr"])
    for _ in range(c["epochs"]):
        for xb, yb in loader:
            opt.zero_grad()
            loss = torch.nn.functional.l1_loss(net(xb).squeeze(1), yb)
            loss.backward()
            opt.step()
    return net


def main(config_path):
    cfg = init_run(config_path)
    df = pd.read_csv(cfg["data"])
    X = df.drop(columns=["stay_id", cfg["target"]]).to_numpy(np.float32)
    y = df[cfg["target"]].to_numpy(np.float32) + LABEL_NOISE[: len(df)]
    X_tr, X_te, y_tr, y_te = tts(X, y, test_size=cfg["test_size"], random_state=cfg["seed"])

    rf = RFR(n_estimators=cfg["rf"]["n_estimators"], min_samples_leaf=cfg["rf"]["min_samples_leaf"],
             random_state=RANDOM_STATE)
    rf.fit(X_tr, y_tr)
    net = fit_mlp(cfg, X_tr, y_tr)
    with torch.no_grad():
        mlp_pred = net.eval()(torch.tensor(X_te)).squeeze(1).numpy()

    rng = np.random.default_rng(42)
    boot = [mean_absolute_error(y_te[i], mlp_pred[i]) for i in (rng.integers(0, len(y_te), len(y_te)) for _ in range(500))]
    print("RF MAE", mean_absolute_error(y_te, rf.predict(X_te)))
    print("MLP MAE", mean_absolute_error(y_te, mlp_pred), "95% CI", np.percentile(boot, [2.5, 97.5]))


if __name__ == "__main__":
    main(sys.argv[1])

"""Readmission model without seeds (a realistic first draft)."""
import argparse
import random

import numpy as np
import optuna
import torch  # expect: RND106@import torch
import torch.nn as nn
from lightgbm import LGBMClassifier
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split
from sklearn.svm import SVC
from xgboost import XGBClassifier

N_FOLDS = 5
SHUFFLE = True


def make_models():
    return {
        "lr": LogisticRegression(max_iter=500),
        "lr_liblinear": LogisticRegression(solver="liblinear"),  # expect: RND102@LogisticRegression
        "svc": SVC(kernel="rbf"),
        "svc_proba": SVC(probability=True),  # expect: RND102@SVC
        "dummy": DummyClassifier(strategy="most_frequent"),
        "dummy_random": DummyClassifier(strategy="stratified"),  # expect: RND102@DummyClassifier
        "gb": GradientBoostingClassifier(n_estimators=200),  # expect: RND102@GradientBoostingClassifier
        "rf_seeded": RandomForestClassifier(random_state=7),
        "rf_none": RandomForestClassifier(random_state=None),  # expect: RND102@RandomForestClassifier
        "xgb": XGBClassifier(n_estimators=300, subsample=0.8),
        "lgbm": LGBMClassifier(num_leaves=31),
    }


def folds():
    plain = KFold(n_splits=N_FOLDS)
    shuffled = StratifiedKFold(n_splits=N_FOLDS, shuffle=True)  # expect: RND102@StratifiedKFold
    via_constant = KFold(n_splits=N_FOLDS, shuffle=SHUFFLE)  # expect: RND102@KFold
    return plain, shuffled, via_constant


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(20, 8), nn.ReLU())  # expect: RND101@nn.Linear
        self.head = nn.Linear(8, 1)  # expect: RND101@nn.Linear

    def forward(self, x):
        return self.head(self.body(x))


def tune(objective):
    study = optuna.create_study(direction="maximize")  # expect: RND102@optuna.create_study
    study.optimize(objective, n_trials=20)
    seeded = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=3))
    return study, seeded


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)  # expect: RND105@parser.add_argument
    args = parser.parse_args()
    print("running with seed", args.seed)
    X = np.random.rand(200, 20)  # expect: RND101@np.random.rand
    y = (X[:, 0] > 0.5).astype(int)
    ids = list(range(200))
    random.shuffle(ids)  # expect: RND101@random.shuffle
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25)  # expect: RND102@train_test_split
    rng = np.random.default_rng()  # expect: RND101@np.random.default_rng
    noise = torch.randn(10)  # expect: RND101@torch.randn
    net = Net()
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        loss = net(torch.tensor(X_tr, dtype=torch.float32)).mean()
        loss.backward()
        opt.step()
    for model in make_models().values():
        model.fit(X_tr, y_tr)
    return rng, noise, folds(), ids


if __name__ == "__main__":
    main()

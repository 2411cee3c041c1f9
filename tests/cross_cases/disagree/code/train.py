import random

import numpy as np
import torch
from sklearn.model_selection import KFold, train_test_split
from torch import nn

from model import SepsisLSTM

random.seed(7)
np.random.seed(7)
torch.manual_seed(7)


def run(X, y):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=7)
    folds = KFold(n_splits=5, shuffle=True, random_state=7)
    model = SepsisLSTM(hidden_size=128, num_layers=2, dropout=0.3)
    optimiser = torch.optim.Adam(model.parameters(), lr=0.01)
    loader = torch.utils.data.DataLoader(list(zip(X_train, y_train)), batch_size=64, shuffle=True)
    for epoch in range(50):
        for xb, yb in loader:
            optimiser.zero_grad()
            loss = nn.functional.binary_cross_entropy_with_logits(model(xb), yb)
            loss.backward()
            optimiser.step()
    return model, folds


if __name__ == "__main__":
    data = np.load("data/features.npy")
    run(data[:, :-1], data[:, -1])

import torch.nn as nn


class TriageNet(nn.Module):
    """Built by train.py (seeded) and by evaluate.py (weights loaded, nothing trained)."""

    def __init__(self, n_in):
        super().__init__()
        self.body = nn.Linear(n_in, 32)
        self.drop = nn.Dropout(0.2)
        self.head = nn.Linear(32, 1)

    def forward(self, x):
        return self.head(self.drop(self.body(x)))

"""Shared model code, used by both training scripts."""
import numpy as np
import torch.nn as nn


def shuffled(indices):
    return np.random.permutation(indices)  # expect: RND101@np.random.permutation


class MortalityHead(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.drop = nn.Dropout(0.1)  # expect: RND101@nn.Dropout
        self.out = nn.Linear(width, 1)  # expect: RND101@nn.Linear

    def forward(self, x):
        return self.out(self.drop(x))

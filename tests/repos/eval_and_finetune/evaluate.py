"""Scores the saved model: loads its weights, trains nothing."""
import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from nets.classifier import TriageNet

BOOTSTRAP_NOISE = np.random.normal(size=3)  # expect: RND101@np.random.normal


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)  # expect: RND105@parser.add_argument
    args = parser.parse_args()
    net = TriageNet(8)
    net.load_state_dict(torch.load("net.pt"))
    net.eval()
    data = TensorDataset(torch.zeros(4, 8))
    loader = DataLoader(data, batch_size=2, shuffle=True)  # expect: RND101@DataLoader
    return [net(x) for (x,) in loader], args


if __name__ == "__main__":
    main()

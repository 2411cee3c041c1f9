import argparse

import torch

from common import seed_all
from nets.classifier import TriageNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    seed_all(args.seed)
    net = TriageNet(8)
    opt = torch.optim.Adam(net.parameters())
    loss = net(torch.zeros(4, 8)).sum()
    loss.backward()
    opt.step()
    torch.save(net.state_dict(), "net.pt")


if __name__ == "__main__":
    main()

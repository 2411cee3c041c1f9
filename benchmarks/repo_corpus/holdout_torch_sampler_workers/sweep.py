"""Learning-rate sweep on a fixed subset (Figure S4):  python sweep.py"""
import torch
from torch.utils.data import DataLoader, Subset

from wound import utils
from wound.data import WoundDataset
from wound.model import TinyUNet

utils.fix_seed(2)
full = WoundDataset("data/train.csv")
subset = Subset(full, torch.randperm(len(full))[:200].tolist())
for lr in (1e-4, 3e-4, 1e-3):
    model = TinyUNet(lr=lr)
    opt = model.configure_optimizers()
    for x, y in DataLoader(subset, batch_size=8, shuffle=True):
        opt.zero_grad()
        loss = model.training_step((x, y), 0)
        loss.backward()
        opt.step()
    print(lr, float(loss))

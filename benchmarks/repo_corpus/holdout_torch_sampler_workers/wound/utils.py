import torch


def fix_seed(seed=0):
    torch.manual_seed(seed)

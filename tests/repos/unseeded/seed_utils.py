"""A seeding helper that nothing imports: its seeds do not count for train.py."""
import random

import numpy as np
import torch


def seed_everything(seed=0):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)

import random

import numpy as np
import torch


def set_seed(seed=None):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def make_rng(seed):
    return np.random.default_rng(seed)

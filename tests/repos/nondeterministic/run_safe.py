"""Deterministic counterparts: nothing to report."""
import random

import numpy as np
import torch

BASE_SEED = 99


def main(seed=BASE_SEED):
    random.seed(seed)
    np.random.seed(random.randint(0, 10_000))
    torch.manual_seed(seed)
    return np.random.rand(2), torch.rand(2)


if __name__ == "__main__":
    main()

"""Seeding calls that ask for fresh entropy."""
import random

import numpy as np
import pytorch_lightning as pl
import torch


def main():
    random.seed()  # expect: RND104@random.seed
    np.random.seed(None)  # expect: RND104@np.random.seed
    torch.seed()  # expect: RND104@torch.seed
    pl.seed_everything()  # expect: RND104@pl.seed_everything
    np.random.seed(random.randint(0, 10_000))  # expect: RND104@np.random.seed
    return random.random(), np.random.rand(), torch.rand(1)


if __name__ == "__main__":
    main()

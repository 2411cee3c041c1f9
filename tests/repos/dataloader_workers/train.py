import numpy as np
import torch
from torch.utils.data import DataLoader

from datasets import AugmentedScans, CroppedScans, PlainScans


def reseed(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)


def main(images, workers):
    torch.manual_seed(0)
    augmented = AugmentedScans(images, seed=1)
    risky = DataLoader(augmented, batch_size=8, num_workers=4)  # expect: RND108@DataLoader
    inherited = DataLoader(CroppedScans(images), num_workers=2)  # expect: RND108@DataLoader
    fixed = DataLoader(augmented, batch_size=8, num_workers=4, worker_init_fn=reseed)
    single = DataLoader(augmented, batch_size=8, num_workers=0)
    plain = DataLoader(PlainScans(images), batch_size=8, num_workers=4)
    return risky, inherited, fixed, single, plain


if __name__ == "__main__":
    main([], 2)

import numpy as np
import torch
from torch.utils.data import Dataset


class AugmentedScans(Dataset):
    """Keeps its own generator: copied into every worker with the same state."""

    def __init__(self, images, seed=0):
        self.images = images
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        flip = self.rng.random() < 0.5
        img = self.images[idx]
        return torch.flip(img, dims=[-1]) if flip else img


class PlainScans(Dataset):
    def __init__(self, images):
        self.images = images

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        return self.images[idx]


class CroppedScans(AugmentedScans):
    pass

"""Wound photographs with tissue-class masks."""
import numpy as np
import pandas as pd
import torch
from PIL import Image
from torch.utils.data import Dataset


class WoundDataset(Dataset):
    def __init__(self, table_csv, augment=False, seed=0):
        self.table = pd.read_csv(table_csv)
        self.augment = augment
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.table)

    def __getitem__(self, i):
        row = self.table.iloc[i]
        image = np.asarray(Image.open(row["image"]).convert("RGB"), dtype=np.float32) / 255.0
        mask = np.asarray(Image.open(row["mask"]), dtype=np.int64)
        if self.augment and self.rng.random() < 0.5:
            image, mask = image[:, ::-1].copy(), mask[:, ::-1].copy()
        return torch.from_numpy(image).permute(2, 0, 1), torch.from_numpy(mask)

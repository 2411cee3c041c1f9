"""Split the annotated images into training and validation tables:  python prepare.py"""
import pandas as pd
import torch
from torch.utils.data import random_split

table = pd.read_csv("data/annotations.csv")
train_idx, val_idx = random_split(range(len(table)), [0.8, 0.2])
table.iloc[list(train_idx)].to_csv("data/train.csv", index=False)
table.iloc[list(val_idx)].to_csv("data/val.csv", index=False)
print(len(train_idx), "train /", len(val_idx), "val;", torch.__version__)

"""CT volumes and masks as MONAI datasets."""
from pathlib import Path

from monai import transforms as mt
from monai.data import Dataset


def case_files(root, ids):
    root = Path(root)
    return [{"image": str(root / "images" / f"{i}.nii.gz"), "label": str(root / "labels" / f"{i}.nii.gz")} for i in ids]


def train_transforms(patch):
    return mt.Compose([
        mt.LoadImaged(keys=["image", "label"]),
        mt.EnsureChannelFirstd(keys=["image", "label"]),
        mt.ScaleIntensityRanged(keys="image", a_min=-200, a_max=250, b_min=0.0, b_max=1.0, clip=True),
        mt.RandCropByPosNegLabeld(keys=["image", "label"], label_key="label", spatial_size=patch, num_samples=4),
        mt.RandFlipd(keys=["image", "label"], prob=0.5, spatial_axis=0),
    ])


def make_dataset(root, ids, patch):
    return Dataset(case_files(root, ids), transform=train_transforms(patch))

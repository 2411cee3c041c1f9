"""Train a ResNet-50 melanoma classifier from ImageNet weights.

    python train.py --train-csv splits/train.csv --val-csv splits/val.csv --image-dir images --seed 3
"""
import argparse

import torch
from sklearn.metrics import roc_auc_score
from torch import nn
from torch.utils.data import DataLoader
from torchvision.models import ResNet50_Weights, resnet50

from common import LesionDataset, build_transforms, set_seed


def get_args():
    parser = argparse.ArgumentParser(description="Train the melanoma classifier")
    parser.add_argument("--train-csv", required=True)
    parser.add_argument("--val-csv", required=True)
    parser.add_argument("--image-dir", required=True)
    parser.add_argument("--epochs", type=int, default=25)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=3)
    return parser.parse_args()


def main():
    args = get_args()
    set_seed(args.seed)
    torch.backends.cudnn.benchmark = True
    device = "cuda" if torch.cuda.is_available() else "cpu"

    train_ds = LesionDataset(args.train_csv, args.image_dir, build_transforms(train=True))
    val_ds = LesionDataset(args.val_csv, args.image_dir, build_transforms(train=False))
    train_loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=8, pin_memory=True)
    val_loader = DataLoader(val_ds, batch_size=64, num_workers=8)

    model = resnet50(weights=ResNet50_Weights.IMAGENET1K_V2)
    model.fc = nn.Sequential(nn.Dropout(args.dropout), nn.Linear(model.fc.in_features, 1))
    model = model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    criterion = nn.BCEWithLogitsLoss()

    for epoch in range(args.epochs):
        model.train()
        for images, labels in train_loader:
            images, labels = images.to(device), labels.float().to(device)
            optimizer.zero_grad()
            loss = criterion(model(images).squeeze(1), labels)
            loss.backward()
            optimizer.step()
        scheduler.step()

        model.eval()
        scores, targets = [], []
        with torch.no_grad():
            for images, labels in val_loader:
                scores.append(torch.sigmoid(model(images.to(device))).squeeze(1).cpu())
                targets.append(labels)
        auc = roc_auc_score(torch.cat(targets).numpy(), torch.cat(scores).numpy())
        print(f"epoch {epoch + 1}: val AUROC {auc:.4f}")
        torch.save(model.state_dict(), f"checkpoints/resnet50_epoch{epoch + 1}.pt")


if __name__ == "__main__":
    main()

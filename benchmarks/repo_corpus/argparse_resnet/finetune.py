"""Fine-tune the trained classifier on the external hospital's images (Table 3)."""
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision.models import resnet50

from common import LesionDataset, build_transforms


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--image-dir", required=True)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=1e-5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    model = resnet50()
    model.fc = nn.Sequential(nn.Dropout(0.2), nn.Linear(model.fc.in_features, 1))
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model.fc[1] = nn.Linear(model.fc[1].in_features, 1)

    dataset = LesionDataset(args.csv, args.image_dir, build_transforms(train=True))
    loader = DataLoader(dataset, batch_size=16, shuffle=True)
    optimizer = torch.optim.Adam(model.fc.parameters(), lr=args.lr)
    criterion = nn.BCEWithLogitsLoss()
    for _ in range(args.epochs):
        model.train()
        for images, labels in loader:
            optimizer.zero_grad()
            loss = criterion(model(images).squeeze(1), labels.float())
            loss.backward()
            optimizer.step()
    torch.save(model.state_dict(), "checkpoints/finetuned.pt")


if __name__ == "__main__":
    main()

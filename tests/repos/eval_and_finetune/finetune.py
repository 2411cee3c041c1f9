"""Fine-tunes from a checkpoint; NumPy is seeded in the __main__ block, torch is not."""
import numpy as np
import torch
import torch.nn as nn
import torchvision
from sklearn.ensemble import RandomForestClassifier

PRE_NOISE = np.random.rand(2)  # expect: RND101@np.random.rand


def main():
    torch.backends.cudnn.deterministic = True
    backbone = torchvision.models.resnet18()
    backbone.fc = nn.Sequential(nn.Dropout(0.5), nn.Linear(512, 2))  # expect: RND101@nn.Dropout
    backbone.load_state_dict(torch.load("backbone.pt"))
    backbone.fc = nn.Linear(512, 3)  # expect: RND101@nn.Linear
    opt = torch.optim.SGD(backbone.fc.parameters(), lr=0.01)
    loss = backbone(torch.zeros(1, 3, 32, 32)).sum()
    loss.backward()
    opt.step()
    return backbone, RandomForestClassifier()  # expect: RND103@RandomForestClassifier


if __name__ == "__main__":
    np.random.seed(3)
    main()

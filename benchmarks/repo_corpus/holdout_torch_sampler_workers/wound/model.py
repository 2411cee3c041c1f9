import pytorch_lightning as pl
import torch
from torch import nn


class TinyUNet(pl.LightningModule):
    def __init__(self, n_classes=4, lr=3e-4):
        super().__init__()
        self.save_hyperparameters()
        self.enc = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU())
        self.head = nn.Conv2d(32, n_classes, 1)
        self.loss = nn.CrossEntropyLoss()

    def forward(self, x):
        return self.head(self.enc(x))

    def training_step(self, batch, _):
        x, y = batch
        loss = self.loss(self(x), y)
        self.log("loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)

"""3D U-Net wrapped in a LightningModule."""
import lightning as L
import torch
from monai.losses import DiceCELoss
from monai.networks.nets import UNet
from torch import nn


class LesionSegmenter(L.LightningModule):
    def __init__(self, lr=1e-4, dropout=0.1):
        super().__init__()
        self.save_hyperparameters()
        self.net = UNet(spatial_dims=3, in_channels=1, out_channels=2, channels=(16, 32, 64, 128, 256),
                        strides=(2, 2, 2, 2), num_res_units=2, dropout=dropout)
        self.refine = nn.Conv3d(2, 2, kernel_size=3, padding=1)
        self.loss = DiceCELoss(to_onehot_y=True, softmax=True)

    def forward(self, x):
        return self.refine(self.net(x))

    def training_step(self, batch, batch_idx):
        loss = self.loss(self(batch["image"]), batch["label"])
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)

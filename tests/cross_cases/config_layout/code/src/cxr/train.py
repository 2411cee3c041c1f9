import hydra
import torch
from omegaconf import DictConfig
from torchvision.models import densenet121

from cxr.utils import set_seed


@hydra.main(config_path="../../conf", config_name="train", version_base=None)
def main(cfg: DictConfig) -> None:
    set_seed(cfg.seed)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    model = densenet121(weights="DEFAULT")
    optimiser = torch.optim.AdamW(model.parameters(), lr=cfg.optim.lr, weight_decay=cfg.optim.weight_decay)
    print(optimiser)


if __name__ == "__main__":
    main()

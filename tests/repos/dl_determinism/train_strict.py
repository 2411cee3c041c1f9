import torch
from torch.utils.data import DataLoader, TensorDataset

from trainers.determinism import strict_mode
from trainers.loop import run_epochs


def main():
    torch.manual_seed(0)
    strict_mode()
    data = TensorDataset(torch.zeros(8, 2), torch.zeros(8, 1))
    run_epochs(torch.nn.Linear(2, 1), DataLoader(data, batch_size=4))


if __name__ == "__main__":
    main()

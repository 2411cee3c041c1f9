"""Same training loop, no determinism setting on this path."""
import torch  # expect: RND106@import torch
from torch.utils.data import DataLoader, TensorDataset

from trainers.loop import run_epochs

if __name__ == "__main__":
    torch.manual_seed(0)
    data = TensorDataset(torch.zeros(8, 2), torch.zeros(8, 1))
    run_epochs(torch.nn.Linear(2, 1), DataLoader(data, batch_size=4))

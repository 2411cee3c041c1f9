from torch import nn


def mlp(n_in: int, hidden: list, dropout: float) -> nn.Sequential:
    layers = []
    for width in hidden:
        layers += [nn.Linear(n_in, width), nn.ReLU(), nn.Dropout(dropout)]
        n_in = width
    layers.append(nn.Linear(n_in, 1))
    return nn.Sequential(*layers)

"""Library code that no entry point uses, but that seeds through its own helper."""
import numpy as np

from .seeding import seed_all


def setup(seed=0):
    seed_all(seed)


def noisy(x):
    return x + np.random.normal(size=len(x))

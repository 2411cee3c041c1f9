"""One place that seeds every random number generator the pipeline uses."""

from __future__ import annotations

import os
import random

import numpy as np


def set_seed(seed: int) -> np.random.Generator:
    """Seed Python's `random`, NumPy's global generator and hash randomisation.

    Returns a NumPy Generator built from the same seed; code that needs random numbers
    should draw from it (or pass `seed` on to the library call) instead of the global state.
    """
    os.environ["PYTHONHASHSEED"] = str(seed)
    random.seed(seed)
    np.random.seed(seed)
    return np.random.default_rng(seed)

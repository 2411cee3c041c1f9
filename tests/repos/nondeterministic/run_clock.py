"""Seeds taken from the clock and the OS."""
import os
import time
from datetime import datetime

import jax
import numpy as np
import torch
from sklearn.model_selection import train_test_split

from helpers import make_rng, set_seed


def main():
    np.random.seed(int(time.time()))  # expect: RND104@np.random.seed
    stamp = datetime.now().microsecond
    torch.manual_seed(stamp)  # expect: RND104@torch.manual_seed
    key = jax.random.PRNGKey(int.from_bytes(os.urandom(4), "little"))  # expect: RND104@jax.random.PRNGKey
    fixed_key = jax.random.PRNGKey(0)
    set_seed(int(time.time()))  # expect: RND104@set_seed
    set_seed()  # expect: RND104@set_seed
    set_seed(None)  # expect: RND104@set_seed
    set_seed(123)
    rng = make_rng(None)  # expect: RND101@make_rng
    good = make_rng(5)
    data = np.arange(10)
    parts = train_test_split(data, random_state=int(time.time()))  # expect: RND104@train_test_split
    return key, fixed_key, rng, good, parts, np.random.rand(3), torch.rand(2)


if __name__ == "__main__":
    main()

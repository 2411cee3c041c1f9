# Power simulation for the prospective validation (Supplement S2).
import random

import numpy as np

random.seed()
rng = np.random.default_rng()


def simulate_auc(n_pos, n_neg, true_auc, reps=2000):
    shift = np.sqrt(2) * 1.0 * (true_auc - 0.5) * 3
    hits = 0
    for _ in range(reps):
        pos = rng.normal(shift, 1.0, n_pos)
        neg = rng.normal(0.0, 1.0, n_neg)
        auc = (pos[:, None] > neg[None, :]).mean()
        hits += auc > 0.75
    return hits / reps


for n in (50, 100, 200, 400):
    jitter = random.uniform(0.0, 0.01)
    print(n, simulate_auc(n, 4 * n, 0.82 + jitter))

"""Figure 1: five example stays with their predicted length of stay (illustration only)."""
import random

import matplotlib.pyplot as plt
import pandas as pd

df = pd.read_csv("data/los_features.csv")
ids = df["stay_id"].tolist()
shown = random.sample(ids, 5)  # guidelint: ignore[RND101] illustrative figure, not a result
preview = df.sample(n=5)
fig, axes = plt.subplots(1, 5, figsize=(15, 3))
for ax, stay in zip(axes, shown):
    ax.bar(["observed"], df.loc[df.stay_id == stay, "los_days"])
    ax.set_title(str(stay))
fig.savefig("figures/fig1_examples.png", dpi=200)
print(preview)

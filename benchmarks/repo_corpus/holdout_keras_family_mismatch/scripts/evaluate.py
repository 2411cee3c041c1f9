"""Test-set macro AUROC with a permutation test against the cardiologists' labels (Table 2)."""
import numpy as np
import tensorflow as tf
from sklearn.metrics import roc_auc_score
from tensorflow import keras

from ecgnet.data import load_arrays

model = keras.models.load_model("checkpoints/ecgnet.keras")
x, y = load_arrays("data/ptbxl_test.npz")
scores = model.predict(x, batch_size=256)
observed = roc_auc_score(y, scores, average="macro")

null = []
for _ in range(1000):
    shuffled = tf.random.shuffle(tf.constant(y)).numpy()
    null.append(roc_auc_score(shuffled, scores, average="macro"))
print(f"macro AUROC {observed:.3f}, permutation p = {np.mean(np.array(null) >= observed):.4f}")

"""Windows of 12-lead ECG as a tf.data pipeline."""
import numpy as np
import tensorflow as tf


def load_arrays(path):
    with np.load(path) as z:
        return z["x"].astype("float32"), z["y"].astype("float32")


def pipeline(x, y, batch_size, train):
    ds = tf.data.Dataset.from_tensor_slices((x, y))
    if train:
        ds = ds.shuffle(buffer_size=4096, reshuffle_each_iteration=True)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)

"""Make TensorFlow runs repeatable (call before building any model)."""
import os

import tensorflow as tf


def set_global_determinism(seed: int) -> None:
    os.environ["PYTHONHASHSEED"] = str(seed)
    os.environ["TF_DETERMINISTIC_OPS"] = "1"
    tf.keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()

"""Training-time augmentation: additive Gaussian noise and random amplitude scaling."""
import tensorflow as tf


def augment(x, y, noise_std):
    x = x + tf.random.normal(tf.shape(x), stddev=noise_std)
    x = x * tf.random.uniform([], 0.9, 1.1)
    return x, y

"""tf.data input pipeline for chest X-ray images."""
import tensorflow as tf
from tensorflow.keras import layers

from src import config

AUTOTUNE = tf.data.AUTOTUNE


def _load(path, label):
    image = tf.io.decode_png(tf.io.read_file(path), channels=1)
    image = tf.image.resize(image, (config.IMG_SIZE, config.IMG_SIZE)) / 255.0
    return image, label


def augmenter():
    return tf.keras.Sequential([
        layers.RandomFlip("horizontal"),
        layers.RandomRotation(0.05),
        layers.RandomZoom(0.1),
    ])


def make_dataset(paths, labels, training):
    ds = tf.data.Dataset.from_tensor_slices((paths, labels)).map(_load, num_parallel_calls=AUTOTUNE)
    if training:
        aug = augmenter()
        ds = ds.shuffle(config.SHUFFLE_BUFFER)
        ds = ds.map(lambda x, y: (aug(x, training=True), y), num_parallel_calls=AUTOTUNE)
    return ds.batch(config.BATCH_SIZE).prefetch(AUTOTUNE)

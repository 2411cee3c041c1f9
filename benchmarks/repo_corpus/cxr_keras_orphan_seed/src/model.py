"""A plain VGG-style CNN."""
from tensorflow.keras import layers, models

from src import config


def build_cnn():
    inputs = layers.Input(shape=(config.IMG_SIZE, config.IMG_SIZE, 1))
    x = inputs
    for filters in config.FILTERS:
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D()(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(config.DENSE_UNITS, activation="relu")(x)
    x = layers.Dropout(config.DROPOUT)(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    return models.Model(inputs, outputs, name="cxr_cnn")

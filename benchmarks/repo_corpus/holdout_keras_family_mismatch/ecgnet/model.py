"""1D ResNet-style classifier for 12-lead ECG."""
from tensorflow import keras
from tensorflow.keras import layers


def residual_block(x, filters):
    shortcut = layers.Conv1D(filters, 1, padding="same")(x)
    x = layers.Conv1D(filters, 7, padding="same", activation="relu")(x)
    x = layers.Dropout(0.2)(x)
    x = layers.Conv1D(filters, 7, padding="same")(x)
    return layers.ReLU()(layers.Add()([x, shortcut]))


def build_model(n_samples, n_leads, n_classes, width=64, depth=4):
    inputs = keras.Input((n_samples, n_leads))
    x = inputs
    for i in range(depth):
        x = residual_block(x, width * 2 ** (i // 2))
        x = layers.MaxPooling1D(2)(x)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(n_classes, activation="sigmoid")(x)
    return keras.Model(inputs, outputs)

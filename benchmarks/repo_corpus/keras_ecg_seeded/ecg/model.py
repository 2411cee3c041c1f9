"""CNN-LSTM for atrial fibrillation detection from single-lead ECG."""
import tensorflow as tf
from tensorflow import keras


def build_model(cfg, n_samples):
    inputs = keras.Input(shape=(n_samples, 1))
    x = inputs
    for filters in cfg["filters"]:
        x = keras.layers.Conv1D(filters, cfg["kernel_size"], padding="same", activation="relu")(x)
        x = keras.layers.MaxPooling1D(4)(x)
    x = keras.layers.LSTM(cfg["lstm_units"])(x)
    x = keras.layers.Dropout(cfg["dropout"])(x)
    outputs = keras.layers.Dense(1, activation="sigmoid")(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(cfg["learning_rate"]), loss="binary_crossentropy",
                  metrics=[keras.metrics.AUC(name="auroc")])
    return model

"""Hyperparameter search with Keras Tuner (Supplementary Table S1)."""
import keras_tuner as kt
from tensorflow import keras

from ecgnet.data import load_arrays, pipeline
from ecgnet.model import build_model

x, y = load_arrays("data/ptbxl_500hz.npz")
n_val = len(x) // 10


def build(hp):
    model = build_model(x.shape[1], x.shape[2], y.shape[1], width=hp.Choice("width", [32, 64, 128]),
                        depth=hp.Int("depth", 2, 6))
    model.compile(keras.optimizers.Adam(hp.Float("lr", 1e-4, 1e-2, sampling="log")), loss="binary_crossentropy")
    return model


tuner = kt.RandomSearch(build, objective="val_loss", max_trials=30, directory="tuning", project_name="ecgnet")
tuner.search(pipeline(x[n_val:], y[n_val:], 128, train=True), validation_data=pipeline(x[:n_val], y[:n_val], 128, train=False),
             epochs=15)
print(tuner.get_best_hyperparameters()[0].values)

"""Train the AF detector:  python train.py --config config.json"""
import argparse
import json
from functools import partial

import tensorflow as tf
from sklearn.model_selection import train_test_split

from ecg.augment import augment
from ecg.io import load_windows
from ecg.model import build_model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="config.json")
    args = parser.parse_args()
    with open(args.config) as fh:
        cfg = json.load(fh)

    tf.keras.utils.set_random_seed(cfg["seed"])
    tf.config.experimental.enable_op_determinism()

    X, y = load_windows(cfg["data_dir"], cfg["sampling_rate"], cfg["window_seconds"])
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=cfg["test_size"], stratify=y,
                                              random_state=cfg["seed"])
    train_ds = (tf.data.Dataset.from_tensor_slices((X_tr, y_tr))
                .shuffle(len(X_tr), seed=cfg["seed"])
                .map(partial(augment, noise_std=cfg["noise_std"]))
                .batch(cfg["batch_size"]))
    test_ds = tf.data.Dataset.from_tensor_slices((X_te, y_te)).batch(cfg["batch_size"])

    model = build_model(cfg, X.shape[1])
    model.fit(train_ds, validation_data=test_ds, epochs=cfg["epochs"])
    model.save("af_detector.keras")


if __name__ == "__main__":
    main()

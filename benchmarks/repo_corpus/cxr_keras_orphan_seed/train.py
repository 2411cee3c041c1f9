"""Train the chest X-ray classifier."""
import argparse
import os

import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

from src import config
from src.data import make_dataset
from src.model import build_cnn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--image-dir", required=True)
    parser.add_argument("--labels", required=True)
    parser.add_argument("--out", default="model.keras")
    args = parser.parse_args()

    df = pd.read_csv(args.labels)
    paths = [os.path.join(args.image_dir, f) for f in df["filename"]]
    y = df["pneumonia"].to_numpy()
    p_train, p_test, y_train, y_test = train_test_split(paths, y, test_size=config.TEST_SIZE, stratify=y)

    model = build_cnn()
    model.compile(optimizer=tf.keras.optimizers.Adam(config.LEARNING_RATE), loss="binary_crossentropy",
                  metrics=[tf.keras.metrics.AUC(name="auroc")])
    model.fit(make_dataset(p_train, y_train, training=True), epochs=config.EPOCHS,
              validation_data=make_dataset(p_test, y_test, training=False))
    model.save(args.out)

    probs = model.predict(make_dataset(p_test, y_test, training=False)).ravel()
    print(classification_report(y_test, (probs >= 0.5).astype(int)))
    print("test prevalence", np.mean(y_test))


if __name__ == "__main__":
    main()

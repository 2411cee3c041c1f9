"""Multi-label ECG classification (PTB-XL superclasses).  python train.py --data data/ptbxl_500hz.npz"""
import argparse
import random

import numpy as np
from sklearn.model_selection import train_test_split
from tensorflow import keras

from ecgnet.data import load_arrays, pipeline
from ecgnet.model import build_model

SEED = 31


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    args = parser.parse_args()

    random.seed(SEED)
    np.random.seed(SEED)

    x, y = load_arrays(args.data)
    x_tr, x_val, y_tr, y_val = train_test_split(x, y, test_size=0.1, random_state=SEED)
    model = build_model(x.shape[1], x.shape[2], y.shape[1])
    model.compile(keras.optimizers.Adam(args.lr), loss="binary_crossentropy",
                  metrics=[keras.metrics.AUC(multi_label=True, name="macro_auroc")])
    model.fit(pipeline(x_tr, y_tr, args.batch_size, train=True), epochs=args.epochs,
              validation_data=pipeline(x_val, y_val, args.batch_size, train=False))
    model.save("checkpoints/ecgnet.keras")


if __name__ == "__main__":
    main()

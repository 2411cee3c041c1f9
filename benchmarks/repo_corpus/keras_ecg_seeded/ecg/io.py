"""Read PhysioNet/CinC 2017 records and cut them into fixed windows."""
from pathlib import Path

import numpy as np
import pandas as pd
import wfdb
from scipy.signal import butter, filtfilt


def bandpass(signal, fs, low=0.5, high=40.0, order=4):
    b, a = butter(order, [low / (fs / 2), high / (fs / 2)], btype="band")
    return filtfilt(b, a, signal)


def load_windows(data_dir, fs, seconds):
    data_dir = Path(data_dir)
    ref = pd.read_csv(data_dir / "REFERENCE.csv", header=None, names=["record", "label"])
    n = fs * seconds
    X, y = [], []
    for record, label in ref.itertuples(index=False):
        signal = wfdb.rdrecord(str(data_dir / record)).p_signal[:, 0]
        signal = bandpass(signal, fs)[:n]
        X.append(np.pad(signal, (0, n - len(signal))))
        y.append(int(label == "A"))
    return np.stack(X)[..., None].astype("float32"), np.array(y)

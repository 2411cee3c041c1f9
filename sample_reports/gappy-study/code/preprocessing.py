import numpy as np
import pandas as pd
from sklearn.preprocessing import LabelEncoder, MinMaxScaler

NUMERIC_COLS = ['age', 'bp', 'sg', 'al', 'su', 'bgr', 'bu', 'sc', 'sod', 'pot', 'hemo', 'pcv', 'wc', 'rc']
NOMINAL_COLS = ['rbc', 'pc', 'pcc', 'ba', 'htn', 'dm', 'cad', 'appet', 'pe', 'ane']


def clean(df):
    df = df.drop(columns=['id'])
    # some numeric columns are read as text because of stray tab characters
    for col in ['pcv', 'wc', 'rc']:
        df[col] = pd.to_numeric(df[col].astype(str).str.strip(), errors='coerce')
    df['classification'] = df['classification'].str.strip().replace({'ckd': 1, 'notckd': 0})
    return df


def impute(df):
    for col in NUMERIC_COLS:
        df[col] = df[col].fillna(df[col].mean())
    for col in NOMINAL_COLS:
        df[col] = df[col].fillna(df[col].mode()[0])
    return df


def encode_and_scale(df):
    for col in NOMINAL_COLS:
        df[col] = LabelEncoder().fit_transform(df[col].astype(str))
    scaler = MinMaxScaler()
    df[NUMERIC_COLS + NOMINAL_COLS] = scaler.fit_transform(df[NUMERIC_COLS + NOMINAL_COLS])
    return df


def add_noise(X, level=0.01):
    # small jitter so that KNN does not tie on duplicated rows
    return X + np.random.normal(0, level, size=X.shape)

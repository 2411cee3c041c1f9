"""Builders of triage submissions (folders, zips, tarballs) for tests and the speed benchmark.

The manuscripts are short texts written for these tests.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

GOOD_PAPER = """# Predicting sepsis in the emergency department

## Introduction

Sepsis is common and early recognition matters.

## Methods

We developed a gradient-boosted model on 8,412 adult visits. Patients were split 80/20 at the patient level.
Data splitting and model fitting used a random seed of 17.
Analyses ran in Python 3.11.4 with scikit-learn 1.3.2 and LightGBM 4.1.0.
The final model used a learning rate of 0.05, 400 trees and a maximum depth of 5, chosen by random search with 5-fold cross-validation.

## Results

The model reached an AUROC of 0.84 (95% CI 0.82-0.86).

## Data availability

The data are available to researchers through the hospital data access committee after approval of a data use agreement.

## Code availability

All code is available at https://github.com/example/sepsis-ed under the MIT licence.
"""

BARE_PAPER = """# Predicting sepsis in the emergency department

## Introduction

Sepsis is common and early recognition matters.

## Methods

We developed a gradient-boosted model on adult visits.

## Results

The model discriminated well.
"""

METHODS_YAML = """study:
  type: development
seeds:
  values: [17]
"""

TRAIN_PY = """import numpy as np
from sklearn.ensemble import RandomForestClassifier

np.random.seed(17)
X = np.random.rand(100, 4)
y = (X[:, 0] > 0.5).astype(int)
model = RandomForestClassifier(n_estimators=400, random_state=17).fit(X, y)
"""

REQUIREMENTS = "numpy==1.26.4\nscikit-learn==1.3.2\n"

Files = dict[str, "str | bytes"]


def _bytes(value: str | bytes) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def make_folder(root: Path, name: str, files: Files) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for rel, content in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_bytes(content))
    return folder


def zip_bytes(files: Files, wrapper: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, content in files.items():
            zf.writestr(f"{wrapper}/{rel}" if wrapper else rel, _bytes(content))
    return buf.getvalue()


def tar_bytes(files: Files, wrapper: str | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for rel, content in files.items():
            data = _bytes(content)
            info = tarfile.TarInfo(f"{wrapper}/{rel}" if wrapper else rel)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def make_zip(root: Path, name: str, files: Files, wrapper: str | None = None) -> Path:
    path = root / name
    path.write_bytes(zip_bytes(files, wrapper))
    return path


def make_tgz(root: Path, name: str, files: Files, wrapper: str | None = None) -> Path:
    path = root / name
    path.write_bytes(tar_bytes(files, wrapper))
    return path

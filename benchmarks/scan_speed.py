"""Scan speed against the cost of reading and parsing the same Python files.

Writes a synthetic clinical-ML repository of about 2,000 files into a temporary folder
(a ``src/`` package with data, model, training, evaluation and utility modules, scripts with
argparse and ``__main__`` blocks, notebooks, configs, tests), then in the same run times

  (a) a plain loop: walk the folder, read every ``.py`` file and ``ast.parse`` it;
  (b) ``linter.repo.scan(folder)`` — the whole scan, with every analyzer;
  (c) the Python/notebook analysis alone (read_tree + pyscan.analyze), for reference;

best of N rounds each (wall clock and CPU time; in each round the three run in turn, so a
machine shared with other work slows them alike), and prints the times and the ratios
(b)/(a) and (c)/(a).

    PYTHONPATH=. python benchmarks/scan_speed.py [--files 2000] [--repeat 3] [--profile]

``--profile`` prints the 25 most expensive functions of one scan (cProfile, cumulative).
Nothing is asserted: the numbers are printed for the notes.
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import os
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.repo import scan  # noqa: E402
from linter.repo import pyscan  # noqa: E402
from linter.repo.facts import RepoFacts  # noqa: E402
from linter.repo.walk import read_tree  # noqa: E402

AREAS = ("data", "features", "models", "training", "evaluation", "utils")
WORDS = ("cohort", "icu", "sepsis", "ecg", "ehr", "lab", "vitals", "mortality", "readmission", "imaging",
         "notes", "labs", "triage", "risk", "outcome", "baseline", "calib", "fold", "ensemble", "encoder")

HEADER = {
    "data": "import os\nimport numpy as np\nimport pandas as pd\nimport torch\nfrom torch.utils.data import Dataset, DataLoader\n"
            "from sklearn.model_selection import train_test_split, StratifiedKFold\n",
    "features": "import numpy as np\nimport pandas as pd\nfrom sklearn.preprocessing import StandardScaler, OneHotEncoder\n"
                "from sklearn.impute import SimpleImputer\nfrom sklearn.pipeline import Pipeline\n",
    "models": "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nfrom sklearn.ensemble import "
              "RandomForestClassifier, GradientBoostingClassifier\nfrom sklearn.linear_model import LogisticRegression\n",
    "training": "import logging\nimport numpy as np\nimport torch\nfrom torch import optim\nfrom tqdm import tqdm\n",
    "evaluation": "import numpy as np\nfrom sklearn.metrics import roc_auc_score, average_precision_score, brier_score_loss\n"
                  "from sklearn.calibration import calibration_curve\n",
    "utils": "import json\nimport os\nimport random\nfrom dataclasses import dataclass, field\nimport numpy as np\nimport yaml\n",
}

BLOCKS = {
    "data": [
        '''
def load_{w}(path, columns=None):
    """Load the {w} extract and keep the analysis columns."""
    df = pd.read_csv(path, usecols=columns)
    df = df.dropna(subset=["outcome"])
    df["age"] = df["age"].clip(18, 100)
    return df.reset_index(drop=True)
''',
        '''
def split_{w}(df, test_size=0.2, seed=42):
    train, test = train_test_split(df, test_size=test_size, random_state=seed, stratify=df["outcome"])
    return train, test
''',
        '''
class {W}Dataset(Dataset):
    def __init__(self, frame, features, target="outcome", augment=False):
        self.x = torch.tensor(frame[features].values, dtype=torch.float32)
        self.y = torch.tensor(frame[target].values, dtype=torch.float32)
        self.augment = augment

    def __len__(self):
        return len(self.y)

    def __getitem__(self, idx):
        x = self.x[idx]
        if self.augment:
            x = x + 0.01 * torch.randn_like(x)
        return x, self.y[idx]
''',
        '''
def folds_{w}(df, n_splits=5, seed=0):
    skf = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for i, (tr, va) in enumerate(skf.split(df, df["outcome"])):
        yield i, df.iloc[tr], df.iloc[va]
''',
        '''
def loader_{w}(dataset, batch_size=64, shuffle=True, workers=0):
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, num_workers=workers)
''',
    ],
    "features": [
        '''
def build_{w}_pipeline(numeric, categorical):
    numeric_steps = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    return {{"numeric": numeric_steps, "categorical": OneHotEncoder(handle_unknown="ignore"), "cols": (numeric, categorical)}}
''',
        '''
def {w}_window_features(df, window=24):
    grouped = df.sort_values("time").groupby("patient_id")
    out = grouped["value"].rolling(window, min_periods=1).agg(["mean", "std", "min", "max"])
    out.columns = [f"{w}_{{c}}_{{window}}h" for c in out.columns]
    return out.reset_index()
''',
        '''
def encode_{w}(values, vocab):
    index = {{v: i for i, v in enumerate(sorted(vocab))}}
    return np.array([index.get(v, len(index)) for v in values], dtype=np.int64)
''',
    ],
    "models": [
        '''
class {W}Net(nn.Module):
    def __init__(self, n_in, hidden=128, dropout=0.2):
        super().__init__()
        self.fc1 = nn.Linear(n_in, hidden)
        self.fc2 = nn.Linear(hidden, hidden // 2)
        self.out = nn.Linear(hidden // 2, 1)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        x = self.drop(F.relu(self.fc1(x)))
        x = self.drop(F.relu(self.fc2(x)))
        return self.out(x).squeeze(-1)
''',
        '''
def {w}_forest(n_estimators=500, max_depth=None, seed=0):
    return RandomForestClassifier(n_estimators=n_estimators, max_depth=max_depth, n_jobs=-1,
                                  class_weight="balanced", random_state=seed)
''',
        '''
def {w}_baseline(C=1.0):
    return LogisticRegression(C=C, max_iter=1000, class_weight="balanced")
''',
        '''
class {W}GRU(nn.Module):
    def __init__(self, n_in, hidden=64, layers=2):
        super().__init__()
        self.rnn = nn.GRU(n_in, hidden, num_layers=layers, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x, lengths=None):
        out, _ = self.rnn(x)
        return self.head(out[:, -1]).squeeze(-1)
''',
    ],
    "training": [
        '''
def train_{w}(model, loader, epochs=10, lr=1e-3, device="cpu"):
    opt = optim.Adam(model.parameters(), lr=lr, weight_decay=1e-5)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    model.to(device)
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for x, y in tqdm(loader, leave=False):
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            total += loss.item() * len(y)
        logging.info("epoch %d loss %.4f", epoch, total / len(loader.dataset))
    return model
''',
        '''
@torch.no_grad()
def predict_{w}(model, loader, device="cpu"):
    model.eval()
    scores = []
    for x, _ in loader:
        scores.append(torch.sigmoid(model(x.to(device))).cpu().numpy())
    return np.concatenate(scores)
''',
        '''
class EarlyStopping{W}:
    def __init__(self, patience=5, delta=0.0):
        self.patience = patience
        self.delta = delta
        self.best = None
        self.bad = 0

    def step(self, value):
        if self.best is None or value < self.best - self.delta:
            self.best, self.bad = value, 0
            return False
        self.bad += 1
        return self.bad >= self.patience
''',
    ],
    "evaluation": [
        '''
def bootstrap_{w}(y, p, n=1000, seed=7):
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(n):
        idx = rng.integers(0, len(y), len(y))
        if len(np.unique(y[idx])) < 2:
            continue
        stats.append(roc_auc_score(y[idx], p[idx]))
    return np.percentile(stats, [2.5, 50, 97.5])
''',
        '''
def report_{w}(y, p):
    frac_pos, mean_pred = calibration_curve(y, p, n_bins=10)
    return {{
        "auroc": roc_auc_score(y, p),
        "auprc": average_precision_score(y, p),
        "brier": brier_score_loss(y, p),
        "calibration": list(zip(mean_pred.tolist(), frac_pos.tolist())),
    }}
''',
    ],
    "utils": [
        '''
def set_seed_{w}(seed=42):
    random.seed(seed)
    np.random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)
''',
        '''
@dataclass
class {W}Config:
    lr: float = 1e-3
    epochs: int = 20
    batch_size: int = 64
    hidden: int = 128
    tags: list = field(default_factory=list)

    @classmethod
    def from_file(cls, path):
        with open(path) as fh:
            return cls(**yaml.safe_load(fh))
''',
        '''
def save_{w}(obj, path):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=2, sort_keys=True)
''',
    ],
}

SCRIPT = '''"""Train and evaluate the {w} model."""
import argparse
import random

import numpy as np
import torch

from clinml.{area1}.{mod1} import *  # noqa: F401,F403
from clinml.utils.{seedmod} import set_seed_helper
{imports}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="data/{w}.csv")
    parser.add_argument("--seed", type=int, default={seed})
    parser.add_argument("--epochs", type=int, default={epochs})
    parser.add_argument("--lr", type=float, default={lr})
    return parser.parse_args()


def main():
    args = parse_args()
    set_seed_helper(args.seed)
    torch.manual_seed(args.seed)
    frame = np.random.rand(100, 8)
{calls}
    print("done", frame.shape)


if __name__ == "__main__":
    main()
'''

NOTEBOOK_CELL = '''import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
df = pd.DataFrame(np.random.rand(50, 4), columns=list("abcd"))
train, test = train_test_split(df, test_size=0.3, random_state=0)
train.describe()'''


def write_repo(root: Path, n_files: int, seed: int = 2024) -> int:
    rnd = random.Random(seed)
    written = 0

    def put(rel: str, text: str) -> None:
        nonlocal written
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1

    put("README.md", "# clinml\n\nRun `python scripts/train_icu_0.py --seed 1`.\n\n## Data\nMIMIC-IV, credentialed access.\n")
    put("requirements.txt", "numpy==1.26.4\npandas==2.2.2\nscikit-learn==1.5.1\ntorch==2.3.1\npyyaml==6.0.1\ntqdm==4.66.4\n")
    put("pyproject.toml", '[project]\nname = "clinml"\nversion = "0.1"\nrequires-python = ">=3.10"\n')
    put("LICENSE", "MIT License\n")
    n_scripts, n_notebooks, n_configs, n_tests = n_files // 20, n_files // 80, n_files // 50, n_files // 20
    n_modules = n_files - written - n_scripts - n_notebooks - n_configs - n_tests
    # Modules first, then their imports of each other: an area imports from the areas before it
    # (utils <- data <- features <- models <- training <- evaluation), as research code does.
    order = ("utils", "data", "features", "models", "training", "evaluation")
    modules: dict[str, list[str]] = {a: [] for a in AREAS}
    bodies: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for i in range(n_modules):
        area = AREAS[i % len(AREAS)]
        name = f"{rnd.choice(WORDS)}_{i}"
        modules[area].append(name)
        blocks = []
        for j in range(rnd.randint(4, 9)):
            w = f"{rnd.choice(WORDS)}{j}"
            blocks.append(rnd.choice(BLOCKS[area]).format(w=w, W=w.capitalize()))
        text = "".join(blocks)
        funcs = [line.split("(")[0][4:] for line in text.splitlines() if line.startswith("def ")]
        if area == "utils":
            text += "\n\ndef set_seed_helper(seed):\n    random.seed(seed)\n    np.random.seed(seed)\n"
            funcs.append("set_seed_helper")
        bodies[(area, name)] = (text, funcs)
    for (area, name), (text, _) in bodies.items():
        lower = order[: order.index(area)]
        deps = [(a, rnd.choice(modules[a])) for a in rnd.sample(lower, min(len(lower), rnd.randint(0, 3)))]
        imports = "".join(f"from clinml.{a} import {m} as dep{k}\n" for k, (a, m) in enumerate(deps))
        uses = "".join(
            f"\n\ndef use_dep{k}(*args, **kwargs):\n    return dep{k}.{bodies[(a, m)][1][0]}(*args, **kwargs)\n"
            for k, (a, m) in enumerate(deps) if bodies[(a, m)][1])
        put(f"src/clinml/{area}/{name}.py",
            f'"""{area.capitalize()} helpers for {name}."""\n' + HEADER[area] + imports + text + uses)
    for area in AREAS:
        put(f"src/clinml/{area}/__init__.py", "")
    put("src/clinml/__init__.py", '__version__ = "0.1"\n')
    for i in range(n_scripts):
        w = rnd.choice(WORDS)
        area1 = rnd.choice(AREAS)
        picks = [(a, rnd.choice(modules[a])) for a in rnd.sample(AREAS, rnd.randint(3, 6))]
        imports = "\n".join(f"from clinml.{a} import {m} as step{k}" for k, (a, m) in enumerate(picks))
        calls = "\n".join(f"    result{k} = step{k}.{bodies[(a, m)][1][0]}(frame)"
                          for k, (a, m) in enumerate(picks) if bodies[(a, m)][1])
        put(f"scripts/train_{w}_{i}.py", SCRIPT.format(
            w=w, area1=area1, mod1=rnd.choice(modules[area1]), seedmod=rnd.choice(modules["utils"]),
            imports=imports, calls=calls, seed=rnd.randint(0, 999), epochs=rnd.choice([10, 20, 50]),
            lr=rnd.choice([1e-3, 3e-4])))
    import json

    for i in range(n_notebooks):
        cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Exploration\n"]}]
        for k in range(6):
            cells.append({"cell_type": "code", "execution_count": k + 1, "metadata": {}, "outputs": [],
                          "source": NOTEBOOK_CELL.splitlines(keepends=True)})
        nb = {"cells": cells, "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
              "nbformat": 4, "nbformat_minor": 5}
        put(f"notebooks/explore_{i}.ipynb", json.dumps(nb, indent=1))
    for i in range(n_configs):
        put(f"configs/exp_{i}.yaml", f"seed: {i}\nmodel:\n  hidden: {rnd.choice([64, 128])}\n  lr: 0.001\n"
            f"data:\n  path: data/cohort_{i}.csv\n  test_size: 0.2\n")
    for i in range(n_tests):
        area = rnd.choice(AREAS)
        put(f"tests/test_{area}_{i}.py", f"import numpy as np\nfrom clinml.{area} import {rnd.choice(modules[area])}"
            f" as mod\n\n\ndef test_shapes():\n    x = np.random.rand(4, 3)\n    assert x.shape == (4, 3)\n")
    return written


def plain_parse(root: Path) -> int:
    count = 0
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith(".py"):
                with open(os.path.join(dirpath, name), "rb") as fh:
                    ast.parse(fh.read())
                count += 1
    return count


def python_only(root: Path) -> None:
    files, skipped = read_tree(root)
    facts = RepoFacts(root=str(root), files=[f.path for f in files], skipped=skipped)
    pyscan.analyze(files, facts)


def measure(variants: dict[str, object], repeat: int) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU) seconds of each variant; the variants take turns in every round, so a
    busy machine slows them alike."""
    best: dict[str, list[float]] = {name: [float("inf"), float("inf")] for name in variants}
    for _ in range(repeat):
        for name, fn in variants.items():
            w0, c0 = time.perf_counter(), time.process_time()
            fn()  # type: ignore[operator]
            w, c = time.perf_counter() - w0, time.process_time() - c0
            best[name][0] = min(best[name][0], w)
            best[name][1] = min(best[name][1], c)
    return {name: (w, c) for name, (w, c) in best.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    opts = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="guidelint-speed-") as tmp:
        root = Path(tmp) / "repo"
        written = write_repo(root, opts.files)
        n_py = plain_parse(root)
        facts = scan(root)
        print(f"synthetic repository: {written} files ({n_py} .py), {len(facts.findings)} findings, "
              f"{len(facts.entry_points)} entry points")
        t = measure({"a": lambda: plain_parse(root), "b": lambda: scan(root), "c": lambda: python_only(root)},
                    opts.repeat)
        (aw, ac), (bw, bc), (cw, cc) = t["a"], t["b"], t["c"]
        print(f"best of {opts.repeat}, wall / CPU seconds (the three take turns in each round)")
        print(f"(a) read + ast.parse of every .py file : {aw:6.3f} / {ac:6.3f}")
        print(f"(b) linter.repo.scan (all analyzers)    : {bw:6.3f} / {bc:6.3f}   ratio (b)/(a) = "
              f"{bw / aw:.2f} / {bc / ac:.2f}")
        print(f"(c) read_tree + Python/notebook analysis: {cw:6.3f} / {cc:6.3f}   ratio (c)/(a) = "
              f"{cw / aw:.2f} / {cc / ac:.2f}")
        if opts.profile:
            prof = cProfile.Profile()
            prof.enable()
            scan(root)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

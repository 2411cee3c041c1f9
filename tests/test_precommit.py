"""The pre-commit hook, run for real with `pre-commit try-repo` against throwaway git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

UNSEEDED = """import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier


def main():
    X = np.random.rand(100, 4)
    y = (X[:, 0] > 0.5).astype(int)
    X_train, X_test, y_train, y_test = train_test_split(X, y)
    model = RandomForestClassifier()
    model.fit(X_train, y_train)
    print(model.score(X_test, y_test))


if __name__ == "__main__":
    main()
"""

SEEDED = """import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

SEED = 20240611


def main():
    rng = np.random.default_rng(SEED)
    X = rng.random((100, 4))
    y = (X[:, 0] > 0.5).astype(int)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=SEED)
    model = RandomForestClassifier(n_estimators=200, max_features="sqrt", random_state=SEED)
    model.fit(X_train, y_train)
    print(model.score(X_test, y_test))


if __name__ == "__main__":
    main()
"""

README = """# Toy study

Reproduce: `pip install -r requirements.txt && python train.py`

## Data
The data are simulated inside train.py; no download is needed.
"""


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def _study(tmp: Path, name: str, code: str, requirements: str) -> Path:
    repo = tmp / name
    repo.mkdir()
    (repo / "train.py").write_text(code)
    (repo / "requirements.txt").write_text(requirements)
    (repo / "README.md").write_text(README)
    (repo / ".python-version").write_text("3.11\n")
    (repo / "LICENSE").write_text("MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    return repo


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo_fails_then_passes(tmp_path):
    pre_commit = shutil.which("pre-commit") or (Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    if not (ROOT / ".git").exists():
        pytest.skip("try-repo needs the project as a git checkout")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home")}
    bad = _study(tmp_path, "bad", UNSEEDED, "numpy\nscikit-learn>=1.0\n")
    good = _study(tmp_path, "good", SEEDED, "numpy==1.26.4\nscikit-learn==1.4.2\n")
    results = {}
    for repo in (bad, good):
        proc = subprocess.run([str(pre_commit), "try-repo", str(ROOT), "guidelint", "--all-files"], cwd=repo,
                              capture_output=True, text=True, env=env, timeout=900)
        results[repo.name] = proc
    assert results["bad"].returncode == 1, results["bad"].stdout + results["bad"].stderr
    assert "RND101" in results["bad"].stdout or "RND102" in results["bad"].stdout
    assert "train.py:7" in results["bad"].stdout  # np.random.rand at its line
    assert results["good"].returncode == 0, results["good"].stdout + results["good"].stderr

"""The wheel ships the checklists, schemas, rules and knowledge files, and finds them when
installed outside the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        pytest.skip(f"could not build a wheel here: {proc.stderr.strip()[-300:]}")
    return next(out.glob("guidelint-*.whl"))


def test_wheel_contains_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("linter/_checklists/schema.json", "linter/_checklists/tripod-ai/2024.yaml",
                   "linter/_checklists/consort-ai/2020.yaml", "linter/_checklists/repro-core/1.0.yaml",
                   "linter/_checklists/statements/1.0.yaml", "linter/schemas/methods.schema.json",
                   "linter/schemas/report.schema.json", "linter/rules/core.yaml"):
        assert needed in names, needed
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_finds_packaged_checklists(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # our own wheel, a trusted archive
    code = ("import linter.paths as p, linter.checklist as c; "
            "print(p.checklist_dir()); print(len(c.load('tripod-ai').all_items()))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    where, count = proc.stdout.split()
    assert where.startswith(str(site)) and int(count) > 50

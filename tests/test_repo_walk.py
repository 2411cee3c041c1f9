"""The repository reader (folders and archives, read in place) and scan-level behaviour:
excludes, links, caps, binaries, suppressions, analyzer failures."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import textwrap
import zipfile
from pathlib import Path

import pytest

from linter.errors import InputError
from linter.repo import scan
from linter.repo.walk import Limits, read_tree


def _write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _paths(files) -> list[str]:
    return [f.path for f in files]


# ------------------------------------------------------------------------------ folders
def test_folder_honours_gitignore_default_and_configured_excludes(tmp_path):
    _write(tmp_path, ".gitignore", "data/\n*.log\n!keep.log\n")
    _write(tmp_path, "train.py", "x = 1\n")
    _write(tmp_path, "data/patients.csv", "mrn,age\n1,50\n")
    _write(tmp_path, "run.log", "noise\n")
    _write(tmp_path, "keep.log", "kept\n")
    _write(tmp_path, "src/.gitignore", "generated_*.py\n")
    _write(tmp_path, "src/generated_model.py", "y = 2\n")
    _write(tmp_path, "src/model.py", "z = 3\n")
    _write(tmp_path, ".git/config", "[core]\n")
    _write(tmp_path, "node_modules/x/index.js", "1\n")
    _write(tmp_path, ".venv/lib/site.py", "1\n")
    _write(tmp_path, "myenv/pyvenv.cfg", "home = /usr\n")
    _write(tmp_path, "myenv/lib/python3.11/site-packages/numpy/__init__.py", "1\n")
    _write(tmp_path, "env/cartpole.py", "class Env: pass\n")  # an RL environment package, not a virtualenv
    _write(tmp_path, "build/lib/train.py", "1\n")
    _write(tmp_path, "pkg.egg-info/PKG-INFO", "Name: pkg\n")
    _write(tmp_path, "__pycache__/train.cpython-311.pyc", b"\x00\x01")
    _write(tmp_path, "scratch/try.py", "1\n")
    files, skipped = read_tree(tmp_path, excludes=["scratch/"])
    assert _paths(files) == [".gitignore", "env/cartpole.py", "keep.log", "src/.gitignore", "src/model.py", "train.py"]
    assert "data/: ignored by .gitignore" in skipped
    assert "run.log: ignored by .gitignore" in skipped
    assert "src/generated_model.py: ignored by .gitignore" in skipped
    assert "myenv/: virtual environment" in skipped
    assert "scratch/: excluded by configuration" in skipped
    assert not any(s.startswith((".git/", "__pycache__/")) for s in skipped)  # silent excludes


def test_binary_large_and_undecodable_files(tmp_path):
    _write(tmp_path, "weights.pt", b"PK\x03\x04 anything")
    _write(tmp_path, "blob.dat", b"abc\x00def")
    _write(tmp_path, "latin1.py", "name = 'Jos\xe9'\n".encode("latin-1"))
    _write(tmp_path, "bom.py", b"\xef\xbb\xbfx = 1\n")
    _write(tmp_path, "big.csv", b"a,b\n" + b"1,2\n" * 1000)
    files, skipped = read_tree(tmp_path, limits=Limits(max_file_bytes=100))
    by = {f.path: f for f in files}
    assert by["weights.pt"].text is None and by["blob.dat"].text is None
    assert by["latin1.py"].text == "name = 'Jos\ufffd'\n"
    assert by["bom.py"].text == "x = 1\n"
    big = by["big.csv"]
    assert big.truncated and len(big.text) == 100 and big.size == 4004
    assert skipped == []


def test_symbolic_links_out_of_the_root_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    _write(outside, "secret.py", "password = 1\n")
    root = tmp_path / "repo"
    _write(root, "train.py", "x = 1\n")
    os.symlink(outside / "secret.py", root / "linked_secret.py")
    os.symlink(outside, root / "linked_dir")
    os.symlink(root / "train.py", root / "alias.py")  # inside the root: read
    os.symlink(root / "missing.py", root / "broken.py")
    files, skipped = read_tree(root)
    assert _paths(files) == ["alias.py", "train.py"]
    assert "linked_secret.py: symbolic link to outside the repository, not followed" in skipped
    assert "linked_dir/: symbolic link to a folder, not followed" in skipped
    assert any(s.startswith("broken.py:") for s in skipped)


def test_fifo_is_skipped_without_blocking(tmp_path):
    _write(tmp_path, "a.py", "x = 1\n")
    os.mkfifo(tmp_path / "pipe")
    files, skipped = read_tree(tmp_path)
    assert _paths(files) == ["a.py"]
    assert "pipe: not a regular file" in skipped


def test_file_count_cap(tmp_path):
    for i in range(5):
        _write(tmp_path, f"m{i}.py", "x = 1\n")
    files, skipped = read_tree(tmp_path, limits=Limits(max_files=3))
    assert _paths(files) == ["m0.py", "m1.py", "m2.py"]
    assert skipped == ["m3.py: file limit of 3 reached; the rest was not read"]


def test_bad_inputs_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_tree(tmp_path / "nope")
    _write(tmp_path, "notes.txt", "hello\n")
    with pytest.raises(InputError, match="not a folder or a supported archive"):
        read_tree(tmp_path / "notes.txt")
    _write(tmp_path, "broken.zip", b"PK\x03\x04 this is not a zip")
    with pytest.raises(InputError, match="cannot read the zip archive"):
        read_tree(tmp_path / "broken.zip")
    _write(tmp_path, "broken.tar.gz", b"\x1f\x8b\x08\x00 corrupt gzip")
    with pytest.raises(InputError, match="cannot read the tar archive"):
        read_tree(tmp_path / "broken.tar.gz")


# ------------------------------------------------------------------------------ archives
def _zip_symlink(zf: zipfile.ZipFile, name: str, target: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    zf.writestr(info, target)


def test_zip_is_read_in_place_with_unsafe_members_ignored(tmp_path):
    archive = tmp_path / "study.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("study-main/train.py", "import numpy as np\nx = np.random.rand(3)\n")
        zf.writestr("study-main/.gitignore", "outputs/\n")
        zf.writestr("study-main/outputs/run1.py", "1\n")
        zf.writestr("study-main/../evil.py", "import os\n")
        zf.writestr("/abs/owned.py", "1\n")
        _zip_symlink(zf, "study-main/passwd", "/etc/passwd")
        zf.writestr("study-main/big.txt", "x" * 5000)
        zf.writestr("study-main/inner.zip", b"PK\x03\x04nested")
        zf.writestr("study-main/venv/pyvenv.cfg", "home=/usr\n")
        zf.writestr("study-main/venv/lib/x.py", "1\n")
    before = set(os.listdir(tmp_path))
    files, skipped = read_tree(archive, limits=Limits(max_file_bytes=1000))
    assert set(os.listdir(tmp_path)) == before  # nothing extracted
    by = {f.path: f for f in files}
    assert sorted(by) == [".gitignore", "big.txt", "inner.zip", "train.py"]
    assert by["big.txt"].truncated and len(by["big.txt"].text) == 1000
    assert by["inner.zip"].text is None  # a nested archive is listed, not opened
    assert "study-main/../evil.py: archive member with an absolute or '..' path, ignored" in skipped
    assert "/abs/owned.py: archive member with an absolute or '..' path, ignored" in skipped
    assert "study-main/passwd: symbolic link in the archive, not followed" in skipped
    assert "outputs/: ignored by .gitignore" in skipped
    assert "venv/: virtual environment" in skipped


def test_zip_bomb_guard_stops_reading(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i in range(4):
            zf.writestr(f"part{i}.txt", "0" * 2_000_000)  # compresses to a few KiB each
    files, skipped = read_tree(archive, limits=Limits(max_file_bytes=1_000_000, max_archive_bytes=2_500_000))
    read = [f for f in files if f.text is not None]
    assert sum(len(f.text) for f in read) <= 2_500_000
    assert any("archive size cap" in s for s in skipped)


def _tar_add(tf: tarfile.TarFile, name: str, data: bytes = b"", **kw) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for k, v in kw.items():
        setattr(info, k, v)
    tf.addfile(info, io.BytesIO(data) if data else None)


def test_tar_gz_is_read_in_place_with_unsafe_members_ignored(tmp_path):
    archive = tmp_path / "study.tgz"
    with tarfile.open(archive, "w:gz") as tf:
        _tar_add(tf, "proj/analysis.py", b"import random\nrandom.shuffle([1, 2])\n")
        _tar_add(tf, "proj/../evil.py", b"import os\n")
        _tar_add(tf, "/etc/cron.py", b"1\n")
        _tar_add(tf, "proj/link.py", type=tarfile.SYMTYPE, linkname="/etc/passwd")
        _tar_add(tf, "proj/hard.py", type=tarfile.LNKTYPE, linkname="proj/analysis.py")
        _tar_add(tf, "proj/huge.csv", b"1,2\n" * 100_000)
        _tar_add(tf, "proj/.git/HEAD", b"ref: refs/heads/main\n")
    files, skipped = read_tree(archive, limits=Limits(max_file_bytes=4096))
    by = {f.path: f for f in files}
    assert sorted(by) == ["analysis.py", "huge.csv"]
    assert by["huge.csv"].truncated and len(by["huge.csv"].text) == 4096 and by["huge.csv"].size == 400_000
    assert "proj/../evil.py: archive member with an absolute or '..' path, ignored" in skipped
    assert "/etc/cron.py: archive member with an absolute or '..' path, ignored" in skipped
    assert "proj/link.py: link in the archive, not followed" in skipped
    assert "proj/hard.py: link in the archive, not followed" in skipped


def test_tar_declared_size_cap(tmp_path):
    archive = tmp_path / "many.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        for i in range(5):
            _tar_add(tf, f"f{i}.txt", b"0" * 1000)
    files, skipped = read_tree(archive, limits=Limits(max_archive_bytes=2500))
    assert _paths(files) == ["f0.txt", "f1.txt"]
    assert skipped == ["f2.txt: archive size cap of 2500 bytes reached; the rest was not read"]


def test_scan_of_an_archive_reports_paths_inside_the_repository(tmp_path):
    archive = tmp_path / "code.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("code-v1/src/run.py", "import numpy as np\n\nvalues = np.random.rand(3)\n")
    facts = scan(archive)
    rnd = [(f.rule, f.location.path, f.location.line, f.location.column) for f in facts.findings if f.rule == "RND101"]
    assert rnd == [("RND101", "src/run.py", 3, 10)]
    assert facts.files == ["src/run.py"]


# ------------------------------------------------------------------------------ scan level
def test_line_and_file_suppressions(tmp_path):
    _write(tmp_path, "a.py", textwrap.dedent("""\
        import random
        import numpy as np
        x = np.random.rand(3)  # guidelint: ignore[RND101]
        y = np.random.rand(3)  # guidelint: ignore[unseeded-randomness, RND102]
        z = np.random.rand(3)  # guidelint: ignore
        s = "# guidelint: ignore[RND101]"; w = random.random()
        v = 1  # guidelint: ignore[RND101]
        u = 2  # guidelint: ignore[XYZ999]
        """))
    _write(tmp_path, "b.py", "# guidelint: ignore-file[RND101]\nimport random\nrandom.shuffle([1])\nrandom.random()\n")
    facts = scan(tmp_path)
    mine = sorted((f.rule, f.location.path, f.location.line, f.suppressed is not None)
                  for f in facts.findings if f.rule.startswith(("RND", "GL00")))
    assert mine == [
        ("GL001", "a.py", 4, False),  # RND102 named on line 4 matched nothing
        ("GL001", "a.py", 7, False),  # nothing to suppress on line 7
        ("GL003", "a.py", 5, False),  # bare ignore: no codes
        ("GL003", "a.py", 8, False),  # unknown code
        ("RND101", "a.py", 3, True),
        ("RND101", "a.py", 4, True),
        ("RND101", "a.py", 5, False),
        ("RND101", "a.py", 6, False),  # the directive text is inside a string: not a comment
        ("RND101", "b.py", 3, True),
        ("RND101", "b.py", 4, True),
    ]
    suppressed = next(f for f in facts.findings if f.rule == "RND101" and f.location.line == 3 and f.location.path == "a.py")
    assert suppressed.suppressed == "guidelint: ignore[RND101]"


def test_configured_ignores_mark_findings_suppressed(tmp_path):
    _write(tmp_path, "a.py", "import numpy as np\nx = np.random.rand(3)  # guidelint: ignore[RND101]\n")
    facts = scan(tmp_path, ignore_rules=["unseeded-randomness"])
    rnd = [f for f in facts.findings if f.rule == "RND101"]
    assert [f.suppressed for f in rnd] == ["ignored by configuration"]
    assert not [f for f in facts.findings if f.rule == "GL001"]  # not reported as unused either


def test_notebook_cell_suppression(tmp_path):
    import json

    nb = {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
                     "source": ["import numpy as np\n", "x = np.random.rand(2)  # guidelint: ignore[RND101]\n"]},
                    {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [],
                     "source": ["y = np.random.rand(2)\n"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    _write(tmp_path, "nb.ipynb", json.dumps(nb))
    facts = scan(tmp_path)
    rnd = sorted((f.data["cell"], f.location.line, f.suppressed is not None) for f in facts.findings if f.rule == "RND101")
    assert rnd == [(1, 2, True), (2, 1, False)]


def test_a_crashing_analyzer_becomes_gl002(tmp_path, monkeypatch):
    import linter.repo.hygiene as hygiene

    def boom(files, facts):
        raise ValueError("odd file\nsecond line")

    monkeypatch.setattr(hygiene, "analyze", boom)
    _write(tmp_path, "a.py", "import numpy as np\nx = np.random.rand(3)\n")
    facts = scan(tmp_path)
    gl = [f for f in facts.findings if f.rule == "GL002" and f.data.get("analyzer")]
    assert [(f.location.path, f.message) for f in gl] == [
        (".", "analyzer linter.repo.hygiene failed: ValueError: odd file")]
    assert any(f.rule == "RND101" for f in facts.findings)  # the scan went on

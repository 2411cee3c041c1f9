"""Dependency manifests (linter.repo.deps): facts recorded and DEP201–DEP205, firing and silent."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.repo import deps
from linter.repo.deps.requirements import parse_requirements, read_requirement
from linter.repo.facts import RepoFacts, SourceFile


def scan(tree: dict[str, str]) -> RepoFacts:
    files = [SourceFile(path, len(text), textwrap.dedent(text).lstrip("\n")) for path, text in tree.items()]
    facts = RepoFacts(root="repo")
    deps.analyze(files, facts)
    return facts


def hits(facts: RepoFacts, code: str) -> list[tuple[str, int | None]]:
    return [(f.location.path, f.location.line) for f in facts.findings if f.rule == code]


def dep(facts: RepoFacts, name: str, path: str | None = None):
    found = [d for d in facts.dependencies if d.name == name and (path is None or d.path == path)]
    assert len(found) == 1, (name, facts.dependencies)
    return found[0]


# ------------------------------------------------------------------ requirements files

PINNED = """
    # exact versions, as pip freeze writes them
    numpy==1.26.4
    pandas==2.2.1  # trailing comment
    torch==2.1.0+cu118 \\
        --hash=sha256:0123abcd \\
        --hash=sha256:4567ef01
    scikit-learn===1.4.2
    -e .
    --index-url https://example.org/simple
    shap @ https://files.example.org/shap-0.44.1-cp311-none-any.whl
    mylib @ git+https://github.com/acme/mylib.git@0123456789abcdef0123456789abcdef01234567
    git+https://github.com/acme/tool.git@v1.2.0#egg=tool
"""


def test_fully_pinned_requirements_are_clean_and_recorded_with_lines() -> None:
    facts = scan({"train.py": "import numpy\n", "requirements.txt": PINNED, ".python-version": "3.11.8\n"})
    assert [f.rule for f in facts.findings] == []
    assert dep(facts, "numpy").line == 2 and dep(facts, "numpy").version == "1.26.4"
    assert dep(facts, "pandas").line == 3
    torch = dep(facts, "torch")
    assert (torch.pinned, torch.version, torch.line) == (True, "2.1.0+cu118", 4)
    assert dep(facts, "scikit-learn").pinned and dep(facts, "scikit-learn").line == 7
    assert dep(facts, "shap").pinned and dep(facts, "mylib").pinned and dep(facts, "tool").version == "v1.2.0"
    assert {d.name for d in facts.dependencies} == {"numpy", "pandas", "torch", "scikit-learn", "shap", "mylib", "tool"}
    assert facts.manifests == ["requirements.txt"] and facts.python_version == "3.11.8"


def test_unpinned_and_range_requirements_fire_at_their_lines() -> None:
    facts = scan({
        "src/model.py": "import pandas\n",
        "requirements.txt": "numpy==1.26.4\npandas>=2.0\n\nscikit-learn\nxgboost~=1.7\nseaborn!=0.12.0\n",
    })
    assert hits(facts, "DEP202") == [("requirements.txt", 2), ("requirements.txt", 4), ("requirements.txt", 5),
                                      ("requirements.txt", 6)]
    messages = {f.location.line: f.message for f in facts.findings if f.rule == "DEP202"}
    assert "pandas >=2.0" in messages[2] and "scikit-learn has no version" in messages[4]
    assert hits(facts, "DEP203") == [("requirements.txt", None)]


def test_markers_do_not_change_pinning() -> None:
    facts = scan({"a.py": "", "requirements.txt":
                  'numpy==1.26.4; python_version >= "3.9"\nscipy; sys_platform == "linux"\n'})
    assert dep(facts, "numpy").pinned
    assert hits(facts, "DEP202") == [("requirements.txt", 2)]


def test_vcs_requirement_on_a_branch_is_unpinned() -> None:
    facts = scan({"a.py": "", "requirements.txt":
                  "git+https://github.com/acme/a.git@main#egg=alpha\ngit+https://github.com/acme/b.git#egg=beta\n"})
    assert hits(facts, "DEP202") == [("requirements.txt", 1), ("requirements.txt", 2)]
    assert "without a commit or tag" in facts.findings[0].message


def test_includes_are_followed_inside_the_repository_only() -> None:
    facts = scan({
        "a.py": "",
        "requirements.txt": "-r deps/common.txt\n--requirement=../outside.txt\nnumpy==1.26.4\n",
        "deps/common.txt": "# shared\nrequests\n",
    })
    assert hits(facts, "DEP202") == [("deps/common.txt", 2)]
    assert facts.extra["unresolved_includes"] == ["requirements.txt:2: ../outside.txt"]


def test_constraints_file_pins_ranges_of_the_including_file() -> None:
    facts = scan({
        "a.py": "",
        "requirements.txt": "-c pins.txt\nnumpy>=1.20\npandas\n",
        "pins.txt": "numpy==1.26.4\n",
    })
    assert hits(facts, "DEP202") == [("requirements.txt", 3)]  # numpy is pinned by the constraint
    assert dep(facts, "numpy", "pins.txt").source == "requirements"


def test_dev_files_and_groups_are_recorded_but_not_reported() -> None:
    facts = scan({
        "a.py": "",
        "requirements.txt": "numpy==1.26.4\n",
        "requirements-dev.txt": "pytest\nblack>=23\n",
        "docs/requirements.txt": "sphinx\n",
    })
    assert hits(facts, "DEP202") == [] and hits(facts, "DEP203") == []
    assert dep(facts, "pytest").path == "requirements-dev.txt"


def test_line_continuation_and_unparseable_line_do_not_crash() -> None:
    facts = scan({"a.py": "", "requirements.txt": "numpy==1.26.4 \\\n  --hash=sha256:ab\nthis is not valid\n"})
    assert dep(facts, "numpy").line == 1
    assert facts.extra["unparsed_requirements"][0]["line"] == 3


# ------------------------------------------------------------------ pyproject, setup.cfg, setup.py, Pipfile

PYPROJECT = """
    [build-system]
    requires = ["hatchling"]

    [project]
    name = "study"
    requires-python = ">=3.10"
    dependencies = [
        "numpy>=1.24",
        "scikit-learn>=1.3,<1.5",
        "study[plots]",
    ]

    [project.optional-dependencies]
    dev = ["pytest"]
    plots = ["matplotlib"]
"""


def test_pyproject_ranges_without_lock_fire_with_lines() -> None:
    facts = scan({"src/study/run.py": "", "pyproject.toml": PYPROJECT})
    assert hits(facts, "DEP202") == [("pyproject.toml", 8), ("pyproject.toml", 9), ("pyproject.toml", 15)]
    assert facts.python_version == ">=3.10" and hits(facts, "DEP204") == []
    assert "study" not in {d.name for d in facts.dependencies}  # the project itself


@pytest.mark.parametrize("lock", [
    ("uv.lock", 'version = 1\nrequires-python = ">=3.10"\n\n[[package]]\nname = "numpy"\nversion = "1.26.4"\n\n'
                '[[package]]\nname = "study"\nversion = "0.1.0"\nsource = { editable = "." }\n'),
    ("poetry.lock", '[[package]]\nname = "numpy"\nversion = "1.26.4"\n\n[metadata]\npython-versions = "^3.10"\n'),
    ("pdm.lock", '[[package]]\nname = "numpy"\nversion = "1.26.4"\n'),
    ("Pipfile.lock", '{"_meta": {"requires": {"python_version": "3.10"}}, "default": {"numpy": {"version": "==1.26.4"}}}'),
])
def test_lock_file_silences_ranges(lock: tuple[str, str]) -> None:
    name, text = lock
    facts = scan({"run.py": "", "pyproject.toml": PYPROJECT, name: text})
    assert hits(facts, "DEP202") == [] and hits(facts, "DEP203") == []
    assert facts.lock_files == [name]
    locked = dep(facts, "numpy", name)
    assert locked.pinned and locked.version == "1.26.4" and locked.line is not None
    assert "study" not in {d.name for d in facts.dependencies if d.path == name}


def test_pinned_requirements_next_to_pyproject_cover_the_same_packages() -> None:
    facts = scan({"run.py": "", "pyproject.toml": PYPROJECT,
                  "requirements.txt": "numpy==1.26.4\nscikit-learn==1.4.2\nmatplotlib==3.8.3\n"})
    assert hits(facts, "DEP202") == [] and hits(facts, "DEP203") == []


def test_poetry_caret_tilde_star_and_exact() -> None:
    facts = scan({"run.py": "", "pyproject.toml": textwrap.dedent("""
        [tool.poetry]
        name = "study"

        [tool.poetry.dependencies]
        python = "^3.10"
        xgboost = "^1.7"
        lightgbm = "4.1.0"
        requests = "*"
        torch = { version = "~2.1", source = "pytorch" }
        mylib = { git = "https://github.com/acme/mylib.git", rev = "0123abc" }
        local = { path = "../local" }

        [tool.poetry.group.dev.dependencies]
        pytest = "^8"
        """)})
    assert dep(facts, "lightgbm").pinned and dep(facts, "lightgbm").version == "4.1.0"
    assert dep(facts, "mylib").pinned
    assert hits(facts, "DEP202") == [("pyproject.toml", 6), ("pyproject.toml", 8), ("pyproject.toml", 9)]
    assert facts.python_version == "^3.10"


def test_pyproject_with_only_tool_settings_is_not_a_manifest() -> None:
    facts = scan({"run.py": "", "pyproject.toml": "[tool.black]\nline-length = 100\n"})
    assert facts.manifests == []
    assert hits(facts, "DEP201") == [(".", None)]


def test_setup_cfg_install_requires() -> None:
    facts = scan({"pkg/a.py": "", "setup.cfg": textwrap.dedent("""
        [metadata]
        name = pkg

        [options]
        python_requires = >=3.9
        install_requires =
            numpy==1.26.4
            pandas>=2

        [options.extras_require]
        test = pytest
        """)})
    assert hits(facts, "DEP202") == [("setup.cfg", 8)]
    assert facts.python_version == ">=3.9"


def test_setup_py_is_read_with_ast_and_never_run() -> None:
    facts = scan({"pkg/a.py": "", "setup.py": textwrap.dedent("""
        import os
        os.remove("/definitely/not/here")  # would raise if the file were executed
        from setuptools import setup

        REQUIRES = [
            "numpy==1.26.4",
            "scipy>=1.10",
        ]

        setup(
            name="pkg",
            python_requires=">=3.10",
            install_requires=REQUIRES,
            extras_require={"test": ["pytest"], "gpu": ["cupy"]},
        )
        """)})
    assert hits(facts, "DEP202") == [("setup.py", 7), ("setup.py", 14)]
    assert dep(facts, "numpy").line == 6 and facts.python_version == ">=3.10"


def test_pipfile_sections_and_python_version() -> None:
    facts = scan({"a.py": "", "Pipfile": textwrap.dedent("""
        [packages]
        numpy = "==1.26.4"
        pandas = "*"
        scipy = {version = ">=1.10"}

        [dev-packages]
        pytest = "*"

        [requires]
        python_version = "3.11"
        """)})
    assert hits(facts, "DEP202") == [("Pipfile", 3), ("Pipfile", 4)]
    assert facts.python_version == "3.11"


def test_broken_manifest_is_reported_as_skipped_not_raised() -> None:
    facts = scan({"a.py": "", "pyproject.toml": "[project\nname = 'x'\n"})
    assert any(s.startswith("pyproject.toml: not valid TOML") for s in facts.skipped)


# ------------------------------------------------------------------ conda

ENV = """
    name: study
    channels:
      - conda-forge
    dependencies:
      - python=3.10
      - numpy=1.24
      - conda-forge::scipy==1.11.4=py310h_0
      - pandas
      - pip
      - pip:
        - shap>=0.44
        - lifelines==0.27.8
"""


def test_environment_yml_conda_and_pip_entries() -> None:
    facts = scan({"run.py": "", "environment.yml": ENV})
    assert dep(facts, "numpy").pinned and dep(facts, "numpy").version == "1.24"
    assert dep(facts, "scipy").version == "1.11.4"
    assert "python" not in {d.name for d in facts.dependencies}
    assert hits(facts, "DEP202") == [("environment.yml", 8), ("environment.yml", 11)]  # pip itself is tooling
    assert dep(facts, "lifelines").line == 12 and dep(facts, "lifelines").ecosystem == "pypi"
    assert facts.python_version == "3.10" and hits(facts, "DEP204") == []


def test_conda_lock_covers_conda_and_pip_packages() -> None:
    lock = ("version: 1\nmetadata:\n  channels: []\npackage:\n- name: python\n  version: 3.10.13\n  manager: conda\n"
            "- name: numpy\n  version: 1.24.4\n  manager: conda\n  platform: linux-64\n"
            "- name: numpy\n  version: 1.24.4\n  manager: conda\n  platform: osx-64\n"
            "- name: Shap\n  version: 0.44.1\n  manager: pip\n")
    facts = scan({"run.py": "", "environment.yml": ENV, "conda-lock.yml": lock})
    assert hits(facts, "DEP202") == [] and hits(facts, "DEP203") == []
    assert dep(facts, "shap", "conda-lock.yml").ecosystem == "pypi"
    assert dep(facts, "numpy", "conda-lock.yml").line == 8


# ------------------------------------------------------------------ R

def test_r_description_and_renv_lock() -> None:
    description = textwrap.dedent("""
        Package: study
        Depends: R (>= 4.1.0),
            survival
        Imports: dplyr (>= 1.1.0), ggplot2,
            glmnet (== 4.1-8)
        Suggests: testthat
        """).lstrip()
    facts = scan({"R/fit.R": "set.seed(1)\n", "DESCRIPTION": description})
    assert facts.r_version == ">=4.1.0"
    assert dep(facts, "glmnet").pinned and dep(facts, "glmnet").line == 5
    assert hits(facts, "DEP202") == [("DESCRIPTION", 3), ("DESCRIPTION", 4), ("DESCRIPTION", 4)]
    renv = '{\n  "R": {\n    "Version": "4.3.1"\n  },\n  "Packages": {\n    "dplyr": {\n      "Package": "dplyr",\n      "Version": "1.1.4"\n    }\n  }\n}\n'
    locked = scan({"R/fit.R": "", "DESCRIPTION": description, "renv.lock": renv})
    assert hits(locked, "DEP202") == [] and dep(locked, "dplyr", "renv.lock").line == 7
    assert locked.r_version == "4.3.1" and locked.lock_files == ["renv.lock"]


def test_r_code_without_r_version() -> None:
    facts = scan({"analysis.R": "x <- 1\n", "install.R": "install.packages('dplyr')\n"})
    assert hits(facts, "DEP201") == []
    assert [f.data["language"] for f in facts.findings if f.rule == "DEP204"] == ["r"]
    dated = scan({"analysis.R": "", "install.R": "", "runtime.txt": "r-4.1-2022-01-01\n"})
    assert hits(dated, "DEP204") == [] and dated.r_version == "4.1"


# ------------------------------------------------------------------ language version, no manifest

def test_no_manifest_and_no_python_version() -> None:
    facts = scan({"train.py": "print(1)\n", "README.md": "# study\n"})
    assert hits(facts, "DEP201") == [(".", None)]
    assert hits(facts, "DEP204") == [(".", None)]
    assert facts.findings[0].severity.value == "error"


def test_no_code_no_findings() -> None:
    assert scan({"README.md": "# data only\n", "data.csv": "a,b\n"}).findings == []


@pytest.mark.parametrize("extra", [
    {".python-version": "3.11.8\n"},
    {"runtime.txt": "python-3.10.12\n"},
    {".tool-versions": "python 3.12.1\nnodejs 20\n"},
    {"Dockerfile": "FROM python:3.11-slim\n"},
])
def test_python_version_sources_silence_dep204(extra: dict[str, str]) -> None:
    facts = scan({"train.py": "", "requirements.txt": "numpy==1.26.4\n", **extra})
    assert hits(facts, "DEP204") == [] and facts.python_version is not None


def test_dep204_points_at_the_manifest() -> None:
    facts = scan({"train.py": "", "requirements.txt": "numpy==1.26.4\n"})
    assert hits(facts, "DEP204") == [("requirements.txt", None)]


# ------------------------------------------------------------------ Dockerfile

def test_dockerfile_images_versions_and_pip_lines() -> None:
    facts = scan({"app.py": "", "Dockerfile": textwrap.dedent("""
        # build stage
        ARG BASE=python:3.10-slim
        FROM ${BASE} AS build
        RUN pip install --no-cache-dir \\
            statsmodels==0.14.1 \\
            seaborn && \\
            pip install -r requirements.txt
        FROM build
        FROM --platform=linux/amd64 ubuntu
        FROM continuumio/miniconda3:latest
        FROM rocker/r-ver:4.3.1@sha256:abcdef
        FROM ${UNKNOWN_IMAGE}
        FROM scratch
        """)})
    assert hits(facts, "DEP205") == [("Dockerfile", 9), ("Dockerfile", 10)]
    assert dep(facts, "statsmodels").line == 5 and dep(facts, "seaborn").line == 6
    assert hits(facts, "DEP202") == [("Dockerfile", 6)]
    assert facts.python_version == "3.10" and facts.r_version == "4.3.1"


def test_digest_without_tag_is_pinned() -> None:
    facts = scan({"app.py": "", "Dockerfile": "FROM python@sha256:0123\nRUN echo hi\n"})
    assert hits(facts, "DEP205") == []


# ------------------------------------------------------------------ robustness

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_requirements_parser_never_raises(text: str) -> None:
    parsed = parse_requirements(text, "requirements.txt")
    for entry in parsed.entries:
        assert entry.dep.line is not None and entry.dep.path == "requirements.txt"
    for line in text.splitlines():
        dep_or_none, problem = read_requirement(line, "r.txt", 1, "requirements")
        assert dep_or_none is None or isinstance(problem, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["pyproject.toml", "environment.yml", "Dockerfile", "setup.py", "setup.cfg", "DESCRIPTION",
                        "Pipfile", "Pipfile.lock", "uv.lock", "renv.lock", "conda-lock.yml", "runtime.txt"]),
       st.text(max_size=300))
def test_every_manifest_reader_survives_arbitrary_text(name: str, text: str) -> None:
    facts = RepoFacts(root="r")
    deps.analyze([SourceFile(name, len(text), text), SourceFile("a.py", 0, "")], facts)
    assert all(f.rule.startswith("DEP") for f in facts.findings)


def test_dockerignore_is_not_a_dockerfile_and_root_version_wins() -> None:
    facts = scan({
        "a.py": "",
        "Dockerfile.dockerignore": "*.csv\n",
        "requirements.txt": "numpy==1.26.4\n",
        "examples/demo/environment.yml": "dependencies:\n  - python=3.6\n",
        ".python-version": "3.11.8\n",
    })
    assert "Dockerfile.dockerignore" not in facts.manifests
    assert facts.python_version == "3.11.8"
    assert [c["path"] for c in facts.extra["language_versions"]] == [".python-version", "examples/demo/environment.yml"]


def test_truncated_toml_lock_still_yields_its_packages() -> None:
    text = '[[package]]\nname = "numpy"\nversion = "1.26.4"\n\n[[package]]\nname = "pandas"\nversion = "2.2'
    facts = scan({"a.py": "", "pyproject.toml": PYPROJECT, "poetry.lock": text})
    assert dep(facts, "numpy", "poetry.lock").line == 2
    assert hits(facts, "DEP202") == []


def test_conda_r_base_states_the_r_version() -> None:
    facts = scan({"fit.R": "", "environment.yml": "dependencies:\n  - r-base=4.2.3\n  - r-glmnet=4.1_8\n"})
    assert facts.r_version == "4.2.3" and hits(facts, "DEP204") == []
    assert dep(facts, "r-glmnet").pinned

"""Repository hygiene: licence (HYG501), README run instructions (HYG502) and data access (HYG503),
absolute local paths in code (HYG504), committed patient identifiers (HYG505)."""

from __future__ import annotations

import json
import textwrap

import pytest

from linter.repo import hygiene
from linter.repo.facts import RepoFacts, SourceFile

MIT = """MIT License

Copyright (c) 2024 Sepsis Study Group

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction.
"""
GOOD_README = """# Early sepsis warning model

## Installation

```bash
pip install -r requirements.txt
```

## Reproducing the results

```bash
python -m sepsis.train --config configs/main.yaml
python -m sepsis.evaluate
```

## Data

We used MIMIC-IV v2.2, which is available from [PhysioNet](https://physionet.org/content/mimiciv/2.2/)
after credentialed access. Put the CSV files in `data/raw/`.
"""


def run(files: dict[str, str | None]) -> RepoFacts:
    facts = RepoFacts(root=".")
    srcs = [SourceFile(p, len(t or ""), textwrap.dedent(t) if t is not None else None) for p, t in files.items()]
    hygiene.analyze(srcs, facts)
    return facts


def rules(facts: RepoFacts) -> list[tuple[str, str, int | None]]:
    return sorted((f.rule, f.location.path, f.location.line) for f in facts.findings)


def clean_repo(**extra: str | None) -> dict[str, str | None]:
    files: dict[str, str | None] = {"LICENSE": MIT, "README.md": GOOD_README}
    files.update(extra)
    return files


def test_clean_repository_has_no_findings_and_records_facts():
    facts = run(clean_repo())
    assert facts.findings == []
    assert (facts.licence, facts.licence_path, facts.readme_path) == ("MIT", "LICENSE", "README.md")
    r = facts.readme
    assert r["has_run_commands"] and r["has_install"] and r["has_data_section"]
    assert r["run_lines"] == [12, 13] and r["install_lines"] == [6]
    assert r["links"] == ["https://physionet.org/content/mimiciv/2.2/"]


# --- licence ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,text,spdx", [
    ("LICENSE", "Apache License\n  Version 2.0, January 2004\n  http://www.apache.org/licenses/\n", "Apache-2.0"),
    ("COPYING", "GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n ... use the GNU Lesser General "
                "Public License instead ... version 3 of the GNU Affero General Public License ...", "GPL-3.0"),
    ("LICENSE.txt", "GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n", "GPL-2.0"),
    ("COPYING.LESSER", "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\nThis version incorporates "
                       "the terms of version 3 of the GNU General Public License", "LGPL-3.0"),
    ("LICENSE", "Mozilla Public License Version 2.0\n... the GNU General Public License, Version 2.0 ...", "MPL-2.0"),
    ("LICENSE.md", "# BSD 3-Clause\nRedistribution and use in source and binary forms, with or without\n"
                   "modification ... 3. Neither the name of the copyright holder nor ...", "BSD-3-Clause"),
    ("LICENSE", "Redistribution and use in source and binary forms, with or without modification,\n"
                "are permitted provided that the following conditions are met:", "BSD-2-Clause"),
    ("LICENSE", "Attribution 4.0 International\n\n=======", "CC-BY-4.0"),
    ("LICENSE", "Attribution-NonCommercial 4.0 International", "CC-BY-NC-4.0"),
    ("LICENCE", "Creative Commons Legal Code\n\nCC0 1.0 Universal", "CC0-1.0"),
    ("LICENSE", "Copyright 2024\nSPDX-License-Identifier: EUPL-1.2\n", "EUPL-1.2"),
    ("UNLICENSE", "This is free and unencumbered software released into the public domain.", "Unlicense"),
])
def test_licence_texts_are_recognised(name, text, spdx):
    facts = run({name: text, "README.md": GOOD_README})
    assert (facts.licence, facts.licence_path) == (spdx, name)
    assert rules(facts) == []


def test_unrecognised_licence_file_is_unknown_but_not_missing():
    facts = run({"LICENSE": "Copyright 2024 Hospital X. All rights reserved.", "README.md": GOOD_README})
    assert facts.licence == "unknown" and rules(facts) == []


def test_cran_licence_template_takes_the_declared_licence():
    facts = run({"LICENSE": "YEAR: 2023\nCOPYRIGHT HOLDER: Sepsis Study Group\n",
                 "DESCRIPTION": "Package: sepsisr\nVersion: 0.1\nLicense: MIT + file LICENSE\n",
                 "README.md": GOOD_README})
    assert (facts.licence, facts.licence_path) == ("MIT", "LICENSE")


@pytest.mark.parametrize("path,text,spdx", [
    ("pyproject.toml", '[project]\nname = "x"\nlicense = "Apache-2.0"\n', "Apache-2.0"),
    ("pyproject.toml", '[project]\nname = "x"\nlicense = {text = "BSD 3-Clause License"}\n', "BSD-3-Clause"),
    ("pyproject.toml", '[tool.poetry]\nname = "x"\nlicense = "GPL-3.0-or-later"\n', "GPL-3.0-or-later"),
    ("pyproject.toml", '[project]\nname = "x"\nclassifiers = ["License :: OSI Approved :: MIT License"]\n', "MIT"),
    ("DESCRIPTION", "Package: x\nLicense: GPL (>= 2)\n", "GPL-2.0-or-later"),
    ("DESCRIPTION", "Package: x\nLicense: GPL-3\nImports: caret\n", "GPL-3.0"),
    ("setup.cfg", "[metadata]\nname = x\nlicense = MIT\n", "MIT"),
    ("CITATION.cff", "cff-version: 1.2.0\ntitle: x\nlicense: CC-BY-4.0\n", "CC-BY-4.0"),
])
def test_declared_licence_without_a_file(path, text, spdx):
    facts = run({path: text, "README.md": GOOD_README})
    assert (facts.licence, facts.licence_path) == (spdx, path)
    assert rules(facts) == []


def test_no_licence_anywhere_fires_once_at_the_root():
    facts = run({"README.md": GOOD_README, "vendor/lib/LICENSE": MIT,
                 "pyproject.toml": '[project]\nname = "x"\n'})
    assert rules(facts) == [("HYG501", ".", None)]
    assert facts.licence is None
    assert facts.findings[0].items == ("repro-core.code-access",)


# --- README ----------------------------------------------------------------------------------------

def test_no_readme():
    facts = run({"LICENSE": MIT, "train.py": "print(1)\n"})
    assert rules(facts) == [("HYG502", ".", None), ("HYG503", ".", None)]
    assert facts.readme_path is None and facts.readme["has_run_commands"] is False


def test_readme_without_commands_or_data():
    facts = run(clean_repo(**{"README.md": "# Sepsis model\n\nCode for our paper in JAMA.\n"}))
    assert rules(facts) == [("HYG502", "README.md", None), ("HYG503", "README.md", None)]


def test_readme_with_install_only_says_so():
    text = "# X\n\n```\nconda env create -f environment.yml\n```\n\n## Data\nData are available on request.\n"
    facts = run(clean_repo(**{"README.md": text}))
    assert rules(facts) == [("HYG502", "README.md", None)]
    assert "explains installation" in facts.findings[0].message


def test_directory_tree_and_prose_are_not_commands():
    text = textwrap.dedent("""\
        # Project

        Make sure you have Python 3.10. python is great.

        ```
        .
        ├── data/
        ├── src/
        │   └── train.py
        └── README.md
        ```

        ## Data
        The dataset cannot be shared because of patient privacy; access requests go to the ethics board.
        """)
    facts = run(clean_repo(**{"README.md": text}))
    assert rules(facts) == [("HYG502", "README.md", None)]


@pytest.mark.parametrize("snippet", [
    "```r\nrenv::restore()\nsource(\"analysis/run_all.R\")\n```",
    "Run `Rscript analysis/main.R` from the repository root.",
    "Knit `analysis/report.Rmd` to reproduce every figure.",
    "```\n$ make all\n```",
    "```sh\ndocker run --rm -v $PWD:/work sepsis:1.0\n```",
    "```\nsnakemake --cores 4\n```",
    "```\n./run_pipeline.sh\n```",
])
def test_run_instructions_in_many_forms(snippet):
    text = f"# X\n\n## Usage\n\n{snippet}\n\n## Data\nDownload the cohort from Zenodo.\n"
    assert rules(run(clean_repo(**{"README.md": text}))) == []


@pytest.mark.parametrize("data_text,fires", [
    ("## Data availability\nSee the paper.", False),
    ("The MIMIC-IV data are available from PhysioNet after credentialing.", False),
    ("See <https://zenodo.org/records/123> for everything.", False),
    ("## Code availability\nThe code is on GitHub.", True),
    ("## Down Under Data Wizards\nTeam members.", True),
    ("## 2. Data sources\nSee the paper.", False),
    ("## Results\nAUROC 0.81.", True),
])
def test_data_access_section(data_text, fires):
    text = f"# X\n\n```\npython train.py\n```\n\n{data_text}\n"
    facts = run(clean_repo(**{"README.md": text}))
    assert (("HYG503", "README.md", None) in rules(facts)) is fires


def test_commands_written_as_plain_lines_count():
    text = textwrap.dedent("""\
        Installation:
        python -m venv .venv
        pip install -r requirements.txt

        Download and extract dataset
        wget https://example.org/sepsis.tar.gz

        Prepare data splits: python 1_make_data.py
        Train the full model: python main_ts.py --epochs 200
        """)
    facts = run(clean_repo(**{"README.md": text}))
    assert rules(facts) == []
    assert facts.readme["run_lines"] == [8, 9] and facts.readme["install_lines"] == [2, 3]


def test_data_download_command_counts_as_data_access():
    text = "# X\n\n```\nkaggle datasets download -d someone/icu-cohort\npython train.py\n```\n"
    facts = run(clean_repo(**{"README.md": text}))
    assert rules(facts) == [] and facts.readme["data_lines"] == [4]


def test_data_readme_counts_as_data_access():
    text = "# X\n\n```\npython train.py\n```\n"
    facts = run(clean_repo(**{"README.md": text, "data/README.md": "Download from the registry.\n"}))
    assert rules(facts) == [] and facts.readme["data_readme"] == "data/README.md"


def test_plain_text_readme():
    text = ("Sepsis model\n\nInstall: pip install -r requirements.txt\nRun: python train.py\n\n"
            "Data\nAvailable on request.\n")
    facts = run(clean_repo(**{"README.md": None, "README.txt": text}))
    assert facts.readme_path == "README.txt" and rules(facts) == []


# --- HYG504 absolute local paths -------------------------------------------------------------------

PY_PATHS = '''\
import os
import pandas as pd
from pathlib import Path

# old: df = pd.read_csv("/home/alice/sepsis/cohort.csv")
DATA = Path("/home/alice/sepsis/data")
df = pd.read_csv("C:\\\\Users\\\\bob\\\\Desktop\\\\cohort.csv")
raw = r"D:\\projects\\sepsis\\labs.parquet"
cache = os.path.expanduser("~/.cache/sepsis")
tmp = "/tmp/sepsis"
null = open("/dev/null", "w")
url = "https://example.org/home/alice/data.csv"
helptext = "e.g. /home/user/data"
notes = pd.read_csv("~/Downloads/notes.csv")
mount = "/mnt/shared/icu/"
user_dir = f"/Users/{os.getlogin()}/data"
'''


def test_python_local_paths_at_exact_lines_and_columns():
    facts = run(clean_repo(**{"src/load.py": PY_PATHS}))
    hits = sorted((f.location.line, f.location.column, f.data["value"]) for f in facts.findings)
    assert hits == [
        (6, 13, "/home/alice/sepsis/data"),
        (7, 18, "C:\\\\Users\\\\bob\\\\Desktop\\\\cohort.csv"),
        (8, 7, "D:\\projects\\sepsis\\labs.parquet"),
        (14, 21, "~/Downloads/notes.csv"),
        (15, 9, "/mnt/shared/icu/"),
    ]
    assert {f.rule for f in facts.findings} == {"HYG504"}


def test_r_and_rmd_local_paths():
    r_src = ('# setwd("/Users/jane/old")\nsetwd("/Users/jane/Dropbox/sepsis")\n'
             'd <- read.csv(here::here("data", "x.csv"))\n')
    rmd = ('Text mentioning /home/jane/data.\n\n```{r}\nd <- readRDS("/home/jane/sepsis/cohort.rds")\n```\n\n'
           '```{r eval=FALSE}\nd <- readRDS("/home/jane/other.rds")\n```\n')
    facts = run(clean_repo(**{"R/load.R": r_src, "report.Rmd": rmd}))
    assert sorted((f.location.path, f.location.line, f.location.column) for f in facts.findings) == [
        ("R/load.R", 2, 7), ("report.Rmd", 4, 14)]


def test_notebook_local_paths_are_located_by_cell_and_line():
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"language": "python"}},
          "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["Data in /home/alice/x.csv\n"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 1,
               "source": ["!ls /home/alice/data\n", "import pandas as pd\n",
                          "df = pd.read_csv('/home/alice/data/x.csv')\n"]},
          ]}
    facts = run(clean_repo(**{"explore.ipynb": json.dumps(nb, indent=1)}))
    assert [(f.location.line, f.location.column, f.data["cell"]) for f in facts.findings] == [(3, 18, 2)]


def test_paths_inside_a_container_are_not_local():
    code = 'a = "/mnt/data/cohort.csv"\nb = "/home/jovyan/work/x.csv"\nc = "/mnt/shared/other.csv"\n'
    dockerfile = "FROM python:3.11\nVOLUME /mnt/data\nCOPY . /app\n"
    facts = run(clean_repo(**{"run.py": code, "Dockerfile": dockerfile}))
    assert [(f.location.line, f.data["value"]) for f in facts.findings] == [(3, "/mnt/shared/other.csv")]


def test_test_files_and_broken_python_do_not_fire_or_crash():
    files = clean_repo(**{"tests/test_io.py": 'p = "/home/user/x.csv"\n',
                          "legacy.py": 'print "hello"\nx = """unterminated\n'})
    assert run(files).findings == []


# --- HYG505 patient identifiers ---------------------------------------------------------------------

def test_identifier_columns_fire_once_at_the_header():
    csv_text = "MRN,first_name,last_name,DOB,age,sex,lactate,sepsis\n1001,Ann,Lee,1950-02-01,74,F,2.1,1\n"
    facts = run(clean_repo(**{"data/cohort.csv": csv_text}))
    assert rules(facts) == [("HYG505", "data/cohort.csv", 1)]
    f = facts.findings[0]
    assert f.severity.value == "error"
    assert f.data["columns"] == ["MRN", "first_name", "last_name", "DOB"]
    assert "MRN (medical record number)" in f.message and "DOB (date of birth)" in f.message


@pytest.mark.parametrize("path,text", [
    ("data/features.csv", "patient_id,age,sex,lactate\n1,70,F,2.0\n"),
    ("data/linked.csv", "study_id,mrn_hash,dob_year,email_domain,ip_address\n1,ab12,1950,nhs.net,10.0.0.1\n"),
    ("data/template.csv", "mrn,dob,outcome\n"),
    ("data/redacted.csv", "mrn,dob,outcome\nNA,,1\nREDACTED,NA,0\n"),
    ("docs/authors.csv", "last_name,affiliation\nLee,UCL\n"),
    ("notes.txt", "Name, address and phone are removed\nbefore analysis.\n"),
    ("docs/team.csv", "name,email,affiliation\nAnn Lee,ann@uni.edu,UCL\n"),
    ("data/site_codes.tsv", "site\tregion\nA\tNorth\n"),
])
def test_non_identifying_tables_are_silent(path, text):
    assert run(clean_repo(**{path: text})).findings == []


@pytest.mark.parametrize("path,text,cols", [
    ("data/ward.csv", "Patient Name;Date of Birth;Ward\nA B;1950-01-01;ICU\n", ["Patient Name", "Date of Birth"]),
    ("data/contacts.tsv", "pt_id\tMedical Record Number\tEmail\n1\t0042\ta@b.org\n",
     ["Medical Record Number", "Email"]),
    ("data/uk.csv", "\ufeffNHS_Number,patientMRN,outcome\n943 476 5919,77,1\n", ["NHS_Number", "patientMRN"]),
])
def test_identifier_columns_in_other_spellings(path, text, cols):
    facts = run(clean_repo(**{path: text}))
    assert [f.data["columns"] for f in facts.findings] == [cols]


def test_synthetic_looking_file_is_a_warning():
    facts = run(clean_repo(**{"data/synthetic_patients.csv": "first_name,last_name,ssn\nA,B,000-00-0000\n"}))
    assert [(f.rule, f.severity.value) for f in facts.findings] == [("HYG505", "warning")]


def test_binary_tables_are_judged_by_name_only():
    facts = run(clean_repo(**{"data/mrn_lookup.xlsx": None, "data/features.parquet": None,
                              "data/cohort_pii.csv.gz": None}))
    assert rules(facts) == [("HYG505", "data/cohort_pii.csv.gz", None), ("HYG505", "data/mrn_lookup.xlsx", None)]
    assert all(f.confidence == 0.5 for f in facts.findings)


def test_readme_wrapped_run_sentence(tmp_path):
    from linter.repo.facts import RepoFacts, SourceFile
    from linter.repo.hygiene import analyze

    readme = ("# Study\n\nTo reproduce the figures, open Jupyter and run the notebooks in order, starting with\n"
              "`01_cohort.ipynb` and ending with `04_figures.ipynb`.\n\n## Data\n\nDownload the data from the study page.\n")
    files = [SourceFile("README.md", len(readme), readme), SourceFile("LICENSE", 20, "MIT License\n\nPermission is hereby granted")]
    facts = RepoFacts(root="r", files=[f.path for f in files])
    analyze(files, facts)
    assert not [f for f in facts.findings if f.rule == "HYG502"]


def test_readme_chained_inline_command_counts():
    from linter.repo.facts import RepoFacts, SourceFile
    from linter.repo.hygiene import analyze

    readme = "# Study\n\nReproduce: `pip install -r requirements.txt && python main.py --config config.yaml`\n"
    files = [SourceFile("README.md", len(readme), readme)]
    facts = RepoFacts(root="r", files=["README.md"])
    analyze(files, facts)
    assert not [f for f in facts.findings if f.rule == "HYG502"]
    readme = "# Study\n\nInstall: `pip install -r requirements.txt && pip install -e .`\n"
    files = [SourceFile("README.md", len(readme), readme)]
    facts = RepoFacts(root="r", files=["README.md"])
    analyze(files, facts)
    assert [f for f in facts.findings if f.rule == "HYG502"]

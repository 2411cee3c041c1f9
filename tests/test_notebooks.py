"""Notebooks: read as JSON, code cells analysed like a module, located by cell and line;
cells run out of order (RND107)."""

from __future__ import annotations

import json

import pytest

from linter.repo import scan
from linter.repo.facts import SourceFile
from linter.repo.notebooks import out_of_order, parse_notebook, read_notebook


def _nb(*cells, language="python", nbformat=4) -> str:
    out = []
    for cell in cells:
        if isinstance(cell, str):
            out.append({"cell_type": "markdown", "metadata": {}, "source": cell})
        else:
            count, source = cell
            out.append({"cell_type": "code", "execution_count": count, "metadata": {}, "outputs": [],
                        "source": source.splitlines(keepends=True)})
    return json.dumps({"cells": out, "metadata": {"kernelspec": {"language": language}}, "nbformat": nbformat,
                       "nbformat_minor": 5})


def _file(text: str, path: str = "nb.ipynb") -> SourceFile:
    return SourceFile(path=path, size=len(text), text=text)


def test_magics_are_blanked_and_lines_keep_their_cell_positions():
    nb = read_notebook(_file(_nb("# Title", (1, "%matplotlib inline\nimport numpy as np\n!pip install x\nfiles = !ls"),
                                 (2, "%%time\nx = np.random.rand(3)\nx?"),
                                 (3, "%%bash\necho hi"))))
    tree, code, problems = parse_notebook(nb)
    assert tree is not None and problems == []
    lines = code.splitlines()
    assert lines[:4] == ["", "import numpy as np", "", ""]
    assert lines[4:7] == ["", "x = np.random.rand(3)", ""]
    assert lines[7:9] == ["", ""]
    locate = nb.line_map()
    assert locate(2) == (2, 2)  # import numpy: cell 2 (after the markdown cell), line 2
    assert locate(6) == (2, 3)  # x = ...: cell 3, line 2


def test_unseeded_draw_in_a_notebook_is_located_by_cell_and_line(tmp_path):
    (tmp_path / "explore.ipynb").write_text(_nb("# EDA", (1, "import numpy as np"), "more text",
                                                (2, "%time y = 1\nsample = np.random.choice(10, 3)")))
    facts = scan(tmp_path)
    found = [(f.rule, f.location.path, f.location.line, f.location.column, f.data.get("cell"))
             for f in facts.findings if f.rule.startswith("RND")]
    assert found == [("RND101", "explore.ipynb", 2, 10, 4)]
    assert facts.entry_points == ["explore.ipynb"]
    call = next(c for c in facts.calls if c.qualname == "numpy.random.choice")
    assert (call.line, call.column) == (2, 10)


def test_seeded_notebook_importing_a_repository_helper_is_silent(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "__init__.py").write_text("")
    (tmp_path / "lib" / "seeds.py").write_text("import numpy as np\n\ndef fix(seed):\n    np.random.seed(seed)\n")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "a.ipynb").write_text(_nb((1, "import sys\nsys.path.insert(0, '..')\nfrom lib.seeds import fix"),
                                                        (2, "import numpy as np\nfix(0)\nnp.random.shuffle(list(range(3)))")))
    assert [f for f in scan(tmp_path).findings if f.rule.startswith("RND")] == []


def test_percent_run_of_a_repository_script_counts_as_running_its_code(tmp_path):
    (tmp_path / "setup_env.py").write_text("import numpy as np\nnp.random.seed(0)\n")
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "seeded.ipynb").write_text(_nb((1, "%run ../setup_env.py\nimport numpy as np"),
                                                   (2, "x = np.random.rand(2)")))
    (tmp_path / "nb" / "unseeded.ipynb").write_text(_nb((1, "%run -i ../missing_elsewhere.txt\nimport numpy as np"),
                                                     (2, "x = np.random.rand(2)")))
    found = [(f.location.path, f.data.get("cell")) for f in scan(tmp_path).findings if f.rule == "RND101"]
    assert found == [("nb/unseeded.ipynb", 2)]


@pytest.mark.parametrize("counts, expected_cell", [
    ((1, 2, 3), None),
    ((1, 5, 9), None),  # gaps are re-runs, not disorder
    ((1, 2, None), None),  # a trailing cell that never ran
    ((None, None, None), None),  # outputs cleared
    ((2, 1, 3), 2),
    ((1, None, 2), 2),
    ((3, 3, 4), 2),  # the same count twice: one of them is stale
])
def test_out_of_order_cells(counts, expected_cell):
    nb = read_notebook(_file(_nb(*[(c, f"x{i} = {i}") for i, c in enumerate(counts)])))
    finding = out_of_order(nb)
    if expected_cell is None:
        assert finding is None
    else:
        assert finding is not None and finding.rule == "RND107"
        assert (finding.location.line, finding.location.column, finding.data["cell"]) == (1, 1, expected_cell)


def test_empty_cells_do_not_count_as_skipped():
    nb = read_notebook(_file(_nb((1, "a = 1"), (None, ""), (None, "   \n"), (2, "b = 2"))))
    assert out_of_order(nb) is None


def test_out_of_order_message_names_the_cells():
    nb = read_notebook(_file(_nb((4, "a = 1"), (2, "b = 2"), (None, "c = 3"), (5, "d = 4"))))
    finding = out_of_order(nb)
    assert finding.message == ("notebook cells were run out of order: cell 2 (In [2]) ran before cell 1 (In [4]) "
                               "above it (and 1 more)")
    assert finding.data["cells"] == [2, 3]


def test_nbformat3_worksheets_are_read():
    raw = json.dumps({"nbformat": 3, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "code", "input": ["import random\n", "random.random()\n"], "prompt_number": 1}]}]})
    nb = read_notebook(_file(raw))
    assert [(c.index, c.execution_count) for c in nb.cells] == [(1, 1)]
    assert "random.random()" in nb.code()


def test_broken_json_and_non_python_notebooks(tmp_path):
    (tmp_path / "broken.ipynb").write_text("{not json")
    (tmp_path / "r.ipynb").write_text(_nb((1, "x <- sample(1:10)"), language="R"))
    facts = scan(tmp_path)
    gl = [(f.rule, f.location.path) for f in facts.findings if f.rule == "GL002"]
    assert gl == [("GL002", "broken.ipynb")]
    assert not [f for f in facts.findings if f.rule.startswith("RND10")]


def test_a_cell_that_does_not_parse_is_reported_and_the_rest_analysed(tmp_path):
    (tmp_path / "p.ipynb").write_text(_nb((1, "import numpy as np"), (2, "x = 1\nprint 'old'"), (3, "np.random.rand(2)")))
    facts = scan(tmp_path)
    found = sorted((f.rule, f.location.line, f.data.get("cell")) for f in facts.findings
                   if f.rule in ("GL002", "RND101"))
    assert found == [("GL002", 2, 2), ("RND101", 1, 3)]


def test_large_notebook_outputs_do_not_stop_the_analysis(tmp_path):
    text = json.loads(_nb((1, "import random\nrandom.random()")))
    text["cells"][0]["outputs"] = [{"output_type": "display_data", "data": {"image/png": "A" * 5000}, "metadata": {}}]
    (tmp_path / "plots.ipynb").write_text(json.dumps(text))
    (tmp_path / "huge.ipynb").write_text(json.dumps(text).replace("A" * 5000, "A" * 50_000))
    facts = scan(tmp_path, max_file_bytes=2000)  # plots.ipynb: ~5 KB, within 8x the cap; huge.ipynb is not
    found = sorted((f.rule, f.location.path) for f in facts.findings if f.rule in ("RND101", "GL002"))
    assert found == [("GL002", "huge.ipynb"), ("RND101", "plots.ipynb")]

"""LaTeX reader (linter/manuscript/latex.py): headings, paragraphs and hidden text with exact lines.

The LaTeX sources here are written for these tests. The two corpus files are only read (never copied)
to check that real pandoc/knitr output parses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.errors import InputError
from linter.manuscript import parse_manuscript, read_manuscript
from linter.suppress import parse_directives
from linter.textscan import units

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "texts"

PAPER = r"""\documentclass{article}
% preamble comment
\newcommand{\blandscape}{\begin{landscape}}
\title{A made-up study of
wrapped titles}
\begin{document}
\maketitle
\begin{abstract}
We trained a classifier. It worked.
\end{abstract}

\hypertarget{methods}{%
\section{Methods}\label{methods}}

\textbf{Data access.} The data are available at
\url{https://example.org/data}.
Code is \href{https://github.com/example/code}{here}.

\subsection*{Funding}
This work was supported by the Example Trust\footnote{Grant 12345 funded
the first author.}.
% guidelint: ignore tripod-ai.19 -- no patients involved
\iffalse
Funding was hidden here.
\fi
\begin{comment}
A hidden seed of 42.
\end{comment}
\begin{itemize}
\item first point
\item second point
\end{itemize}
\begin{tabular}[t]{ll}
\toprule
Model & AUROC\\
\midrule
RF & 0.81\\
LR & 0.78\\
\bottomrule
\end{tabular}
\begin{verbatim}
set.seed(1)
\end{verbatim}
\paragraph{Run-in heading} Text after it.
\end{document}
"""


@pytest.fixture(scope="module")
def doc():
    return parse_manuscript("paper.tex", PAPER, ".tex")


def _block(doc, start: str):
    return next(b for b in doc.blocks if b.text.startswith(start))


def test_title_and_sections_with_lines(doc) -> None:
    assert doc.format == "latex"
    assert doc.title == "A made-up study of wrapped titles"
    titles = [(s.title, s.line) for s in doc.sections]
    assert ("Abstract", 8) in titles
    assert ("Methods", 13) in titles
    assert ("Funding", 19) in titles
    assert ("Run-in heading", 44) in titles
    funding = next(s for s in doc.sections if s.title == "Funding")
    assert funding.path == ("Methods", "Funding")


def test_abstract_section_ends_with_its_environment(doc) -> None:
    abstract = next(s for s in doc.sections if s.title == "Abstract")
    assert abstract.end_line == 10
    block = _block(doc, "We trained")
    assert block.section == ("Abstract",) and block.line == 9


def test_paragraph_lines_label_and_links(doc) -> None:
    block = _block(doc, "Data access.")
    assert block.line == 15 and block.end_line == 17
    assert block.label == "Data access"
    assert "https://example.org/data" in block.text
    assert "here <https://github.com/example/code>" in block.text
    assert block.line_of_offset(block.text.index("Code is")) == 17


def test_footnote_is_its_own_paragraph(doc) -> None:
    note = _block(doc, "Grant 12345")
    assert note.line == 20 and not note.hidden
    main = _block(doc, "This work was supported")
    assert "Grant 12345" not in main.text


def test_comments_iffalse_and_comment_env_are_hidden(doc) -> None:
    visible = " ".join(b.text for b in doc.visible_blocks())
    assert "Funding was hidden" not in visible
    assert "hidden seed" not in visible
    assert "preamble comment" not in visible
    hidden = [b for b in doc.blocks if b.hidden]
    assert any("Funding was hidden" in b.text for b in hidden)
    assert any(b.kind == "html_comment" and b.text == "preamble comment" for b in hidden)


def test_percent_directive_reaches_the_directive_parser(doc) -> None:
    directives, problems = parse_directives(doc)
    assert problems == []
    assert [(d.verb, d.codes, d.line) for d in directives] == [("ignore", ("tripod-ai.19",), 22)]


def test_lists_tables_and_code(doc) -> None:
    items = [b for b in doc.blocks if b.kind == "list"]
    assert [(b.text, b.line) for b in items] == [("first point", 30), ("second point", 31)]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows == (("Model", "AUROC"), ("RF", "0.81"), ("LR", "0.78"))
    row_units = [u for u in units(doc) if "RF" in u.text or "LR" in u.text]
    assert [u.line for u in row_units] == [37, 38]
    code = next(b for b in doc.blocks if b.kind == "code")
    assert "set.seed(1)" in code.text and code.line == 41
    assert not any("set.seed" in u.text for u in units(doc))


def test_definition_bodies_do_not_swallow_the_document(doc) -> None:
    assert any(s.title == "Methods" for s in doc.sections)  # \newcommand{..}{\begin{landscape}} is opaque


def test_fragment_without_document_environment() -> None:
    doc = parse_manuscript("part.tex", "\\section{Results}\nThe AUROC was 0.8.\n", ".tex")
    assert [(s.title, s.line) for s in doc.sections] == [("Results", 1)]
    assert _block(doc, "The AUROC").line == 2


def test_starred_and_nested_headings_and_bibliography() -> None:
    text = ("\\begin{document}\n\\section*{Declarations}\n\\subsection{Competing interests}\nNone declared.\n"
            "\\begin{thebibliography}{9}\n\\bibitem{a} A. Author. Data availability matters. 2020.\n"
            "\\end{thebibliography}\n\\end{document}\n")
    doc = parse_manuscript("p.tex", text, ".tex")
    assert ("Competing interests", 3) in [(s.title, s.line) for s in doc.sections]
    unit_texts = [u.text for u in units(doc)]
    assert "None declared." in unit_texts
    assert not any("Data availability matters" in t for t in unit_texts)  # the reference list is not evidence


@pytest.mark.parametrize("name", ["sze-crc-microbiome-meta.tex", "ptds-thirst-scale.tex"])
def test_corpus_latex_reads(name: str) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus not present at {CORPUS}")
    doc = read_manuscript(path)
    assert len(doc.sections) >= 8
    assert any("Methods" == s.title for s in doc.sections)
    assert all(1 <= b.line <= b.end_line <= len(doc.lines) for b in doc.blocks)


LATEXISH = st.lists(st.sampled_from([
    "\\section{A}", "\\begin{itemize}", "\\end{itemize}", "\\item x", "{", "}", "%", "\\iffalse", "\\fi",
    "\\begin{tabular}{ll}", "a & b \\\\", "\\end{tabular}", "\\href{u}", "\\footnote{", "$x", "\n\n", "text",
    "\\begin{verbatim}", "\\newcommand{\\x}{", "\\begin{document}", "\\end{document}", "\\verb|", "\\",
]), max_size=30).map("".join) | st.text(max_size=300)


@settings(max_examples=150, deadline=None)
@given(LATEXISH)
def test_latex_reader_raises_only_input_error(text: str) -> None:
    try:
        doc = parse_manuscript("p.tex", text, ".tex")
    except InputError:
        return
    assert all(b.line >= 1 and b.end_line >= b.line for b in doc.blocks)
    units(doc)

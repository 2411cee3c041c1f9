"""Repository hygiene that decides reproducibility: a licence, a README that says how to run the
analysis and where the data come from, no paths on the author's machine, no patient identifiers.

Sets ``facts.licence`` (SPDX id, or "unknown" when a licence file is not recognised),
``facts.licence_path``, ``facts.readme_path`` and ``facts.readme`` (``has_run_commands``,
``has_install``, ``has_data_section``, ``links``, plus the lines that gave each answer), and adds
the HYG50x findings. Patterns live in the ``knowledge`` section of rules/hygiene.yaml.
"""

from __future__ import annotations

import configparser
import functools
import posixpath
import re
from importlib import resources
from typing import Any

import yaml
from markdown_it import MarkdownIt

from linter.repo.facts import RepoFacts, SourceFile
from linter.repo.hygiene_files import check_local_paths, check_phi
from linter.rulebook import finding

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = "."  # location of repository-wide findings
_SPDX_LINE = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)")
_URL = re.compile(r"https?://[^\s)>\]\"'`]+")
_PROMPT = re.compile(r"^\s*(?:\$|>|%|!|PS>)\s+")
_LABEL = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:[^:`]{1,40}:\s+)?")  # "- Step 2: " before a command


@functools.lru_cache(maxsize=1)
def knowledge() -> dict[str, Any]:
    raw = yaml.safe_load((resources.files("linter") / "rules" / "hygiene.yaml").read_text(encoding="utf-8"))
    return raw["knowledge"]


def analyze(files: list[SourceFile], facts: RepoFacts) -> None:
    """Check licence, README, local paths and committed identifiable data."""
    kn = knowledge()
    root_files = {f.path: f for f in files if "/" not in f.path}
    check_licence(root_files, facts, kn)
    check_readme(root_files, [f.path for f in files], facts, kn)
    facts.findings.extend(check_local_paths(files, kn))
    facts.findings.extend(check_phi(files, kn))


# --- licence --------------------------------------------------------------------------------------

def check_licence(root_files: dict[str, SourceFile], facts: RepoFacts, kn: dict[str, Any]) -> None:
    names = set(kn["licence_files"])
    candidates = sorted((p for p in root_files if _strip_ext(p.lower()) in names), key=lambda p: (len(p), p))
    for path in candidates:
        spdx = identify_licence_text(root_files[path].text or "", kn)
        if spdx:
            facts.licence, facts.licence_path = spdx, path
            return
    declared, declared_path = declared_licence(root_files, kn)
    if candidates:
        facts.licence, facts.licence_path = declared or "unknown", candidates[0]
    elif declared:
        facts.licence, facts.licence_path = declared, declared_path
    else:
        facts.findings.append(finding(
            "HYG501", "No licence: there is no LICENSE/COPYING file and no licence declared in "
                      "pyproject.toml, DESCRIPTION, setup.cfg or CITATION.cff", ROOT))


def _strip_ext(name: str) -> str:
    for ext in (".md", ".txt", ".rst", ".markdown"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return name


def identify_licence_text(text: str, kn: dict[str, Any]) -> str | None:
    """SPDX id of a licence text, from its distinctive phrases (None when not recognised)."""
    m = _SPDX_LINE.search(text[:2000])
    if m:
        return m.group(1)
    norm = " ".join(text.lower().replace("*", " ").replace("#", " ").split())
    for entry in kn["licence_texts"]:
        if all(phrase in norm for phrase in entry["all"]):
            return str(entry["id"])
    return None


def licence_from_name(name: str, kn: dict[str, Any]) -> str | None:
    """SPDX id for a declared licence name ("MIT + file LICENSE", "GPL (>= 2)", "Apache License 2.0")."""
    name = name.strip().strip("\"'")
    if not name:
        return None
    name = re.sub(r"^(license\s*::\s*)?(osi approved\s*::\s*)?", "", name, flags=re.I)
    for pattern, spdx in kn["licence_names"]:
        if re.match(pattern, name, re.I):
            return str(spdx)
    return None


def declared_licence(root_files: dict[str, SourceFile], kn: dict[str, Any]) -> tuple[str | None, str | None]:
    readers = (("pyproject.toml", _pyproject_licence), ("DESCRIPTION", _description_licence),
               ("setup.cfg", _setup_cfg_licence), ("CITATION.cff", _citation_licence))
    for path, reader in readers:
        f = root_files.get(path)
        if f is None or f.text is None:
            continue
        for name in reader(f.text):
            spdx = licence_from_name(name, kn)
            if spdx:
                return spdx, path
    return None, None


def _pyproject_licence(text: str) -> list[str]:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return []
    out: list[str] = []
    for table in (data.get("project", {}), data.get("tool", {}).get("poetry", {})):
        if not isinstance(table, dict):
            continue
        lic = table.get("license")
        if isinstance(lic, str):
            out.append(lic)
        elif isinstance(lic, dict) and isinstance(lic.get("text"), str):
            out.append(lic["text"])
        out.extend(c.split("::")[-1] for c in table.get("classifiers", []) if str(c).startswith("License ::"))
    return out


def _description_licence(text: str) -> list[str]:
    m = re.search(r"^License:\s*(.+(?:\n[ \t]+.+)*)", text, re.M)
    return [" ".join(m.group(1).split())] if m else []


def _setup_cfg_licence(text: str) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return []
    out = [parser.get("metadata", key) for key in ("license",) if parser.has_option("metadata", key)]
    classifiers = parser.get("metadata", "classifiers", fallback="")
    out.extend(line.split("::")[-1] for line in classifiers.splitlines() if line.strip().startswith("License ::"))
    return out


def _citation_licence(text: str) -> list[str]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    lic = data.get("license") if isinstance(data, dict) else None
    return [lic] if isinstance(lic, str) else [x for x in lic if isinstance(x, str)] if isinstance(lic, list) else []


# --- README ---------------------------------------------------------------------------------------

def check_readme(root_files: dict[str, SourceFile], all_paths: list[str], facts: RepoFacts,
                 kn: dict[str, Any]) -> None:
    by_lower = {p.lower(): p for p, f in root_files.items() if f.text is not None}
    path = next((by_lower[n] for n in kn["readme_names"] if n in by_lower), None)
    data_readme = _data_readme(all_paths)
    if path is None:
        facts.readme = {"has_run_commands": False, "has_install": False,
                        "has_data_section": data_readme is not None, "links": [], "data_readme": data_readme}
        facts.findings.append(finding(
            "HYG502", "No README at the repository root: nothing says how to install and run the analysis", ROOT))
        if data_readme is None:
            facts.findings.append(finding(
                "HYG503", "No README at the repository root, so nothing says where the data come from", ROOT))
        return
    facts.readme_path = path
    info = readme_facts(root_files[path].text or "", path, kn)
    if data_readme and not info["has_data_section"]:
        info["has_data_section"] = True
    info["data_readme"] = data_readme
    facts.readme = info
    if not info["has_run_commands"]:
        what = "explains installation but gives" if info["has_install"] else "gives"
        facts.findings.append(finding(
            "HYG502", f"{path} {what} no command that runs the analysis (python/Rscript/make/docker ... "
                      "in a code block, or which script to run)", path))
    if not info["has_data_section"]:
        facts.findings.append(finding(
            "HYG503", f"{path} says nothing about where the data come from or how to obtain them", path))


def _data_readme(paths: list[str]) -> str | None:
    for p in sorted(paths):
        parent, base = posixpath.split(p.lower())
        if base.startswith("readme") and posixpath.basename(parent) in ("data", "dataset", "datasets", "raw_data"):
            return p
        if not parent and _strip_ext(base) in ("data", "data_availability", "data_access", "datasets",
                                               "data_sources", "data_source"):
            return p
    return None


def readme_facts(text: str, path: str, kn: dict[str, Any]) -> dict[str, Any]:
    """What a README offers a reader who wants to rerun the study."""
    code, prose, headings, links = _readme_parts(text, path)
    # "pip install -r requirements.txt && python main.py": every command of a chained line counts
    code = code + [(ln, part) for ln, s in code for part in re.split(r"\s*(?:&&|;|\|\|)\s*", s)[1:] if part]
    run = [ln for ln, s in code if _matches_start(_PROMPT.sub("", s), kn["run_commands"])]
    # a sentence wrapped over two source lines is still one sentence: also try line pairs
    wrapped = [(ln, f"{s} {s2}") for (ln, s), (ln2, s2) in zip(prose, prose[1:]) if ln2 == ln + 1]
    run += [ln for ln, s in prose if re.search(kn["run_prose"], s, re.I)
            or _matches_start(_LABEL.sub("", s), kn["prose_commands"])]
    run += [ln for ln, s in wrapped if re.search(kn["run_prose"], s, re.I)]
    install = [ln for ln, s in code if _matches_start(_PROMPT.sub("", s), kn["install_commands"])]
    install += [ln for ln, s in prose if _matches_start(_LABEL.sub("", s), kn["install_commands"])]
    install += [ln for ln, s in code + prose if any(re.search(p, s) for p in kn["install_calls"])]
    data = [ln for ln, s in headings if re.search(kn["data_headings"], s, re.I)]
    data += [ln for ln, s in prose + wrapped if re.search(kn["data_prose"], s, re.I)]
    data += [ln for ln, s in code if _matches_start(_PROMPT.sub("", s), kn["data_commands"])]
    links = sorted(set(links) | set(_URL.findall(text)))
    data += [1 for u in links if any(h in u.lower() for h in kn["data_hosts"])][:1]
    return {"has_run_commands": bool(run), "has_install": bool(install), "has_data_section": bool(data),
            "links": links, "run_lines": sorted(set(run)), "install_lines": sorted(set(install)),
            "data_lines": sorted(set(data))}


def _matches_start(line: str, patterns: list[str]) -> bool:
    line = line.strip()
    return any(re.match(p, line, re.I) for p in patterns)


def _readme_parts(text: str, path: str):
    """(code lines, prose lines, headings, links), each line as (line number, text)."""
    if not path.lower().endswith((".md", ".markdown", ".rmd", ".qmd")):
        lines = list(enumerate(text.splitlines(), 1))
        headings = [(n, s) for n, s in lines if s.strip() and len(s) < 80 and not s.rstrip().endswith(".")]
        return lines, lines, headings, []
    code: list[tuple[int, str]] = []
    prose: list[tuple[int, str]] = []
    headings: list[tuple[int, str]] = []
    links: list[str] = []
    tokens = MarkdownIt("commonmark").parse(text)
    for i, tok in enumerate(tokens):
        start = tok.map[0] + 1 if tok.map else 1
        if tok.type in ("fence", "code_block"):
            first = start + 1 if tok.type == "fence" else start
            code.extend((first + k, s) for k, s in enumerate(tok.content.splitlines()))
        elif tok.type == "heading_open" and i + 1 < len(tokens):
            headings.append((start, tokens[i + 1].content))
        elif tok.type == "inline":
            if i == 0 or tokens[i - 1].type != "heading_open":
                prose.extend((start + k, s) for k, s in enumerate(tok.content.splitlines()))
            for child in tok.children or []:
                if child.type == "code_inline":
                    code.append((start, child.content))
                elif child.type == "link_open" and child.attrs.get("href"):
                    links.append(str(child.attrs["href"]))
    return code, prose, headings, links

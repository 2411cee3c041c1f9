"""The sections of the ``guidelint init`` draft, one small function each (see :mod:`linter.init_cmd`).

Each returns YAML lines. A section with nothing the code can tell is written entirely as
``# TODO`` comments, so the draft stays valid against the methods schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from linter import cross_code as code
from linter.cross_facts import Where, names
from linter.init_cmd import comment, quote
from linter.manuscript.document import Document
from linter.repo.facts import RepoFacts

_TOOLING = {"pip", "setuptools", "wheel", "python", "r", "r-base", "conda", "mamba", "uv", "pip-tools"}
_NOT_HPARAM = re.compile(r"path|dir|file|log|output|device|verbose|n_jobs|workers|gpu|wandb|project|name|url|host|port"
                         r"|debug|save|checkpoint|cache|root|mode|version|defaults|config|^shuffle$|^method$", re.I)
_SPLIT_CONTEXT = re.compile(r"KFold|ShuffleSplit|train_test_split|cross_val|cross_validate|DataLoader.*shuffle"
                            r"|createDataPartition|createFolds|trainControl|vfold_cv|initial_split|bootstraps|mc_cv", re.I)
_GIT_URL = re.compile(r'\[remote\s+"origin"\][^\[]*?\burl\s*=\s*(\S+)', re.S)
_HOSTS = r"(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)"
_ACCESS_HINTS = (
    (r"physionet|credentialed", "credentialed", "mentions PhysioNet / credentialed access"),
    (r"data use agreement|\bDUA\b|data sharing agreement", "restricted", "mentions a data use agreement"),
    (r"(?:up)?on (?:reasonable )?request", "on-request", "says data are available on request"),
    (r"cannot be shared|not publicly available|not be made available", "not-available", "says the data cannot be shared"),
    (r"publicly available|openly available|open access|freely available", "open", "says the data are public"),
)
MAX_HPARAMS = 80


@dataclass
class Draft:
    facts: RepoFacts
    doc: Document | None
    texts: list[tuple[str, str]]
    root: Path

    def readme(self) -> tuple[str, str] | None:
        path = self.facts.readme_path
        return next(((p, t) for p, t in self.texts if p == path and t != p), None)


def _where(path: Any, line: Any) -> str:
    return str(Where(str(path or ""), line if isinstance(line, int) else None))


def study(d: Draft) -> list[str]:
    title = d.doc.title if d.doc is not None and d.doc.title else None
    todo = ["  # TODO type: development   (development | evaluation | development+evaluation | trial | protocol)",
            '  # TODO design: "retrospective cohort"', '  # TODO population: "who the model is for"',
            '  # TODO intended_use: "where the model sits in the care pathway"']
    if title:
        return ["study:", f"  title: {quote(title)}{comment('from the manuscript')}", *todo]
    return ["# TODO study:", '  # TODO title: "the study title"', *todo]


def language(d: Draft) -> list[str]:
    counts = code.code_languages(d.facts)
    if not counts:
        return ['# TODO language: {name: "Python", version: "3.11.7"}   (no Python or R files were found)']
    lang = max(counts, key=lambda k: counts[k])
    name = "Python" if lang == "python" else "R"
    n = counts[lang]
    lines = ["language:", f"  name: {name}{comment(f'{n} {name} file' + ('s' if n != 1 else ''))}"]
    claims = [c for c in d.facts.extra.get("language_versions") or [] if c.get("language") == lang]
    exact = [c for c in claims if str(c.get("value", "")).strip()[:1].isdigit()]
    if exact:
        lines.append(f"  version: {quote(str(exact[0]['value']).strip())}{comment(_where(exact[0].get('path'), exact[0].get('line')))}")
    else:
        hint = (f"the repository allows {claims[0]['value']} at {_where(claims[0].get('path'), claims[0].get('line'))}"
                if claims else "the repository states no version")
        lines.append(f'  # TODO version: "the exact version used"   ({hint})')
    return lines


def software(d: Draft) -> list[str]:
    chosen: dict[str, tuple[str | None, str, Any]] = {}
    for dep in sorted(d.facts.dependencies, key=lambda x: (x.name.lower(), "lock" not in x.source, not x.pinned)):
        key = dep.name.lower()
        if key in _TOOLING or dep.ecosystem in ("docker", "system") or code.is_test_file(dep.path, code.display_prefix(d.facts)) or key in chosen:
            continue
        version = dep.version or (dep.spec.lstrip("=").strip() if dep.spec.startswith("==") and "*" not in dep.spec else None)
        chosen[key] = (version, dep.name, dep)
    if not chosen:
        return ['# TODO software:   (no dependency file was found: list each library with its exact version)',
                '#   - {name: "scikit-learn", version: "1.4.2"}']
    lines = ["software:"]
    for version, name, dep in list(chosen.values())[:60]:
        where = _where(dep.path, dep.line)
        if version:
            lines.append(f"  - {{name: {quote(name)}, version: {quote(version)}}}{comment(where)}")
        else:
            allows = f"allows {dep.spec.strip()}" if dep.spec.strip() else "gives no version"
            lines.append(f"  - name: {quote(name)}{comment(f'TODO version: {where} {allows}')}")
    return lines


def seeds(d: Draft) -> list[str]:
    literal, unresolved = code.seeds(d.facts)
    values = sorted({c.value for c in literal})
    if not values and not unresolved:
        return ["# TODO seeds:   (the code sets no seed: seed every random generator, then list the values here)",
                "#   values: [2024]"]
    lines = ["seeds:"]
    if values:
        sources = ", ".join(f"{c.where} ({c.name})" for c in literal[:4]) + (" ..." if len(literal) > 4 else "")
        lines.append(f"  values: [{', '.join(map(str, values))}]{comment(sources)}")
    else:
        sources = ", ".join(f"{c.shown} at {c.where}" for c in unresolved[:3])
        lines.append(f"  # TODO values: [...]   (the code seeds from {sources})")
    n = len(literal) + len(unresolved)
    lines.append(f"  set_in_code: true{comment(f'{n} seeding call' + ('s or settings' if n != 1 else ' or setting'))}")
    lines.append("  # TODO runs: 1   (independent runs with different seeds behind each reported result)")
    lines.append('  # TODO variability: "how results vary across runs, e.g. mean and SD over 5 seeds"')
    return lines


def hyperparameters(d: Draft) -> list[str]:
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    spaces: dict[tuple[str, str, str], list[Any]] = {}
    for hp in d.facts.hyperparameters:
        if code.is_test_file(hp.path, code.display_prefix(d.facts)) or _NOT_HPARAM.search(hp.name) or _is_split_or_seed(hp.name) \
                or _SPLIT_CONTEXT.search(hp.context):
            continue
        item = re.fullmatch(r"(.+)\[\d+\]", hp.name)
        if item:
            if _scalar(hp.value):
                spaces.setdefault((item.group(1), hp.path, str(hp.line)), []).append(hp.value)
            continue
        if not (_scalar(hp.value) or (isinstance(hp.value, list) and hp.value and all(map(_scalar, hp.value)))):
            continue
        model = hp.context.split()[0].rsplit(".", 1)[-1] if hp.source == "call" and hp.context else ""
        entry = merged.setdefault((hp.name, repr(hp.value)), {"value": hp.value, "model": "", "where": []})
        entry["model"] = entry["model"] or model
        label = hp.source + (f": {hp.context}" if hp.context and hp.source != "call" else "")
        entry["where"].append(f"{_where(hp.path, hp.line)} ({label})")
    entries: list[tuple[str, str]] = []
    for (name, _v), e in merged.items():
        field = "search_space" if isinstance(e["value"], list) else "value"
        body = f"name: {quote(name)}, {field}: {_yaml_value(e['value'])}" + (f", model: {quote(e['model'])}" if e["model"] else "")
        also = f"; also {', '.join(e['where'][1:3])}" if len(e["where"]) > 1 else ""
        entries.append((f"  - {{{body}}}", e["where"][0] + also))
    for (name, path, _line), values in spaces.items():
        entries.append((f"  - {{name: {quote(name)}, search_space: {_yaml_value(values)}}}", f"{path} (list in a config)"))
    if not entries:
        return ["# TODO hyperparameters:   (no values were found in configs, command-line defaults or model calls)",
                '#   - {name: "learning_rate", value: 0.05, tuned: true}']
    lines = ["hyperparameters:"] + [f"{e}{comment(w)}" for e, w in entries[:MAX_HPARAMS]]
    if len(entries) > MAX_HPARAMS:
        lines.append(f"  # {len(entries) - MAX_HPARAMS} more values were found; keep the ones the results depend on")
    return lines


def _is_split_or_seed(name: str) -> bool:
    base = name.rsplit(".", 1)[-1].lstrip("-").replace("-", "_").lower()
    return base in code.SEED_NAMES or base in code.FRACTION_PARAMS or base in code.FOLD_PARAMS


def _scalar(value: Any) -> bool:
    if isinstance(value, str):
        return not value.startswith("<expr:") and len(value) <= 60 and "/" not in value and "\\" not in value
    return value is None or isinstance(value, (bool, int, float)) and value == value and abs(value) != float("inf")


def _yaml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(quote(v) for v in value) + "]"
    return quote(value)


def splits(d: Draft) -> list[str]:
    fractions = code.split_fractions(d.facts)
    folds = code.fold_counts(d.facts)
    lines: list[str] = []
    distinct = sorted({round(f.value, 4) for f in fractions})
    if len(distinct) == 1:
        f = fractions[0]
        lines.append(f"  proportions: {{train: {quote(round(1 - f.value, 4))}, test: {quote(round(f.value, 4))}}}"
                     f"{comment(f'{f.where} {f.shown}')}")
    elif distinct:
        lines.append(f"  # TODO proportions: {{train: ..., test: ...}}   (the code uses several split fractions: "
                     f"{', '.join(f'{f.shown} at {f.where}' for f in fractions[:3])})")
    ks = sorted({c.value for c in folds})
    if len(ks) == 1:
        lines.append(f"  n_folds: {ks[0]}{comment(f'{folds[0].where} {folds[0].shown}')}")
    elif ks:
        lines.append(f"  # TODO n_folds: ...   (the code uses {', '.join(f'{c.shown} at {c.where}' for c in folds[:3])})")
    split_calls = [c for c in d.facts.calls if re.search(r"(train_test_split|KFold|ShuffleSplit|createDataPartition|"
                                                         r"createFolds|initial_split)$", c.qualname)]
    if any("stratify" in c.kwargs or "Stratified" in c.qualname for c in split_calls):
        c0 = next(c for c in split_calls if "stratify" in c.kwargs or "Stratified" in c.qualname)
        lines.append(f"  stratified: true{comment(_where(c0.path, c0.line))}")
    seeds_ = sorted({c.kwargs["random_state"] for c in split_calls if code.literal_int(c.kwargs.get("random_state")) is not None})
    if len(seeds_) == 1:
        lines.append(f"  seed: {seeds_[0]}{comment('random_state of the split calls')}")
    groups = [c for c in split_calls if "Group" in c.qualname or "groups" in c.kwargs]
    level = f"   (the code splits by groups at {_where(groups[0].path, groups[0].line)})" if groups else ""
    todo = ['  # TODO method: "random 80/20 hold-out, 5-fold cross-validation in the training set"',
            f"  # TODO level: patient{level}"]
    if not lines:
        return ["# TODO splits:   (no split was found in the code)", *(t.replace("  #", "#  ", 1) for t in todo)]
    return ["splits:", *lines, *todo]


def data(d: Draft) -> list[str]:
    mentions = code.dataset_mentions(d.texts, names().datasets)
    lines: list[str] = []
    for name, found in mentions.items():
        if not found:
            continue
        versions = [(v, w) for v, w in found if v]
        lines.append(f"    - name: {quote(name)}{comment(str(found[0][1]))}")
        if versions:
            others = sorted({v for v, _ in versions} - {versions[0][0]})
            note = f"; the repository also names {', '.join(others)}" if others else ""
            lines.append(f"      version: {quote(versions[0][0])}{comment(str(versions[0][1]) + note)}")
        else:
            lines.append('      # TODO version: "the release used"')
        lines.append("      # TODO role: development   (development | evaluation | both)")
    hints = _access_hints(d)
    tail = ["  # TODO availability:", *(f"  #   {h}" for h in hints),
            "  #   status: credentialed   (open | credentialed | on-request | restricted | not-available)",
            '  #   statement: "the data-availability statement as written in the manuscript"']
    if lines:
        return ["data:", "  sources:", *lines, *tail]
    return ["# TODO data:", '#   sources: [{name: "the data source", version: "its release"}]',
            *(t.replace("  #", "#", 1) for t in tail)]


def _access_hints(d: Draft) -> list[str]:
    readme = d.readme()
    if readme is None:
        return []
    path, text = readme
    out = []
    for pattern, status, what in _ACCESS_HINTS:
        m = re.search(pattern, text, re.I)
        if m:
            out.append(f"hint: {path}:{text.count(chr(10), 0, m.start()) + 1} {what} (status: {status}?)")
    return out[:3]


def code_availability(d: Draft) -> list[str]:
    lines: list[str] = []
    url, where = _remote_url(d.root)
    readme = d.readme()
    if url is None and readme is not None:
        links = [m.group(0).rstrip(").,") for m in re.finditer(rf"https://{_HOSTS}/[\w.-]+/[\w.-]+", readme[1])]
        own = [u for u in links if u.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git").lower() == d.root.name.lower()]
        if own:
            url, where = own[0].removesuffix(".git"), readme[0]
        elif links:
            lines.append(f"  # TODO url: {quote(links[0])}   ({readme[0]} links it: is it this repository?)")
    if url:
        lines.append(f"  url: {quote(url)}{comment(where)}")
    lic = d.facts.licence
    if lic and lic != "unknown":
        lines.append(f"  licence: {quote(lic)}{comment(d.facts.licence_path or '')}")
    else:
        lines.append('  # TODO licence: "MIT"   (no recognised licence file)')
    commit = _head_commit(d.root)
    if commit:
        lines.append(f"  commit: {quote(commit[:12])}{comment('.git/HEAD: the commit checked out now')}")
    lines += ["  # TODO status: open   (open | on-request | restricted | not-available)",
              '  # TODO doi: "10.5281/zenodo.1234567"   (an archived release of the code)']
    return ["code_availability:", *lines] if any(not ln.lstrip().startswith("#") for ln in lines) else \
        ["# TODO code_availability:", *(ln.replace("  #", "#", 1) for ln in lines)]


def _git_file(root: Path, *parts: str) -> str | None:
    """A small file under the repository's own .git folder (never through a link)."""
    if not root.is_dir():
        return None
    path = root.joinpath(".git", *parts)
    try:
        if root.joinpath(".git").is_symlink() or path.is_symlink() or not path.is_file() or path.stat().st_size > 65536:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _remote_url(root: Path) -> tuple[str | None, str]:
    text = _git_file(root, "config")
    m = _GIT_URL.search(text or "")
    if not m:
        return None, ""
    raw = m.group(1)
    ssh = re.fullmatch(rf"(?:ssh://)?git@({_HOSTS})[:/](.+?)(?:\.git)?/?", raw)
    if ssh:
        return f"https://{ssh.group(1)}/{ssh.group(2)}", ".git/config (remote origin)"
    web = re.fullmatch(r"(https?)://(?:[^@/]+@)?([^/]+)/(.+?)(?:\.git)?/?", raw)  # drop any user:token@
    return (f"{web.group(1)}://{web.group(2)}/{web.group(3)}", ".git/config (remote origin)") if web else (None, "")


def _head_commit(root: Path) -> str | None:
    head = (_git_file(root, "HEAD") or "").strip()
    if re.fullmatch(r"[0-9a-f]{40}", head):
        return head
    m = re.fullmatch(r"ref:\s*(refs/[\w./-]+)", head)
    if not m or ".." in m.group(1):
        return None
    ref = (_git_file(root, *m.group(1).split("/")) or "").strip()
    if re.fullmatch(r"[0-9a-f]{40}", ref):
        return ref
    packed = _git_file(root, "packed-refs") or ""
    hit = re.search(rf"^([0-9a-f]{{40}}) {re.escape(m.group(1))}$", packed, re.M)
    return hit.group(1) if hit else None


def disagreements(d: Draft) -> list[str]:
    if d.doc is None:
        return []
    from linter.cross import compare
    from linter.cross_facts import stated_facts

    found = [f for f in compare(stated_facts(d.doc), d.facts) if f.rule.startswith("XC60")]
    if not found:
        return []
    return ["# NOTE the manuscript and the code disagree (the values above are the code's):",
            *(f"#   {f.rule} {f.message}" for f in found[:20])]


SECTIONS: tuple[Callable[[Draft], list[str]], ...] = (study, language, software, seeds, hyperparameters, splits, data,
                                                      code_availability, disagreements)

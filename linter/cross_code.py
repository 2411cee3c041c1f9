"""What the repository sets, in the shapes the manuscript cross-checks compare: literal seeds,
declared versions, hyperparameter values, split fractions and fold counts, dataset versions.

Everything comes from :class:`~linter.repo.facts.RepoFacts` (the scanner's output), except dataset
mentions, which need the text of READMEs, configs and code: :func:`dataset_mentions` reads the
repository again through the scanner's safe reader, and only when the manuscript names a dataset
version. Test files are left out: a seed or learning rate in a unit test is not the analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from linter.cross_facts import Where, code_family, names
from linter.cross_params import parse_number, synonyms
from linter.errors import InputError
from linter.repo.facts import RepoFacts
from linter.repo.walk import read_tree

_TEST_PATH = re.compile(r"(^|/)(tests?|testing)/|(^|/)test_[^/]*$|_test\.py$|(^|/)conftest\.py$")
SEED_NAMES = {"seed", "random_seed", "random_state", "rng_seed", "global_seed", "manual_seed", "seed_value"}
_FRACTION_CALLS = {"train_test_split": ("test_size", "train_size"), "ShuffleSplit": ("test_size", "train_size"),
                   "StratifiedShuffleSplit": ("test_size", "train_size"), "GroupShuffleSplit": ("test_size", "train_size"),
                   "createDataPartition": ("", "p"), "initial_split": ("", "prop"), "sample.split": ("", "SplitRatio")}
_FOLD_CALLS = {"KFold": "n_splits", "StratifiedKFold": "n_splits", "GroupKFold": "n_splits", "RepeatedKFold": "n_splits",
               "StratifiedGroupKFold": "n_splits", "RepeatedStratifiedKFold": "n_splits", "createFolds": "k",
               "vfold_cv": "v", "cv.glmnet": "nfolds", "xgb.cv": "nfold", "cv": "nfold", "trainControl": "number"}
_CV_METHODS = {"cv", "repeatedcv", "adaptive_cv"}  # trainControl(number=) counts folds only for these
_CV_KWARG_CALLS = {"cross_val_score", "cross_validate", "cross_val_predict", "GridSearchCV", "RandomizedSearchCV",
                   "HalvingGridSearchCV", "HalvingRandomSearchCV", "LogisticRegressionCV", "RidgeCV", "LassoCV",
                   "ElasticNetCV", "RFECV", "CalibratedClassifierCV", "learning_curve", "validation_curve"}
FRACTION_PARAMS = {"test_size": "test", "val_size": "validation", "valid_size": "validation", "validation_size":
                    "validation", "validation_split": "validation", "test_split": "test", "test_ratio": "test",
                    "val_ratio": "validation", "train_size": "train", "train_ratio": "train", "train_split": "train",
                    "train_frac": "train", "test_frac": "test", "val_frac": "validation", "test_fraction": "test",
                    "val_fraction": "validation", "validation_fraction": "validation", "train_fraction": "train",
                    "holdout_fraction": "test", "test_share": "test", "holdout_size": "test"}
_TEXT_SUFFIXES = {".md", ".txt", ".rst", ".py", ".r", ".rmd", ".qmd", ".ipynb", ".sql", ".yaml", ".yml", ".json",
                  ".toml", ".cfg", ".ini", ".sh", ".cff", ""}
FOLD_PARAMS = {"n_splits", "n_folds", "folds", "num_folds", "k_folds", "kfold", "kfolds", "cv", "nfolds", "cv_folds"}


@dataclass(frozen=True)
class CodeValue:
    """One value set in code. ``value`` is the number (or a tuple of numbers for a search space,
    or None when it is an expression); ``shown`` is how to print it."""

    name: str
    value: Any
    where: Where
    shown: str
    family: str | None = None
    context: str = ""


_LANGUAGE_SUFFIXES = {".py": "python", ".ipynb": "python", ".r": "r", ".rmd": "r", ".rnw": "r", ".qmd": "r"}


def code_languages(repo: RepoFacts) -> dict[str, int]:
    """Files per analysis language (python, r), from the file names."""
    out: dict[str, int] = {}
    pre = display_prefix(repo)
    for path in repo.files:
        dot = path.rfind(".")
        lang = _LANGUAGE_SUFFIXES.get(path[dot:].lower()) if dot > path.rfind("/") else None
        if lang and not is_test_file(path, pre):
            out[lang] = out.get(lang, 0) + 1
    return out


def display_prefix(repo: RepoFacts) -> str:
    """The folder prefix the facts' paths carry (``code/`` when the study's code was given as ``code``;
    ``linter.api`` adds it so findings point at files as the user sees them), or ""."""
    given = repo.extra.get("display_prefix")
    if isinstance(given, str):
        return given
    root = str(repo.root or "").replace("\\", "/").rstrip("/")
    if not root or root == "." or not repo.files:
        return ""
    for candidate in (root + "/", "./" + root + "/", root.removeprefix("./") + "/"):
        if all(f.startswith(candidate) for f in repo.files):
            return candidate
    return ""


def is_test_file(path: str, prefix: str = "") -> bool:
    """A unit test or test helper (judged on the path inside the repository)."""
    return bool(_TEST_PATH.search(path.removeprefix(prefix) if prefix else path))


def literal_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def seeds(repo: RepoFacts) -> tuple[list[CodeValue], list[CodeValue]]:
    """(literal seeds, seeds set from expressions whose value is unknown)."""
    literal, unresolved = [], []
    pre = display_prefix(repo)
    for s in repo.seeds:
        if is_test_file(s.path, pre) or s.family == "hashseed":
            continue
        v = literal_int(s.value)
        item = CodeValue(s.family, v, Where(s.path, s.line), str(v) if v is not None else (s.expression or "?"))
        (literal if v is not None else unresolved).append(item)
    for hp in repo.hyperparameters:
        if is_test_file(hp.path, pre) or hp.name.rsplit(".", 1)[-1].lstrip("-").replace("-", "_").lower() not in SEED_NAMES:
            continue
        v = literal_int(hp.value)
        if v is not None:
            literal.append(CodeValue(hp.name, v, Where(hp.path, hp.line), str(v)))
    return literal, unresolved


def params(repo: RepoFacts) -> dict[str, list[CodeValue]]:
    """Hyperparameter values by canonical key (hparam_synonyms.yaml)."""
    syn = synonyms()
    pre = display_prefix(repo)
    out: dict[str, list[CodeValue]] = {}
    for hp in repo.hyperparameters:
        item = re.fullmatch(r"(.+)\[\d+\]", hp.name)  # one entry of a list in a config: a search space
        key = syn.for_code(item.group(1) if item else hp.name)
        if key is None or is_test_file(hp.path, pre):
            continue
        ctx = f"{hp.context} {hp.name}".lower()
        if any(x in ctx.replace(".", "") for x in syn.params[key].exclude_contexts):
            continue
        value = [hp.value] if item else hp.value
        out.setdefault(key, []).append(_code_value(hp.name, value, hp.path, hp.line, hp.context))
    return out


def _code_value(name: str, value: Any, path: str, line: int | None, context: str) -> CodeValue:
    if isinstance(value, (list, tuple)):
        nums = tuple(n for n in (parse_number(v) for v in value) if n is not None)
        val: Any = nums if nums else None
        shown = f"{name}={list(value)!r}"
    else:
        val = None if isinstance(value, str) and value.startswith("<expr:") else parse_number(value)
        shown = f"{name}={value}" if val is not None else f"{name}={str(value).removeprefix('<expr:').rstrip('>')}"
    return CodeValue(name, val, Where(path, line), shown, code_family(context) if context else None, context)


def split_fractions(repo: RepoFacts) -> list[CodeValue]:
    out = []
    pre = display_prefix(repo)
    for call in repo.calls:
        short = _short(call.qualname, _FRACTION_CALLS)
        if short is None or is_test_file(call.path, pre):
            continue
        test_kw, train_kw = _FRACTION_CALLS[short]
        for kw, flip in ((test_kw, False), (train_kw, True)):
            v = parse_number(call.kwargs.get(kw)) if kw and kw in call.kwargs else None
            if v is not None and 0 < v < 1:
                out.append(CodeValue(kw, 1 - v if flip else v, Where(call.path, call.line), f"{kw}={call.kwargs[kw]}",
                                     context=short))
    for hp in repo.hyperparameters:
        key = hp.name.rsplit(".", 1)[-1].lstrip("-").replace("-", "_").lower()
        v = parse_number(hp.value) if key in FRACTION_PARAMS and not isinstance(hp.value, str) else None
        if v is not None and 0 < v < 1 and not is_test_file(hp.path, pre):
            frac = 1 - v if FRACTION_PARAMS[key] == "train" else v
            out.append(CodeValue(hp.name, frac, Where(hp.path, hp.line), f"{hp.name}={hp.value}", context=hp.source))
    return out


def fold_counts(repo: RepoFacts) -> list[CodeValue]:
    out = []
    pre = display_prefix(repo)
    for call in repo.calls:
        if is_test_file(call.path, pre):
            continue
        short = _short(call.qualname, _FOLD_CALLS)
        if short == "trainControl" and call.kwargs.get("method") not in _CV_METHODS:
            continue
        if short is not None:
            kw = _FOLD_CALLS[short]
            v = literal_int(call.kwargs.get(kw)) if kw in call.kwargs else (
                literal_int(call.args[0]) if call.args and short[0].isupper() else None)
            if v is not None and v >= 2:
                out.append(CodeValue(kw, v, Where(call.path, call.line), f"{short}({kw}={v})", context=short))
        elif _short(call.qualname, _CV_KWARG_CALLS) is not None:
            v = literal_int(call.kwargs.get("cv"))
            if v is not None and v >= 2:
                out.append(CodeValue("cv", v, Where(call.path, call.line), f"{call.qualname.rsplit('.', 1)[-1]}(cv={v})"))
    for hp in repo.hyperparameters:
        key = hp.name.rsplit(".", 1)[-1].lstrip("-").replace("-", "_").lower()
        if "shufflesplit" in hp.context.lower():  # repeated random splits, not folds
            continue
        v = literal_int(hp.value) if key in FOLD_PARAMS else None
        if v is not None and v >= 2 and not is_test_file(hp.path, pre):
            out.append(CodeValue(hp.name, v, Where(hp.path, hp.line), f"{hp.name}={v}", context=hp.source))
    return out


def _short(qualname: str, table: Iterable[str]) -> str | None:
    for name in table:
        if qualname == name or qualname.endswith("." + name) or qualname.endswith("::" + name):
            if name == "cv" and not qualname.startswith(("xgboost.", "lightgbm.")):
                continue
            return name
    return None


# ---------------------------------------------------------------- versions


def parse_version(text: str | None) -> Version | None:
    if not text:
        return None
    t = str(text).strip().lstrip("vV")
    try:
        return Version(t)
    except InvalidVersion:
        m = re.match(r"^(\d+(?:\.\d+)*)", t)
        return Version(m.group(1)) if m else None


def version_agrees(stated: str, actual: str) -> bool | None:
    """True when ``actual`` is the ``stated`` version (``2.1`` == ``2.1.0``; a stated ``1.3`` also
    admits ``1.3.2``: the manuscript was less precise). None when either cannot be read."""
    s, a = parse_version(stated), parse_version(actual)
    if s is None or a is None:
        return None
    if Version(s.public) == Version(a.public):
        return True
    if s.pre or s.post is not None or s.dev is not None:
        return False
    n = len(s.release)
    return tuple(a.release[:n]) == s.release and (n < len(a.release) or a.post is not None)


def spec_admits(stated: str, spec: str) -> bool | None:
    """Whether a requirement range admits the stated version; None when it cannot be judged
    (an unreadable range, or a stated version less precise than the range's bounds)."""
    spec = _poetry(spec.strip())
    try:
        sset = SpecifierSet(spec.replace(" ", ""))
    except InvalidSpecifier:
        return None
    s = parse_version(stated)
    if s is None:
        return None
    bounds = [parse_version(sp.version.rstrip(".*")) for sp in sset]
    if any(b is None or len(b.release) > len(s.release) for b in bounds):
        return None
    return sset.contains(s, prereleases=True)


def _poetry(spec: str) -> str:
    m = re.fullmatch(r"([\^~])\s*(\d+(?:\.\d+)*)", spec)
    if not m:
        return spec
    parts = [int(x) for x in m.group(2).split(".")]
    if m.group(1) == "~":
        upper = parts[:2] if len(parts) >= 2 else parts[:1]
        upper = [*upper[:-1], upper[-1] + 1] if len(parts) >= 2 else [parts[0] + 1]
    else:
        i = next((k for k, x in enumerate(parts) if x != 0), len(parts) - 1)
        upper = [*parts[:i], parts[i] + 1]
    return f">={m.group(2)},<{'.'.join(map(str, upper))}"


# ---------------------------------------------------------------- datasets


def dataset_mentions(texts: Iterable[tuple[str, str]], wanted: Iterable[str]) -> dict[str, list[tuple[str | None, Where]]]:
    """For each wanted dataset: (version or None, where) for every mention in ``texts`` ((path, text) pairs)."""
    table = names().datasets
    out: dict[str, list[tuple[str | None, Where]]] = {w: [] for w in wanted if w in table}
    for path, text in texts:
        for name in out:
            _prose, code, slug = table[name]
            for m in code.finditer(text):
                if m.start() > 0 and text[m.start() - 1].isalnum():
                    continue
                v = re.compile(r"[\s\-_/(:]*(?:v(?:ersion)?\.?\s*|release\s*)?(\d{1,3}(?:[._]\d{1,3})+)(?![._]?\d)", re.I
                               ).match(text, m.end())
                out[name].append((v.group(1).replace("_", ".") if v else None, Where(path, _line(text, m.start()))))
            if slug:
                for m in re.finditer(rf"physionet\.org/(?:files|content|works)/{re.escape(slug)}/(\d+(?:\.\d+)+)", text, re.I):
                    out[name].append((m.group(1), Where(path, _line(text, m.start()))))
    return out


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def repo_texts(repo: RepoFacts, exclude: set[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(path, text) of the repository's README, docs, configs and code — and every file path itself."""
    for path in repo.files:
        yield path, path
    pre = display_prefix(repo)
    root = Path(repo.root) if repo.root else None
    if root is None or not root.exists():
        return
    try:
        files, _skipped = read_tree(root)
    except (InputError, OSError):
        return
    base = root.resolve() if root.is_dir() else None
    for f in files:
        if f.text is None or Path(f.path).suffix.lower() not in _TEXT_SUFFIXES:
            continue
        if base is not None and str((base / f.path).resolve()) in exclude:
            continue
        yield pre + f.path, f.text


# ---------------------------------------------------------------- seeds spelled out elsewhere

_SEEDISH = re.compile(r"seed|random_state", re.I)


def seed_constants(repo: RepoFacts) -> list[CodeValue]:
    """Seed values the code spells out away from the seeding calls themselves.

    When every seeding call takes a variable (``np.random.seed(seed)`` inside ``fix_seeds(seed=SEED)``),
    the value lives elsewhere: a module constant (``SEED = 1234``), a default argument
    (``def fix_seeds(seed: int = 1234)``) or a literal passed to a seeding helper (``set_seed(1234)``).
    Read by ``ast`` (never run), only from non-test Python files that mention seeds.
    """
    import ast

    out: list[CodeValue] = []
    pre = display_prefix(repo)
    root = Path(repo.root) if repo.root else None
    if root is None or not root.exists():
        return out
    try:
        files, _skipped = read_tree(root)
    except (InputError, OSError):
        return out
    for f in files:
        shown = pre + f.path
        if f.text is None or not f.path.endswith(".py") or is_test_file(shown, pre) or not _SEEDISH.search(f.text):
            continue
        try:
            tree = ast.parse(f.text)
        except (SyntaxError, ValueError, RecursionError):
            continue
        consts = {}
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            value = getattr(node, "value", None)
            for t in targets:
                if isinstance(t, ast.Name) and _SEEDISH.search(t.id) and _int_const(value) is not None:
                    consts[t.id] = _int_const(value)
                    out.append(CodeValue(t.id, consts[t.id], Where(shown, node.lineno), f"{t.id} = {consts[t.id]}"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _SEEDISH.search(node.name):
                args = node.args.args[-len(node.args.defaults):] if node.args.defaults else []
                for arg, default in zip(args, node.args.defaults):
                    v = _int_const(default)
                    if _SEEDISH.search(arg.arg) and v is not None:
                        out.append(CodeValue(arg.arg, v, Where(shown, node.lineno), f"{node.name}({arg.arg}={v})"))
            elif isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if not _SEEDISH.search(name or ""):
                    continue
                cands = node.args[:1] + [k.value for k in node.keywords if k.arg and _SEEDISH.search(k.arg)]
                for cand in cands:
                    v = _int_const(cand)
                    if v is not None:
                        out.append(CodeValue(name, v, Where(shown, node.lineno), f"{name}({v})"))
    return out


def _int_const(node: Any) -> int | None:
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    return None

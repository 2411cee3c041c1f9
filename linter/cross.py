"""Manuscript ↔ code consistency: does the code set the seed, versions, hyperparameters, split and
dataset release that the manuscript (and its methods metadata) report?

The engine calls :func:`cross_check` when a repository and a manuscript or metadata are present.
A contradiction (XC601–XC605) names both values and both places — the finding sits at the code,
the manuscript line is its related location. A stated value that the code never sets is reported
apart, as information (XC610). Values are compared as sets: when the code sets a name in several
places, the finding appears only if none of them agrees with the manuscript.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Iterable

from linter import cross_code as code
from linter.checks import Context
from linter.cross_facts import (StatedDataset, StatedFacts, StatedSeed, StatedSplit, StatedVersion, Where,
                                package_ecosystem, package_key, stated_facts)
from linter.cross_params import StatedParam, format_number, same_value, synonyms
from linter.model import Finding, Location
from linter.repo.facts import Dependency, RepoFacts
from linter.rulebook import finding


def cross_check(ctx: Context) -> list[Finding]:
    """Compare what the manuscript states with what the repository sets."""
    if ctx.repo is None or (ctx.doc is None and not ctx.metadata):
        return []
    stated = stated_facts(ctx.doc, ctx.metadata, ctx.metadata_path)
    return compare(stated, ctx.repo, ctx)


def compare(stated: StatedFacts, repo: RepoFacts, ctx: Context | None = None) -> list[Finding]:
    """All cross-check findings. The manuscript text and the methods metadata are compared with the
    code separately: a seed in methods.yaml that matches the code does not excuse a different seed
    in the manuscript."""
    out: list[Finding] = []
    texts: list[tuple[str, str]] | None = None
    for source, part in zip(("text", "metadata"), _by_source(stated)):
        found = check_seeds(part.seeds, repo) + check_versions(part.versions, repo) + check_params(part.params, repo)
        found += check_splits(part.splits, repo)
        if part.datasets:
            texts = texts if texts is not None else list(code.repo_texts(repo, _own_inputs(ctx)))
            found += check_datasets(part.datasets, repo, texts)
        for f in found:  # the same disagreement stated twice is two findings: keep their fingerprints apart
            f.data["fingerprint_key"] = f"{source}|{f.data.get('fingerprint_key', f.message)}"
        out += found
    out += stated_defaults(stated.versions, repo)
    return out


def _own_inputs(ctx: Context | None) -> set[str]:
    """The manuscript and metadata files: when they sit inside the repository they are not "the code"."""
    out: set[str] = set()
    if ctx is not None:
        for p in (ctx.doc.path if ctx.doc else None, ctx.metadata_path):
            if p:
                try:
                    out.add(str(Path(p).resolve()))
                except OSError:
                    pass
    return out


def _by_source(stated: StatedFacts) -> list[StatedFacts]:
    """Text facts (with a line) and metadata facts (without one), as two fact sets."""
    parts = [StatedFacts(), StatedFacts()]
    for name in ("seeds", "versions", "splits", "datasets"):
        for fact in getattr(stated, name):
            getattr(parts[fact.where.line is None], name).append(fact)
    for p in stated.params:
        parts[p.line is None].params.append(p)
    return parts


def stated_defaults(versions: list[StatedVersion], repo: RepoFacts) -> list[Finding]:
    """Changed-default findings (DEF301) that only the manuscript's stated versions reveal.

    Runs the silent-defaults analysis again on the repository's calls with the stated versions and
    keeps the findings at calls the plain scan did not flag. Settings found in file texts are not
    re-checked (the plain scan covers them)."""
    stated = {v.key: v.version for v in versions if not v.is_language}
    if not stated or not repo.calls:
        return []
    try:
        from linter.repo import defaults
    except ImportError:
        return []
    probe = dataclasses.replace(repo, findings=[], extra=dict(repo.extra))
    try:
        defaults.analyze([], probe, stated_versions=stated)
    except Exception as exc:  # noqa: BLE001 - another analyzer's failure must not stop the check
        return [finding("GL002", f"silent-defaults analysis with the manuscript's versions failed: "
                        f"{type(exc).__name__}", ".")]
    known = {(f.rule, f.location.path, f.location.line) for f in repo.findings}
    return [f for f in probe.findings if (f.rule, f.location.path, f.location.line) not in known]


# ---------------------------------------------------------------- helpers


def _who(where: Where) -> str:
    return "manuscript" if where.line is not None else f"methods metadata ({Path(where.path).name})"


def _at(where: Where) -> str:
    return f" ({where})" if where.line is not None else ""


def _pw(sp: StatedParam) -> Where:
    return Where(sp.path, sp.line)


def _loc(where: Where) -> Location:
    return Location(where.path, where.line)


def _related(wheres: Iterable[Where]) -> tuple[Location, ...]:
    seen: list[Location] = []
    for w in wheres:
        loc = _loc(w)
        if loc not in seen:
            seen.append(loc)
    return tuple(seen[:5])


def _listing(items: list[str], limit: int = 3) -> str:
    shown = items[:limit]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    if len(shown) > 1 and not more:
        return ", ".join(shown[:-1]) + " and " + shown[-1]
    return ", ".join(shown) + more


def _grouped(items: Iterable[tuple[str, Where]], limit: int = 3) -> str:
    """``7 (train.py:10, train.py:11 and 3 more)``: each value once, with its places."""
    places: dict[str, list[str]] = {}
    for shown, where in items:
        spots = places.setdefault(shown, [])
        if str(where) not in spots:
            spots.append(str(where))
    parts = []
    for shown, spots in places.items():
        extra = f" and {len(spots) - 2} more" if len(spots) > 2 else ""
        parts.append(f"{shown} ({', '.join(spots[:2])}{extra})")
    return _listing(parts, limit)


def _values(values: list[int]) -> str:
    if len(values) > 3 and values == list(range(values[0], values[-1] + 1)):
        return f"{values[0]} to {values[-1]}"
    return _listing([str(v) for v in values], 6)


# ---------------------------------------------------------------- seeds


def check_seeds(stated: list[StatedSeed], repo: RepoFacts) -> list[Finding]:
    if not stated:
        return []
    values = sorted({s.value for s in stated})
    first = stated[0]
    literal, unresolved = code.seeds(repo)
    if not literal and unresolved:
        literal = code.seed_constants(repo)  # the seeding calls take variables: find the values they hold
    said = f"{_who(first.where)} says seed{'s' if len(values) > 1 else ''} {_values(values)}{_at(first.where)}"
    data = {"stated": values[:50], "fingerprint_key": f"seed|{values[:50]}"}
    if literal:
        if {c.value for c in literal} & set(values):
            return []
        found = sorted({c.value for c in literal})
        desc = _grouped((c.shown, c.where) for c in literal)
        return [finding("XC601", f"{said}; code seeds with {desc}", literal[0].where.path, literal[0].where.line,
                        related=_related(s.where for s in stated), **{**data, "code_values": found,
                                                                      "fingerprint_key": f"seed|{values}|{found}"})]
    if unresolved:
        detail = ("the code sets seeds only from values it does not spell out: "
                  + _grouped((c.shown, c.where) for c in unresolved))
    else:
        detail = "the code sets no seed"
    return [finding("XC610", f"{said}; {detail}", first.where.path, first.where.line,
                    related=_related(c.where for c in unresolved), kind="seed", **data)]


# ---------------------------------------------------------------- versions


def _dep_key(dep: Dependency) -> str:
    name = dep.name[2:] if dep.ecosystem == "conda" and dep.name.lower().startswith("r-") else dep.name
    return package_key(name)[0]


def _exact(dep: Dependency) -> str | None:
    if dep.version:
        return dep.version
    spec = dep.spec.strip()
    if spec.startswith(("==", "===")) and "*" not in spec and "," not in spec:
        return spec.lstrip("=").strip()
    return None


def check_versions(stated: list[StatedVersion], repo: RepoFacts) -> list[Finding]:
    by_key: dict[str, list[Dependency]] = {}
    pre = code.display_prefix(repo)
    for dep in repo.dependencies:
        if not code.is_test_file(dep.path, pre):
            by_key.setdefault(_dep_key(dep), []).append(dep)
    out: list[Finding] = []
    missing: list[StatedVersion] = []
    seen: set[tuple[str, str]] = set()
    for sv in stated:
        if (sv.key, sv.version) in seen:
            continue
        seen.add((sv.key, sv.version))
        if sv.is_language:
            out.extend(_language(sv, repo))
        elif sv.key in by_key:
            out.extend(_package(sv, by_key[sv.key]))
        elif sv.known and _ecosystem_present(sv.key, repo):
            missing.append(sv)
    if missing and not repo.dependencies:
        first = missing[0]
        listed = _listing([f"{m.name} {m.version}" for m in missing], 4)
        out.append(finding("XC610", f"{_who(first.where)} states {listed}{_at(first.where)}; the repository declares no "
                           "dependencies, so none of these versions is recorded in the code", first.where.path,
                           first.where.line, kind="version", fingerprint_key=f"versions|{listed}"))
    else:
        for m in missing:
            out.append(finding("XC610", f"{_who(m.where)} states {m.name} {m.version}{_at(m.where)}; the repository does "
                               f"not declare {m.key}", m.where.path, m.where.line, kind="version",
                               fingerprint_key=f"version|{m.key}|{m.version}"))
    return out


def _ecosystem_present(key: str, repo: RepoFacts) -> bool:
    eco = package_ecosystem(key)
    langs = set(code.code_languages(repo)) | {k.lower() for k, n in repo.languages.items() if n}
    if eco == "pypi":
        return "python" in langs
    if eco == "cran":
        return "r" in langs
    return bool(langs & {"python", "r"})


def _package(sv: StatedVersion, deps: list[Dependency]) -> list[Finding]:
    said = f"{_who(sv.where)} says {sv.name} {sv.version}{_at(sv.where)}"
    data = {"stated": sv.version, "package": sv.key, "fingerprint_key": f"version|{sv.key}|{sv.version}"}
    pinned = [(d, v) for d in deps if (v := _exact(d))]
    if pinned:
        verdicts = [code.version_agrees(_r_dots(sv.version, d), _r_dots(v, d)) for d, v in pinned]
        if any(v is True for v in verdicts) or all(v is None for v in verdicts):
            return []
        bad = [(d, v) for (d, v), ok in zip(pinned, verdicts) if ok is False]
        desc = _listing([f"{d.name} {v} ({d.path}{':' + str(d.line) if d.line else ''})" for d, v in bad])
        d0 = bad[0][0]
        return [finding("XC602", f"{said}; code pins {desc}", d0.path, d0.line, related=_related([sv.where]),
                        code_values=[v for _d, v in bad], **data)]
    verdicts2 = [(d, code.spec_admits(sv.version, d.spec)) for d in deps if d.spec.strip()]
    if verdicts2 and all(ok is False for _d, ok in verdicts2):
        d0 = verdicts2[0][0]
        return [finding("XC602", f"{said}; code requires {d0.name}{d0.spec.strip()} ({d0.path}"
                        f"{':' + str(d0.line) if d0.line else ''}), which excludes {sv.version}", d0.path, d0.line,
                        related=_related([sv.where]), code_values=[d0.spec], **data)]
    return []


def _r_dots(version: str, dep: Dependency) -> str:
    """R writes 6.0-94 for 6.0.94 (PEP 440 would read a post-release)."""
    return version.replace("-", ".") if dep.ecosystem == "cran" else version


def _language(sv: StatedVersion, repo: RepoFacts) -> list[Finding]:
    lang = sv.name.lower()
    claims = [c for c in repo.extra.get("language_versions") or [] if isinstance(c, dict) and c.get("language") == lang]
    if not claims:
        value = repo.python_version if lang == "python" else repo.r_version if lang == "r" else None
        claims = [{"value": value, "path": (repo.manifests or [""])[0], "line": None}] if value else []
    verdicts = []
    for c in claims:
        value = str(c.get("value") or "").strip()
        if value[:1].isdigit():
            ok = code.version_agrees(sv.version, value) or code.version_agrees(value, sv.version)
        else:
            ok = code.spec_admits(sv.version, value)
        verdicts.append((c, ok))
    if not verdicts or any(ok is not False for _c, ok in verdicts):
        return []
    c0 = verdicts[0][0]
    pre, path = code.display_prefix(repo), str(c0.get("path") or "")
    where = Where(path if path.startswith(pre) else pre + path, c0.get("line"))
    return [finding("XC602", f"{_who(sv.where)} says {sv.name} {sv.version}{_at(sv.where)}; the repository states "
                    f"{sv.name} {c0.get('value')} ({where})", where.path, where.line, related=_related([sv.where]),
                    stated=sv.version, code_values=[c.get("value") for c, _ in verdicts], package=lang,
                    fingerprint_key=f"version|{lang}|{sv.version}")]


# ---------------------------------------------------------------- hyperparameters


def check_params(stated: list[StatedParam], repo: RepoFacts) -> list[Finding]:
    if not stated:
        return []
    syn = synonyms()
    by_key = code.params(repo)
    out: list[Finding] = []
    seen: set[tuple[str, float, str | None]] = set()
    for sp in stated:
        ident = (sp.name, round(sp.candidates()[-1], 12), sp.family)
        if ident in seen:
            continue
        seen.add(ident)
        values = [c for c in by_key.get(sp.name, []) if not (sp.family and c.family and c.family != sp.family)]
        if any(_param_matches(sp, c.value) for c in values):
            continue
        label = syn.params[sp.name].label
        said = f"{_who(_pw(sp))} says {label} {sp.shown()}{_at(_pw(sp))}"
        data = {"stated": sp.value, "parameter": sp.name, "fingerprint_key": f"param|{sp.name}|{sp.shown()}"}
        literal = [c for c in values if isinstance(c.value, float)]
        if literal:
            desc = _grouped((c.shown, c.where) for c in literal)
            out.append(finding("XC603", f"{said}; code sets {desc}", literal[0].where.path, literal[0].where.line,
                               related=_related([_pw(sp)]), code_values=[c.value for c in literal], **data))
        elif not values:
            names = ", ".join(syn.params[sp.name].code[:3])
            out.append(finding("XC610", f"{said}; guidelint found no value for it ({names} ...) in the code", sp.path, sp.line,
                               kind="hyperparameter", **data))
    return out


def _param_matches(sp: StatedParam, value: Any) -> bool:
    if isinstance(value, tuple):
        return any(_param_matches(sp, v) for v in value)
    if not isinstance(value, float):
        return False
    return any(same_value(c, value) for c in sp.candidates())


# ---------------------------------------------------------------- splits


def check_splits(stated: list[StatedSplit], repo: RepoFacts) -> list[Finding]:
    out: list[Finding] = []
    props = [s for s in stated if s.kind == "proportions"]
    folds = [s for s in stated if s.kind == "folds"]
    if props:
        out.extend(_proportions(props, code.split_fractions(repo)))
    if folds:
        out.extend(_folds(folds, code.fold_counts(repo)))
    return out


def _shown_split(parts: dict[str, float]) -> str:
    order = [k for k in ("train", "validation", "test") if k in parts]
    if len(order) == 1:
        return f"a {order[0]} share of {format_number(round(parts[order[0]] * 100, 1))}%"
    text = "/".join(format_number(round(parts[k] * 100, 1)) for k in order)
    article = "an" if text.startswith(("8", "11/", "18/")) else "a"
    return f"{article} {text} split"


def _plausible(parts: dict[str, float]) -> set[float]:
    """Fractions a test_size=/train_size= argument can take to produce these partitions."""
    vals = [v for v in parts.values() if 0 < v < 1]
    out = set(vals) | {1 - v for v in vals}
    for i, a in enumerate(vals):
        for j, b in enumerate(vals):
            if i != j:
                out.add(a + b)
                out.add(a / (a + b))
    if len(vals) == 1:
        out.add(1 - vals[0])
    return out


def _proportions(props: list[StatedSplit], fractions: list[code.CodeValue]) -> list[Finding]:
    first = props[0]
    said = f"{_who(first.where)} says {_shown_split(first.value)}{_at(first.where)}"
    key = {"fingerprint_key": f"split|{_shown_split(first.value)}", "kind": "split"}
    if not fractions:
        return [finding("XC610", f"{said}; guidelint found no split fraction (test_size=, train_size=, p=) in the code",
                        first.where.path, first.where.line, **key)]
    plausible = set().union(*(_plausible(p.value) for p in props))
    if any(abs(f.value - q) <= 0.011 for f in fractions for q in plausible):
        return []
    desc = _grouped((f.shown, f.where) for f in fractions)
    f0 = fractions[0]
    return [finding("XC604", f"{said}; code splits with {desc}", f0.where.path, f0.where.line,
                    related=_related(p.where for p in props), stated=first.value, code_values=[f.value for f in fractions],
                    **key)]


def _one_per_place(values: list[code.CodeValue]) -> list[code.CodeValue]:
    """The same value at the same line recorded twice (a call and its keyword): keep the first."""
    seen: set[tuple[Any, str, int | None]] = set()
    out = []
    for v in values:
        key = (v.value, v.where.path, v.where.line)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _folds(folds: list[StatedSplit], counts: list[code.CodeValue]) -> list[Finding]:
    first = folds[0]
    ks = sorted({s.value for s in folds})
    said = f"{_who(first.where)} says {' and '.join(f'{k}-fold' for k in ks)} cross-validation{_at(first.where)}"
    key = {"fingerprint_key": f"folds|{ks}", "kind": "folds", "stated": ks}
    if not counts:
        return [finding("XC610", f"{said}; guidelint found no fold count (n_splits=, cv=, k=) in the code", first.where.path,
                        first.where.line, **key)]
    if set(ks) & {c.value for c in counts}:
        return []
    desc = _grouped((c.shown, c.where) for c in _one_per_place(counts))
    c0 = counts[0]
    return [finding("XC604", f"{said}; code uses {desc}", c0.where.path, c0.where.line,
                    related=_related(s.where for s in folds), code_values=sorted({c.value for c in counts}), **key)]


# ---------------------------------------------------------------- datasets


def check_datasets(stated: list[StatedDataset], repo: RepoFacts, texts: Iterable[tuple[str, str]]) -> list[Finding]:
    by_name: dict[str, list[StatedDataset]] = {}
    for s in stated:
        by_name.setdefault(s.name, []).append(s)
    mentions = code.dataset_mentions(texts, by_name)
    out: list[Finding] = []
    for name, st in by_name.items():
        found = mentions.get(name, [])
        versions = [(v, w) for v, w in found if v]
        first = st[0]
        said = f"{_who(first.where)} says {name} {first.version}{_at(first.where)}"
        key = {"stated": sorted({s.version for s in st}), "dataset": name,
               "fingerprint_key": f"dataset|{name}|{sorted({s.version for s in st})}"}
        if versions:
            if any(code.version_agrees(s.version, v) or code.version_agrees(v, s.version) for s in st for v, _ in versions):
                continue
            desc = _grouped((f"{name} {v}", w) for v, w in versions)
            w0 = versions[0][1]
            out.append(finding("XC605", f"{said}; the repository names {desc}", w0.path, w0.line,
                               related=_related(s.where for s in st), code_values=[v for v, _ in versions], **key))
        elif found:
            w0 = found[0][1]
            out.append(finding("XC610", f"{said}; the repository uses {name} ({w0}) but never names a release",
                               first.where.path, first.where.line, related=(_loc(w0),), kind="dataset", **key))
    return out

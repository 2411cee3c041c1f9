"""The bundled checklist files and the methods-metadata schema: valid, complete, in our own words,
and their evidence rules fire where they should and stay silent where they should not."""

from __future__ import annotations

import copy
import difflib
import json
import os
import re
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
import yaml

from linter.checklist import load
from linter.checks import Context
from linter.engine import evaluate
from linter.manuscript import parse_manuscript

ROOT = Path(__file__).resolve().parents[1]
CHECKLISTS = ROOT / "checklists"
SCHEMA = json.loads((CHECKLISTS / "schema.json").read_text(encoding="utf-8"))
METHODS_SCHEMA_PATH = ROOT / "linter" / "schemas" / "methods.schema.json"
GUIDELINES_MD = Path(os.environ.get("GUIDELINT_GUIDELINES_MD", "/work/shared/reference/guidelines.md"))

FILES = sorted(p for p in CHECKLISTS.glob("*/*.yaml") if p.parent.name != "statements")

# --- facts about the guidelines (item numbering is a fact, not wording) -------------------------
TRIPOD_AI_MAIN = [
    "1", "2", "3a", "3b", "3c", "4", "5a", "5b", "6a", "6b", "6c", "7", "8a", "8b", "8c", "9a", "9b", "9c",
    "10", "11", "12a", "12b", "12c", "12d", "12e", "12f", "12g", "13", "14", "15", "16", "17",
    "18a", "18b", "18c", "18d", "18e", "18f", "19", "20a", "20b", "20c", "21", "22", "23a", "23b", "24",
    "25", "26", "27a", "27b", "27c",
]
TRIPOD_AI_ABSTRACT = [f"A{n}" for n in range(1, 14)]
TRIPOD_AI_DEVELOPMENT_ONLY = {"9a", "12a", "12b", "12c", "15", "22", "27a", "27b", "A7", "A10"}
TRIPOD_AI_EVALUATION_ONLY = {"12f", "12g", "20c", "24"}
TRIPOD_AI_CONDITIONAL = {"6c", "8b", "9c", "12d", "12f", "13", "23b", "24"}
CONSORT_2010 = [
    "1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b", "5", "6a", "6b", "7a", "7b", "8a", "8b", "9", "10",
    "11a", "11b", "12a", "12b", "13a", "13b", "14a", "14b", "15", "16", "17a", "17b", "18", "19", "20",
    "21", "22", "23", "24", "25",
]
CONSORT_AI = ["1a,b(i)", "1a,b(ii)", "2a(i)", "4a(i)", "4a(ii)", "4b", "5(i)", "5(ii)", "5(iii)", "5(iv)",
              "5(v)", "5(vi)", "19", "25"]

# --- what evidence rules may use (the checks the engine implements) ------------------------------
SECTION_CLASSES = {
    "title", "abstract", "introduction", "methods", "results", "discussion", "limitations", "conclusion",
    "data-availability", "code-availability", "funding", "conflicts", "ethics", "acknowledgements",
    "declarations", "supplementary", "any",
}
RULE_CODES = {
    "RND101", "RND102", "RND104", "RND105", "RND106", "RND120", "DEP201", "DEP202", "DEP203", "DEP204",
    "DEF301", "HYP401", "HYG501", "HYG502", "HYG503",
}
REPO_FACTS = {"licence", "lock_files", "manifests", "hyperparameters", "seeds", "readme.has_run_commands",
              "readme.has_data_section"}
PARAMS = {
    "meta.field": {"field", "fields", "complete", "weak_if"},
    "text.statement": {"statement", "sections"},
    "text.pattern": {"patterns", "sections", "weak", "min", "exclude"},
    "text.section": {"section"},
    "text.heading": {"patterns", "sections"},
    "repo.clear": {"rules"},
    "repo.fact": {"fact"},
}
TOPIC_FLAGS = {"SEED", "VERS", "DATA", "CODE", "HPARAM", "ARCH", "COMPUTE", "SAMPLE", "MISSING", "EXTVAL",
               "FAIR", "REG", "FUND", "PPI", "ETHICS"}
OUR_FILES = ("tripod-ai/2024.yaml", "consort/2010.yaml", "consort-ai/2020.yaml")


def _load(rel: str) -> dict[str, Any]:
    return yaml.safe_load((CHECKLISTS / rel).read_text(encoding="utf-8"))


def _uses(evidence: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(evidence, dict):
        return
    for mode in ("any", "all"):
        for term in evidence.get(mode) or []:
            if "check" in term:
                yield term
            else:
                yield from _uses(term)


def _statement_kinds() -> set[str]:
    kinds: set[str] = set()
    for p in (CHECKLISTS / "statements").glob("*.yaml"):
        kinds |= set((yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("statements", {}))
    return kinds


# ================================================================ structure of every checklist file
def test_checklist_files_found() -> None:
    names = {f"{p.parent.name}/{p.name}" for p in FILES}
    assert set(OUR_FILES) <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_checklist_validates_against_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]
    assert errors == []
    assert data["id"] == path.parent.name and str(data["version"]) == path.stem


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_item_ids_and_aliases_unique(path: Path) -> None:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)), [x for x in ids if ids.count(x) > 1]
    aliases = [a for i in items for a in i.get("aliases", [])]
    assert len(aliases) == len(set(aliases))
    assert not set(aliases) & set(ids)


def test_schema_validator_rejects_broken_checklists() -> None:
    """The validation above can fail: a missing requirement, a bad severity or a typo are caught."""
    good = _load("tripod-ai/2024.yaml")
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert validator.is_valid(good)
    for breaker in (
        lambda d: d["items"][0].pop("requirement"),
        lambda d: d["items"][0].__setitem__("severity", "fatal"),
        lambda d: d["items"][0].__setitem__("requirment", "typo"),
        lambda d: d["items"][0]["evidence"].__setitem__("anyy", []),
    ):
        bad = copy.deepcopy(good)
        breaker(bad)
        assert not validator.is_valid(bad)


# ================================================================ completeness against the guidelines
def test_tripod_ai_has_all_items() -> None:
    data = _load("tripod-ai/2024.yaml")
    ids = [i["id"] for i in data["items"]]
    assert ids == TRIPOD_AI_MAIN + TRIPOD_AI_ABSTRACT
    assert len(TRIPOD_AI_MAIN) == 52 and len(TRIPOD_AI_ABSTRACT) == 13
    assert {i["section"] for i in data["items"] if i["id"].startswith("A")} == {"Abstract"}
    assert data["source"]["doi"] == "10.1136/bmj-2023-078378"


def test_tripod_ai_applicability_and_conditions() -> None:
    for item in _load("tripod-ai/2024.yaml")["items"]:
        expected = (["development"] if item["id"] in TRIPOD_AI_DEVELOPMENT_ONLY
                    else ["evaluation"] if item["id"] in TRIPOD_AI_EVALUATION_ONLY
                    else ["development", "evaluation"])
        assert item["applies_to"] == expected, item["id"]
        if item["id"] in TRIPOD_AI_CONDITIONAL:
            assert len(item.get("conditional", "")) > 20, item["id"]


def test_consort_2010_has_all_items() -> None:
    data = _load("consort/2010.yaml")
    assert [i["id"] for i in data["items"]] == CONSORT_2010
    assert data["source"]["doi"] == "10.1136/bmj.c332"
    assert all(i["applies_to"] == ["trial"] for i in data["items"])


def test_consort_ai_has_its_items_and_extends_consort() -> None:
    data = _load("consort-ai/2020.yaml")
    assert [i["id"] for i in data["items"]] == CONSORT_AI
    assert data["extends"] == "consort@2010"
    assert data["source"]["doi"] == "10.1038/s41591-020-1034-x"
    assert {"10.1136/bmj.m3164", "10.1016/S2589-7500(20)30218-1"} <= set(data["source"]["other_dois"])
    # AI items that reuse a base number replace that base item (its content is folded in)
    base_ids = set(CONSORT_2010)
    assert set(data["exclude"]) == base_ids & set(CONSORT_AI)
    merged = [i.id for i in load("consort-ai@2020").all_items()]
    assert len(merged) == len(set(merged)) == len(CONSORT_2010) - len(data["exclude"]) + len(CONSORT_AI)
    assert all(i.get("type") in ("extension", "elaboration") for i in data["items"])


def _guidelines_rows(heading_from: str, heading_to: str) -> dict[str, list[str]]:
    if not GUIDELINES_MD.is_file():
        pytest.skip(f"reference {GUIDELINES_MD} not available")
    text = GUIDELINES_MD.read_text(encoding="utf-8")
    part = text[text.index(heading_from): text.index(heading_to)]
    rows: dict[str, list[str]] = {}
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 4 and re.fullmatch(r"A?\d+[a-z]?|[\w,()]+", cells[0]) and cells[0] != "id":
            if not set(cells[0]) <= set("-"):
                rows[cells[0]] = cells
    return rows


def test_ids_agree_with_reference_notes() -> None:
    tripod = _guidelines_rows("## 2. TRIPOD+AI", "## 3. CONSORT-AI")
    assert list(tripod) == TRIPOD_AI_MAIN + TRIPOD_AI_ABSTRACT
    for iid, cells in tripod.items():  # D / E / D;E column
        expected = {"D": TRIPOD_AI_DEVELOPMENT_ONLY, "E": TRIPOD_AI_EVALUATION_ONLY}.get(cells[2])
        if expected is not None:
            assert iid in expected, iid
    consort_ai = _guidelines_rows("## 3. CONSORT-AI", "## 4. SPIRIT-AI")
    assert list(consort_ai) == CONSORT_AI


def test_topics_cover_the_reference_flags() -> None:
    tripod = _guidelines_rows("## 2. TRIPOD+AI", "## 3. CONSORT-AI")
    items = {i["id"]: i for i in _load("tripod-ai/2024.yaml")["items"]}
    for iid, cells in tripod.items():
        flags = set(re.findall(r"\b[A-Z]{3,}\b", cells[-1])) & TOPIC_FLAGS
        assert flags <= set(items[iid].get("topics", [])), iid


# ================================================================ content quality
@pytest.mark.parametrize("rel", OUR_FILES)
def test_items_are_complete_and_readable(rel: str) -> None:
    data = _load(rel)
    for item in data["items"]:
        req = " ".join(item["requirement"].split())
        assert 40 <= len(req) <= 600 and len(req.split()) >= 8, item["id"]
        assert item["section"] in data["sections"], item["id"]
        assert item.get("fix") and item.get("applies_to"), item["id"]
        assert set(item.get("topics", [])) <= TOPIC_FLAGS, item["id"]
    header = (CHECKLISTS / rel).read_text(encoding="utf-8")[:1500].lower()
    assert "own words" in header and data["source"]["doi"].lower() in header


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def _reference_paraphrases() -> list[str]:
    if not GUIDELINES_MD.is_file():
        pytest.skip(f"reference {GUIDELINES_MD} not available")
    cells = []
    for line in GUIDELINES_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            cells += [c.strip() for c in line.strip("|").split("|") if len(c.strip()) > 30]
    return [_norm(c) for c in cells]


RUN = 7  # this many consecutive words shared with a reference paraphrase counts as copying
MAX_RATIO = 0.7


def _ngrams(words: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


_MATCHERS: dict[tuple[str, ...], list[difflib.SequenceMatcher]] = {}


def _max_ratio(mine: str, refs: list[str], floor: float = MAX_RATIO) -> float:
    """The highest word-level similarity to any reference at or above ``floor`` (0.0 if none reaches it)."""
    key = tuple(refs)
    if key not in _MATCHERS:  # one matcher per reference: its index is built once
        _MATCHERS[key] = [difflib.SequenceMatcher(None, [], ref.split(), autojunk=False) for ref in refs]
    best = 0.0
    for sm in _MATCHERS[key]:
        sm.set_seq1(mine.split())
        bar = max(best, floor)
        if sm.real_quick_ratio() >= bar and sm.quick_ratio() >= bar:
            ratio = sm.ratio()
            if ratio >= bar:
                best = ratio
    return best


@pytest.mark.parametrize("rel", OUR_FILES)
def test_requirements_are_in_our_own_words(rel: str) -> None:
    """No requirement, why or fix equals or closely copies a paraphrase in the reference notes."""
    refs = _reference_paraphrases()
    ref_grams = set().union(*(_ngrams(r.split()) for r in refs))
    for item in _load(rel)["items"]:
        for key in ("requirement", "why", "fix"):
            mine = _norm(item.get(key, ""))
            if not mine:
                continue
            assert mine not in refs, (item["id"], key)
            shared = _ngrams(mine.split()) & ref_grams
            assert not shared, (item["id"], key, sorted(shared)[:2])
            ratio = _max_ratio(mine, refs)
            assert ratio < MAX_RATIO, (item["id"], key, ratio)


def test_similarity_guard_can_fail() -> None:
    refs = _reference_paraphrases()
    copied = next(r for r in refs if len(r.split()) > 12)
    lightly_edited = copied.replace(" the ", " a ", 1) + " please"
    assert lightly_edited not in refs
    assert _max_ratio(lightly_edited, refs) >= MAX_RATIO
    assert _ngrams(lightly_edited.split()) & set().union(*(_ngrams(r.split()) for r in refs))


# ================================================================ evidence rules use only what exists
def _methods_schema() -> dict[str, Any]:
    return json.loads(METHODS_SCHEMA_PATH.read_text(encoding="utf-8"))


def _resolve(schema: dict[str, Any], node: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The sub-schema at a dotted metadata path (list steps go into `items`), or None if undefined."""
    for part in path.split("."):
        node = _deref(schema, node)
        if node.get("type") == "array" and "items" in node:
            node = _deref(schema, node["items"])
        candidates = [node, *node.get("anyOf", []), *node.get("oneOf", [])]
        found = None
        for cand in candidates:
            cand = _deref(schema, cand)
            if part in cand.get("properties", {}):
                found = cand["properties"][part]
                break
        if found is None:
            return None
        node = found
    return _deref(schema, node)


def _deref(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and node["$ref"].startswith("#/$defs/"):
        extra = {k: v for k, v in node.items() if k != "$ref"}
        node = {**schema["$defs"][node["$ref"].split("/")[-1]], **extra}
    return node


@pytest.mark.parametrize("rel", OUR_FILES)
def test_evidence_uses_known_checks_with_valid_params(rel: str) -> None:
    kinds = _statement_kinds()
    methods = _methods_schema()
    for item in _load(rel)["items"]:
        assert set(item.get("rules", [])) <= RULE_CODES, item["id"]
        for use in _uses(item.get("evidence")):
            name, params = use["check"], use.get("with", {})
            assert name in PARAMS, (item["id"], name)
            assert set(params) <= PARAMS[name], (item["id"], name, params)
            if name == "text.statement":
                assert params["statement"] in kinds, (item["id"], params["statement"])
            if name in ("text.statement", "text.pattern", "text.heading"):
                assert set(params.get("sections", [])) <= SECTION_CLASSES, item["id"]
            if name == "text.section":
                assert params["section"] in SECTION_CLASSES
            if name in ("text.pattern", "text.heading"):
                for rx in [*params["patterns"], *params.get("weak", []), *params.get("exclude", [])]:
                    re.compile(rx, re.I)
                    assert not re.search(rx, "", re.I), (item["id"], rx)  # never matches empty text
            if name == "repo.clear":
                assert set(params["rules"]) <= RULE_CODES
            if name == "repo.fact":
                assert params["fact"] in REPO_FACTS
            if name == "meta.field":
                paths = [params["field"]] if "field" in params else params["fields"]
                for p in paths:
                    node = _resolve(methods, methods, p)
                    assert node is not None, (item["id"], p)
                    for sub in params.get("complete", []):
                        assert _resolve(methods, node, sub) is not None, (item["id"], p, sub)


def test_meta_path_resolver_rejects_unknown_paths() -> None:
    methods = _methods_schema()
    assert _resolve(methods, methods, "data.sources.accrual_start") is not None
    assert _resolve(methods, methods, "data.sources.accrual_begin") is None
    assert _resolve(methods, methods, "softwares") is None


# ================================================================ evidence rules on sample text
def _status(checklist: str, item_id: str, markdown: str, metadata: dict[str, Any] | None = None) -> str:
    doc = parse_manuscript("paper.md", markdown, ".md")
    report = evaluate(Context(doc=doc, metadata=metadata or {}), [load(checklist)])
    return next(r.status.value for r in report.items if r.id == item_id)


def _doc(section: str, text: str) -> str:
    if section == "title":
        return f"---\ntitle: \"{text}\"\n---\n\n# Introduction\n\nSome text.\n"
    return f"# {section}\n\n{text}\n"


FIRES = "reported"
SILENT = "missing"
CASES = [
    # checklist, item, section heading, sentence, expected status
    ("tripod-ai", "1", "title", "Development and validation of a model to predict 30-day mortality after hip fracture", FIRES),
    ("tripod-ai", "1", "title", "A machine learning framework for microbiome data", "partial"),
    ("tripod-ai", "1", "title", "Gut microbiome composition in older adults", SILENT),
    ("tripod-ai", "3b", "Introduction", "The model is intended to support clinicians deciding on early discharge.", FIRES),
    ("tripod-ai", "3b", "Introduction", "Random forests are widely used in genomics.", SILENT),
    ("tripod-ai", "3c", "Introduction", "Survival after stroke shows marked socioeconomic disparities.", FIRES),
    ("tripod-ai", "3c", "Introduction", "Stroke is a leading cause of death worldwide.", SILENT),
    ("tripod-ai", "5b", "Methods", "Patients admitted between January 2010 and December 2015 were included.", FIRES),
    ("tripod-ai", "5b", "Methods", "We used Python 3.10 and scikit-learn 1.2 for all analyses.", SILENT),
    ("tripod-ai", "6a", "Methods", "Data came from 12 hospitals in England and Wales.", FIRES),
    ("tripod-ai", "6a", "Methods", "Swabs were taken from two body sites per participant.", SILENT),
    ("tripod-ai", "8b", "Methods", "Images were graded independently by two ophthalmologists.", FIRES),
    ("tripod-ai", "8b", "Methods", "Colonic health was assessed by colonoscopy.", SILENT),
    ("tripod-ai", "8c", "Methods", "Outcome assessors were blinded to the predictor values.", FIRES),
    ("tripod-ai", "8c", "Methods", "We fine-tuned a masked language model on clinical notes.", SILENT),
    ("tripod-ai", "12b", "Methods", "Continuous predictors were modelled with restricted cubic splines.", FIRES),
    ("tripod-ai", "12b", "Methods", "PCR amplicons were normalized with a plate kit before pooling.", SILENT),
    ("tripod-ai", "12d", "Methods", "Heterogeneity in the C statistic between hospitals was summarised by random-effects meta-analysis.", FIRES),
    ("tripod-ai", "12d", "Methods", "Full-day recordings capture the heterogeneity of daily routines.", SILENT),
    ("tripod-ai", "12f", "Methods", "The model was recalibrated by updating the intercept.", FIRES),
    ("tripod-ai", "12f", "Methods", "The scanner was calibrated every morning.", SILENT),
    ("tripod-ai", "15", "Methods", "The cut-off for high risk was set at a predicted probability of 0.2.", FIRES),
    ("tripod-ai", "15", "Methods", "A significance threshold of p < 0.05 was used for all tests.", SILENT),
    ("tripod-ai", "15", "Methods", "Thresholds were set to keep sequence quality high.", SILENT),
    ("tripod-ai", "16", "Methods", "Patients in the validation cohort were older than those in the development cohort.", FIRES),
    ("tripod-ai", "16", "Methods", "We trained seven different models using the training data.", SILENT),
    ("tripod-ai", "21", "Results", "Of 12 430 patients, 1 102 (8.9%) died within 30 days.", FIRES),
    ("tripod-ai", "21", "Methods", "Each window comprised 250 samples of the accelerometer signal.", SILENT),
    ("tripod-ai", "22", "Results", "The final model coefficients are given in Supplementary Table 3.", FIRES),
    ("tripod-ai", "22", "Methods", "We fitted a logistic model with five predictors.", SILENT),
    ("tripod-ai", "12c", "Methods", "We trained a random forest; hyperparameters were tuned by grid search with 5-fold cross-validation.", FIRES),
    # all-of items: one part reported and the other not is partial (the engine's rule); neither part is missing
    ("tripod-ai", "12c", "Methods", "We trained a random forest on the training data.", "partial"),
    ("tripod-ai", "12c", "Methods", "Participants completed a questionnaire at baseline.", SILENT),
    ("tripod-ai", "23a", "Results", "The AUROC was 0.81 (95% CI 0.78 to 0.84).", "partial"),
    ("consort", "1a", "title", "Effect of a text-message reminder on adherence: a randomised controlled trial", FIRES),
    ("consort", "1a", "title", "Random forest prediction of sepsis in the emergency department", SILENT),
    ("consort", "3b", "Methods", "The protocol was amended in 2019 to widen the eligibility criteria.", FIRES),
    ("consort", "3b", "Methods", "The IRB protocol number was 2019-123.", SILENT),
    ("consort", "7b", "Methods", "An independent data monitoring committee reviewed one interim analysis.", FIRES),
    ("consort", "7b", "Methods", "We analysed the data at the end of the study.", SILENT),
    ("consort", "8a", "Methods", "The allocation sequence was computer-generated by an independent statistician.", FIRES),
    ("consort", "8a", "Methods", "We used a random forest with 500 trees.", SILENT),
    ("consort", "8b", "Methods", "Randomisation was stratified by centre using permuted blocks of variable size.", FIRES),
    ("consort", "8b", "Methods", "The minimisation of the loss used the Adam algorithm.", SILENT),
    ("consort", "9", "Methods", "Allocation was concealed using sequentially numbered, sealed opaque envelopes.", FIRES),
    ("consort", "9", "Methods", "The test labels were concealed from the model developers.", SILENT),
    ("consort", "11a", "Methods", "This was a double-blind trial.", FIRES),
    ("consort", "11a", "Methods", "Blind source separation was applied to the EEG signals.", SILENT),
    ("consort", "16", "Results", "In total, 480 participants were included in the primary analysis.", FIRES),
    ("consort", "16", "Results", "A 0 value indicates that the feature was included in model training.", SILENT),
    ("consort", "17a", "Results", "The risk ratio for death was 0.80 (95% CI 0.66 to 0.97).", FIRES),
    ("consort", "17b", "Results", "The absolute risk reduction was 4% and the relative risk was 0.8.", FIRES),
    ("consort", "17b", "Results", "The hazard ratio was 0.8.", "partial"),
    ("consort", "17b", "Results", "Outcomes are summarised in Table 2.", SILENT),
    ("consort", "19", "Results", "Serious adverse events occurred in 12 patients in the intervention arm.", FIRES),
    ("consort", "19", "Results", "Harms were rare.", "partial"),
    ("consort-ai", "1a,b(i)", "title", "Deep learning-assisted colonoscopy for adenoma detection: a randomised trial", FIRES),
    ("consort-ai", "1a,b(i)", "title", "Machine learning alerts for sepsis: a randomised trial", "partial"),
    ("consort-ai", "1a,b(i)", "title", "Effect of a smartphone app on weight loss: a randomised trial", SILENT),
    ("consort-ai", "4a(ii)", "Methods", "Images were excluded if they were of insufficient quality or ungradable.", FIRES),
    ("consort-ai", "4a(ii)", "Methods", "Patients were excluded if they were younger than 18 years.", SILENT),
    ("consort-ai", "5(i)", "Methods", "The AI system (DetectX v2.3.1) ran on every colonoscopy.", FIRES),
    ("consort-ai", "5(i)", "Methods", "We used version 2.3.1 of the detection algorithm.", FIRES),
    ("consort-ai", "5(i)", "Methods", "Analyses used R version 4.2.1.", SILENT),
    ("consort-ai", "5(iii)", "Methods", "Ungradable images were returned to the photographer for re-acquisition.", FIRES),
    ("consort-ai", "5(v)", "Methods", "The algorithm outputs a probability of malignancy and a heat map.", FIRES),
    ("consort-ai", "5(v)", "Methods", "Long-form recordings provide a way to automatically score real-time data.", SILENT),
    ("consort-ai", "19", "Results", "Adverse events were similar between arms. False-positive alerts were reviewed by two clinicians.", FIRES),
    ("consort-ai", "19", "Results", "Adverse events were similar between arms.", "partial"),
    ("consort-ai", "4b", "Methods", "The trial was conducted at 12 hospitals. The software was installed on a local server in each endoscopy unit.", FIRES),
    ("consort-ai", "4b", "Methods", "The trial was conducted at 12 hospitals.", "partial"),
    ("consort-ai", "4b", "Methods", "Participants completed a questionnaire at baseline.", SILENT),
]


@pytest.mark.parametrize("checklist,item,section,sentence,expected", CASES,
                         ids=[f"{c[0]}.{c[1]}-{c[4]}-{n}" for n, c in enumerate(CASES)])
def test_evidence_on_sample_sentences(checklist: str, item: str, section: str, sentence: str, expected: str) -> None:
    assert _status(checklist, item, _doc(section, sentence)) == expected


def test_metadata_alone_can_report_items() -> None:
    text = _doc("Methods", "Nothing relevant here.")
    meta = {"model": {"type": "random forest"}, "hyperparameters": [{"name": "mtry", "value": 3}],
            "data": {"sources": [{"name": "Cohort A", "accrual_start": "2010-01", "accrual_end": "2015-12"}]}}
    assert _status("tripod-ai", "12c", text, meta) == "reported"
    assert _status("tripod-ai", "5b", text, meta) == "reported"
    meta["data"]["sources"].append({"name": "Registry B"})  # no dates for the second source
    assert _status("tripod-ai", "5b", text, meta) == "partial"
    # model type without hyperparameters or tuning: half of an all-of item, so partial
    assert _status("tripod-ai", "12c", text, {"model": {"type": "random forest"}}) == "partial"
    assert _status("tripod-ai", "12c", text, {}) == "missing"


# ================================================================ methods metadata schema
@pytest.fixture(scope="module")
def methods_validator() -> jsonschema.Draft202012Validator:
    schema = _methods_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_methods_schema_is_strict_and_documented(methods_validator: jsonschema.Draft202012Validator) -> None:
    schema = methods_validator.schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert prop.get("description"), name
    assert len(schema["examples"]) >= 1


def test_methods_schema_example_validates(methods_validator: jsonschema.Draft202012Validator) -> None:
    example = methods_validator.schema["examples"][0]
    assert list(methods_validator.iter_errors(example)) == []
    assert set(example) >= {"study", "data", "software", "seeds", "hyperparameters", "code_availability"}


def _error_paths(validator: jsonschema.Draft202012Validator, data: Any) -> list[list[Any]]:
    return [list(e.absolute_path) for e in validator.iter_errors(data)]


@pytest.mark.parametrize("data,path", [
    ({"software": [{"name": "torch", "version": 1.1}]}, ["software", 0, "version"]),
    ({"language": {"name": "Python", "version": 3.1}}, ["language", "version"]),
    ({"sofware": [{"name": "torch", "version": "2.1"}]}, []),
    ({"data": {"sources": [{"name": "A", "n": "many"}]}}, ["data", "sources", 0, "n"]),
    ({"data": {"sources": [{"name": "A", "nn": 3}]}}, ["data", "sources", 0]),
    ({"data": {"sources": [{"name": "A", "accrual_start": "2019-13-01"}]}}, ["data", "sources", 0, "accrual_start"]),
    ({"data": {"availability": {"status": "maybe"}}}, ["data", "availability", "status"]),
    ({"seeds": {"values": ["42"]}}, ["seeds", "values", 0]),
    ({"seeds": {"set_in_code": "yes"}}, ["seeds", "set_in_code"]),
    ({"hyperparameters": [{"name": "lr", "tuned": "true"}]}, ["hyperparameters", 0, "tuned"]),
    ({"hyperparameters": [{"name": "lr", "value": {"a": 1}}]}, ["hyperparameters", 0, "value"]),
    ({"study": {"type": "validation"}}, ["study", "type"]),
    ({"metadata_version": 2}, ["metadata_version"]),
    ({"not_applicable": {"tripod-ai.12f": ""}}, ["not_applicable", "tripod-ai.12f"]),
    ({"not_applicable": {"12f": "not updated"}}, ["not_applicable"]),
    ({"code_availability": {"url": "github.com/x/y"}}, ["code_availability", "url"]),
    ({"splits": {"proportions": [0.8, 20]}}, ["splits", "proportions"]),
    ({"ethics": {"approval_id": 12345}}, ["ethics", "approval_id"]),
])
def test_methods_schema_rejects_wrong_types_with_path(methods_validator: jsonschema.Draft202012Validator,
                                                      data: dict[str, Any], path: list[Any]) -> None:
    paths = _error_paths(methods_validator, data)
    assert paths, data
    assert path in paths, paths


def test_unquoted_yaml_versions_and_dates_are_rejected(methods_validator: jsonschema.Draft202012Validator) -> None:
    """YAML reads version: 1.10 as the float 1.1 and an unquoted date as a date object: both are caught."""
    unquoted = yaml.safe_load("software:\n  - name: torch\n    version: 1.10\n"
                              "data:\n  sources:\n    - name: A\n      accrual_start: 2019-01-01\n")
    paths = _error_paths(methods_validator, unquoted)
    assert ["software", 0, "version"] in paths and ["data", "sources", 0, "accrual_start"] in paths
    quoted = yaml.safe_load("software:\n  - name: torch\n    version: \"1.10\"\n"
                            "data:\n  sources:\n    - name: A\n      accrual_start: \"2019-01\"\n")
    assert _error_paths(methods_validator, quoted) == []


@pytest.mark.parametrize("data", [
    {},
    {"metadata_version": 1},
    {"hyperparameters": [{"name": "hidden", "value": [64, 32]}, {"name": "kernel", "value": "rbf", "default": True},
                         {"name": "max_depth", "value": None}]},
    {"tuning": {"method": "random search", "cv": "nested 5x2"}, "splits": {"proportions": {"train": 0.8, "test": 0.2}}},
    {"class_imbalance": "none; prevalence 30%"},
    {"class_imbalance": {"method": "SMOTE", "recalibration": "Platt scaling"}},
    {"study": {"intended_users": "general practitioners"}},
    {"not_applicable": {"consort-ai.5(i)": "no AI version exists: locked model"}},
])
def test_methods_schema_accepts_valid_variants(methods_validator: jsonschema.Draft202012Validator, data: dict) -> None:
    assert list(methods_validator.iter_errors(data)) == []

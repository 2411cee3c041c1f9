"""Item-specific evidence rules (TRIPOD+AI, CONSORT 2010, CONSORT-AI): the wordings authors use for
each item are recognised, through the real engine, and near-miss sentences stay silent.

Every sentence here is written for this test (none is taken from a paper or from the bundled sample
studies). Each case builds a small Markdown manuscript, runs the checklist on it and compares the
item's status: ``reported`` (fires), ``partial`` (a weak form) or ``missing`` (silent).
"""

from __future__ import annotations

from typing import Any

import pytest

from linter.checklist import load
from linter.checks import Context
from linter.engine import evaluate
from linter.manuscript import parse_manuscript

FIRES, PARTIAL, SILENT, MANUAL = "reported", "partial", "missing", "manual"


def status(checklist: str, item_id: str, markdown: str, metadata: dict[str, Any] | None = None) -> str:
    doc = parse_manuscript("paper.md", markdown, ".md")
    report = evaluate(Context(doc=doc, metadata=metadata or {}), [load(checklist)])
    return next(r.status.value for r in report.items if r.id == item_id)


def sec(heading: str, *paragraphs: str) -> str:
    """One top-level section with its paragraphs."""
    return f"# {heading}\n\n" + "\n\n".join(paragraphs) + "\n"


def sub(parent: str, heading: str, *paragraphs: str) -> str:
    """A subsection (e.g. Methods > Sample size) with its paragraphs."""
    return f"# {parent}\n\nThis section has a short opening sentence.\n\n## {heading}\n\n" + "\n\n".join(paragraphs) + "\n"


def label(section: str, run_in: str, text: str) -> str:
    """A paragraph opening with a bold run-in label ("**Objective.** To ...")."""
    return f"# {section}\n\n**{run_in}** {text}\n"


T, C, AI = "tripod-ai", "consort", "consort-ai"

CASES: list[tuple[str, str, str, str, str]] = [
    # (checklist, item, manuscript, expected, what it shows)
    # ---------------------------------------------------------------- TRIPOD+AI 3a: existing models
    (T, "3a", sec("Introduction", "Several prognostic tools already exist for community-acquired pneumonia."), FIRES,
     "existing tools without the words 'prediction model'"),
    (T, "3a", sec("Introduction", "Deep learning classifiers trained on chest radiographs have achieved high accuracy "
                  "in earlier work."), FIRES, "earlier ML models described by what they achieved"),
    (T, "3a", sec("Introduction", "The CURB-65 score is widely used to judge pneumonia severity."), FIRES,
     "a named clinical score"),
    (T, "3a", sec("Introduction", "Numerous mouse models have been developed to study colitis."), SILENT,
     "animal models are not prediction models"),
    (T, "3a", sec("Introduction", "The AUC score summarises how well two groups are separated."), SILENT,
     "a metric acronym is not a named score"),
    (T, "3a", sec("Methods", "Several risk scores already exist for this outcome."), SILENT,
     "only the Introduction counts"),
    # ---------------------------------------------------------------- 3b: intended use and users
    (T, "3b", sec("Introduction", "The tool is meant for ambulance crews deciding whether to take a patient to hospital."),
     FIRES, "'meant for' names the intended users"),
    (T, "3b", sec("Introduction", "It is not intended for use in children."), FIRES, "a stated exclusion of use"),
    (T, "3b", sec("Introduction", "Clinicians lack an estimate of risk at the time of admission to plan monitoring."),
     FIRES, "the moment in the care pathway"),
    (T, "3b", sec("Introduction", "Colonoscopy screening is meant to identify advanced adenomas."), SILENT,
     "what screening is meant for is not the model's intended use"),
    (T, "3b", sec("Methods", "Blood pressure was measured at the time of admission."), SILENT,
     "a measurement time in Methods is not the intended moment of use"),
    # ---------------------------------------------------------------- 3c: known inequalities
    (T, "3c", sec("Introduction", "People from minority ethnic groups are less likely to be offered cardiac "
                  "rehabilitation."), FIRES, "a named group and how it fares"),
    (T, "3c", sec("Introduction", "Access to dialysis is unequally distributed across regions."), FIRES,
     "'unequally distributed'"),
    (T, "3c", sec("Introduction", "Older adults are more likely to fall at home."), SILENT,
     "a risk factor is not an inequality"),
    (T, "3c", sec("Introduction", "Rural clinics took part in the pilot."), SILENT, "a group named without a disparity"),
    # ---------------------------------------------------------------- 8b / 8c: outcome assessment
    (T, "8b", sec("Methods", "The outcome, death within one year, was obtained by linkage to the national death "
                  "register."), FIRES, "an objective outcome by record linkage"),
    (T, "8b", sec("Methods", "Because the outcome came from laboratory culture results, no subjective judgement "
                  "was involved in assigning it."), FIRES, "no human judgement in the outcome"),
    (T, "8b", sec("Methods", "The outcome was entered into the database by research staff."), SILENT,
     "data entry is not outcome assessment"),
    (T, "8c", sec("Methods", "Those grading the scans had no knowledge of the predictor values."), FIRES,
     "'no knowledge of the predictors'"),
    (T, "8c", sec("Methods", "The outcome was taken from hospital records without any human interpretation."), FIRES,
     "an outcome that no one judged cannot be swayed"),
    (T, "8c", sec("Methods", "Clinicians had good knowledge of the disease."), SILENT, "knowledge of something else"),
    # ---------------------------------------------------------------- 9b: predictor definitions, only where defined
    (T, "9b", sec("Methods", "Candidate predictors were extracted from the admission record and included age, "
                  "lactate and heart rate."), FIRES, "predictors defined in Methods"),
    (T, "9b", label("Abstract", "Keywords:", "sepsis; feature selection; deep learning")
     + sec("Introduction", "Other groups selected features with recursive elimination."), SILENT,
     "a keyword line and other studies' features are no definitions"),
    # ---------------------------------------------------------------- 9c: predictor assessors
    (T, "9c", sec("Methods", "Every predictor came from automated laboratory analysers, so none depended on "
                  "subjective reading by staff."), FIRES, "no predictor needed human reading"),
    (T, "9c", sec("Methods", "Echocardiograms were read by two cardiologists with ten years of experience."), FIRES,
     "who read an image-based predictor"),
    (T, "9c", sec("Methods", "The predictors were standardised before model fitting."), SILENT, "predictor handling"),
    # ---------------------------------------------------------------- 10: sample size
    (T, "10", sub("Methods", "Study size", "We took every eligible admission in the three-year window, which "
                  "gave about 900 events for 20 candidate predictors."), FIRES,
     "a 'Study size' heading whose text never says 'sample size'"),
    (T, "10", sub("Methods", "3.4 Power calculation", "Assuming a 10% event rate, 2,000 participants give 200 "
                  "events."), FIRES, "a numbered 'Power calculation' heading"),
    (T, "10", sec("Methods", "Following the criteria of Riley and colleagues, at least 1,200 participants with 150 "
                  "events would suffice for 12 predictor parameters."), FIRES, "prediction-model criteria"),
    (T, "10", sec("Methods", "With an expected shrinkage of 0.9 and an outcome prevalence of 10%, the cohort was "
                  "adequate."), FIRES, "a shrinkage target"),
    (T, "10", sec("Methods", "To estimate the C statistic with a confidence interval width of 0.1, 250 events were "
                  "required in the validation cohort."), FIRES, "precision target for validation"),
    (T, "10", sec("Methods", "All eligible patients treated during the study period were included."), PARTIAL,
     "'all eligible patients' says how, but argues nothing"),
    (T, "10", label("Discussion", "Sample size.", "Our cohort was small, which limits what we can conclude."), SILENT,
     "a 'Sample size' label in the Discussion is a limitation"),
    (T, "10", sec("Methods", "We drew 1,000 bootstrap samples to estimate the precision of the coefficients."), SILENT,
     "precision of coefficients is not a size argument"),
    (T, "10", sub("Methods", "Sample processing", "Stool samples were frozen within two hours of collection."), SILENT,
     "a heading about samples, not sample size"),
    # ---------------------------------------------------------------- 12f: model updating
    (T, "12f", sec("Methods", "We did not update or recalibrate the published model before applying it to our "
                   "cohort."), FIRES, "a stated absence of updating"),
    (T, "12f", sec("Methods", "The intercept was re-estimated in the validation data to correct "
                   "calibration-in-the-large."), FIRES, "intercept update"),
    (T, "12f", sec("Methods", "The model was applied to the new cohort without any modification."), FIRES,
     "applied unchanged"),
    (T, "12f", sec("Methods", "After oversampling the minority class, predicted probabilities were recalibrated with "
                   "isotonic regression."), SILENT, "recalibration after rebalancing belongs to item 13"),
    (T, "12f", sec("Methods", "The final model was refitted on all training data with the chosen hyperparameters."),
     SILENT, "refitting during development is not updating"),
    # ---------------------------------------------------------------- 13: class imbalance
    (T, "13", sec("Methods", "The classes were highly unbalanced, with 6% positives."), FIRES, "imbalance stated"),
    (T, "13", sec("Methods", "We kept the class distribution as observed and did not reweight the classes."), FIRES,
     "no rebalancing, in other words"),
    (T, "13", sec("Methods", "We drew 2,000 bootstrap resamples of the test set."), SILENT,
     "bootstrap resampling is not class rebalancing"),
    # ---------------------------------------------------------------- 19: patient and public involvement
    (T, "19", sub("Declarations", "Patient and public involvement", "Nobody outside the research team commented on "
                  "the design."), FIRES, "any statement under the PPI heading"),
    (T, "19", sub("Methods", "Community engagement", "A panel of six service users reviewed the outcome definition."),
     FIRES, "'Community engagement'"),
    (T, "19", sub("Methods", "Public data", "We used publicly available records."), SILENT, "'Public data' heading"),
    (T, "19", sec("Methods", "Patient engagement with the app was measured as weekly logins."), SILENT,
     "engagement as a study measure"),
    # ---------------------------------------------------------------- 20b, 21, A9: characteristics and numbers
    (T, "20b", sec("Results", "Table 2 lists the characteristics of the included admissions."), FIRES,
     "characteristics of admissions"),
    (T, "20b", sec("Results", "The characteristics of the random forest were tuned."), SILENT, "not participants"),
    (T, "21", sec("Results", "The cohort held 2,300 patients, of whom 180 developed delirium."), FIRES,
     "'of whom N developed'"),
    (T, "A9", label("Abstract", "Results.", "We analysed 5,210 women with 412 preterm births (7.9%)."), FIRES,
     "a noun between the event count and its percentage"),
    (T, "A9", label("Abstract", "Results.", "The dataset included 812 patients and 35 variables."), PARTIAL,
     "participants without events"),
    (T, "A9", label("Abstract", "Results.", "We enrolled 300 patients with 2 visits each."), PARTIAL,
     "'with N visits' is not an event count"),
    # ---------------------------------------------------------------- 23b: performance by cluster
    (T, "23b", sec("Results", "Across the three participating hospitals the C statistic ranged from 0.74 to 0.79."),
     FIRES, "per-hospital range"),
    (T, "23b", sec("Results", "The calibration slope was close to 1 in each of the five regions."), FIRES,
     "'in each of the regions'"),
    (T, "23b", sec("Results", "Patients were recruited across three hospitals in Scotland."), SILENT,
     "clusters without performance"),
    # ---------------------------------------------------------------- 27a / 27b: use in practice
    (T, "27a", sec("Discussion", "When creatinine is missing, the app displays a warning and withholds the "
                   "prediction."), FIRES, "what happens when an input is missing"),
    (T, "27a", sec("Discussion", "In routine practice some inputs will be incomplete, and the calculator then falls "
                   "back to the population average."), FIRES, "'in routine practice ... incomplete'"),
    (T, "27a", sec("Methods", "Because the model will face the same gaps in practice, missing values were not "
                   "imputed."), SILENT, "development handling of missing data in Methods"),
    (T, "27b", sec("Discussion", "Nurses do not have to type anything, since the risk score is computed automatically "
                   "from the health record."), FIRES, "who prepares the inputs"),
    (T, "27b", sec("Discussion", "Staff attended a one-hour training session before the tool went live."), FIRES,
     "training of users"),
    (T, "27b", sec("Methods", "The training set contained 4,000 images."), SILENT, "a training set is not user training"),
    (T, "27b", sec("Discussion", "No special training is needed to use the score."), FIRES,
     "a fact about the model as it is, not a wish (the text engine must not drop it as hypothetical)"),
    (T, "27b", sec("Discussion", "Before wider use, clinicians will need additional instruction on the tool."), SILENT,
     "a wish for the future"),
    # ---------------------------------------------------------------- abstract items
    (T, "A3", label("Abstract", "Aims:", "To estimate the risk of falls in care-home residents from routine data."),
     FIRES, "an 'Aims' label carries the keyword"),
    (T, "A3", label("Introduction", "Objective.", "To estimate the risk of falls in care-home residents."), SILENT,
     "the label counts only in the abstract"),
    (T, "A3", label("Abstract", "Objective.", "Falls."), SILENT, "a label with no sentence under it"),
    (T, "A4", sec("Abstract", "We used routinely collected data from the Danish National Patient Registry."), FIRES,
     "a registry"),
    (T, "A4", sec("Abstract", "We analysed participants of the ELSA cohort aged 60 or over."), FIRES,
     "a named cohort"),
    (T, "A4", sec("Abstract", "The dataset comprised 1,000 patients with 30 features."), PARTIAL,
     "'the dataset' names no source"),
    (T, "A4", sec("Abstract", "The analysis plan was registered with ClinicalTrials.gov before analysis."), SILENT,
     "a study registry is not a data source"),
    # ---------------------------------------------------------------- CONSORT 2010
    (C, "5", sub("Methods", "Interventions", "Coaching consisted of three 30-minute telephone calls in the first "
                 "month."), FIRES, "text under an 'Interventions' heading"),
    (C, "5", label("Methods", "Control group.", "Participants kept their usual appointments with no extra contact."),
     FIRES, "a run-in label naming an arm"),
    (C, "5", label("Methods", "Steering group.", "An independent committee oversaw the conduct of the study."), SILENT,
     "a committee is not an arm"),
    (C, "6b", sec("Methods", "The primary and secondary outcomes were not modified after recruitment began."), FIRES,
     "outcomes unchanged"),
    (C, "6b", sec("Methods", "There were no changes to the trial outcomes once enrolment had started."), FIRES,
     "'no changes to the trial outcomes'"),
    (C, "6b", sec("Methods", "No changes were made to the recruitment strategy."), SILENT, "changes to something else"),
    (C, "8b", sec("Methods", "Allocation used randomly sized blocks of two and four."), FIRES, "block randomisation"),
    (C, "8b", sec("Methods", "The allocation list was stratified by site and baseline severity."), FIRES,
     "stratified allocation"),
    (C, "8b", sec("Methods", "Results were stratified by sex in secondary analyses."), SILENT,
     "stratified analysis, not allocation"),
    (C, "8b", sec("Methods", "Images were split into blocks of 256 pixels."), SILENT, "image blocks"),
    (C, "11b", sec("Methods", "Both arms used the same smartphone app and differed only in whether reminders were "
                   "switched on."), FIRES, "what the arms shared"),
    (C, "11b", sec("Methods", "Both groups were similar in age and sex at baseline."), SILENT, "baseline similarity"),
    (C, "16", sec("Results", "All 120 enrolled children were analysed in the group to which they were assigned."), FIRES,
     "a word between the number and the participants"),
    (C, "16", sec("Results", "A total of 120 children were screened."), SILENT, "screened, not analysed"),
    (C, "18", sec("Results", "The treatment effect did not vary by baseline severity or by centre."), FIRES,
     "subgroup result in other words"),
    (C, "18", sec("Results", "Estimates were similar after excluding participants with protocol deviations."), FIRES,
     "sensitivity result"),
    (C, "18", sub("Results", "Subgroup analyses", "Benefit was larger in women than in men."), FIRES,
     "a results subsection named for them"),
    (C, "18", sec("Results", "The model includes interaction terms between age and sex."), SILENT,
     "interaction terms described, no result"),
    (C, "18", sec("Results", "Baseline characteristics were similar in the two groups."), SILENT, "balance, not an analysis"),
    (C, "20", sec("Discussion", "This trial had several limitations."), FIRES, "trial wording"),
    (C, "20", label("Discussion", "Strengths and limitations.", "Recruitment was slower than planned at two sites."),
     FIRES, "a limitations run-in label"),
    (C, "20", sec("Discussion", "We found no evidence of a trial-level effect on weight."), SILENT, "no limitation"),
    (C, "21", sec("Discussion", "These findings may not generalise to countries with private insurance."), FIRES,
     "'may not generalise to'"),
    (C, "21", sec("Discussion", "The effect of the app extended over six months."), SILENT, "duration, not setting"),
    # ---------------------------------------------------------------- CONSORT-AI
    (AI, "4a(ii)", sec("Methods", "Only recordings longer than ten minutes were eligible for analysis by the "
                       "algorithm."), FIRES, "input eligibility"),
    (AI, "4a(ii)", sec("Methods", "Scans from non-approved scanners were not sent to the AI system."), FIRES,
     "inputs withheld from the system"),
    (AI, "4a(ii)", sec("Methods", "Participants were eligible if they were aged 18 or over."), SILENT,
     "participant eligibility"),
    (AI, "5(i)", sec("Methods", "OptiScan version 4.1.0 is a convolutional network that flags suspicious lesions."),
     FIRES, "product name before its version"),
    (AI, "5(i)", sec("Methods", "Analyses were done in Stata version 17 with a mixed-effects model."), SILENT,
     "statistics software version"),
    (AI, "5(i)", sec("Methods", "We fitted a logistic regression model using SAS version 9.4."), SILENT,
     "statistics software version after 'model'"),
    (AI, "5(v)", sec("Methods", "The software returned one of three risk grades for each patient."), FIRES,
     "'one of three' grades"),
    (AI, "5(v)", sec("Methods", "The system generated a heat map over the chest radiograph."), FIRES, "past tense"),
    (AI, "5(v)", sec("Methods", "The system was installed on a laptop in each clinic."), SILENT, "integration"),
    (AI, "19", sec("Results", "Adverse events were rare and similar between arms. Most of the 12 false-positive "
                   "alerts occurred in patients with atrial fibrillation."), FIRES, "harms and errors described"),
    (AI, "19", sec("Results", "No adverse events occurred. The software crashed on three occasions and images were "
                   "then graded by hand."), FIRES, "a system failure"),
    (AI, "19", sec("Results", "Adverse events were rare and similar between arms. The AI had a sensitivity of 91%."),
     PARTIAL, "accuracy is not an error analysis"),
]


@pytest.mark.parametrize("checklist,item,markdown,expected,why", CASES,
                         ids=[f"{c[0]}.{c[1]}-{c[3]}-{n}" for n, c in enumerate(CASES)])
def test_item_evidence(checklist: str, item: str, markdown: str, expected: str, why: str) -> None:
    assert status(checklist, item, markdown) == expected, why


# long enough for the detectors to judge applicability (near-empty text never concludes "may not apply")
NO_PARTICIPANTS = sec("Methods", "We trained a random forest on a public benchmark dataset. Ethics approval was not "
                      "required because the data are publicly available and anonymised.",
                      " ".join(f"Step {n} of the pipeline is described in the supplement." for n in range(1, 16)))


@pytest.mark.parametrize("item", ["18c", "18d", "A13"])
def test_registration_items_may_not_apply_without_participants(item: str) -> None:
    """Registration and protocol stay 'manual' (may not apply) for studies without human participants;
    an extra check that finds nothing must not turn that into a false 'missing'."""
    assert status(T, item, NO_PARTICIPANTS) == MANUAL


@pytest.mark.parametrize("checklist,item", [(C, "23"), (C, "24")])
def test_consort_registration_items_keep_their_applicability(checklist: str, item: str) -> None:
    assert status(checklist, item, NO_PARTICIPANTS) == MANUAL


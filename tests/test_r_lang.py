"""R analysis: unseeded randomness (RND120), the R 3.6.0 sample() change (RND121), parallel RNG
streams (RND122), and the facts recorded for cross-checks. Inputs are small, realistic R scripts and
R Markdown / Quarto documents written for these tests."""

from __future__ import annotations

import textwrap

import pytest

from linter.repo import r_lang
from linter.repo.facts import RepoFacts, SourceFile
from linter.repo.r_syntax import IDENT, NUMBER, OP, STRING, code_unit, document_chunks, tokenize


def run(files: dict[str, str], r_version: str | None = None) -> RepoFacts:
    facts = RepoFacts(root=".")
    facts.r_version = r_version
    srcs = [SourceFile(p, len(t), textwrap.dedent(t).lstrip("\n")) for p, t in files.items()]
    r_lang.analyze(srcs, facts)
    return facts


def at(facts: RepoFacts, code: str) -> list[tuple[str, int, int]]:
    return sorted((f.location.path, f.location.line, f.location.column) for f in facts.findings if f.rule == code)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = textwrap.dedent(text).lstrip("\n").split("\n")
    found = [k + 1 for k, ln in enumerate(lines) if needle in ln]
    return found[nth - 1]


CARET_UNSEEDED = """
library(caret)
library(randomForest)

cohort <- read.csv("data/cohort.csv")
cohort$sepsis <- factor(cohort$sepsis)

idx <- createDataPartition(cohort$sepsis, p = 0.8, list = FALSE)
train_df <- cohort[idx, ]
test_df <- cohort[-idx, ]

ctrl <- trainControl(method = "cv", number = 10, classProbs = TRUE)
fit <- train(sepsis ~ ., data = train_df, method = "rf", trControl = ctrl,
             ntree = 500, tuneGrid = expand.grid(mtry = c(2, 4, 6)))
pred <- predict(fit, newdata = test_df)
"""


def test_caret_script_without_seed_flags_each_consumer_at_its_line_and_column():
    facts = run({"analysis/model.R": CARET_UNSEEDED})
    assert at(facts, "RND120") == [("analysis/model.R", 7, 8), ("analysis/model.R", 12, 8)]
    messages = [f.message for f in facts.findings if f.rule == "RND120"]
    assert messages[0].startswith("createDataPartition() draws random numbers and no set.seed()")
    assert all(f.severity.value == "error" for f in facts.findings if f.rule == "RND120")
    assert at(facts, "RND121") == []  # nothing is seeded, so the version question does not arise


def test_seeded_caret_script_is_clean_but_notes_the_sample_kind_once_per_file():
    src = CARET_UNSEEDED.replace('library(randomForest)\n', 'library(randomForest)\nset.seed(20240131)\n')
    facts = run({"model.R": src})
    assert at(facts, "RND120") == []
    assert at(facts, "RND121") == [("model.R", line_of(src, "createDataPartition"), 8)]
    assert [s.value for s in facts.seeds] == [20240131]
    assert facts.seeds[0].family == "r" and facts.seeds[0].line == 3


@pytest.mark.parametrize("pin", [
    'RNGkind(sample.kind = "Rejection")\nset.seed(1)\n',
    'RNGversion("3.5.0")\nset.seed(1)\n',
    'set.seed(1, sample.kind = "Rounding")\n',
    'suppressWarnings(RNGversion("3.5.0")); set.seed(1)\n',
])
def test_sample_kind_pinned_in_code_silences_rnd121(pin):
    src = "library(caret)\n" + pin + "folds <- createFolds(y, k = 10)\n"
    facts = run({"cv.R": src})
    assert at(facts, "RND120") == [] and at(facts, "RND121") == []


def test_rnd121_is_reported_once_per_repository_with_every_location():
    files = {"a.R": "set.seed(1)\nx <- sample(10)\n", "b.R": "set.seed(2)\nlibrary(caret)\nf <- createFolds(y)\n"}
    facts = run(files)
    assert at(facts, "RND121") == [("a.R", 2, 6)]
    f = facts.findings[0]
    assert "(and 1 more call like it)" in f.message
    assert [(d["path"], d["line"]) for d in f.data["locations"]] == [("a.R", 2), ("b.R", 3)]


def test_stated_r_version_silences_rnd121():
    facts = run({"cv.R": "library(caret)\nset.seed(1)\nfolds <- createFolds(y, k = 10)\n"}, r_version="4.3.2")
    assert at(facts, "RND121") == []


def test_r_version_in_repository_files_silences_rnd121_even_before_the_dependency_analyzer_ran():
    renv = '{"R": {"Version": "4.2.1", "Repositories": []}, "Packages": {}}'
    files = {"cv.R": "library(caret)\nset.seed(1)\nfolds <- createFolds(y, k = 10)\n", "renv.lock": renv}
    assert at(run(files), "RND121") == []
    description = "Package: cvstudy\nVersion: 0.1\nDepends: R (>= 4.1.0)\nImports: caret\n"
    assert at(run({"cv.R": files["cv.R"], "DESCRIPTION": description}), "RND121") == []


def test_rnorm_after_seed_is_not_a_sample_kind_case():
    facts = run({"sim.R": "set.seed(7)\nx <- rnorm(100)\nu <- runif(10)\n"})
    assert facts.findings == []


def test_consumer_before_the_seed_is_flagged_and_after_is_not():
    src = """
    boot_idx <- sample(nrow(df), replace = TRUE)
    set.seed(42)
    split <- sample(nrow(df), 0.7 * nrow(df))
    """
    assert at(run({"a.R": src}), "RND120") == [("a.R", 1, 13)]


def test_strings_comments_and_methods_named_like_consumers_do_not_fire():
    src = '''
    # sample(x) would draw here, but this is a comment: rnorm(10)
    msg <- "we call sample( and runif( in the text"
    sql <- 'SELECT * FROM t TABLESAMPLE (10) -- sample(1)'
    raw <- r"(createFolds(y, k = 5) inside a raw string)"
    raw2 <- R"---[runif(3) "quoted" ]---"
    `sample size` <- 200
    sample <- read.csv("sample.csv")
    n <- nrow(sample)
    obj$sample(10)
    x <- mypkg::sample(10)
    cat("rnorm(", n, ")\\n")
    '''
    facts = run({"clean.R": src})
    assert facts.findings == []


def test_namespaced_and_piped_consumers_fire():
    src = """
    library(dplyr)
    val <- cohort %>% dplyr::slice_sample(prop = 0.2)
    z <- stats::rnorm(5)
    """
    assert at(run({"p.R": src}), "RND120") == [("p.R", 2, 19), ("p.R", 3, 6)]


def test_common_names_need_their_package():
    src = """
    train <- read.csv("train.csv")
    model <- glm(y ~ ., data = train, family = binomial)
    history <- fit(model)
    res <- boot(model)
    p <- predict(model, train)
    """
    assert run({"glm.R": src}).findings == []


def test_user_function_shadows_a_consumer_name():
    src = """
    library(caret)
    train <- function(df) lm(y ~ x, data = df)
    m <- train(df)
    """
    assert run({"mine.R": src}).findings == []


def test_exempt_arguments_make_calls_reproducible_and_are_recorded_as_seeds():
    src = """
    library(ranger)
    library(glmnet)
    rf <- ranger(outcome ~ ., data = df, num.trees = 1000, seed = 99)
    cvfit <- cv.glmnet(x, y, foldid = fold_ids, alpha = 0.5)
    """
    facts = run({"m.R": src})
    assert facts.findings == []
    assert [(s.value, s.via, s.line) for s in facts.seeds] == [(99, "ranger(seed=)", 3)]


def test_ranger_and_cv_glmnet_without_those_arguments_fire():
    src = """
    library(ranger)
    library(glmnet)
    rf <- ranger(outcome ~ ., data = df, num.trees = 1000)
    cvfit <- cv.glmnet(x, y, alpha = 0.5)
    """
    assert at(run({"m.R": src}), "RND120") == [("m.R", 3, 7), ("m.R", 4, 10)]


def test_seed_from_clock_or_null_does_not_count():
    src = """
    set.seed(as.numeric(Sys.time()))
    a <- sample(10)
    set.seed(NULL)
    b <- runif(3)
    """
    facts = run({"c.R": src})
    assert at(facts, "RND120") == [("c.R", 2, 6), ("c.R", 4, 6)]
    msgs = [f.message for f in facts.findings if f.rule == "RND120"]
    assert "changes from run to run" in msgs[0] and "set.seed(NULL)" in msgs[1]


def test_seed_drawn_from_the_generator_counts_only_after_a_real_seed():
    unseeded = run({"d.R": "set.seed(sample.int(1e6, 1))\nx <- runif(2)\n"})
    assert at(unseeded, "RND120") == [("d.R", 1, 10), ("d.R", 2, 6)]  # the draw inside set.seed() too
    seeded = run({"d.R": "set.seed(7)\nfor (r in 1:3) {\n  set.seed(sample.int(1e6, 1))\n  x <- runif(2)\n}\n"})
    assert at(seeded, "RND120") == []


def test_seed_value_resolved_from_a_constant():
    facts = run({"s.R": "SEED <- 2023L\nset.seed(SEED)\nx <- sample(5)\n"})
    assert [(s.value, s.expression) for s in facts.seeds] == [(2023, "SEED")]


# --- functions and source() -------------------------------------------------------------------------

def test_function_defined_before_seed_but_called_after_is_seeded():
    src = """
    library(caret)
    make_folds <- function(y, k = 5) {
      createFolds(y, k = k)
    }
    set.seed(1)
    folds <- make_folds(cohort$y)
    """
    assert at(run({"f.R": src}, r_version="4.2"), "RND120") == []


def test_function_called_before_the_seed_is_flagged_inside_the_function():
    src = """
    library(caret)
    make_folds <- function(y, k = 5) {
      createFolds(y, k = k)
    }
    folds <- make_folds(cohort$y)
    set.seed(1)
    """
    assert at(run({"f.R": src}), "RND120") == [("f.R", 3, 3)]


def test_function_never_called_is_not_flagged():
    src = """
    bootstrap_auc <- function(d, B = 1000) {
      replicate(B, auc(d[sample(nrow(d), replace = TRUE), ]))
    }
    """
    assert run({"lib.R": src}).findings == []


def test_functions_stored_for_later_are_not_run_where_they_are_defined():
    src = """
    Model <- R6::R6Class("Model", public = list(
      fit = function(d) {
        idx <- sample(nrow(d))
        lm(y ~ x, data = d[idx, ])
      }
    ))
    setMethod("resample", "Cohort", function(object) object[sample(nrow(object)), ])
    helpers <- list()
    helpers[["shuffle"]] <- function(d) d[sample(nrow(d)), ]
    set.seed(1)
    m <- Model$new()
    """
    assert at(run({"oo.R": src}, r_version="4.3"), "RND120") == []


def test_member_function_runs_where_it_is_called():
    src = """
    sim <- list()
    sim$draw <- function(n) rnorm(n)
    a <- sim$draw(5)
    set.seed(3)
    b <- sim$draw(5)
    """
    assert at(run({"m.R": src}), "RND120") == [("m.R", 2, 25)]


def test_seed_set_inside_a_helper_counts_after_the_call():
    src = """
    set_seeds <- function(s = 123) {
      set.seed(s)
      invisible(NULL)
    }
    set_seeds()
    x <- sample(100)
    """
    assert at(run({"h.R": src}), "RND120") == []


def test_local_seed_does_not_leak_out_of_its_function():
    src = """
    draw <- function() {
      withr::local_seed(1)
      sample(10)
    }
    a <- draw()
    b <- sample(10)
    """
    assert at(run({"w.R": src}), "RND120") == [("w.R", 6, 6)]


def test_with_seed_covers_only_its_code_argument():
    src = """
    a <- withr::with_seed(42, sample(10))
    b <- sample(10)
    """
    facts = run({"w.R": src})
    assert at(facts, "RND120") == [("w.R", 2, 6)]
    assert [(s.value, s.via) for s in facts.seeds] == [(42, "withr::with_seed")]


def test_sourced_setup_file_seeds_the_main_script():
    files = {
        "R/00_setup.R": "library(caret)\nset.seed(8)\n",
        "R/01_model.R": 'source("R/00_setup.R")\nidx <- createDataPartition(df$y, p = .75)\n',
    }
    facts = run(files, r_version="4.3")
    assert at(facts, "RND120") == []


def test_sourced_file_resolved_with_here_and_relative_paths():
    files = {
        "R/setup.R": "set.seed(8)\n",
        "analysis/run.R": 'source(here::here("R", "setup.R"))\nx <- sample(10)\n',
        "analysis/run2.R": 'source("../R/setup.R")\ny <- sample(10)\n',
        "analysis/run3.R": 'for (f in list.files("R", full.names = TRUE)) source(f)\nz <- sample(10)\n',
        "analysis/run4.R": ('invisible(lapply(list.files(here::here("R"), full.names = TRUE), source))\n'
                            'w <- sample(10)\n'),
    }
    assert at(run(files, r_version="4.3"), "RND120") == []


def test_source_resolution_ignores_case_and_uses_the_file_name_of_computed_paths():
    files = {
        "dataSetup.R": "set.seed(8)\n",
        "04_model/00_init.R": "set.seed(9)\n",
        "analyzer.R": 'source("datasetup.r")\nx <- sample(10)\n',
        "04_model/fit.R": 'source(file.path(.dir_root, "00_init.R"))\ny <- sample(10)\n',
    }
    assert at(run(files, r_version="4.3"), "RND120") == []


def test_source_after_the_consumer_does_not_help():
    files = {"setup.R": "set.seed(8)\n", "main.R": 'x <- sample(10)\nsource("setup.R")\n'}
    assert at(run(files), "RND120") == [("main.R", 1, 6)]


def test_consumer_in_sourced_file_reports_the_entry_point():
    files = {"utils.R": "shuffle <- function(d) d[sample(nrow(d)), ]\n",
             "main.R": 'source("utils.R")\nd2 <- shuffle(d)\n'}
    facts = run(files)
    assert at(facts, "RND120") == [("utils.R", 1, 26)]
    assert "when main.R runs" in facts.findings[0].message


def test_circular_source_terminates():
    files = {"a.R": 'source("b.R")\nx <- runif(1)\n', "b.R": 'source("a.R")\n'}
    assert at(run(files), "RND120") == [("a.R", 2, 6)]


def test_targets_pipeline_seeds_each_target():
    src = """
    library(targets)
    list(
      tar_target(split, rsample::initial_split(cohort, prop = 0.8)),
      tar_target(folds, rsample::vfold_cv(rsample::training(split), v = 10))
    )
    """
    facts = run({"_targets.R": src})
    assert at(facts, "RND120") == []
    assert at(facts, "RND121") == [("_targets.R", 3, 21)]  # the same seed still differs across R 3.6.0


def test_test_files_are_quiet():
    assert run({"tests/testthat/test-split.R": "x <- sample(10)\n"}).findings == []


# --- documents ----------------------------------------------------------------------------------------

RMD = """---
title: "Sepsis prediction"
params:
  seed: 1234
output: html_document
---

```{r setup, include=FALSE}
knitr::opts_chunk$set(echo = TRUE)
library(tidymodels)
set.seed(params$seed)
```

We split the cohort 80/20. The code below calls `initial_split()`.

```r
# shown, not run: sample(1:10)
```

```{r split, echo=FALSE}
cohort_split <- initial_split(cohort, prop = 0.8, strata = sepsis)
folds <- vfold_cv(training(cohort_split), v = 10)
```

```{r not-run, eval=FALSE}
x <- sample(100)
```
"""


def test_rmd_seed_in_hidden_setup_chunk_counts_and_unevaluated_chunks_are_ignored():
    facts = run({"report/analysis.Rmd": RMD}, r_version="4.3.1")
    assert facts.findings == []
    assert [(s.value, s.expression, s.line) for s in facts.seeds] == [(1234, "params$seed", 11)]
    chunks = facts.extra["r_chunks"]
    assert [(c["label"], c["line"], c["evaluated"]) for c in chunks] == [
        ("setup", 8, True), ("split", 20, True), ("not-run", 25, False)]
    assert chunks[0]["options"] == {"include": False}
    assert chunks[1]["options"] == {"echo": False}


def test_rmd_without_seed_reports_document_lines():
    src = RMD.replace("set.seed(params$seed)\n", "")
    facts = run({"analysis.Rmd": src})
    # set.seed's line is gone, so the split chunk's lines are 20 and 21 of the document
    assert at(facts, "RND120") == [("analysis.Rmd", 20, 17), ("analysis.Rmd", 21, 10)]


def test_quarto_hashpipe_options_and_indented_chunks():
    src = "\n".join([
        "# Methods",
        "",
        "1. Split:",
        "",
        "    ```{r}",
        "    idx <- sample(nrow(d))",
        "    ```",
        "",
        "```{r}",
        "#| eval: false",
        "boot <- sample(nrow(d), replace = TRUE)",
        "```",
        "",
    ])
    facts = run({"paper.qmd": src})
    assert at(facts, "RND120") == [("paper.qmd", 6, 12)]
    assert [c["evaluated"] for c in facts.extra["r_chunks"]] == [True, False]


def test_rmd_sources_a_script_relative_to_its_folder():
    files = {"R/setup.R": "set.seed(3)\n",
             "vignettes/report.Rmd": '```{r}\nsource("../R/setup.R")\nx <- sample(3)\n```\n'}
    assert at(run(files, r_version="4.1"), "RND120") == []


# --- other generators ---------------------------------------------------------------------------------

def test_keras_fit_needs_tensorflow_seed_not_set_seed():
    src = """
    library(keras)
    set.seed(1)
    model <- keras_model_sequential() %>% layer_dense(units = 16, activation = "relu")
    model %>% compile(loss = "binary_crossentropy", optimizer = "adam")
    history <- model %>% fit(x_train, y_train, epochs = 30, batch_size = 64)
    """
    facts = run({"nn.R": src})
    assert at(facts, "RND120") == [("nn.R", 5, 22)]
    message = facts.findings[0].message
    assert "TensorFlow" in message and "set.seed() seeds R's generator only" in message
    fixed = run({"nn.R": src.replace("set.seed(1)", "tensorflow::set_random_seed(1)")})
    assert at(fixed, "RND120") == []


# --- parallel -----------------------------------------------------------------------------------------

def test_mclapply_bootstrap_without_lecuyer_is_flagged():
    src = """
    library(parallel)
    set.seed(2024)
    aucs <- mclapply(1:1000, function(b) {
      idx <- sample(nrow(d), replace = TRUE)
      auc(d$y[idx], d$p[idx])
    }, mc.cores = 8)
    """
    facts = run({"boot.R": src}, r_version="4.3")
    assert at(facts, "RND122") == [("boot.R", 3, 9)]
    assert at(facts, "RND120") == []
    safe = run({"boot.R": src.replace("set.seed(2024)", 'RNGkind("L\'Ecuyer-CMRG")\nset.seed(2024)')},
               r_version="4.3")
    assert at(safe, "RND122") == []


def test_parallel_worker_without_randomness_is_not_flagged():
    src = """
    library(parallel)
    fits <- mclapply(split(d, d$site), function(s) glm(y ~ x, data = s), mc.cores = 4)
    """
    assert run({"p.R": src}).findings == []


def test_foreach_dopar_and_dorng():
    src = """
    library(doParallel)
    registerDoParallel(4)
    set.seed(5)
    res <- foreach(i = 1:100, .combine = c) %dopar% {
      mean(rnorm(50))
    }
    """
    facts = run({"f.R": src})
    assert at(facts, "RND122") == [("f.R", 4, 41)]
    assert at(run({"f.R": src.replace("%dopar%", "%dorng%")}), "RND122") == []
    assert at(run({"f.R": src.replace("set.seed(5)", "doRNG::registerDoRNG(5)")}), "RND122") == []
    assert at(run({"f.R": src.replace(".combine = c)", ".combine = c, .options.RNG = 5)")}), "RND122") == []


def test_cluster_worker_function_defined_elsewhere():
    src = """
    library(parallel)
    one_rep <- function(i) {
      d2 <- d[sample(nrow(d), replace = TRUE), ]
      coef(glm(y ~ x, data = d2))
    }
    cl <- makeCluster(4)
    set.seed(11)
    reps <- parLapply(cl, 1:500, one_rep)
    """
    facts = run({"c.R": src})
    assert at(facts, "RND122") == [("c.R", 8, 9)]
    safe = src.replace("set.seed(11)", "clusterSetRNGStream(cl, 11)")
    assert at(run({"c.R": safe}), "RND122") == []


def test_future_apply_needs_future_seed():
    src = """
    library(future.apply)
    plan(multisession)
    sims <- future_lapply(1:200, function(i) mean(rexp(100)))
    """
    assert at(run({"fa.R": src}), "RND122") == [("fa.R", 3, 9)]
    seeded = src.replace("rexp(100)))", "rexp(100)), future.seed = TRUE)")
    assert at(run({"fa.R": seeded}), "RND122") == []


def test_future_needs_the_future_package_and_a_seed_argument():
    body = "f <- future({\n  mean(rnorm(10))\n})\n"
    assert run({"nofuture.R": body}).findings[0].rule == "RND120"  # `future` unknown: not a parallel call
    facts = run({"fut.R": "library(future)\nset.seed(1)\n" + body})
    assert at(facts, "RND122") == [("fut.R", 3, 6)]
    assert at(run({"fut.R": "library(future)\nset.seed(1)\n" + body.replace("})", "}, seed = TRUE)")}),
              "RND122") == []


def test_bare_consumer_passed_to_sapply_fires():
    assert at(run({"b.R": "draws <- sapply(1:10, rnorm)\n"}), "RND120") == [("b.R", 1, 23)]


# --- facts ----------------------------------------------------------------------------------------------

def test_model_calls_are_recorded_with_literal_arguments():
    src = """
    library(randomForest)
    set.seed(1)
    rf <- randomForest(sepsis ~ ., data = train_df, ntree = 500, mtry = 4, importance = TRUE,
                       classwt = c(0.3, 0.7), nodesize = n_min)
    """
    facts = run({"rf.R": src})
    calls = [c for c in facts.calls if c.qualname == "r::randomForest"]
    assert len(calls) == 1
    c = calls[0]
    assert (c.path, c.line, c.column) == ("rf.R", 3, 7)
    assert c.kwargs["ntree"] == 500 and c.kwargs["mtry"] == 4 and c.kwargs["importance"] is True
    assert c.kwargs["classwt"] == [0.3, 0.7] and c.kwargs["nodesize"] == "<expr:n_min>"
    assert c.args == ("<expr:sepsis ~ .>",)
    hp = [(h.name, h.value, h.line, h.source) for h in facts.hyperparameters if h.context == "r::randomForest"]
    assert hp == [("ntree", 500, 3, "r"), ("mtry", 4, 3, "r"), ("importance", True, 3, "r"),
                  ("classwt", [0.3, 0.7], 3, "r")]


def test_pipeline_and_namespaced_seeds_are_recorded():
    src = 'library(targets)\ntar_option_set(seed = 7, packages = "caret")\nbase::set.seed(11)\n'
    facts = run({"_targets.R": src})
    assert [(s.value, s.via, s.line) for s in facts.seeds] == [(7, "tar_option_set", 2), (11, "", 3)]


def test_no_r_files_means_no_facts():
    facts = run({"main.py": "import random\n"})
    assert facts.findings == [] and facts.seeds == [] and "r_chunks" not in facts.extra


# --- the tokenizer --------------------------------------------------------------------------------------

def test_tokenizer_strings_numbers_operators():
    toks = [t for t in tokenize('x <- c(1e-3L, 0x1F, .5) %>% f(`odd name`, "a\\"b", r"-(x)")-") # c\n')
            if t.kind != "newline"]
    kinds = [(t.kind, t.text) for t in toks]
    assert (NUMBER, "1e-3L") in kinds and (NUMBER, "0x1F") in kinds and (NUMBER, ".5") in kinds
    assert (OP, "%>%") in kinds and (OP, "<-") in kinds
    assert (IDENT, "odd name") in kinds
    assert (STRING, 'a"b') in kinds and (STRING, 'x)"') in kinds  # r"-(...)-" ends at )-"
    assert toks[-1].kind == "comment"


def test_multiline_string_keeps_line_numbers():
    toks = tokenize('s <- "line1\nline2"\nsample(1)\n')
    call = next(t for t in toks if t.text == "sample")
    assert (call.line, call.col) == (3, 1)


def test_chunk_header_parsing():
    chunks = document_chunks("```{r load-data, echo = FALSE, fig.width=7, cache=TRUE}\nx <- 1\n```\n"
                             "```{python}\nimport os\n```\n")
    assert [(c.engine, c.label) for c in chunks] == [("r", "load-data"), ("python", "")]
    assert chunks[0].options == {"echo": False, "fig.width": 7, "cache": True}
    unit = code_unit("x.Rmd", "```{r}\n  y <- 2\n```\n")
    assert [(t.text, t.line, t.col) for t in unit.tokens if t.kind == IDENT] == [("y", 2, 3)]

# Pipeline for the delirium risk model:  Rscript -e 'targets::tar_make()'
library(targets)
tar_option_set(packages = c("tidymodels", "ranger"))
source("R/functions.R")

list(
  tar_target(raw, read.csv("data/delirium.csv")),
  tar_target(split, initial_split(raw, prop = 0.8, strata = delirium)),
  tar_target(folds, vfold_cv(training(split), v = 10, strata = delirium)),
  tar_target(fit, fit_forest(folds, training(split))),
  tar_target(boot, boot_auc(fit, testing(split), n = 2000))
)

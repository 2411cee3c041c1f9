suppressPackageStartupMessages({
  library(survival)
  library(caret)
  library(glmnet)
  library(randomForestSRC)
  library(parallel)
})

set.seed(20231)
DATA_DIR <- file.path("data")
N_CORES <- max(1, detectCores() - 1)

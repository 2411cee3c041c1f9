# Sensitivity analysis without the frailty score (Table S5).  Rscript scripts/sensitivity.R
library(tidymodels)
library(randomForest)
df <- read.csv("data/delirium.csv")
df$frailty_score <- NULL
folds <- vfold_cv(df, v = 10)
rf <- randomForest(factor(delirium) ~ ., data = df, ntree = 500)
print(rf)
print(folds)

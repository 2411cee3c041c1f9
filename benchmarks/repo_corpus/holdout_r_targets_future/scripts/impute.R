# Multiple imputation and pooled logistic model (Table 3).  Rscript scripts/impute.R
library(mice)
library(future.apply)
set.seed(11)
df <- read.csv("data/delirium.csv")
imp <- mice(df, m = 20, seed = 11, printFlag = FALSE)
pooled <- pool(with(imp, glm(delirium ~ age + sex + cci + sedatives, family = binomial)))
print(summary(pooled))

plan(multisession, workers = 4)
perm_means <- future_lapply(1:200, function(i) mean(sample(df$age, 50)))
print(quantile(unlist(perm_means), c(0.025, 0.975)))

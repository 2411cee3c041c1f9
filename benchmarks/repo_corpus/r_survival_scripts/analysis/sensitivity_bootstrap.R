# Sensitivity analysis: bootstrap CI and permutation test for the 1-year survival
# difference by sex.  Run on its own:  Rscript analysis/sensitivity_bootstrap.R
library(survival)
library(boot)

hf <- read.csv("data/hf_followup.csv")
surv_diff <- function(d, i) {
  s <- summary(survfit(Surv(time_days, death) ~ sex, data = d[i, ]), times = 365)
  diff(s$surv)
}
res <- boot(hf, surv_diff, R = 2000)
print(boot.ci(res, type = "perc"))

observed <- abs(surv_diff(hf, seq_len(nrow(hf))))
perm_p <- mean(replicate(1000, {
  shuffled <- hf
  shuffled$sex <- sample(shuffled$sex)
  abs(surv_diff(shuffled, seq_len(nrow(shuffled))))
}) >= observed)
cat("permutation p =", perm_p, "\n")

# LUMEN-DR primary analysis: completion of the screening episode within 90 days.
# Logistic regression on arm + clinic (stratification factor); risk difference and relative risk
# by marginal standardisation with 2,000 bootstrap resamples (seed 20220915, as in the SAP).

library(boot)
library(lme4)
library(marginaleffects)

set.seed(20220915)

d <- readRDS("data/analysis.rds")

fit <- glm(completed ~ arm + clinic, family = binomial(), data = d)
print(summary(fit))
or <- exp(cbind(OR = coef(fit), confint.default(fit)))["armai", ]

standardised <- function(data, idx) {
  m <- glm(completed ~ arm + clinic, family = binomial(), data = data[idx, ])
  p_ai <- mean(predict(m, newdata = transform(data[idx, ], arm = factor("ai", levels = levels(data$arm))), type = "response"))
  p_uc <- mean(predict(m, newdata = transform(data[idx, ], arm = factor("usual", levels = levels(data$arm))), type = "response"))
  c(rd = p_ai - p_uc, rr = p_ai / p_uc)
}

b <- boot(d, standardised, R = 2000, strata = d$clinic)
ci_rd <- boot.ci(b, type = "perc", index = 1)$percent[4:5]
ci_rr <- boot.ci(b, type = "perc", index = 2)$percent[4:5]

# sensitivity: clinic as a random intercept instead of a fixed effect
fit_re <- glmer(completed ~ arm + (1 | clinic), family = binomial(), data = d)

# model-based check of the standardised risk difference
ame <- avg_comparisons(fit, variables = "arm")

results <- list(
  n = table(d$arm), completed = table(d$arm, d$completed),
  rd = c(b$t0["rd"], ci_rd), rr = c(b$t0["rr"], ci_rr), or = or,
  or_random_intercept = exp(fixef(fit_re)["armai"]), ame = ame
)
dir.create("output", showWarnings = FALSE)
saveRDS(results, "output/primary.rds")
print(results)

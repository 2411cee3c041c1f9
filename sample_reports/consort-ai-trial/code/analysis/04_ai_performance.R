# LUMEN-DR: diagnostic performance of RetinaTriage 2.3.1 against the adjudicated reference standard
# (AI group, gradable images only). Exact (Clopper-Pearson) binomial confidence intervals.

d <- readRDS("data/analysis.rds")
ai <- subset(d, arm == "ai" & result_code != "ungradable")

tp <- sum(ai$result_code == "referable" & ai$reference_referable)
fn <- sum(ai$result_code != "referable" & ai$reference_referable)
tn <- sum(ai$result_code != "referable" & !ai$reference_referable)
fp <- sum(ai$result_code == "referable" & !ai$reference_referable)

sens <- binom.test(tp, tp + fn)
spec <- binom.test(tn, tn + fp)
performance <- data.frame(
  measure = c("sensitivity", "specificity"),
  estimate = c(sens$estimate, spec$estimate),
  lower = c(sens$conf.int[1], spec$conf.int[1]),
  upper = c(sens$conf.int[2], spec$conf.int[2])
)
print(performance)
print(table(ai$result_code, ai$reference_grade))  # false negatives by reference grade
saveRDS(performance, "output/ai_performance.rds")

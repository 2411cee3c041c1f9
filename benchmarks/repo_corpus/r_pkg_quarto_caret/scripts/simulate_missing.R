# Simulation of informative missingness (Supplement S3).  Rscript scripts/simulate_missing.R
set.seed(7)
n <- 2000
age <- rnorm(n, 80, 6)
frail <- rbinom(n, 1, plogis(-8 + 0.1 * age))
miss_grip <- rbinom(n, 1, ifelse(frail == 1, 0.4, 0.1))
noise <- withr::with_seed(3, runif(n))
print(table(frail, miss_grip))
print(summary(noise))

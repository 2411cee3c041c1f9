# Penalised Cox model and random survival forest.
cv_fit <- cv.glmnet(x_dev, y_dev, family = "cox", alpha = 0.5, nfolds = 10)
lambda_best <- cv_fit$lambda.min

rsf <- rfsrc(Surv(time_days, event) ~ age + sex + egfr + nyha + ef + bnp_log + diabetes,
             data = dev, ntree = 1000, nodesize = 15, importance = TRUE)

# Bootstrap optimism of the C-index, in parallel
boot_c <- mclapply(seq_len(200), function(b) {
  idx <- sample(nrow(dev), replace = TRUE)
  fit <- coxph(Surv(time_days, event) ~ age + sex + egfr + nyha + ef, data = dev[idx, ])
  concordance(fit, newdata = dev)$concordance
}, mc.cores = N_CORES)
optimism <- mean(unlist(boot_c))

saveRDS(list(cv_fit = cv_fit, rsf = rsf, optimism = optimism), "results/models.rds")

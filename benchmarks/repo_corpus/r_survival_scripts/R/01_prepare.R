# Build the analysis table and the development/validation split.
hf <- read.csv(file.path(DATA_DIR, "hf_followup.csv"))
hf <- subset(hf, age >= 18 & !is.na(time_days))
hf$event <- as.integer(hf$death == 1)

train_idx <- createDataPartition(hf$event, p = 0.7, list = FALSE)
dev <- hf[train_idx, ]
val <- hf[-train_idx, ]

x_dev <- model.matrix(~ age + sex + egfr + nyha + ef + bnp_log + diabetes, data = dev)[, -1]
y_dev <- Surv(dev$time_days, dev$event)

# Quick variable-importance look on the full cohort (exploratory, Figure S2).
library(ranger)
frail <- read.csv("data/frailty_cohort.csv", stringsAsFactors = TRUE)
rf <- ranger(frail ~ ., data = frail, num.trees = 1000, importance = "permutation")
imp <- sort(rf$variable.importance, decreasing = TRUE)
png("figures/figS2_importance.png", width = 1400, height = 1000, res = 200)
barplot(head(imp, 15), las = 2)
dev.off()

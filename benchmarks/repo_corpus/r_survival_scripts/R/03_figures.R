# Kaplan-Meier curves by NYHA class.
km <- survfit(Surv(time_days, event) ~ nyha, data = hf)
dir.create("figures", showWarnings = FALSE)
png("figures/km_nyha.png", width = 1600, height = 1200, res = 200)
plot(km, col = 1:4, xlab = "Days since discharge", ylab = "Survival probability")
legend("bottomleft", legend = paste("NYHA", 1:4), col = 1:4, lty = 1)
dev.off()

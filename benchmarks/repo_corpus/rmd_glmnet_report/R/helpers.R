# Plotting helpers for the AKI report.
plot_calibration <- function(y, p, bins = 10) {
  groups <- cut(p, breaks = quantile(p, probs = seq(0, 1, length.out = bins + 1)), include.lowest = TRUE)
  observed <- tapply(y, groups, mean)
  expected <- tapply(p, groups, mean)
  plot(expected, observed, xlim = c(0, 1), ylim = c(0, 1), pch = 19,
       xlab = "Predicted risk", ylab = "Observed proportion")
  abline(0, 1, lty = 2)
}

# LUMEN-DR allocation list: permuted blocks of random size (4 or 6), 1:1, stratified by clinic.
# Run once by the independent trial statistician before the first enrolment. The seed is kept
# by the statistician (not in this repository) so that the sequence could not be predicted;
# it was disclosed in the trial master file after database lock.

seed <- as.integer(Sys.getenv("LUMEN_ALLOCATION_SEED"))
if (is.na(seed)) stop("Set LUMEN_ALLOCATION_SEED (held by the trial statistician).")
set.seed(seed)

clinics <- sprintf("C%02d", 1:6)
per_clinic <- 200  # more slots than needed; unused slots are never revealed

make_blocks <- function(n) {
  arms <- character(0)
  while (length(arms) < n) {
    size <- sample(c(4, 6), 1)
    arms <- c(arms, sample(rep(c("ai", "usual"), size / 2)))
  }
  arms[seq_len(n)]
}

allocation <- do.call(rbind, lapply(clinics, function(cl) {
  data.frame(clinic = cl, sequence = seq_len(per_clinic), arm = make_blocks(per_clinic))
}))
write.csv(allocation, "allocation_list.csv", row.names = FALSE)

# LUMEN-DR: build the analysis data set from the locked trial database export.
# Input:  $LUMEN_DATA/lumen_dr_export.csv (one row per randomised participant)
# Output: data/analysis.rds

library(dplyr)
library(readr)

data_dir <- Sys.getenv("LUMEN_DATA")
if (data_dir == "") stop("Set LUMEN_DATA to the folder with the trial export (see README).")

raw <- read_csv(file.path(data_dir, "lumen_dr_export.csv"), show_col_types = FALSE)

analysis <- raw |>
  mutate(
    arm = factor(arm, levels = c("usual", "ai")),
    clinic = factor(clinic),
    referral_needed = result_code %in% c("referable", "ungradable"),
    # primary outcome: result received within 90 days and, if referral was needed,
    # eye-clinic attendance within 90 days; participants lost to follow-up count as not completed
    completed = !is.na(result_received_day) & result_received_day <= 90 &
      (!referral_needed | (!is.na(eye_clinic_day) & eye_clinic_day <= 90)),
    completed = if_else(lost_to_follow_up, FALSE, completed),
    completed_observed = if_else(lost_to_follow_up, NA, completed),
    age_group = if_else(age < 60, "<60", ">=60"),
    hba1c_group = if_else(hba1c < 64, "<64", ">=64")
  )

dir.create("data", showWarnings = FALSE)
saveRDS(analysis, "data/analysis.rds")

# Reproduce every trial result reported in the paper (needs LUMEN_DATA; see README).
source("analysis/01_prepare.R")
source("analysis/02_primary.R")
source("analysis/03_sensitivity_subgroups.R")
source("analysis/04_ai_performance.R")

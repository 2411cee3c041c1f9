# Run the whole analysis from the repository root:  Rscript main.R
source("R/setup.R")
source("R/01_prepare.R")
source("R/02_models.R")
source("R/03_figures.R")

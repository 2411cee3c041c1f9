"""Settings for the early-sepsis model (values reported in Supplementary Table 2)."""
SEED = 123
DATA = "data/sepsis_6h_features.parquet"
OUTCOME = "sepsis_within_6h"
TEST_SIZE = 0.3
SEARCH_SPACE = {
    "max_depth": [3, 4, 5, 6],
    "learning_rate": [0.01, 0.03, 0.1],
    "min_child_weight": [1, 3, 5],
    "colsample_bytree": [0.6, 0.8, 1.0],
}
N_ITER = 40

"""Hyperparameters for every experiment in the paper (Table 2)."""

IMG_SIZE = 224
BATCH_SIZE = 32
EPOCHS = 30
LEARNING_RATE = 1e-4
DROPOUT = 0.5
FILTERS = (32, 64, 128, 256)
DENSE_UNITS = 128
TEST_SIZE = 0.15
SHUFFLE_BUFFER = 1000
SEED = 1337

# Evaluation script from the first submission (Python 2).
import numpy as np

pred = np.load("pred.npy")
truth = np.load("labels.npy")
print "accuracy:", (pred == truth).mean()

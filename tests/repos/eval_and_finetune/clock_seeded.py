import time

import numpy as np
from sklearn.ensemble import ExtraTreesClassifier

np.random.seed(int(time.time()))  # expect: RND104@np.random.seed
model = ExtraTreesClassifier()

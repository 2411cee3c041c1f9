# Random forest and SVM on hand-crafted RR-interval features.
import json
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.svm import SVC

seed = int(time.time())
np.random.seed(seed)
print("seed", seed)

feats = np.load("features.npy")
labels = np.load("labels.npy")
split = json.load(open("split.json"))
order = np.random.permutation(len(feats))
feats, labels = feats[order], labels[order]

train = np.arange(len(feats)) < int(0.8 * len(feats))
rf = RandomForestClassifier(n_estimators=300, max_depth=12)
rf.fit(feats[train], labels[train])
svm = SVC(C=2.0, kernel="rbf", gamma="scale", probability=True)
svm.fit(feats[train], labels[train])
print("RF accuracy", rf.score(feats[~train], labels[~train]))
print("SVM accuracy", svm.score(feats[~train], labels[~train]))

# Split patients into training and test folders for the ECG arrhythmia model.
import json
import os
import random

RECORD_DIR = "records"

ids = sorted(f[:-4] for f in os.listdir(RECORD_DIR) if f.endswith(".hea"))
random.shuffle(ids)
cut = int(0.8 * len(ids))
with open("split.json", "w") as fh:
    json.dump({"train": ids[:cut], "test": ids[cut:]}, fh)
print(len(ids), "records,", cut, "for training")

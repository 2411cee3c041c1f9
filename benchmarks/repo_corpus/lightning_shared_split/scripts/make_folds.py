"""Write the 5-fold patient split used by every experiment:  python scripts/make_folds.py data/"""
import sys
from pathlib import Path

from ctseg.splits import make_folds, save_folds

root = Path(sys.argv[1])
case_ids = sorted(p.name.replace(".nii.gz", "") for p in (root / "images").glob("*.nii.gz"))
save_folds(make_folds(case_ids, k=5), "configs/folds.json")
print(f"{len(case_ids)} cases written to configs/folds.json")

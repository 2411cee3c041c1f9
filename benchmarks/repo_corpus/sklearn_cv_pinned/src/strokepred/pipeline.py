"""Model pipelines: oversampling happens inside each training fold only."""
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.preprocessing import StandardScaler

PARAM_GRID = {
    "rf__max_depth": [4, 8, None],
    "rf__min_samples_leaf": [1, 5, 20],
}


def make_pipeline(seed: int) -> Pipeline:
    return Pipeline([
        ("scale", StandardScaler()),
        ("smote", SMOTE(random_state=seed)),
        ("rf", RandomForestClassifier(n_estimators=300, random_state=seed)),
    ])

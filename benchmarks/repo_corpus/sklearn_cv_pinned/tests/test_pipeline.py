import numpy as np

from strokepred.cv import nested_cv
from strokepred.pipeline import make_pipeline


def test_pipeline_fits_on_random_data():
    X = np.random.rand(120, 5)
    y = np.random.randint(0, 2, 120)
    model = make_pipeline(seed=0).fit(X, y)
    assert model.predict_proba(X).shape == (120, 2)


def test_nested_cv_returns_one_score_per_outer_fold():
    X = np.random.rand(200, 4)
    y = (X[:, 0] + 0.1 * np.random.randn(200) > 0.5).astype(int)
    assert len(nested_cv(X, y, seed=0, outer_folds=3, inner_folds=2)) == 3

from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC


def get_models():
    models = {
        'Random Forest': RandomForestClassifier(),
        'SVM': SVC(kernel='rbf', probability=True),
        'KNN': KNeighborsClassifier(),
        'Logistic Regression': LogisticRegression(max_iter=500),
    }
    return models


param_grids = {
    'SVM': {'C': [0.1, 1, 10, 100], 'gamma': ['scale', 0.01, 0.1, 1]},
    'KNN': {'n_neighbors': [3, 5, 7, 9, 11]},
    'Logistic Regression': {'C': [0.01, 0.1, 1, 10]},
    'Random Forest': {'max_depth': [None, 5, 10], 'min_samples_split': [2, 5]},
}

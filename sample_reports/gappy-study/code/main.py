import os

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_score, recall_score
from sklearn.model_selection import GridSearchCV, train_test_split

from models import get_models, param_grids
from preprocessing import add_noise, clean, encode_and_scale, impute

data_path = '/home/shaddad/projects/ckd/data/kidney_disease.csv'

df = pd.read_csv(data_path)
df = clean(df)
df = impute(df)
df = encode_and_scale(df)

# shuffle the rows before splitting
idx = np.arange(len(df))
np.random.shuffle(idx)
df = df.iloc[idx]

X = df.drop(columns=['classification'])
y = df['classification'].astype(int)

# feature selection: keep the 12 most important features
selector = get_models()['Random Forest']
selector.fit(X, y)
importances = pd.Series(selector.feature_importances_, index=X.columns).sort_values(ascending=False)
top_features = importances.index[:12]
X = X[top_features]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
X_train = add_noise(X_train)

os.makedirs('figures', exist_ok=True)
results = {}
for name, model in get_models().items():
    grid = GridSearchCV(model, param_grids[name], cv=10, scoring='accuracy')
    grid.fit(X_train, y_train)
    y_pred = grid.best_estimator_.predict(X_test)
    results[name] = {
        'accuracy': accuracy_score(y_test, y_pred),
        'precision': precision_score(y_test, y_pred),
        'recall': recall_score(y_test, y_pred),
        'f1': f1_score(y_test, y_pred),
    }
    print(name, grid.best_params_, results[name])
    sns.heatmap(confusion_matrix(y_test, y_pred), annot=True, fmt='d')
    plt.title(name)
    plt.savefig(f'figures/cm_{name.replace(" ", "_")}.png')
    plt.close()

pd.DataFrame(results).T.to_csv('results.csv')

importances.plot(kind='bar', figsize=(10, 4))
plt.tight_layout()
plt.savefig('figures/feature_importance.png')

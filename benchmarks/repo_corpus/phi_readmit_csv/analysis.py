import pandas as pd
import statsmodels.api as sm
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from paths import OUT_DIR

df = pd.read_csv("/home/mlee/projects/readmit/data/cohort_extract.csv", parse_dates=["dob", "admit_date"])
df["age"] = (df["admit_date"] - df["dob"]).dt.days // 365
X = df[["age", "los_days", "n_prior_adm"]]
y = df["readmit_30d"]

# Adjusted odds ratios
logit = sm.Logit(y, sm.add_constant(X)).fit()
print(logit.summary())

# Penalised model for the risk score
clf = LogisticRegression(penalty="l1", solver="liblinear", C=0.5)
clf.fit(X, y)
print("apparent AUROC", roc_auc_score(y, clf.predict_proba(X)[:, 1]))

# Utilisation phenotypes
km = KMeans(n_clusters=4)
df["phenotype"] = km.fit_predict(X)
df[["mrn", "phenotype"]].to_csv(f"{OUT_DIR}/phenotypes.csv", index=False)

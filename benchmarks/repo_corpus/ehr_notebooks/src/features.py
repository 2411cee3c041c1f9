"""Feature engineering shared by the notebooks."""
import pandas as pd

SOFA_COMPONENTS = ["sofa_resp", "sofa_coag", "sofa_liver", "sofa_cardio", "sofa_cns", "sofa_renal"]


def build_features(cohort: pd.DataFrame) -> pd.DataFrame:
    out = cohort[["subject_id", "age", "mortality_28d"]].copy()
    out["female"] = (cohort["gender"] == "F").astype(int)
    out["sofa_total"] = cohort[SOFA_COMPONENTS].sum(axis=1, min_count=1)
    for col in ["lactate", "creatinine", "bilirubin", "platelets", "map_min", "gcs_min", "urine_output"]:
        out[col] = cohort[col]
    out["vasopressor"] = cohort["vasopressor_hours"].gt(0).astype(int)
    out["los_hours"] = (cohort["outtime"] - cohort["intime"]).dt.total_seconds() / 3600
    return out

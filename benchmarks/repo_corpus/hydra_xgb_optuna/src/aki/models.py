"""Build the boosting models from a Hydra model config."""
import lightgbm as lgb
import xgboost as xgb
from omegaconf import OmegaConf


def build(model_cfg, seed: int):
    params = OmegaConf.to_container(model_cfg.params, resolve=True)
    if model_cfg.name == "xgb":
        return xgb.XGBClassifier(**params, random_state=seed)
    if model_cfg.name == "lgbm":
        return lgb.LGBMClassifier(**params, random_state=seed, verbose=-1)
    raise ValueError(f"unknown model {model_cfg.name}")

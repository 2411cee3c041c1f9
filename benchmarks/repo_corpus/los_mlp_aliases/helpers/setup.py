"""Run setup: read the configuration and seed everything before any model is built."""
import yaml

from helpers.seeding import seed_all


def init_run(config_path: str) -> dict:
    with open(config_path) as fh:
        cfg = yaml.safe_load(fh)
    seed_all(cfg["seed"])
    return cfg

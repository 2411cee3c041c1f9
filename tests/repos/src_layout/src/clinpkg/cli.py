"""Console entry point (no __main__ block): clin-train --seed 3"""
import argparse

from .models import build
from .seeding import *  # noqa: F403


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    seed_all(args.seed)  # noqa: F405
    return build.make_model(16)

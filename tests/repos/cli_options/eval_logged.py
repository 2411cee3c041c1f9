import argparse
import logging

log = logging.getLogger(__name__)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rng-seed", type=int, default=3)  # expect: RND105@parser.add_argument
    args = parser.parse_args()
    if args.rng_seed is not None:
        log.info("seed=%s", args.rng_seed)
    print(f"evaluating with seed {args.rng_seed}")


if __name__ == "__main__":
    main()

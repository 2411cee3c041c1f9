import argparse

from sklearn.model_selection import train_test_split

from seeding import seed_all


def get_parser():
    parser = argparse.ArgumentParser()
    group = parser.add_argument_group("reproducibility")
    group.add_argument("--random-seed", dest="random_seed", type=int, default=0)
    return parser


def main():
    args = get_parser().parse_args()
    seed = args.random_seed
    seed_all(seed)
    return train_test_split([1, 2, 3, 4], random_state=seed)


if __name__ == "__main__":
    main()

"""Seeded: setup() -> _seed_all() seeds numpy and torch."""
from common import reproducibility
from common.model import MortalityHead, shuffled


def main():
    reproducibility.setup(seed=5)
    head = MortalityHead()
    return head, shuffled(list(range(10)))


if __name__ == "__main__":
    main()

"""Library code that no entry point uses and that seeds nothing itself."""
import random


def pick(items):
    return random.choice(items)  # expect: RND101@random.choice

"""Not seeded: same library code, no seeding call on this path."""
from common.model import MortalityHead, shuffled

head = MortalityHead()
order = shuffled(list(range(10)))
print(head, order)

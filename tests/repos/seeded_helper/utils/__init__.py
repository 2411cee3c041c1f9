"""Shared utilities for the sepsis-onset study."""
from .seed import set_seed  # re-exported so scripts can write `from utils import set_seed`

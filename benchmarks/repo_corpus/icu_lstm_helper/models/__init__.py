from .lstm import MortalityLSTM  # noqa: F401

"""Clinical risk models."""

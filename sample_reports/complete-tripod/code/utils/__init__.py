"""Shared helpers for the readmit30 pipeline (seeding, data loading, metrics)."""

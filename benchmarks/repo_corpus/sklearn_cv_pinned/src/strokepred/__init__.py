"""Stroke risk prediction with nested cross-validation."""

"""Readmission risk models for the heart-failure cohort."""

__version__ = "0.3.0"

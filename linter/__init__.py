"""guidelint: reporting-guideline and reproducibility linter for clinical ML studies."""

__version__ = "0.1.0"

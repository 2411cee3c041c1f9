"""Placeholder: replaced by the analyzer that owns this module."""

from __future__ import annotations


def analyze(files, facts) -> None:  # pragma: no cover - placeholder until implemented
    return None

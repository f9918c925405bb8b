"""Jejaring: an evidence-linked observatory of city diplomacy."""

__version__ = "0.1.0"

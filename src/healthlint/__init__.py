"""healthlint: a content linter for Dutch and English health articles."""

__version__ = "0.1.0"

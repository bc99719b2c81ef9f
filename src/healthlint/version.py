"""healthlint's version, in the core layer: the report envelope, the cache key,
the baseline and the HTTP user agent read it without importing the public API
that healthlint/__init__.py exposes (which would import them back)."""

__version__ = "0.1.0"

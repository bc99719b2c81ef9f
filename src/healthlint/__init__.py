"""healthlint: a content linter for Dutch and English health articles.

The public API (docs/api.md): `lint_text` and `lint_paths`, returning the
data of the JSON report typed by healthlint.results.
"""

__version__ = "0.1.0"

from healthlint.api import lint_paths, lint_text  # noqa: E402 - after __version__, which the API's modules import

__all__ = ["__version__", "lint_paths", "lint_text"]

"""healthlint: a content linter for Dutch and English health articles.

The public API (docs/api.md): `lint_text` and `lint_paths`, returning the
data of the JSON report typed by healthlint.results.
"""

from healthlint.api import lint_paths, lint_text
from healthlint.version import __version__

__all__ = ["__version__", "lint_paths", "lint_text"]

"""`healthlint lsp`: the language server (the optional `lsp` extra).

Nothing here is imported by `healthlint check`; pygls and lsprotocol are
imported only when the server starts.
"""

from __future__ import annotations

from healthlint.errors import HealthlintError


def run() -> None:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError as exc:
        raise HealthlintError(f"`healthlint lsp` needs {exc.name}: pip install 'healthlint[lsp]'") from None
    from healthlint.lsp.server import run as run_server

    run_server()

"""Where the bundled rule packs and schemas live.

In a wheel they are package data under healthlint/_data; in a source
checkout (and an editable install) they are the top-level rules/ and
schemas/ folders.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_path(name: str) -> Path:
    bundled = _PACKAGE_DIR / "_data" / name
    if bundled.is_dir():
        return bundled
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"healthlint data folder {name!r} is missing from this installation")


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    with open(data_path("schemas") / name, encoding="utf-8") as handle:
        return json.load(handle)


def user_cache_dir() -> Path:
    """Where healthlint keeps caches: $HEALTHLINT_CACHE_DIR, else
    $XDG_CACHE_HOME/healthlint, else ~/.cache/healthlint."""
    import os

    explicit = os.environ.get("HEALTHLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "healthlint"

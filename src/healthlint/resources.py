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


class ValidatedBefore:
    """A marker in the user cache that says exactly this content passed
    exactly this schema before, so a run can skip jsonschema (and its import)
    for data that has not changed. The marker's name is a hash of both, so it
    can never vouch for other content; a missing or unwritable cache only
    costs the validation."""

    def __init__(self, kind: str, content: bytes, schema: dict[str, Any]):
        import hashlib

        digest = hashlib.sha256(content)
        digest.update(b"\0" + json.dumps(schema, sort_keys=True).encode())
        try:
            self.marker: Path | None = user_cache_dir() / "validated" / kind / digest.hexdigest()
        except (OSError, RuntimeError):
            self.marker = None

    def __bool__(self) -> bool:
        from healthlint.cache import cache_folder_problem

        # a marker planted in a folder others can write to must not skip validation
        return self.marker is not None and self.marker.exists() and cache_folder_problem(user_cache_dir()) is None

    def remember(self) -> None:
        if self.marker is None:
            return
        from healthlint.cache import make_private_folder

        try:
            make_private_folder(self.marker.parent)
            self.marker.touch()
        except OSError:
            pass

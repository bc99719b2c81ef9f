"""Where the bundled rule packs and schemas live.

In a wheel they are package data under healthlint/_data; in a source
checkout (and an editable install) they are the top-level rules/ and
schemas/ folders.
"""

from __future__ import annotations

import hashlib
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


def read_checked_json(path: Path) -> Any:
    """What write_checked_json kept at path, or None when the file is missing,
    damaged or cut short: its first line is the SHA-256 of the JSON after it, so
    a large cache file needs no check of every value to be trusted as written."""
    try:
        check, _, body = path.read_bytes().partition(b"\n")
        if check.decode() != hashlib.sha256(body).hexdigest():
            return None
        return json.loads(body)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def write_checked_json(path: Path, data: Any) -> None:
    """Keep data in the user cache for read_checked_json (atomically; a cache
    that cannot be written only costs the work next time)."""
    try:
        from healthlint.private_folder import make_private_folder
        from healthlint.safe_write import atomic_write_bytes

        body = json.dumps(data, ensure_ascii=False).encode()
        make_private_folder(path.parent)
        atomic_write_bytes(path, hashlib.sha256(body).hexdigest().encode() + b"\n" + body, keep_mode=False,
                           durable=False)
    except (OSError, TypeError, ValueError):
        pass


class ValidatedBefore:
    """A marker in the user cache that says exactly this content passed
    exactly this schema before, so a run can skip jsonschema (and its import)
    for data that has not changed. The marker's name is a hash of both, so it
    can never vouch for other content; a missing or unwritable cache only
    costs the validation."""

    def __init__(self, kind: str, content: bytes, schema: dict[str, Any]):
        digest = hashlib.sha256(content)
        digest.update(b"\0" + json.dumps(schema, sort_keys=True).encode())
        try:
            self.marker: Path | None = user_cache_dir() / "validated" / kind / digest.hexdigest()
        except (OSError, RuntimeError):
            self.marker = None

    def __bool__(self) -> bool:
        from healthlint.private_folder import cache_folder_problem

        # a marker planted in a folder others can write to must not skip validation
        return self.marker is not None and self.marker.exists() and cache_folder_problem(user_cache_dir()) is None

    def remember(self) -> None:
        if self.marker is None:
            return
        from healthlint.private_folder import make_private_folder

        try:
            make_private_folder(self.marker.parent)
            self.marker.touch()
        except OSError:
            pass

    def parsed_copy(self, required_key: str) -> dict[str, Any] | None:
        """The content as parsed before, from a JSON copy beside the marker:
        reading YAML is most of a one-file run's data loading (JSON is ~100x
        faster, and a run that needs no YAML does not import it). The copy is
        named like the marker, so it never stands in for other content;
        anything off about it (not a mapping, required_key missing) and the
        content is parsed again."""
        if not self:
            return None
        try:
            data = json.loads(self._copy_path().read_bytes())
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and required_key in data else None

    def keep_parsed_copy(self, data: dict[str, Any]) -> None:
        if self.marker is None:
            return
        try:
            blob = json.dumps(data, ensure_ascii=False)
            if json.loads(blob) != data:  # a value JSON would change (a tuple, a date): keep parsing the YAML
                return
            from healthlint.safe_write import atomic_write_bytes

            atomic_write_bytes(self._copy_path(), blob.encode(), keep_mode=False, durable=False)
        except (OSError, TypeError, ValueError):
            pass

    def _copy_path(self) -> Path:
        assert self.marker is not None
        return self.marker.with_name(self.marker.name + ".json")

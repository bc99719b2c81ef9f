"""The result cache: an unchanged file is not linted again.

An entry is one file's result dict (the JSON report shape), stored as
``<root>/v1/<2 hex>/<62 hex>.json`` where the name is the entry key:

    sha256(file bytes, display path, healthlint version, code digest,
           packs digest, effective settings digest, --keyword, --lang)

* the **code digest** covers the installed healthlint modules (path, size,
  mtime), so editing a rule in a checkout invalidates the cache even without
  a version bump;
* the **packs digest** hashes the bytes of every rule pack file in use (the
  bundled ``rules/`` folder, thresholds included, and any extra packs); it
  is computed without parsing YAML, so a run made only of cache hits never
  loads the packs;
* the **settings digest** is ``Settings.digest()`` of the file's effective
  settings (config file, per-file entries and command-line overrides).

Location (first that applies): ``--cache-dir``, ``$HEALTHLINT_CACHE_DIR``,
``cache-dir`` in the config, ``$XDG_CACHE_HOME/healthlint``,
``~/.cache/healthlint``. Never inside the linted content unless configured so.

Entries are written atomically (a temporary file in the same folder, then a
rename), so concurrent runs can share a cache: a reader sees a whole entry or
none. An entry that cannot be read, is truncated, is not JSON, has the wrong
shape or embeds a different key is ignored (and overwritten by the fresh
result); it is never trusted. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from healthlint.version import __version__

FORMAT = "v1"
_RESULT_KEYS = frozenset({"path", "format", "language", "keyword", "error", "stats", "scores", "rules",
                          "findings", "suppressed"})
_FINDING_KEYS = frozenset({"rule", "category", "severity", "message", "line", "column", "end_line", "end_column",
                           "excerpt", "excerpt_column", "fix", "suggestion", "fingerprint", "approximate"})


def default_cache_dir() -> Path:
    env = os.environ.get("HEALTHLINT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "healthlint"


def resolve_cache_dir(cli_dir: str | None, config_dir: str | None) -> Path:
    if cli_dir:
        return Path(cli_dir)
    if os.environ.get("HEALTHLINT_CACHE_DIR"):
        return Path(os.environ["HEALTHLINT_CACHE_DIR"])
    if config_dir:
        return Path(config_dir)
    return default_cache_dir()


def _code_digest() -> str:
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".json")):
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                h.update(f"{os.path.relpath(path, package)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def packs_source_digest(extra_packs: tuple[str, ...] = ()) -> str:
    """A digest of the bytes of every pack file (and thresholds) a run uses."""
    from healthlint.resources import data_path

    files = sorted(p for p in data_path("rules").rglob("*.yaml") if p.is_file())
    for extra in extra_packs:
        path = Path(extra)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.yaml") if p.is_file()))
        else:
            files.append(path)
    h = hashlib.sha256()
    for path in files:
        h.update(str(path).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    return h.hexdigest()


def _valid_result(result: Any) -> bool:
    if not isinstance(result, dict) or set(result) != _RESULT_KEYS:
        return False
    if result["error"] is not None or not isinstance(result["path"], str):
        return False
    if not isinstance(result["rules"], dict) or not isinstance(result["scores"], dict):
        return False
    for key in ("findings", "suppressed"):
        items = result[key]
        if not isinstance(items, list):
            return False
        for item in items:
            if not isinstance(item, dict) or not _FINDING_KEYS <= item.keys():
                return False
    return True


class Cache:
    """Result entries under one root folder. Thread- and process-safe."""

    def __init__(self, root: Path, *, cli_keyword: str | None = None, cli_lang: str | None = None):
        self.root = Path(root)
        self.folder = self.root / FORMAT
        self._folder = str(self.folder)
        self._index_file = os.path.join(self._folder, "stat-index")  # not *.json: it is no result entry
        self._index: dict[str, list[Any]] | None = None
        self._index_changed = False
        self.cli = f"{cli_keyword!r}\0{cli_lang!r}"
        self._code = _code_digest()
        self._packs: dict[tuple[str, ...], str] = {}
        self._made: set[str] = set()
        self.hits = self.misses = self.writes = 0

    def _packs_digest(self, extra: tuple[str, ...]) -> str:
        digest = self._packs.get(extra)
        if digest is None:
            digest = self._packs[extra] = packs_source_digest(extra)
        return digest

    def key(self, data: bytes, display: str, settings: Any) -> str:
        return self.key_for_digest(hashlib.sha256(data).hexdigest(), display, settings)

    def key_for_digest(self, content_digest: str, display: str, settings: Any) -> str:
        h = hashlib.sha256(content_digest.encode())
        h.update(b"\0" + display.encode("utf-8", "surrogatepass"))
        h.update(f"\0{__version__}\0{self._code}\0{self._packs_digest(settings.extra_packs)}\0"
                 f"{settings.digest()}\0{self.cli}".encode())
        return h.hexdigest()

    # -- content digests by file status ----------------------------------------
    # A re-run over an unchanged site spends most of its time reading and
    # hashing files it will not lint. The stat index remembers, per absolute
    # path, the size, mtime (ns) and inode a file had when its content hash
    # was taken; when all three still match, the hash is reused without
    # reading the file (as ruff and mypy do). The content hash stays in every
    # key, so a match can only reuse a hash, never a result for other bytes.

    def _stat_index(self) -> dict[str, list[Any]]:
        if self._index is None:
            self._index = {}
            try:
                with open(self._index_file, "rb") as handle:
                    data = json.loads(handle.read())
                if isinstance(data, dict):
                    self._index = {
                        path: entry for path, entry in data.items()
                        if isinstance(entry, list) and len(entry) == 4 and all(isinstance(x, int) for x in entry[:3])
                        and isinstance(entry[3], str) and len(entry[3]) == 64
                    }
            except (OSError, ValueError, RecursionError):
                pass
        return self._index

    def known_digest(self, path: str, st: os.stat_result) -> str | None:
        entry = self._stat_index().get(path)
        if entry is not None and entry[:3] == [st.st_size, st.st_mtime_ns, st.st_ino]:
            return entry[3]
        return None

    def note_digest(self, path: str, st: os.stat_result, digest: str) -> None:
        self._stat_index()[path] = [st.st_size, st.st_mtime_ns, st.st_ino, digest]
        self._index_changed = True

    def close(self) -> None:
        """Write the stat index (atomically; the last writer wins, which only
        ever costs a re-read of some files)."""
        if not self._index_changed or self._index is None:
            return
        from healthlint.safe_write import atomic_write_bytes

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(Path(self._index_file),
                               json.dumps(self._index, separators=(",", ":")).encode("utf-8", "surrogatepass"),
                               keep_mode=False, durable=False)
        except OSError:
            pass
        self._index_changed = False

    def _path(self, key: str) -> str:
        # a string, not a Path: this runs for every file of a cached run
        return os.path.join(self._folder, key[:2], key[2:] + ".json")

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            with open(self._path(key), "rb") as handle:
                raw = handle.read()
            entry = json.loads(raw)
        except (OSError, ValueError, RecursionError):
            self.misses += 1
            return None
        if (not isinstance(entry, dict) or entry.get("key") != key or entry.get("format") != FORMAT
                or not _valid_result(entry.get("result"))):
            self.misses += 1
            return None
        self.hits += 1
        return entry["result"]

    def put(self, key: str, result: dict[str, Any]) -> None:
        if result.get("error") is not None:
            return  # input errors (unreadable, too large) are cheap to find again
        from healthlint.safe_write import atomic_write_bytes

        path = Path(self._path(key))
        shard = key[:2]
        try:
            if shard not in self._made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(shard)
            data = json.dumps({"format": FORMAT, "key": key, "result": result}, ensure_ascii=False,
                              separators=(",", ":")).encode("utf-8")
            atomic_write_bytes(path, data, keep_mode=False, durable=False)
            self.writes += 1
        except OSError:
            pass  # a read-only or full cache never fails the run

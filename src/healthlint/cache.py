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

The folder must be the user's own (issue 14): a cache another user can write
to could hold swapped entries that turn a dirty article clean. So the root
must be owned by the current user and not writable by group or others (else
the run warns once, naming the folder, and lints without the cache), folders
healthlint creates are mode 0700, and nothing inside the root is reached
through a symlink: ``v1/``, the shard folders, entries and the stat index are
opened relative to the verified root with ``O_NOFOLLOW`` and must be a
folder or regular file of the same owner; a link or a stranger's file is
ignored, never followed or written through (a write replaces the name).
Where the system has no openat or O_NOFOLLOW (Windows) no cache is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import Any

from healthlint.private_folder import PRIVATE_MODE, UnsafeCacheFolder, check_private, open_private_folder
from healthlint.version import __version__

FORMAT = "v1"
_RESULT_KEYS = frozenset({"path", "format", "language", "keyword", "error", "stats", "scores", "rules",
                          "findings", "suppressed"})
_FINDING_KEYS = frozenset({"rule", "category", "severity", "message", "line", "column", "end_line", "end_column",
                           "excerpt", "excerpt_column", "fix", "suggestion", "fingerprint", "approximate"})


# A file whose mtime or ctime is this close to the run's start may still change within the same
# timestamp tick (1 s on ext3 and HFS+, 2 s on FAT): its content hash is taken again, never remembered.
TIMESTAMP_GRANULARITY_NS = 2_000_000_000
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


_now_ns = time.time_ns  # the run's start; tests move it


def _open_inside(parent_fd: int, name: str, *, folder: bool, create: bool = False) -> int:
    """openat(parent, name) without following a symlink; the result must be
    a folder (or regular file) of the user's own."""
    if create:
        try:
            os.mkdir(name, PRIVATE_MODE, dir_fd=parent_fd)
        except FileExistsError:
            pass
    flags = os.O_RDONLY | _NOFOLLOW | (_DIRECTORY if folder else 0)
    fd = os.open(name, flags, dir_fd=parent_fd)  # a symlink: ELOOP (or ENOTDIR)
    try:
        status = os.fstat(fd)
        kind_ok = stat.S_ISDIR(status.st_mode) if folder else stat.S_ISREG(status.st_mode)
        if not kind_ok:
            raise UnsafeCacheFolder(f"{name} is not a {'folder' if folder else 'regular file'}")
        if folder:
            check_private(status, name)
        elif hasattr(os, "geteuid") and status.st_uid != os.geteuid():
            raise UnsafeCacheFolder(f"{name} is owned by another user")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_inside(parent_fd: int, name: str) -> bytes:
    fd = _open_inside(parent_fd, name, folder=False)
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def _write_inside(parent_fd: int, name: str, data: bytes) -> None:
    """Atomically: a new file (O_EXCL, O_NOFOLLOW, 0600) renamed over name,
    both relative to the folder's descriptor (a rename replaces a planted
    symlink itself, never its target)."""
    tmp = f".{name}.{os.getpid()}.{time.monotonic_ns()}.healthlint-tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=parent_fd)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.rename(tmp, name, src_dir_fd=parent_fd, dst_dir_fd=parent_fd)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=parent_fd)
        except OSError:
            pass
        raise


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
    """Result entries under one root folder. Thread- and process-safe.
    Raises UnsafeCacheFolder for a root that is not the user's own."""

    def __init__(self, root: Path, *, cli_keyword: str | None = None, cli_lang: str | None = None):
        if os.open not in os.supports_dir_fd or not _NOFOLLOW:
            # without openat and O_NOFOLLOW (Windows) links inside the folder cannot be refused: no cache
            raise OSError("this system cannot open files relative to a folder without following links")
        self.root = Path(root)
        self.folder = self.root / FORMAT
        self._root_fd = open_private_folder(self.root)
        self._folder_fd: int | None = None
        self._index: dict[str, list[Any]] | None = None
        self._index_changed = False
        self.started_ns = _now_ns()
        self.cli = f"{cli_keyword!r}\0{cli_lang!r}"
        self._code = _code_digest()
        self._packs: dict[tuple[str, ...], str] = {}
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

    # -- folders inside the root, never through a symlink ------------------------
    def _folder(self, create: bool) -> int:
        if self._folder_fd is None:
            self._folder_fd = _open_inside(self._root_fd, FORMAT, folder=True, create=create)
        return self._folder_fd

    def _shard(self, key: str, create: bool) -> int:
        return _open_inside(self._folder(create), key[:2], folder=True, create=create)

    # -- content digests by file status ----------------------------------------
    # A re-run over an unchanged site spends most of its time reading and
    # hashing files it will not lint. The stat index remembers, per absolute
    # path, the size, mtime and ctime (ns) and inode a file had when its
    # content hash was taken; when all four still match, the hash is reused
    # without reading the file (as ruff and mypy do). ctime catches an edit
    # whose mtime was put back (os.utime cannot set ctime). A file changed
    # within TIMESTAMP_GRANULARITY_NS of the run's start may change again
    # within the same timestamp tick without its status changing (git's
    # "racily clean" entries), so its hash is neither reused nor remembered.
    # The content hash stays in every key, so a match can only reuse a hash,
    # never a result for other bytes.

    def _racy(self, status: os.stat_result) -> bool:
        return max(status.st_mtime_ns, status.st_ctime_ns) > self.started_ns - TIMESTAMP_GRANULARITY_NS

    @staticmethod
    def _status(status: os.stat_result) -> list[int]:
        return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]

    def _stat_index(self) -> dict[str, list[Any]]:
        if self._index is None:
            self._index = {}
            try:
                data = json.loads(_read_inside(self._folder(create=False), "stat-index"))
                if isinstance(data, dict):
                    self._index = {
                        path: entry for path, entry in data.items()
                        if isinstance(entry, list) and len(entry) == 5 and all(type(x) is int for x in entry[:4])
                        and isinstance(entry[4], str) and len(entry[4]) == 64
                    }
            except (OSError, ValueError, RecursionError):
                pass
        return self._index

    def known_digest(self, path: str, status: os.stat_result) -> str | None:
        entry = self._stat_index().get(path)
        if entry is None or entry[:4] != self._status(status) or self._racy(status):
            return None
        return entry[4]

    def note_digest(self, path: str, status: os.stat_result, digest: str) -> None:
        index = self._stat_index()
        if self._racy(status):
            if index.pop(path, None) is not None:
                self._index_changed = True
            return
        index[path] = [*self._status(status), digest]
        self._index_changed = True

    def close(self) -> None:
        """Write the stat index (atomically; the last writer wins, which only
        ever costs a re-read of some files) and release the folders."""
        if self._index_changed and self._index is not None:
            try:
                _write_inside(self._folder(create=True), "stat-index",
                              json.dumps(self._index, separators=(",", ":")).encode("utf-8", "surrogatepass"))
            except OSError:
                pass
            self._index_changed = False
        for fd in (self._folder_fd, self._root_fd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._folder_fd = None
        self._root_fd = -1

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            shard = self._shard(key, create=False)
            try:
                raw = _read_inside(shard, key[2:] + ".json")
            finally:
                os.close(shard)
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
        try:
            data = json.dumps({"format": FORMAT, "key": key, "result": result}, ensure_ascii=False,
                              separators=(",", ":")).encode("utf-8")
            shard = self._shard(key, create=True)
            try:
                _write_inside(shard, key[2:] + ".json", data)
            finally:
                os.close(shard)
            self.writes += 1
        except (OSError, UnicodeEncodeError):
            pass  # a read-only, full or tampered cache never fails the run

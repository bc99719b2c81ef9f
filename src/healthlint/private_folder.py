"""Folders of the user's own: the result cache and the user cache hold data
that decides whether an article is clean, so they must not be writable by
anyone else (issue 14). Core layer: used by the packs' validation markers, the
syllable data and the result cache alike."""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_MODE = 0o700
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class UnsafeCacheFolder(OSError):
    """A cache folder healthlint will not use; the message says why, in one line."""


def check_private(status: os.stat_result, what: str) -> None:
    if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
        raise UnsafeCacheFolder(f"{what} is owned by another user (uid {status.st_uid})")
    if stat.S_IMODE(status.st_mode) & 0o022:
        raise UnsafeCacheFolder(f"{what} is writable by other users (mode {stat.S_IMODE(status.st_mode):04o})")


def make_private_folder(path: Path) -> None:
    """Create path and its missing parents with mode 0700 (os.makedirs
    gives the parents the umask's mode, often group-writable)."""
    missing = []
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_MODE)
        except FileExistsError:
            pass


def open_private_folder(root: Path) -> int:
    """A descriptor of the cache root, created (0700) if missing, after
    checking it is the user's own and not writable by others; the root may be
    a symlink (the user chose it), what is inside is never reached through one."""
    make_private_folder(root)
    fd = os.open(root, os.O_RDONLY | _DIRECTORY)
    try:
        status = os.fstat(fd)
        if not stat.S_ISDIR(status.st_mode):
            raise UnsafeCacheFolder(f"cache folder {root} is not a folder")
        check_private(status, f"cache folder {root}")
    except BaseException:
        os.close(fd)
        raise
    return fd


def cache_folder_problem(root: Path) -> str | None:
    """Why the cache root cannot be used (one line naming it), or None; for
    the warning before a run."""
    try:
        os.close(open_private_folder(root))
    except UnsafeCacheFolder as exc:
        return str(exc)
    except OSError:
        return None  # cannot be created or opened (read-only, missing parent): the run goes on without it
    return None

"""Atomic writes: a temporary file in the same folder, fsync, then rename.

A crash leaves either the old file or the new one, never half of one. The
file's permissions are kept, and a path that is a symlink is refused rather
than followed, so a write can never land outside the folder it names.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes, *, keep_mode: bool = True, durable: bool = True) -> None:
    """durable=False skips the fsync (still atomic, not crash-durable): for
    cache entries, where losing one to a power cut only costs a re-lint."""
    if path.is_symlink():
        raise OSError(f"{path} is a symlink; healthlint does not write through symlinks")
    folder = path.parent if str(path.parent) else Path(".")
    mode = None
    if keep_mode and path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".healthlint-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))

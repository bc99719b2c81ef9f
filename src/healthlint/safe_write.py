"""Atomic writes: a temporary file in the same folder, fsync, then rename.

A crash leaves either the old file or the new one, never half of one. The
file's permissions are kept, and a path that is a symlink, a device, a FIFO
or a socket is refused rather than followed or replaced, so a write can never
land outside the folder it names or replace /dev/null with a report.

Articles rewritten by --fix go through `LockedArticle`: an advisory lock
(flock) for the whole read-fix-write, a check just before the rename that the
file is still the very inode and bytes that were linted, and the owner,
group and mode of the original on the new file. Files a rename cannot
replace faithfully (hard links, read-only files) are refused.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Any, Callable


class RefusedWrite(OSError):
    """A write healthlint will not do; the message says why, in one line."""


def check_replaceable(path: Path) -> None:
    """Refuse a path that exists and is not a regular file: a rename over a
    device node or FIFO would replace it (as root, -o /dev/null replaced the
    system's /dev/null)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(status.st_mode):
        raise RefusedWrite(f"{path} is a symlink; healthlint does not write through symlinks")
    if not stat.S_ISREG(status.st_mode):
        raise RefusedWrite(f"{path} is not a regular file (a device, FIFO, socket or folder); "
                           "healthlint writes only to regular files")


def same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def mode_for(path: Path) -> int:
    """The permissions a file written to path gets: those of the regular file
    it replaces (lstat: never a link's target), else the umask's default."""
    try:
        status = os.lstat(path)
    except OSError:
        return _default_mode()
    return stat.S_IMODE(status.st_mode) if stat.S_ISREG(status.st_mode) else _default_mode()


class AtomicFile:
    """A temporary file next to path, written at leisure (a streamed report or
    a whole article), that replaces path on commit() or vanishes on abort().
    The one atomic-write implementation: every writer goes through it."""

    def __init__(self, path: Path, *, text: bool = False):
        self.path = path
        self.folder = path.parent if str(path.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".healthlint-tmp", dir=self.folder)
        self._tmp: str | None = tmp
        self.handle: IO[Any] = (os.fdopen(fd, "w", encoding="utf-8", newline="") if text
                                else os.fdopen(fd, "wb"))

    def commit(self, *, durable: bool = True, prepare: Callable[[int], None] = lambda fd: None,
               last_check: Callable[[], None] = lambda: None) -> None:
        """Flush, let prepare() set owner and mode, fsync (durable), run
        last_check(), then rename over path; on any failure the temporary
        file is removed and the error raised."""
        tmp = self._tmp
        if tmp is None:
            return
        try:
            self.handle.flush()
            prepare(self.handle.fileno())
            if durable:
                os.fsync(self.handle.fileno())
            self.handle.close()
            last_check()
            os.replace(tmp, self.path)
        except BaseException:
            self.abort()
            raise
        self._tmp = None
        if durable:
            _sync_folder(self.folder)

    def abort(self) -> None:
        if self._tmp is None:
            return
        self.handle.close()
        try:
            os.unlink(self._tmp)
        except OSError:
            pass
        self._tmp = None


def _replace_with(path: Path, data: bytes, *, durable: bool, prepare: Callable[[int], None],
                  last_check: Callable[[], None] = lambda: None) -> None:
    """Write data to a temporary file next to path, let prepare() set its
    owner and mode, run last_check(), then rename it over path."""
    atomic = AtomicFile(path)
    try:
        atomic.handle.write(data)
    except BaseException:
        atomic.abort()
        raise
    atomic.commit(durable=durable, prepare=prepare, last_check=last_check)


def _sync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:  # some file systems cannot sync a folder; the rename is still atomic
        pass
    finally:
        os.close(dir_fd)


def atomic_write_bytes(path: Path, data: bytes, *, keep_mode: bool = True, durable: bool = True) -> None:
    """durable=False skips the fsync (still atomic, not crash-durable): for
    cache entries, where losing one to a power cut only costs a re-lint."""
    check_replaceable(path)
    mode = mode_for(path) if keep_mode else _default_mode()
    _replace_with(path, data, durable=durable, prepare=lambda fd: os.fchmod(fd, mode))


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


class LockedArticle:
    """An article opened for --fix: locked (flock, advisory) until close(),
    with the bytes and status it had when read.

    A concurrent `healthlint --fix` waits for the lock; it then finds the
    path renamed to a new inode and locks that one instead, so it reads the
    fixed text rather than the text it linted before. Editors take no lock,
    so `replace` also checks, just before the rename, that the file is still
    the same inode with the same bytes."""

    ATTEMPTS = 20  # a path replaced this often while we wait for its lock is being fought over

    def __init__(self, path: Path, max_bytes: int):
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no advisory lock, the checks before the rename remain
            fcntl = None  # type: ignore[assignment]
        self.path = path
        for _ in range(self.ATTEMPTS):
            try:
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_CLOEXEC", 0))
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise RefusedWrite("it is a symlink; healthlint does not write through symlinks") from None
                raise
            try:
                status = os.fstat(fd)
                if not stat.S_ISREG(status.st_mode):
                    raise RefusedWrite("it is not a regular file")
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                if same_file(os.lstat(path), status):
                    break
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
        else:
            raise RefusedWrite("it kept being replaced while healthlint waited for its lock")
        self.fd = fd
        self.status = os.fstat(fd)
        self.data = self._read(max_bytes + 1)
        if len(self.data) > max_bytes:
            self.close()
            raise RefusedWrite(f"it is larger than the size limit of {max_bytes:,} bytes")

    def _read(self, limit: int) -> bytes:
        chunks = []
        offset = 0
        while offset < limit:
            chunk = os.pread(self.fd, min(1 << 20, limit - offset), offset)
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
        return b"".join(chunks)

    def refusal(self) -> str | None:
        """Why this file cannot be replaced faithfully by a rename, if it cannot."""
        status = self.status
        if status.st_nlink > 1:
            return (f"it has {status.st_nlink} hard links, and writing the fix would split them "
                    "(the other names would keep the old text)")
        if not status.st_mode & 0o222 or not os.access(self.path, os.W_OK):
            return "it is read-only"
        return None

    def _unchanged(self) -> None:
        try:
            now = os.lstat(self.path)
        except FileNotFoundError:
            raise RefusedWrite("it was deleted after it was linted") from None
        if not same_file(now, self.status) or self._read(len(self.data) + 1) != self.data:
            raise RefusedWrite("it changed after it was linted (another program wrote to it); lint it again")

    def _keep_owner_and_mode(self, fd: int) -> None:
        status = self.status
        mine = os.fstat(fd)
        if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid):
            try:
                os.fchown(fd, status.st_uid, status.st_gid)
            except PermissionError:
                raise RefusedWrite(f"the fixed file could not keep its owner and group "
                                   f"({status.st_uid}:{status.st_gid})") from None
        os.fchmod(fd, stat.S_IMODE(status.st_mode))  # after chown, which clears set-id bits

    def replace(self, data: bytes) -> None:
        """Atomically put data in place of the article, if it is still exactly
        what was read; else RefusedWrite and the file is left as it is."""
        self._unchanged()
        _replace_with(self.path, data, durable=True, prepare=self._keep_owner_and_mode, last_check=self._unchanged)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # releases the lock
            self.fd = -1

    def __enter__(self) -> "LockedArticle":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_report_path(path: Path, inputs: list[Path]) -> None:
    """A report path must be a regular file (or none yet) and none of the inputs."""
    check_replaceable(path)
    check_not_input(path, inputs)


def check_not_input(path: Path, inputs: list[Path]) -> None:
    """Refuse to write a report over one of the articles being linted. Only
    inputs with the same name are compared (a stat each), so a run over a
    million files pays nothing for it."""
    try:
        target = os.stat(path)
    except OSError:
        return
    name = path.name
    for candidate in inputs:
        if candidate.name != name:
            continue
        try:
            if same_file(os.stat(candidate), target):
                raise RefusedWrite(f"{path} is one of the articles being linted; healthlint will not replace it "
                                   "with the report")
        except FileNotFoundError:
            continue

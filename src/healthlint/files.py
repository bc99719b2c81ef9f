"""Which files a run lints: files named on the command line as they are;
directories walked for articles, skipping hidden folders and whatever the
.gitignore files on the way ignore (matched in linear time by gitignore.py:
a .gitignore is input too). Symlinked folders are not followed, so a symlink
loop cannot trap the walk."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from healthlint.gitignore import IgnoreSpec
from healthlint.loader import ARTICLE_SUFFIXES


@dataclass(frozen=True)
class Target:
    path: Path
    display: str


@dataclass(frozen=True)
class Missing:
    display: str
    message: str


@dataclass(frozen=True)
class Empty:
    """A folder named on the command line that holds no article: a warning, not an input error."""

    display: str
    message: str


def _gitignore_spec(directory: Path) -> IgnoreSpec | None:
    ignore_file = directory / ".gitignore"
    try:
        if not ignore_file.is_file():
            return None
    except OSError:  # a path longer than PATH_MAX; the folder itself is reported by walk
        return None
    try:
        data = ignore_file.read_bytes()
    except OSError:
        return None
    return IgnoreSpec.from_bytes(data)


def _ignored(specs: list[tuple[Path, IgnoreSpec]], path: Path, is_dir: bool) -> bool:
    for base, spec in specs:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.ignored(rel, is_dir):
            return True
    return False


def walk(root: Path) -> Iterator[Path | Missing]:
    specs: list[tuple[Path, IgnoreSpec]] = []
    for folder in reversed([root, *root.resolve().parents][:1]):
        spec = _gitignore_spec(folder)
        if spec is not None:
            specs.append((folder, spec))
    stack: list[tuple[Path, list[tuple[Path, IgnoreSpec]]]] = [(root, specs)]
    while stack:
        folder, inherited = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                yield Missing(str(folder), f"{folder}: folder nested too deeply to read (its path is longer "
                                           "than the system allows); its articles are not linted")
            continue
        local = inherited
        spec = _gitignore_spec(folder) if folder != root else None
        if spec is not None:
            local = [*inherited, (folder, spec)]
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not _ignored(local, path, True):
                        subdirs.append(path)
                    continue
                if Path(entry.name).suffix.lower() not in ARTICLE_SUFFIXES:
                    continue
                if entry.is_file(follow_symlinks=True) and not _ignored(local, path, False):
                    yield path
            except OSError:
                continue
        stack.extend((d, local) for d in reversed(subdirs))


def collect(paths: list[str]) -> Iterator[Target | Missing | Empty]:
    """Targets in command-line order; a folder's files sorted by path."""
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in walk(path):
                if isinstance(file, Missing):
                    yield file
                    continue
                key = os.path.normpath(str(file))
                if key in seen:
                    continue
                seen.add(key)
                found = True
                yield Target(file, key)
            if not found:
                yield Empty(raw, f"{raw}: no HTML or Markdown articles in this folder")
        elif path.exists():
            key = os.path.normpath(raw)
            if key not in seen:
                seen.add(key)
                yield Target(path, key)
        else:
            yield Missing(raw, f"{raw}: no such file or directory")

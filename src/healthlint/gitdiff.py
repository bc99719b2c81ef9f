"""--changed-since REF and --new-only: lint what a pull request changed.

The comparison is with the merge base of REF and HEAD (what `git diff
REF...HEAD` shows on a pull request), taken against the working tree, so a
local run also sees edits not yet committed; files git does not track yet
count as added. Only `git` itself is run, with a fixed argument list and
never through a shell.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from typing import Any

from healthlint.errors import ConfigError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_OCTAL = re.compile(rb"\\([0-7]{3})|\\(.)")
_C_ESCAPES = {b"n": b"\n", b"t": b"\t", b'"': b'"', b"\\": b"\\", b"a": b"\a", b"b": b"\b", b"f": b"\f",
              b"v": b"\v", b"r": b"\r"}


@dataclass
class Changes:
    """What changed since the merge base, by absolute path."""

    base: str
    lines: dict[str, set[int]] = field(default_factory=dict)  # 1-based line numbers on the new side
    added: set[str] = field(default_factory=set)

    def __contains__(self, path: str) -> bool:
        return _key(path) in self.lines

    def keep(self, result: dict[str, Any]) -> dict[str, Any]:
        """--new-only: the result with only the findings on changed lines. A
        document-level finding has no line; it is kept for an added file."""
        absolute = _key(result["path"])
        if absolute in self.added:
            return result
        changed = self.lines.get(absolute, set())

        def on_changed_line(finding: dict[str, Any]) -> bool:
            if finding["line"] is None:
                return False
            last = finding["end_line"] or finding["line"]
            return any(line in changed for line in range(finding["line"], last + 1))

        findings = result.get("findings") or []
        kept = [f for f in findings if on_changed_line(f)]
        return result if len(kept) == len(findings) else {**result, "findings": kept}


def _key(path: str) -> str:
    """A path as git's top level names it: the folder resolved (a symlinked
    working directory), the file itself not (a symlinked article is tracked
    as the link)."""
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.join(os.path.realpath(folder), name)


def _git(args: list[str], cwd: str | None = None) -> bytes:
    try:
        run = subprocess.run(["git", "-c", "core.quotePath=true", *args], cwd=cwd, capture_output=True,
                             check=False, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise ConfigError("--changed-since needs git, which is not installed or not on PATH") from None
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return run.stdout


class GitError(ConfigError):
    pass


def _unquote(raw: bytes) -> bytes:
    """A path as git prints it in a diff header: C-quoted when it holds
    special characters."""
    if not (raw.startswith(b'"') and raw.endswith(b'"')):
        return raw

    def replace(m: re.Match[bytes]) -> bytes:
        if m.group(1):
            return bytes([int(m.group(1), 8)])
        return _C_ESCAPES.get(m.group(2), m.group(2))

    return _OCTAL.sub(replace, raw[1:-1])


def changes_since(ref: str) -> Changes:
    """Changed files and lines between the merge base of ref and HEAD and the working tree."""
    try:
        top = _git(["rev-parse", "--show-toplevel"]).decode("utf-8", "surrogateescape").strip()
    except GitError:
        raise ConfigError(f"--changed-since {ref}: {os.getcwd()} is not inside a git repository") from None
    try:
        base = _git(["merge-base", ref, "HEAD"]).decode().strip()
    except GitError as exc:
        raise ConfigError(f"--changed-since {ref}: no merge base with HEAD ({exc}); in CI fetch the history, "
                          "e.g. actions/checkout with fetch-depth: 0") from None
    changes = Changes(base)
    diff = _git(["diff", "--no-color", "--no-ext-diff", "--no-textconv", "-U0", "--src-prefix=a/",
                 "--dst-prefix=b/", "--diff-filter=ACMR", "-M", base, "--"], cwd=top)
    current: set[int] | None = None
    for raw in diff.split(b"\n"):
        if raw.startswith(b"+++ "):
            name = _unquote(raw[4:].rstrip(b"\r"))
            current = None
            if name.startswith(b"b/"):
                path = _key(os.path.join(top, os.fsdecode(name[2:])))
                current = changes.lines.setdefault(path, set())
        elif raw.startswith(b"@@") and current is not None:
            m = _HUNK.match(raw.decode("ascii", "replace"))
            if m:
                start, count = int(m.group(1)), int(m.group(2) or 1)
                current.update(range(start, start + count))
    # a file renamed without edits has no hunk but is still a changed file
    changed = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", "-M", base, "--"], cwd=top)
    added = _git(["diff", "--name-only", "-z", "--diff-filter=A", "-M", base, "--"], cwd=top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd=top)
    for names, is_added in ((changed, False), (added, True), (untracked, True)):
        for name in names.split(b"\0"):
            if name:
                path = _key(os.path.join(top, os.fsdecode(name)))
                changes.lines.setdefault(path, set())
                if is_added:
                    changes.added.add(path)
    return changes

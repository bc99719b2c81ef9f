"""The options of `check` that let a site adopt healthlint without fixing its
back catalogue first: --baseline, --write-baseline, --changed-since and
--new-only. They narrow which files are linted and which findings are
reported; the lint itself is the same (docs/ci.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

from healthlint.errors import ConfigError


class Scope:
    def __init__(self, *, baseline: str | None = None, write_baseline: str | None = None,
                 changed_since: str | None = None, new_only: bool = False, stdin: bool = False):
        if new_only and not changed_since:
            raise ConfigError("--new-only needs --changed-since REF (the lines changed since REF are the new ones)")
        if write_baseline and (baseline or changed_since):
            raise ConfigError("--write-baseline records every finding of the files linted; run it without "
                              "--baseline and --changed-since")
        if changed_since and stdin:
            raise ConfigError("--changed-since lints files changed in git; it cannot read standard input")
        self.write_path = Path(write_baseline) if write_baseline else None
        self.new_only = new_only
        self.baseline = None
        if baseline:
            from healthlint.baseline import Baseline

            self.baseline = Baseline.load(Path(baseline))
        self.changes = None
        if changed_since:
            from healthlint.gitdiff import changes_since

            self.changes = changes_since(changed_since)

    def targets(self, targets: list[Any]) -> list[Any]:
        """Only the files changed since the ref (missing paths still reported)."""
        if self.changes is None:
            return targets
        return [t for t in targets if not hasattr(t, "path") or str(t.path) in self.changes]

    def results(self, results: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        recorder = None
        if self.write_path is not None:
            from healthlint.baseline import BaselineRecorder

            recorder = BaselineRecorder()
        for result in results:
            if self.new_only and self.changes is not None:
                result = self.changes.keep(result)
            if self.baseline is not None:
                result = self.baseline.apply(result)
            if recorder is not None:
                recorder.add(result)
            yield result
        if recorder is not None and self.write_path is not None:
            from healthlint.safe_write import atomic_write_text

            try:
                atomic_write_text(self.write_path, recorder.text())
            except OSError as exc:
                raise ConfigError(f"{self.write_path}: cannot write baseline: {exc.strerror or exc}") from None
            sys.stderr.write(f"healthlint: wrote {self.write_path}: {len(recorder.entries)} finding(s) in "
                             f"{len(recorder.files)} file(s); run with --baseline {self.write_path} to report "
                             "only new ones\n")

"""Baselines: adopt healthlint on a site with a back catalogue of findings.

`check --write-baseline FILE` records the findings of today; `check --baseline
FILE` then reports only findings that are not in it (the rest are listed as
suppressed, kind "baseline", so SARIF and the HTML report still show them).

A finding is matched by the engine's fingerprint: a hash of the path, the
rule, the text the finding quotes and which occurrence of that text it is in
the file. Line numbers take no part, so a paragraph added above a finding, or
lines moving, keep it matched; editing the quoted text itself makes it a new
finding, as it should. Each baseline entry absorbs one finding: two identical
findings with one entry leave one reported.

A document-level finding (no line) quotes its message, and messages of such
rules hold counts ("the article body has 250 words") that change with any
edit. One that no fingerprint matches is therefore matched by path and rule
against an unused document-level entry: "this page was already too short".
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from healthlint.version import __version__
from healthlint.errors import ConfigError

FORMAT_VERSION = 1


def normal_path(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def entry(path: str, finding: dict[str, Any]) -> dict[str, Any]:
    return {"path": normal_path(path), "rule": finding["rule"], "fingerprint": finding["fingerprint"],
            "line": finding["line"], "message": finding["message"]}


class BaselineRecorder:
    """Collects the findings of a run for --write-baseline."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.files: set[str] = set()

    def add(self, result: dict[str, Any]) -> None:
        for finding in result.get("findings") or []:
            self.entries.append(entry(result["path"], finding))
            self.files.add(result["path"])

    def text(self) -> str:
        ordered = sorted(self.entries, key=lambda e: (e["path"], e["line"] or 0, e["rule"], e["fingerprint"]))
        # the line and message are for people reading a diff of the baseline; matching ignores them
        data = {"version": FORMAT_VERSION, "tool": {"name": "healthlint", "version": __version__},
                "findings": ordered}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


class Baseline:
    def __init__(self, entries: list[dict[str, Any]]):
        self.exact: Counter[tuple[str, str, str]] = Counter()
        self.document: Counter[tuple[str, str]] = Counter()
        for item in entries:
            self.exact[(item["path"], item["rule"], item["fingerprint"])] += 1
            if item.get("line") is None:
                self.document[(item["path"], item["rule"])] += 1

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not a healthlint baseline (invalid JSON: {exc})") from None
        findings = data.get("findings") if isinstance(data, dict) else None
        if (not isinstance(findings, list) or data.get("version") != FORMAT_VERSION
                or not all(isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("rule"), str)
                           and isinstance(f.get("fingerprint"), str) for f in findings)):
            raise ConfigError(f"{path}: not a healthlint baseline (write one with `healthlint check "
                              "--write-baseline FILE`)")
        return cls(findings)

    def apply(self, result: dict[str, Any]) -> dict[str, Any]:
        """The result with the findings the baseline knows moved to suppressed."""
        findings = result.get("findings") or []
        if not findings:
            return result
        path = normal_path(result["path"])
        known = [False] * len(findings)
        for i, finding in enumerate(findings):
            key = (path, finding["rule"], finding["fingerprint"])
            if self.exact[key] > 0:
                self.exact[key] -= 1
                if finding["line"] is None:
                    self.document[(path, finding["rule"])] -= 1
                known[i] = True
        for i, finding in enumerate(findings):
            if not known[i] and finding["line"] is None and self.document[(path, finding["rule"])] > 0:
                self.document[(path, finding["rule"])] -= 1
                known[i] = True
        if not any(known):
            return result
        kept = [f for f, k in zip(findings, known, strict=True) if not k]
        moved = [{**f, "suppression": {"kind": "baseline", "reason": None}} for f, k in zip(findings, known, strict=True) if k]
        return {**result, "findings": kept, "suppressed": [*(result.get("suppressed") or []), *moved]}

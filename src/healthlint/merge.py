"""`healthlint merge`: combine JSON reports (one per shard) into one.

The merged report is what one run over all the files would have produced:
files in single-run order (a folder's files by name before its sub-folders),
each path once, the summary recomputed, the result validated against
schemas/report.schema.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from healthlint.errors import HealthlintError


class MergeError(HealthlintError):
    """An input that is not a healthlint JSON report."""


def _validator() -> Any:
    from jsonschema import Draft202012Validator

    from healthlint.resources import load_schema

    return Draft202012Validator(load_schema("report.schema.json"))


def _check(validator: Any, data: Any, where: str) -> None:
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))), None)
    if error is None:
        return
    if isinstance(data, dict) and isinstance(data.get("runs"), list):
        raise MergeError(f"{where}: a SARIF log, not a healthlint JSON report; merge the reports of "
                         "`healthlint check --format json` and ask the merge for SARIF (--format sarif)")
    tool = data.get("tool") if isinstance(data, dict) else None
    if not (isinstance(tool, dict) and tool.get("name") == "healthlint"):
        raise MergeError(f"{where}: not a healthlint JSON report; write one with `healthlint check --format json`")
    at = "/" + "/".join(str(p) for p in error.absolute_path)
    raise MergeError(f"{where}: not a valid healthlint JSON report ({at}: {error.message})")


def merge_reports(paths: list[Path]) -> dict[str, Any]:
    from healthlint.report import envelope
    from healthlint.runner import walk_order_key

    validator = _validator()
    files: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise MergeError(f"{path}: cannot read JSON report: {exc}") from None
        except RecursionError:
            raise MergeError(f"{path}: cannot read JSON report: nested too deeply") from None
        try:
            _check(validator, data, str(path))
        except RecursionError:
            raise MergeError(f"{path}: not a healthlint JSON report (nested too deeply)") from None
        for result in data["files"]:
            files.setdefault(result["path"], result)
    ordered = sorted(files.values(), key=lambda r: walk_order_key(r["path"]))
    report = envelope(ordered)
    _check(validator, report, "merged report")
    return report


def exit_code(report: dict[str, Any], fail_on: str) -> int:
    """As `healthlint check` would exit on the same files: 2 when a file could
    not be read, 1 with findings at or above fail_on, else 0."""
    from healthlint.registry import SEVERITY_RANK

    if any(result.get("error") for result in report["files"]):
        return 2
    threshold = SEVERITY_RANK.get(fail_on, 99)  # "never" ranks above every severity
    worst = max((SEVERITY_RANK[f["severity"]] for r in report["files"] for f in r["findings"]), default=0)
    return 1 if worst >= threshold else 0

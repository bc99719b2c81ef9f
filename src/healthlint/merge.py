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

from healthlint import __version__
from healthlint.errors import HealthlintError


class MergeError(HealthlintError):
    """An input that is not a healthlint JSON report."""


def _validator() -> Any:
    from jsonschema import Draft202012Validator

    from healthlint.resources import load_schema

    return Draft202012Validator(load_schema("report.schema.json"))


def _check(validator: Any, data: Any, where: str) -> None:
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))), None)
    if error is not None:
        at = "/" + "/".join(str(p) for p in error.absolute_path)
        raise MergeError(f"{where}: not a healthlint JSON report ({at}: {error.message})")


def merge_reports(paths: list[Path]) -> dict[str, Any]:
    from healthlint.engine import summarise
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
    report = {
        "version": "1",
        "tool": {"name": "healthlint", "version": __version__},
        "files": ordered,
        "summary": summarise(ordered),
    }
    _check(validator, report, "merged report")
    return report

"""Report writers, and the one report envelope they all read.

A report is the dict of schemas/report.schema.json: `envelope(files)` builds
it (version, tool, files, summary) for every writer, the merge and the public
API. Each format is a module here with one function of the `Reporter` shape,
`render(report, rules, *, options) -> str`; `render()` below picks it by name.
"""

from __future__ import annotations

import importlib
from typing import Any, Iterable, Protocol

from healthlint.version import __version__

FORMATS = ("text", "json", "sarif", "github", "html", "rdjson")
REPORT_VERSION = "1"  # the `version` of schemas/report.schema.json
_SEVERITY_TOTALS = {"error": "errors", "warning": "warnings", "info": "infos"}


class Reporter(Protocol):
    """What every format module provides. `rules` is the rule metadata of
    the run (`Rule.metadata()` plus the effective `options` of each rule);
    `options` are the writer's own (colour, quiet, ...)."""

    def render(self, report: dict[str, Any], rules: list[dict[str, Any]], *,
               options: dict[str, Any] | None = None) -> str: ...


def reporter(fmt: str) -> Reporter:
    """The module that writes a format."""
    module: Any = importlib.import_module(f"healthlint.report.{'json_report' if fmt == 'json' else fmt}")
    return module  # a module with render() is a Reporter


def render(fmt: str, report: dict[str, Any], rules: list[dict[str, Any]], options: dict[str, Any]) -> str:
    return reporter(fmt).render(report, rules, options=options)


def header() -> dict[str, Any]:
    """The start of every report: the schema version and the tool."""
    return {"version": REPORT_VERSION, "tool": {"name": "healthlint", "version": __version__}}


def envelope(files: list[dict[str, Any]], summary: dict[str, int] | None = None) -> dict[str, Any]:
    """A whole report around per-file results (the summary counted from them
    unless the caller has counted it while streaming)."""
    return {**header(), "files": files, "summary": summarise(files) if summary is None else summary}


def summarise(results: Iterable[dict[str, Any]]) -> dict[str, int]:
    summary = {"files": 0, "errors": 0, "warnings": 0, "infos": 0, "suppressed": 0, "file_errors": 0}
    for result in results:
        summary["files"] += 1
        if result.get("error"):
            summary["file_errors"] += 1
        for finding in result["findings"]:
            summary[_SEVERITY_TOTALS[finding["severity"]]] += 1
        summary["suppressed"] += len(result.get("suppressed", []))
    return summary

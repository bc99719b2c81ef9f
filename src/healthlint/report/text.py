"""Terminal text: `path:line:col: severity rule-id message`, the source line
with the span underlined, and a closing summary line. Colour only when the
output is a terminal."""

from __future__ import annotations

import unicodedata
from typing import Any

from healthlint.report.escape import log_text

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 0 if unicodedata.combining(c) else 1 for c in text)


def _paint(text: str, colour: str, enabled: bool) -> str:
    return f"{_COLOURS[colour]}{text}{_RESET}" if enabled else text


def _underline(finding: dict[str, Any]) -> str | None:
    excerpt = finding.get("excerpt")
    if excerpt is None or finding.get("column") is None:
        return None
    start = finding["column"] - 1
    if finding["end_line"] == finding["line"]:
        end = max(finding["end_column"] - 1, start + 1)
    else:
        end = len(excerpt)
    end = min(end, len(excerpt)) if excerpt else start + 1
    prefix = log_text(excerpt[:start].replace("\t", " "))
    marked = log_text(excerpt[start:end]) or " "
    return " " * _display_width(prefix) + "^" * max(1, _display_width(marked))


def file_lines(result: dict[str, Any], *, colour: bool = False, quiet: bool = False) -> list[str]:
    """The lines of one file's findings (a streaming run writes them as each file is done)."""
    lines: list[str] = []
    path = log_text(result["path"])
    if result.get("error"):
        lines.append(f"{_paint('error', 'error', colour)}: {log_text(result['error'])}")
        return lines
    for finding in result["findings"]:
        where = f"{path}:{finding['line']}:{finding['column']}" if finding["line"] else f"{path}"
        severity = _paint(finding["severity"], finding["severity"], colour)
        rule = _paint(finding["rule"], "bold", colour)
        approx = " (position approximate)" if finding.get("approximate") else ""
        lines.append(f"{where}: {severity} {rule} {log_text(finding['message'])}{approx}")
        if quiet:
            continue
        underline = _underline(finding)
        if underline is not None:
            excerpt = log_text(finding["excerpt"].replace("\t", " "))
            lines.append(f"    {excerpt}")
            lines.append(f"    {_paint(underline, finding['severity'], colour)}")
    return lines


def summary_line(summary: dict[str, Any], *, colour: bool = False) -> str:
    parts = [
        f"{summary['files']} file{'s' if summary['files'] != 1 else ''}",
        f"{summary['errors']} error{'s' if summary['errors'] != 1 else ''}",
        f"{summary['warnings']} warning{'s' if summary['warnings'] != 1 else ''}",
        f"{summary['infos']} info",
    ]
    if summary.get("suppressed"):
        parts.append(f"{summary['suppressed']} suppressed")
    if summary.get("file_errors"):
        parts.append(f"{summary['file_errors']} could not be read")
    return _paint("Checked " + ", ".join(parts) + ".", "dim", colour)


def render(report: dict[str, Any], rules: list[dict[str, Any]] | None = None, *, options: dict | None = None) -> str:
    options = options or {}
    colour = bool(options.get("colour"))
    quiet = bool(options.get("quiet"))
    lines: list[str] = []
    for result in report["files"]:
        lines.extend(file_lines(result, colour=colour, quiet=quiet))
    if lines and not quiet:
        lines.append("")
    lines.append(summary_line(report["summary"], colour=colour))
    return "\n".join(lines) + "\n"

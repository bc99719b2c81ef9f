"""Terminal text: `path:line:col: severity rule-id message`, the source line
with the span underlined, and a closing summary line. Colour only when the
output is a terminal."""

from __future__ import annotations

import unicodedata
from typing import Any

from healthlint.report import excerpt
from healthlint.report.escape import log_text

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"
# Excerpt window around the underlined span (code points), as in the HTML report.
_BEFORE, _MARK, _AFTER = 80, 300, 120


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 0 if unicodedata.combining(c) else 1 for c in text)


def _paint(text: str, colour: str, enabled: bool) -> str:
    return f"{_COLOURS[colour]}{text}{_RESET}" if enabled else text


def _excerpt_lines(finding: dict[str, Any]) -> tuple[str, str] | None:
    """The excerpt (cut to a window on a long line) and the underline of the
    finding's span in it."""
    if finding.get("column") is None:
        return None
    parts = excerpt.split(finding, _BEFORE, _MARK, _AFTER)
    if parts is None:
        return None
    before, mark, after = (log_text(part.replace("\t", " ")) for part in parts)
    underline = " " * _display_width(before) + "^" * max(1, _display_width(mark))
    return before + mark + after, underline


def file_lines(result: dict[str, Any], *, colour: bool = False, quiet: bool = False,
               errors: bool = True) -> list[str]:
    """The lines of one file's findings (a streaming run writes them as each
    file is done). errors=False leaves out a file that could not be read (the
    caller has said so on stderr)."""
    lines: list[str] = []
    path = log_text(result["path"])
    if result.get("source"):
        lines.append(_paint(log_text(source_line(result["source"])), "dim", colour))
    if result.get("error"):
        if errors:
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
        shown = _excerpt_lines(finding)
        if shown is not None:
            lines.append(f"    {shown[0]}")
            lines.append(f"    {_paint(shown[1], finding['severity'], colour)}")
    return lines


def source_line(source: dict[str, Any]) -> str:
    """Where a fetched article came from: a WordPress post and its edit
    link, or a page's URL and fetch time."""
    if source.get("kind") == "wordpress":
        return (f"{source['post_type']} {source['post_id']} \"{source['title']}\" ({source['status']}): "
                f"edit at {source['edit_link']}")
    return f"{source.get('url')} fetched {source.get('fetched_at')}" + (
        f", saved as {source['saved_html']}" if source.get("saved_html") else "")


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

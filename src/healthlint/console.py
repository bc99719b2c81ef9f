"""What the command line says besides the report: warnings about choices
that would otherwise silently do nothing, where a report went, and a quiet
end when the reader of the output has gone away."""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

# A program killed by SIGPIPE exits 128 + 13 in a shell; a closed pipe ends
# healthlint the same way, without a message.
EXIT_CLOSED_PIPE = 141


def preview_warnings(selectors: tuple[str, ...], preview: bool) -> list[str]:
    """--select of preview rules without --preview runs nothing for them: say so."""
    if preview:
        return []
    from healthlint.registry import all_rules, resolve_selector

    rules = all_rules()
    notes = []
    for selector in selectors:
        chosen = resolve_selector(selector)
        if selector != "ALL" and chosen and all(rules[r].status == "preview" for r in chosen):
            what = "a preview rule" if selector in rules else "a category of preview rules"
            notes.append(f"--select {selector}: {what}, which runs only with --preview (or preview = true in "
                         "the config); nothing of it was run")
    return notes


def report_written(output: str, fmt: str, summary: dict[str, Any]) -> str:
    """The lines printed after a report went to a file: where, and the totals."""
    from healthlint.report.text import summary_line

    return f"healthlint: wrote the {fmt} report to {output}\n{summary_line(summary)}"


def end_on_closed_pipe() -> NoReturn:
    """The reader of standard output went away (`healthlint check . | head`):
    stop quietly, as cat and grep do. Standard output is pointed at /dev/null
    so the interpreter's final flush cannot complain about the pipe either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture output)
        pass
    sys.exit(EXIT_CLOSED_PIPE)

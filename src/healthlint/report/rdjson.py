"""reviewdog's rdjson (Reviewdog Diagnostic Format, `DiagnosticResult`).

`healthlint check --format rdjson | reviewdog -f=rdjson -reporter=github-pr-review`
turns findings into inline review comments on GitHub, GitLab, Gitea and
Bitbucket. The shape is checked by schemas/rdjson.schema.json.

* Lines are 1-based and columns count UTF-8 bytes from 1, as the format asks
  (healthlint's report counts code points), so the line is read from the
  linted file; when it cannot be read (standard input), code points are given.
* The range end is exclusive, as in the report.
* A finding with a fix carries it as a `suggestion` (reviewdog shows it as a
  suggested change); a document-level finding has a location without range.
* Suppressed findings (inline, front matter, baseline) are left out; a file
  that could not be read is one ERROR diagnostic on that file.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from healthlint.source import SourceText

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
SOURCE = {"name": "healthlint", "url": "https://healthlint.dev"}


def read_source(path: str) -> SourceText | None:
    from healthlint.errors import InputError
    from healthlint.loader import decode

    try:
        with open(path, "rb") as handle:
            return SourceText(decode(handle.read(), path))
    except (OSError, InputError):
        return None


class Columns:
    """Code-point columns of one file's report -> UTF-8 byte columns."""

    def __init__(self, source: SourceText | None):
        self.source = source

    def position(self, line: int, column: int) -> dict[str, int]:
        if self.source is None or line > len(self.source.line_starts):
            return {"line": line, "column": column}
        text = self.source.line_text(line)
        return {"line": line, "column": len(text[: column - 1].encode("utf-8", "surrogatepass")) + 1}

    def at_offset(self, offset: int) -> dict[str, int]:
        assert self.source is not None
        line, column = self.source.position(offset)
        return self.position(line, column)


def _diagnostic(path: str, f: dict[str, Any], columns: Columns) -> dict[str, Any]:
    from healthlint.registry import docs_url

    location: dict[str, Any] = {"path": path}
    if f.get("line") is not None:
        end = columns.position(f["end_line"] or f["line"], f["end_column"] or f["column"])
        location["range"] = {"start": columns.position(f["line"], f["column"]), "end": end}
    out: dict[str, Any] = {
        "message": f["message"],
        "location": location,
        "severity": _SEVERITY.get(f.get("severity") or "", "WARNING"),
        "source": SOURCE,
        "code": {"value": f["rule"], "url": docs_url(f["rule"])},
    }
    fix = f.get("fix")
    if fix and columns.source is not None:
        out["suggestions"] = [{"range": {"start": columns.at_offset(e["start"]), "end": columns.at_offset(e["end"])},
                               "text": e["text"]} for e in fix["edits"]]
    return out


def render(report: dict[str, Any], rules: list[dict[str, Any]] | None = None, *,
           options: dict[str, Any] | None = None) -> str:
    reader: Callable[[str], SourceText | None] = (options or {}).get("read_source") or read_source
    diagnostics: list[dict[str, Any]] = []
    for entry in report.get("files") or []:
        path = entry["path"]
        if entry.get("error"):
            diagnostics.append({"message": entry["error"], "location": {"path": path}, "severity": "ERROR",
                                "source": SOURCE})
            continue
        findings = entry.get("findings") or []
        if not findings:
            continue
        columns = Columns(reader(path))
        diagnostics.extend(_diagnostic(path, f, columns) for f in findings)
    result = {"source": SOURCE, "diagnostics": diagnostics}
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"

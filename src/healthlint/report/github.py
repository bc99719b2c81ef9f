"""GitHub Actions workflow-command annotations and step summary.

``render(report, rules)`` returns lines such as::

    ::error file=a.html,line=12,endLine=12,col=5,endColumn=31,title=healthlint (claim-disease)::message

* ``warning`` findings use ``::warning``, ``info`` findings ``::notice``;
* all errors come first, then warnings, then notices (GitHub shows at most
  10 annotations of each level per step and 50 per job, so the most important
  ones must come first);
* ``col``/``endColumn`` are only given when the finding starts and ends on the
  same line (a GitHub constraint); ``endColumn`` is passed through as the
  report has it (one past the last character), as ruff does;
* a document-level finding (``line: null``) is annotated on the file only;
* a file that could not be read becomes an ``::error`` on that file;
* suppressed findings are not annotated;
* at most ``options["max_annotations"]`` (default 50) lines per level; when
  some are left out a final ``::notice`` line says how many.

Escaping follows ``@actions/core`` (``toCommandValue``/``escapeData``/
``escapeProperty``): in the message ``%``, CR and LF are percent-encoded; in
property values ``:`` and ``,`` are encoded as well.

``write_step_summary(report, path)`` appends a Markdown summary to the file
named by ``$GITHUB_STEP_SUMMARY``; ``render`` never reads the environment.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from healthlint.report.escape import escape_surrogates

DEFAULT_MAX_ANNOTATIONS = 50
_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
_ORDER = ("error", "warning", "info")


def escape_data(value: Any) -> str:
    """Escape a workflow-command message (``escapeData`` in @actions/core)."""
    return escape_surrogates(str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: Any) -> str:
    """Escape a workflow-command property value (``escapeProperty``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, props: list[tuple[str, Any]], message: str) -> str:
    prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props if v is not None)
    return f"::{level} {prop_text}::{escape_data(message)}" if prop_text else f"::{level}::{escape_data(message)}"


def annotation(path: str, f: dict[str, Any], source: dict[str, Any] | None = None) -> str:
    """One annotation line for one finding of the file at ``path``."""
    level = _COMMAND.get(f.get("severity") or "", "warning")
    props: list[tuple[str, Any]] = [("file", path)]
    line = f.get("line")
    if line:
        props.append(("line", int(line)))
        end_line = f.get("end_line") or line
        props.append(("endLine", int(end_line)))
        if f.get("column") and int(end_line) == int(line):
            col = int(f["column"])
            props.append(("col", col))
            if f.get("end_column"):
                props.append(("endColumn", max(int(f["end_column"]), col)))
    props.append(("title", f"healthlint ({f['rule']})"))
    message = f.get("message") or f["rule"]
    if f.get("approximate"):
        message += " (approximate position)"
    if source:  # a WordPress post or a fetched page: say which, and where to edit it
        from healthlint.report.text import source_line

        message += f" [{source_line(source)}]"
    return _command(level, props, message)


class Annotations:
    """Collects annotation lines file by file, keeping at most ``cap`` per level
    (so a streaming run over thousands of files holds a bounded amount)."""

    def __init__(self, cap: int | None = DEFAULT_MAX_ANNOTATIONS):
        self.cap = None if cap is None or int(cap) <= 0 else int(cap)
        self.by_level: dict[str, list[str]] = {s: [] for s in _ORDER}
        self.left_out: dict[str, int] = {}

    def _push(self, level: str, line: str) -> None:
        items = self.by_level[level]
        if self.cap is not None and len(items) >= self.cap:
            self.left_out[level] = self.left_out.get(level, 0) + 1
        else:
            items.append(line)

    def add(self, fentry: dict[str, Any]) -> None:
        path = fentry["path"]
        if fentry.get("error"):
            self._push("error", _command("error", [("file", path), ("title", "healthlint (input error)")],
                                         fentry["error"]))
        for f in fentry.get("findings") or []:
            sev = f.get("severity") if f.get("severity") in self.by_level else "warning"
            self._push(sev, annotation(path, f, fentry.get("source")))

    def text(self) -> str:
        lines: list[str] = []
        for sev in _ORDER:
            lines.extend(self.by_level[sev])
        left_out = {s: self.left_out[s] for s in _ORDER if s in self.left_out}
        if left_out:
            names = {"error": "errors", "warning": "warnings", "info": "notices"}
            detail = ", ".join(f"{n} {names[s]}" for s, n in left_out.items())
            total = sum(left_out.values())
            lines.append(_command("notice", [("title", "healthlint")],
                                  f"{total} more findings not annotated ({detail}); "
                                  "see the job summary or run with --format sarif or html for all findings"))
        return "".join(line + "\n" for line in lines)


def render(report: dict[str, Any], rules: list[dict[str, Any]] | None = None, *,
           options: dict[str, Any] | None = None) -> str:
    """Render GitHub annotations, one per line (with trailing newline; empty if clean)."""
    options = options or {}
    collector = Annotations(options.get("max_annotations", DEFAULT_MAX_ANNOTATIONS))
    for fentry in report.get("files") or []:
        collector.add(fentry)
    return collector.text()


# --------------------------------------------------------------------------
# Step summary


def _md_cell(value: Any) -> str:
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("`", "\\`").replace("[", "\\[").replace("]", "\\]")


def step_summary(report: dict[str, Any], *, top: int = 10) -> str:
    """The Markdown text that ``write_step_summary`` appends."""
    tool = report.get("tool") or {}
    summary = report.get("summary") or {}
    files = report.get("files") or []
    out = [f"## healthlint {_md_cell(tool.get('version', ''))}".rstrip(), ""]
    out.append(
        f"{summary.get('files', len(files))} files: **{summary.get('errors', 0)} errors**, "
        f"{summary.get('warnings', 0)} warnings, {summary.get('infos', 0)} infos, "
        f"{summary.get('suppressed', 0)} suppressed"
        + (f", {summary['file_errors']} not checked (input error)" if summary.get("file_errors") else "")
    )
    out += ["", "| File | Score | Errors | Warnings | Infos | Suppressed |",
            "|---|---:|---:|---:|---:|---:|"]

    def key(fentry: dict[str, Any]) -> tuple[int, int, str]:
        score = (fentry.get("scores") or {}).get("overall")
        return (0 if fentry.get("error") else 1, 101 if score is None else score, fentry["path"])

    counts: Counter[tuple[str, str]] = Counter()
    for fentry in sorted(files, key=key):
        findings = fentry.get("findings") or []
        c = Counter(f.get("severity") for f in findings)
        for f in findings:
            counts[(f["rule"], f.get("severity") or "")] += 1
        if fentry.get("error"):
            score = "input error"
        else:
            overall = (fentry.get("scores") or {}).get("overall")
            score = "–" if overall is None else str(overall)
        out.append(f"| {_md_cell(fentry['path'])} | {score} | "
                   f"{c['error']} | {c['warning']} | {c['info']} | {len(fentry.get('suppressed') or [])} |")
    if counts:
        out += ["", "**Top rules**", "", "| Rule | Severity | Findings |", "|---|---|---:|"]
        rank = {s: i for i, s in enumerate(_ORDER)}
        for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], rank.get(kv[0][1], 9), kv[0][0]))[:top]:
            out.append(f"| `{_md_cell(rule)}` | {sev} | {n} |")
    return "\n".join(out) + "\n\n"


def write_step_summary(report: dict[str, Any], path: str | os.PathLike[str] | None = None) -> None:
    """Append the Markdown summary to ``path`` (the ``$GITHUB_STEP_SUMMARY`` file).

    With ``path=None`` the environment variable is read; if it is unset,
    nothing is written.
    """
    if path is None:
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if not path:
            return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(step_summary(report))

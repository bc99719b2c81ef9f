"""What the language server says about one linted buffer: diagnostics, code
actions and hover text, built from the engine's result (the same dict the
JSON report holds) and the text that was linted.

Kept apart from the server loop so each piece works on plain values; the
server only decides when to lint and whom to tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types as lsp

from healthlint.lsp.positions import LineIndex

SOURCE = "healthlint"
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.healthlint"
# The front matter block a directive for the whole file must come after.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.S | re.M)


@dataclass
class Linted:
    """One linted version of a document."""

    uri: str
    version: int | None
    display: str
    index: LineIndex
    result: dict[str, Any]
    inline_config: bool = True
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self.result.get("findings") or []


# ----------------------------------------------------------------- diagnostics

def finding_range(finding: dict[str, Any], index: LineIndex) -> lsp.Range:
    """A finding's range; a document-level finding sits at the top of the file."""
    if finding.get("line") is None:
        return lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
    start = index.position_of_column(finding["line"], finding["column"])
    end = index.position_of_column(finding["end_line"] or finding["line"],
                                   finding["end_column"] or finding["column"])
    return lsp.Range(lsp.Position(*start), lsp.Position(*end))


def diagnostics(linted: Linted) -> list[lsp.Diagnostic]:
    from healthlint.registry import docs_url

    if linted.result.get("error"):
        return [lsp.Diagnostic(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                               message=linted.result["error"], severity=lsp.DiagnosticSeverity.Error,
                               source=SOURCE)]
    out = []
    for finding in linted.findings:
        out.append(lsp.Diagnostic(
            range=finding_range(finding, linted.index),
            message=finding["message"],
            severity=SEVERITY[finding["severity"]],
            code=finding["rule"],
            code_description=lsp.CodeDescription(href=docs_url(finding["rule"])),
            source=SOURCE,
            data={"fingerprint": finding["fingerprint"]},
        ))
    return out


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def findings_in(linted: Linted, where: lsp.Range) -> list[tuple[dict[str, Any], lsp.Diagnostic]]:
    return [(f, d) for f, d in zip(linted.findings, linted.diagnostics, strict=True) if _overlaps(d.range, where)]


# ----------------------------------------------------------------- code actions

def _edit(linted: Linted, start: int, end: int, text: str) -> lsp.TextEdit:
    index = linted.index
    return lsp.TextEdit(range=lsp.Range(lsp.Position(*index.position(start)), lsp.Position(*index.position(end))),
                        new_text=text)


def _workspace_edit(linted: Linted, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
    # `changes`, which every client supports; the server answers only for the
    # version it linted, so the offsets are never stale
    return lsp.WorkspaceEdit(changes={linted.uri: edits})


def _non_overlapping(edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The edits --fix would apply together (it skips one that overlaps a later one)."""
    kept: list[dict[str, Any]] = []
    last_start = None
    for edit in sorted(edits, key=lambda e: (e["start"], e["end"]), reverse=True):
        if last_start is not None and edit["end"] > last_start:
            continue
        kept.append(edit)
        last_start = edit["start"]
    return kept[::-1]


def fix_action(linted: Linted, finding: dict[str, Any], diagnostic: lsp.Diagnostic) -> lsp.CodeAction:
    fix = finding["fix"]
    edits = [_edit(linted, e["start"], e["end"], e["text"]) for e in _non_overlapping(fix["edits"])]
    return lsp.CodeAction(title=f"healthlint: {fix['description']}", kind=lsp.CodeActionKind.QuickFix,
                          diagnostics=[diagnostic], is_preferred=True, edit=_workspace_edit(linted, edits))


def fix_all_action(linted: Linted) -> lsp.CodeAction | None:
    fixable = [f for f in linted.findings if f.get("fix")]
    if not fixable:
        return None
    edits = _non_overlapping([e for f in fixable for e in f["fix"]["edits"]])
    return lsp.CodeAction(title=f"healthlint: apply every safe fix ({len(fixable)})", kind=FIX_ALL_KIND,
                          edit=_workspace_edit(linted, [_edit(linted, e["start"], e["end"], e["text"]) for e in edits]))


def _line_break(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"


def _suppressed_by(text: str, linted: Linted, rule: str, offset: int | None) -> bool:
    """Whether text (the buffer with a directive added) parses, front matter
    intact, with the finding at offset suppressed: a comment written where
    the parser does not see a comment (inside a tag, a <script>, YAML front
    matter) would otherwise look like a fix and do nothing, or break the page."""
    from healthlint.loader import parse_text
    from healthlint.suppress import parse_suppressions

    try:
        doc = parse_text(text, linted.display)
    except RecursionError:
        return False
    had_error = any(f["rule"] == "front-matter-invalid" for f in linted.findings)
    if doc.front_matter_error is not None and not had_error:
        return False
    return parse_suppressions(doc, True).match(rule, offset) is not None


def disable_line_action(linted: Linted, finding: dict[str, Any], diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
    """`healthlint-disable-line` at the end of the finding's first line, or
    else `healthlint-disable-next-line` on a line of its own above it: the
    first that the parser reads as a suppression of this finding."""
    if not linted.inline_config or finding.get("line") is None:
        return None
    rule = finding["rule"]
    source = linted.index.source
    text = source.text
    line = finding["line"]
    offset = source.line_starts[line - 1] + finding["column"] - 1
    line_start = source.line_starts[line - 1]
    line_end = line_start + len(source.line_text(line))
    indent = re.match(r"[ \t]*", text[line_start:line_end]).group(0)  # type: ignore[union-attr]
    above = f"{indent}<!-- healthlint-disable-next-line {rule} -->{_line_break(text)}"
    candidates = [
        (line_end, f" <!-- healthlint-disable-line {rule} -->", offset),
        (line_start, above, offset + len(above)),
    ]
    for at, insert, new_offset in candidates:
        if _suppressed_by(text[:at] + insert + text[at:], linted, rule, new_offset):
            return lsp.CodeAction(title=f"healthlint: disable {rule} for this line", kind=lsp.CodeActionKind.QuickFix,
                                  diagnostics=[diagnostic], edit=_workspace_edit(linted, [_edit(linted, at, at, insert)]))
    return None


def disable_file_action(linted: Linted, finding: dict[str, Any], diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
    """A document-level finding has no line: `healthlint-disable` at the top
    (after any front matter) covers the file."""
    if not linted.inline_config or finding.get("line") is not None:
        return None
    rule = finding["rule"]
    text = linted.index.text
    front = _FRONT_MATTER.match(text)
    at = front.end() if front else 0
    insert = f"<!-- healthlint-disable {rule} -->{_line_break(text)}"
    if not _suppressed_by(text[:at] + insert + text[at:], linted, rule, None):
        return None
    return lsp.CodeAction(title=f"healthlint: disable {rule} for this file", kind=lsp.CodeActionKind.QuickFix,
                          diagnostics=[diagnostic], edit=_workspace_edit(linted, [_edit(linted, at, at, insert)]))


def code_actions(linted: Linted, where: lsp.Range, only: list[str] | None = None) -> list[lsp.CodeAction]:
    def wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    actions: list[lsp.CodeAction] = []
    if wanted(lsp.CodeActionKind.QuickFix.value):
        for finding, diagnostic in findings_in(linted, where):
            if finding.get("fix"):
                actions.append(fix_action(linted, finding, diagnostic))
            disable = disable_line_action(linted, finding, diagnostic) or disable_file_action(linted, finding,
                                                                                              diagnostic)
            if disable is not None:
                actions.append(disable)
    if wanted(FIX_ALL_KIND):
        fix_all = fix_all_action(linted)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


# ----------------------------------------------------------------- hover

_TITLES = (("what", "What it does"), ("why", "Why it matters"), ("example", "Example"), ("instead", "Instead"))


def rule_markdown(rule_id: str) -> str:
    from healthlint.registry import docs_url, get_rule

    cls = get_rule(rule_id)
    if cls is None:
        return f"**{rule_id}**"
    meta = cls.metadata()
    parts = [f"**{meta['id']}** ({meta['category']}, default {meta['severity']}"
             f"{', preview' if meta['status'] == 'preview' else ''}): {meta['summary']}"]
    for key, title in _TITLES:
        if meta["docs"].get(key):
            parts.append(f"### {title}\n\n{meta['docs'][key]}")
    parts.append(f"[Rule documentation]({docs_url(rule_id)})")
    return "\n\n".join(parts)


def hover(linted: Linted, position: lsp.Position) -> lsp.Hover | None:
    point = lsp.Range(position, position)
    hits = findings_in(linted, point)
    if not hits:
        return None
    sections = []
    for rule in dict.fromkeys(f["rule"] for f, _ in hits):
        messages = "\n".join(f"- {f['message']}" for f, _ in hits if f["rule"] == rule)
        sections.append(f"{messages}\n\n{rule_markdown(rule)}")
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(sections)),
                     range=hits[0][1].range)

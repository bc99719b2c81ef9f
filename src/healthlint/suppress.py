"""Inline suppressions, written as HTML comments (valid in HTML and Markdown):

    <!-- healthlint-disable claim-absolute, trust -- quoted from a reader's letter -->
    <!-- healthlint-enable claim-absolute -->
    <!-- healthlint-disable-next-line affiliate-link-rel -->
    <!-- healthlint-disable-line heading-too-long -->

and in front matter: `healthlint: {disable: [rule-id, ...]}`. Without ids a
directive covers every rule. Ids may be rule ids or category names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthlint.model import Document
from healthlint.registry import resolve_selector
from healthlint.source import Span

_DIRECTIVE = re.compile(r"^\s*healthlint-(disable-next-line|disable-line|disable|enable)(?![\w-])(.*)$", re.S)


@dataclass(eq=False)
class Directive:
    kind: str
    selectors: list[str]
    rules: set[str] | None  # None = every rule
    reason: str | None
    span: Span
    start: int  # range it covers, raw offsets
    end: int
    used: set[str] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)


@dataclass
class Suppressions:
    directives: list[Directive]
    file_wide: set[str]
    file_wide_reason: str | None

    def match(self, rule_id: str, offset: int | None) -> tuple[str, str | None] | None:
        """(kind, reason) when a finding of rule_id at offset is suppressed."""
        if rule_id in self.file_wide:
            return "front-matter", self.file_wide_reason
        for directive in self.directives:
            if directive.kind == "enable":
                continue
            if directive.rules is not None and rule_id not in directive.rules:
                continue
            if offset is None:
                hit = directive.end >= self._eof and directive.kind == "disable"
            else:
                hit = directive.start <= offset < directive.end
            if hit:
                directive.used.add(rule_id)
                return "inline", directive.reason
        return None

    _eof: int = 0


def parse_suppressions(doc: Document, inline: bool) -> Suppressions:
    eof = len(doc.source.text)
    file_wide: set[str] = set()
    front = doc.front_matter.get("healthlint") if isinstance(doc.front_matter, dict) else None
    reason = None
    if isinstance(front, dict):
        disable = front.get("disable") or []
        if isinstance(disable, str):
            disable = [disable]
        for selector in disable:
            file_wide |= resolve_selector(str(selector))
        reason = front.get("reason") if isinstance(front.get("reason"), str) else None
    directives: list[Directive] = []
    if inline:
        for comment in doc.comments:
            m = _DIRECTIVE.match(comment.text)
            if not m:
                continue
            kind, rest = m.group(1), m.group(2)
            reason_text = None
            if "--" in rest:
                rest, reason_text = rest.split("--", 1)
                reason_text = reason_text.strip() or None
            selectors = [s for s in re.split(r"[\s,]+", rest.strip()) if s]
            rules: set[str] | None = None
            unknown: list[str] = []
            if selectors:
                rules = set()
                for selector in selectors:
                    resolved = resolve_selector(selector)
                    if not resolved:
                        unknown.append(selector)
                    rules |= resolved
            source = doc.source
            end_line, _ = source.position(max(comment.span.end - 1, comment.span.start))
            if kind == "disable-next-line":
                line = end_line + 1
                start = source.line_starts[line - 1] if line <= len(source.line_starts) else eof
                end = source.line_starts[line] if line < len(source.line_starts) else eof
            elif kind == "disable-line":
                first_line, _ = source.position(comment.span.start)
                start = source.line_starts[first_line - 1]
                end = source.line_starts[end_line] if end_line < len(source.line_starts) else eof
            else:
                start, end = comment.span.end, eof
            directives.append(Directive(kind, selectors, rules, reason_text, comment.span, start, end, unknown=unknown))
        _close_ranges(directives)
    suppressions = Suppressions(directives, file_wide, reason)
    suppressions._eof = eof
    return suppressions


def _close_ranges(directives: list[Directive]) -> None:
    """An enable ends the earlier disables of the same rules; a disable of
    more rules than the enable names goes on for the others."""
    added: list[Directive] = []
    for i, enable in enumerate(directives):
        if enable.kind != "enable":
            continue
        for disable in [*directives[:i], *added]:
            if disable.kind != "disable" or not disable.start <= enable.span.start < disable.end:
                continue
            if enable.rules is not None and disable.rules is not None and not disable.rules & enable.rules:
                continue
            rest = None
            if enable.rules is not None:
                covered = disable.rules if disable.rules is not None else resolve_selector("ALL")
                remaining = covered - enable.rules
                if remaining:
                    rest = Directive("disable", disable.selectors, remaining, disable.reason, disable.span,
                                     enable.span.end, disable.end, disable.used)
            disable.end = enable.span.start
            if rest is not None:
                added.append(rest)
    directives.extend(added)

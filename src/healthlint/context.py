"""What a rule sees besides the document: packs, options, the report call.

The rules and the analyses they share (keyphrase, links, evidence, FAQ...)
take a Context, so it sits below them and imports neither the engine nor the
rule registry: a finding records the rule id, and the engine resolves its
effective severity when it builds the file's result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from healthlint.model import Block, Document
from healthlint.packs import Packs, PhraseSet
from healthlint.settings import Settings
from healthlint.source import Span
from healthlint.text import sentences

MAX_FINDINGS_PER_RULE = 500


@dataclass(eq=False)
class Finding:
    rule: str
    message: str
    span: Span | None
    fix: dict[str, Any] | None = None
    suggestion: str | None = None
    approximate: bool = False


class Context:
    """What a rule sees besides the document: packs, options, the report call."""

    def __init__(self, doc: Document, settings: Settings, packs: Packs):
        self.doc = doc
        self.settings = settings
        self.packs = packs
        self.lang = doc.lang
        self.findings: list[Finding] = []
        # the id of the rule whose check is running (the engine sets it): the default of option() and report()
        self.rule_id: str | None = None
        self.counts: dict[str, int] = {}

    # -- data ---------------------------------------------------------------
    def phrases(self, name: str, lang: str | None = None) -> PhraseSet:
        if lang is not None and lang != self.lang:
            return self.packs.phrases_alone(lang, name)  # keeps the page's scan to its own language's lists
        return self.packs.phrases(lang or self.lang, name)

    def words(self, name: str, lang: str | None = None) -> frozenset[str]:
        return self.packs.words(lang or self.lang, name)

    def option(self, key: str, rule_id: str | None = None) -> Any:
        rid = rule_id or self.rule_id or ""
        return self.settings.option(rid, key)

    @property
    def abbreviations(self) -> frozenset[str]:
        return self.words("abbreviations")

    def sentences(self) -> list:
        return sentences(self.doc, self.abbreviations)

    # -- reporting ----------------------------------------------------------
    def report(
        self,
        message: str,
        *,
        block: Block | None = None,
        start: int = 0,
        end: int | None = None,
        span: Span | None = None,
        fix: dict[str, Any] | None = None,
        suggestion: str | None = None,
        rule_id: str | None = None,
    ) -> None:
        """Report a finding: a range inside block.text, a raw span, or nothing
        (a document-level finding). Past MAX_FINDINGS_PER_RULE findings of one
        rule in one file, the rest are only counted (a machine-made page can
        repeat one problem a million times; nobody reads past the first few
        hundred, and holding them all costs memory)."""
        rid = rule_id or self.rule_id or "internal-error"
        count = self.counts.get(rid, 0) + 1
        self.counts[rid] = count
        if count > MAX_FINDINGS_PER_RULE:
            return
        approximate = False
        if block is not None and span is None:
            if end is None:
                end = len(block.text)
            span = block.span_of(start, end) if block.text else block.span
            approximate = not block.tmap.exact
        self.findings.append(Finding(rid, message, span, fix, suggestion, approximate))

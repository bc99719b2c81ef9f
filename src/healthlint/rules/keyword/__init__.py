"""keyword-* rules: the focus keyphrase (healthlint.keyphrase does the matching)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.keyphrase import Matcher, matcher
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class KeywordRule(Rule):
    """Base of the keyword rules that need a keyphrase: not applicable without one."""

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(doc.keyword)


def keyphrase_matcher(doc: Document, ctx: Context) -> Matcher:
    """The matcher of the document's keyphrase, which a KeywordRule's check
    always has (applicable() is false without one)."""
    found = matcher(doc, ctx)
    assert found is not None, "a keyword rule checked a document without a keyphrase"
    return found


def quote_kp(doc) -> str:
    return f'"{doc.keyword}"'

"""keyword-* rules: the focus keyphrase (healthlint.keyphrase does the matching)."""

from __future__ import annotations

from healthlint.registry import Rule


class KeywordRule(Rule):
    """Base of the keyword rules that need a keyphrase: not applicable without one."""

    def applicable(self, doc, ctx):
        return bool(doc.keyword)


def quote_kp(doc) -> str:
    return f'"{doc.keyword}"'

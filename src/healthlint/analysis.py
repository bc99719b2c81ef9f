"""Shared figures several rules and the reports need (placeholders until the
keyword and readability rules land)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from healthlint.model import Document

if TYPE_CHECKING:
    from healthlint.engine import Context


def keyword_stats(doc: Document, ctx: Context) -> dict[str, Any]:
    return {"keyword_count": None, "keyword_density": None}


def readability_stats(doc: Document, ctx: Context) -> dict[str, Any]:
    return {"flesch": None, "long_sentence_share": None}

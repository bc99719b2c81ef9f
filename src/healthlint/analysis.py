"""Shared figures the keyword and readability rules and the reports need,
computed once per document and cached on it.

* Keyphrase count: occurrences of the focus keyphrase in the body (headings
  included, as Yoast counts them), from healthlint.keyphrase. Density is the
  count per 100 body words (Yoast's *raw* density; Yoast's 0.5-3 % band applies
  to a density weighted by keyphrase length, see docs/yoast-comparison.md).
* Readability: the body's readable blocks (prose, headings, table cells;
  not quotations, which are someone else's words, nor code). Flesch reading
  ease (en) or Flesch-Douma (nl) from healthlint.readability, with numbers
  left out of the word and syllable counts (as Yoast does), clamped to 0-100
  like Yoast's figure. A long sentence has more than 20 words
  (readability-long-sentences' option).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from healthlint import readability
from healthlint.keyphrase import body_sentences, occurrences
from healthlint.model import Document
from healthlint.stagetimes import stage
from healthlint.stats import body_word_count
from healthlint.text import Sentence, block_offsets, index

if TYPE_CHECKING:
    from healthlint.context import Context

# a word (as healthlint.text.WORD) with at least one letter: numbers are not words for Flesch
_LETTER_WORD = re.compile(r"(?=[\w'\-]*?[^\W\d_])[^\W_]+(?:['\-][^\W_]+)*")


def keyword_count(doc: Document, ctx: Context) -> int | None:
    if not doc.keyword:
        return None
    return sum(o.count for o in occurrences(doc, ctx))


def keyword_stats(doc: Document, ctx: Context) -> dict[str, Any]:
    cached = doc._cache.get("analysis:keyword")
    if cached is None:
        count = keyword_count(doc, ctx)
        words = body_word_count(doc)
        density = None
        if count is not None and words:
            density = round(100.0 * count / words, 2)
        cached = doc._cache["analysis:keyword"] = {"keyword_count": count, "keyword_density": density}
    return cached


def readable_sentences(doc: Document, ctx: Context) -> list[Sentence]:
    """Body sentences the readability figures use: not in quotations."""
    cached = doc._cache.get("analysis:readable_sentences")
    if cached is None:
        cached = [s for s in body_sentences(doc, ctx) if not s.block.in_quote and s.block.kind != "quote"]
        doc._cache["analysis:readable_sentences"] = cached
    return cached


@stage("readability words + syllables")
def readability_counts(doc: Document, ctx: Context) -> dict[str, Any]:
    """Sentence, word and syllable totals of the readable sentences, and each
    sentence's word count (words_per_sentence, in readable_sentences order)."""
    cached = doc._cache.get("analysis:readability_counts")
    if cached is None:
        lang = doc.lang if doc.lang in ("nl", "en") else "en"
        long_limit = int(ctx.option("max_words", "readability-long-sentences"))
        sentences = 0
        words = 0
        syllables = 0
        lengths: list[int] = []
        per_sentence: list[int] = []
        # words are read from the page's folded text (folded once), not by folding each sentence again
        page = index(doc, "all")
        folded = page.text
        offsets = block_offsets(doc)
        find_words = _LETTER_WORD.findall
        for sentence in readable_sentences(doc, ctx):
            base = offsets[id(sentence.block)]
            found = find_words(folded, base + sentence.start, base + sentence.end)
            per_sentence.append(len(found))
            if not found:
                continue
            sentences += 1
            words += len(found)
            syllables += readability.count_syllables(found, lang)
            lengths.append(len(found))
        long = sum(1 for n in lengths if n > long_limit)
        cached = doc._cache["analysis:readability_counts"] = {
            "lang": lang, "sentences": sentences, "words": words, "syllables": syllables,
            "lengths": lengths, "long": long, "long_limit": long_limit, "words_per_sentence": per_sentence,
        }
    return cached


def readability_stats(doc: Document, ctx: Context) -> dict[str, Any]:
    cached = doc._cache.get("analysis:readability")
    if cached is None:
        counts = readability_counts(doc, ctx)
        score = readability.flesch(counts["words"], counts["sentences"], counts["syllables"], counts["lang"])
        flesch = None if score is None else round(min(100.0, max(0.0, score)), 1)
        share = round(counts["long"] / counts["sentences"], 4) if counts["sentences"] else None
        cached = doc._cache["analysis:readability"] = {"flesch": flesch, "long_sentence_share": share}
    return cached


def document_stats(doc: Document, ctx: Context) -> dict[str, Any]:
    """Per-file figures shown in reports (word count, keyphrase density, Flesch)."""
    return {
        "words": body_word_count(doc),
        "sentences": len(ctx.sentences()),
        "paragraphs": sum(1 for b in doc.body_blocks if b.kind == "paragraph"),
        "headings": len(doc.headings),
        "links": len(doc.links),
        **keyword_stats(doc, ctx),
        **readability_stats(doc, ctx),
    }

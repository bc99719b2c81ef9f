from __future__ import annotations

import re
from typing import TYPE_CHECKING

from healthlint.rules.keyword import KeywordRule, keyphrase_matcher, quote_kp
from healthlint.text import block_sentences, fold, word_count

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

# class names of byline / post-meta containers in common CMS themes
_META_CLASS = re.compile(r"byline|author|post-?meta|entry-?meta|meta-?data|article-?meta|dateline|"
                         r"published|updated|date|breadcrumb|reading-?time|leestijd", re.I)
_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\b(?:19|20)\d\d\b")
_BYLINE_START = re.compile(r"^\W*(?:door|by|auteur|author|geschreven door|written by|"
                           r"(?:laatst |last )?(?:bijgewerkt|updated|gepubliceerd|published|geplaatst|posted)"
                           r"|leestijd|reading time)\b", re.I)
_BYLINE_MAX_WORDS = 25
_NOTICE_MAX_WORDS = 40


def is_byline(block, ctx) -> bool:
    """A byline, date or reading-time line above the article text: short, and
    either inside an element whose class says so, or starting with a byline or
    date cue ("Door …", "By …", "Bijgewerkt op …"), or holding a date and no
    full sentence."""
    if word_count(block.text) > _BYLINE_MAX_WORDS:
        return False
    el = block.element
    nodes = [el, *el.ancestors(6)] if el is not None else []
    for node in nodes:
        if node.tag in ("time", "address") or _META_CLASS.search(node.attrs.get("class", "")):
            return True
    text = block.text.strip()
    folded = fold(text).lstrip(" *_-|·•")
    cue = bool(_BYLINE_START.search(text)) or any(
        ctx.phrases(name).match(folded) for name in ("byline", "date_cues"))
    has_date = bool(_DATE.search(text)) or bool(ctx.phrases("months").search(text))
    ends_sentence = text.endswith((".", "?", "!"))
    # "Door een tekort krijg je krampen." starts with a cue but is a sentence
    return (cue and (has_date or not ends_sentence)) or (has_date and not ends_sentence)


def is_notice(block, ctx) -> bool:
    """A short affiliate or advertising notice above the article ("We may earn
    a commission…", "Dit artikel bevat affiliate links"): not the introduction."""
    if word_count(block.text) > _NOTICE_MAX_WORDS:
        return False
    return any(ctx.phrases("disclosure", lang).search(block.text) for lang in ("nl", "en"))


def intro_paragraph(doc, ctx):
    """The first paragraph of body text after the H1, skipping byline and date
    lines and disclosure notices."""
    for block in doc.body_blocks:
        if block.kind != "paragraph" or block.in_quote or not block.text.strip():
            continue
        if is_byline(block, ctx) or is_notice(block, ctx):
            continue
        return block
    return None


class KeywordIntro(KeywordRule):
    """## What it does
    Flags an introduction without the focus keyphrase: no sentence of the
    first paragraph of body text holds all its words. The first paragraph is
    the first `<p>` (Markdown paragraph) of the article body that is not a
    byline, date or reading-time line (short lines starting "Door …", "By …",
    "Bijgewerkt op …", holding a date, or inside an element with a class such
    as `byline`, `post-meta` or `entry-meta`) nor a short affiliate notice
    ("We may earn a commission…").

    ## Why it matters
    Readers decide in the first lines whether the page answers their
    question, and search engines often show them as the snippet.

    ## Example
    Keyphrase "magnesium tekort", intro: "Krampen in je kuiten? Je bent niet
    de enige."

    ## Instead
    "Krampen in je kuiten? Dat kan wijzen op een magnesium tekort."
    """

    id = "keyword-intro"
    category = "keyword"
    severity = "warning"
    summary = "Focus keyphrase not in the first paragraph"
    lists = ("byline", "date_cues", "months", "disclosure")

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(doc.keyword) and intro_paragraph(doc, ctx) is not None

    def check(self, doc: Document, ctx: Context) -> None:
        block = intro_paragraph(doc, ctx)
        m = keyphrase_matcher(doc, ctx)
        sentences = block_sentences(doc, block, ctx.abbreviations)
        if any(m.found_in(s.text) for s in sentences):
            return
        first = sentences[0] if sentences else None
        end = first.end if first else len(block.text)
        if len(m.units_in(block.text)) == m.n_units:
            ctx.report(f"the first paragraph has the words of the focus keyphrase {quote_kp(doc)}, but not "
                       "in one sentence; use the keyphrase in one sentence of the introduction",
                       block=block, end=end)
        else:
            ctx.report(f"the first paragraph does not contain the focus keyphrase {quote_kp(doc)}; mention it "
                       "in the introduction", block=block, end=end)

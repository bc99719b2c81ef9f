from __future__ import annotations

import re
from typing import TYPE_CHECKING

from healthlint import evidence, text
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

ISO = re.compile(r"(?<!\d)(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?!\d)")
NUMERIC = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\d\d(?!\d)")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
DAY = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|e)?(?!\d)")


class TrustDateMissing(Rule):
    """## What it does
    Fires when the page shows no published or updated date: no `<time>`
    element, date meta tag (article:published_time, …) or front matter
    `date`/`updated`, no `datePublished`/`dateModified` in JSON-LD, and no
    visible date near the top of the article or next to a date cue
    ("Bijgewerkt op", "Last updated"): a month name with a day or year
    ("14 januari 2025", "nov 23, 2025"), an ISO date or 14-01-2025. A year
    alone ("© 2024") is not a date. Document-level finding (no line).

    ## Why it matters
    Health advice changes; readers and search engines use the date to judge
    whether the information is current.

    ## Example
    An article without any date.

    ## Instead
    "Bijgewerkt op 2 juni 2025" under the title, with `<time datetime="2025-06-02">`
    and dateModified in the JSON-LD.
    """

    id = "trust-date-missing"
    category = "trust"
    severity = "warning"
    summary = "No published or updated date"
    reads_front_matter = True
    lists = ("date_cues", "months")

    def check(self, doc: Document, ctx: Context) -> None:
        if any(stamp.value.strip() for stamp in doc.meta.dates):
            return
        if evidence.jsonld_values(doc, frozenset({"datePublished", "dateModified", "dateCreated"})):
            return
        cues = evidence.matches_by_block(doc, ctx.phrases("date_cues"), "all")
        candidates = {b.index: b for b in evidence.top_blocks(doc, 8)}
        for index in cues:
            block = next((b for b in doc.blocks if b.index == index), None)
            if block is not None:
                candidates[index] = block
        months = ctx.phrases("months")
        for block in candidates.values():
            if self._has_date(block.text, months):
                return
        ctx.report("no published or updated date: show when the article was written or last reviewed "
                   "(visible, and as <time> or datePublished/dateModified)")

    @staticmethod
    def _has_date(body, months):
        if ISO.search(body) or NUMERIC.search(body):
            return True
        if not months:
            return False
        folded = text.fold(body)
        for start, end in months.spans(folded):
            near = folded[max(0, start - 6) : end + 12]
            if YEAR.search(near) or DAY.search(folded[max(0, start - 5) : start]) or DAY.match(folded[end:end + 4].strip()):
                return True
        return False

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from healthlint import evidence
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

# a number with a percent sign or word; "x keer"/"twice as" come from the
# statistic_multipliers phrase list
PERCENT = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[.,]\d+)?)(?:\s?[\u2013-]\s?\d{1,3}(?:[.,]\d+)?)?"
    r"(?:\s?%|[\s\u00a0](?:procent|percent|per cent|procentpunt(?:en)?|percentage points?)\b)",
    re.IGNORECASE,
)
NEAR_WORDS = 5  # an effect word must stand within this many words of the number
# a statistic's source may stand anywhere in its paragraph (unlike
# claim-unsupported-evidence, this rule has no `scope` option)
CITATION_SCOPE = "paragraph"


class ClaimStatisticUnsourced(Rule):
    """## What it does
    Flags a numeric effect — a percentage ("tot 15% betere prestaties",
    "28 procent minder kans") or a multiplier ("twee keer zo snel", "twice as
    effective") tied to an effect word (`statistic_effect`: more, less,
    better, risk …) within a few words — when neither the sentence nor its
    paragraph cites a source (the same citation test as
    claim-unsupported-evidence). Nutrient amounts and dosages ("80 mg per
    portie", "400–420 mg per dag"), tables of amounts, prices and discounts
    ("10 euro korting", "20% korting") and compositions ("70% cacao", "% of
    the reference intake") are not effect claims: a percentage next to a
    `statistic_not_effect` word is skipped.

    ## Why it matters
    A precise number makes an effect look measured. Without a source the
    reader cannot tell whether it comes from a trial, a manufacturer's
    leaflet or nowhere.

    ## Example
    `Gebruikers melden tot 20% meer energie binnen twee weken.`

    ## Instead
    Cite the study the number comes from, in the same sentence or paragraph,
    or leave the number out.
    """

    id = "claim-statistic-unsourced"
    category = "claims"
    severity = "warning"
    summary = "Numeric effect claim without a source"
    lists = ("statistic_effect", "statistic_not_effect", "statistic_multipliers", "statistic_qualifiers",
             "statistic_glue")

    def check(self, doc: Document, ctx: Context) -> None:
        effect = evidence.matches_by_block(doc, ctx.phrases("statistic_effect"))
        not_effect = evidence.matches_by_block(doc, ctx.phrases("statistic_not_effect"))
        multipliers = evidence.matches_by_block(doc, ctx.phrases("statistic_multipliers"))
        reported = set()
        candidates = []
        for block in doc.body_blocks:
            if "%" in block.text or "pro" in block.text or "per" in block.text:
                for m in PERCENT.finditer(block.text):
                    candidates.append((block, m.start(), m.end(), True))
            for multiplier in multipliers.get(block.index, ()):
                candidates.append((block, multiplier.start, multiplier.end, False))
        for block, start, end, needs_effect in candidates:
            sentence = evidence.sentence_of(doc, ctx, block, start)
            key = (block.index, sentence.start)
            if key in reported:
                continue
            lo, hi = self._window(block.text, start, end, sentence)
            if evidence.in_range(not_effect.get(block.index, ()), lo, hi):
                continue
            if needs_effect and not evidence.in_range(effect.get(block.index, ()), lo, hi):
                continue
            if evidence.quoted_at(block, sentence, start):
                continue
            if evidence.cited_near(doc, ctx, sentence, CITATION_SCOPE):
                continue
            reported.add(key)
            start = self._qualified_start(block.text, start, sentence, ctx.phrases("statistic_qualifiers"))
            claim_end = self._claim_end(block.text, end, effect.get(block.index, ()), hi, sentence,
                                        ctx.words("statistic_glue"))
            ctx.report(
                f'"{block.text[start:claim_end]}" states a numeric effect without a source; cite the study '
                "it comes from in the same sentence or paragraph, or leave the number out",
                block=block, start=start, end=claim_end,
            )

    @staticmethod
    def _window(body, start, end, sentence):
        """Offsets NEAR_WORDS words before start and after end, inside the sentence."""
        lo = start
        for _ in range(NEAR_WORDS):
            prev = body.rfind(" ", sentence.start, max(sentence.start, lo - 1))
            lo = sentence.start if prev < 0 else prev + 1
        hi = end
        for _ in range(NEAR_WORDS):
            nxt = body.find(" ", min(hi + 1, sentence.end), sentence.end)
            hi = sentence.end if nxt < 0 else nxt
        return lo, min(hi, sentence.end)

    @staticmethod
    def _qualified_start(body, start, sentence, qualifiers):
        """Where the claim starts: at a qualifier right before the number
        ("tot 20%", "up to 3 times"), else at the number."""
        lo = max(sentence.start, start - 20)
        window = body[lo:start]
        for s, e in qualifiers.matches(window):
            if (s == 0 or not window[s - 1].isalnum()) and e < len(window) and not window[e:].strip():
                return lo + s
        return start

    @staticmethod
    def _claim_end(body, end, effects, hi, sentence, glue):
        """The number plus the effect word after it and one more word ("20% meer energie")."""
        after = [m for m in effects if end <= m.start < hi]
        if not after:
            return end
        stop = after[0].end
        if stop < sentence.end and body[stop] == " ":
            nxt = body.find(" ", stop + 1, sentence.end)
            nxt = sentence.end if nxt < 0 else nxt
            while nxt > stop and body[nxt - 1] in ".,;:!?)":
                nxt -= 1
            following = body[stop + 1 : nxt]
            return nxt if following.isalpha() and following.lower() not in glue else stop
        return stop

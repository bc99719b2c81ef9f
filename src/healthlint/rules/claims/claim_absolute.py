from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import evidence
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class ClaimAbsolute(Rule):
    """## What it does
    Flags absolute and guarantee language about a product or its effect:
    "100% natuurlijk", "gegarandeerd resultaat", "zonder bijwerkingen",
    "wondermiddel", "miracle", "works for everyone", "no side effects". A
    negation right before the phrase ("niet 100% veilig", "no supplement is
    risk-free" still fires on the promise, "is not completely safe" does
    not), text in quotation marks and questions are left alone. Phrases: the
    `absolute` lists.

    ## Why it matters
    No food or supplement is without risk or works for everyone; claims like
    these mislead (Reg. (EC) 1924/2006 art. 3: claims may not be false,
    ambiguous or misleading) and are a classic mark of a sales page.

    ## Example
    `Het is 100% natuurlijk én zonder bijwerkingen.`

    ## Instead
    `Bij de aanbevolen dosering zijn bijwerkingen zeldzaam; te veel kan
    diarree geven.`
    """

    id = "claim-absolute"
    category = "claims"
    severity = "warning"
    summary = "Absolute or guarantee language"
    source = "Reg. (EC) 1924/2006 art. 3"

    def check(self, doc: Document, ctx: Context) -> None:
        for matches in evidence.matches_by_block(doc, ctx.phrases("absolute")).values():
            for m in matches:
                sentence = evidence.sentence_of(doc, ctx, m.block, m.start)
                if evidence.quoted_at(m.block, sentence, m.start) or evidence.is_question(sentence):
                    continue
                if evidence.negator_before(m.block, m.start, 2):
                    continue
                if evidence.negated(doc, ctx, m.block, sentence.start, sentence.end, ("claim_reporting",)):
                    continue
                ctx.report(
                    f'"{m.text}" is absolute or guarantee language no food or supplement can live up to; '
                    "say what the product does, for whom, and with which limits",
                    block=m.block, start=m.start, end=m.end,
                )

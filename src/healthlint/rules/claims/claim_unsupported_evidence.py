from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import evidence, text
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

NEGATION_LISTS = ("evidence_negation", "claim_reporting")


class ClaimUnsupportedEvidence(Rule):
    """## What it does
    Flags a sentence that says research, science or experts back a statement
    ("studies tonen aan", "uit onderzoek blijkt", "wetenschappers ontdekten",
    "research confirms", "experts agree", "clinically proven") when neither the
    sentence nor its paragraph carries a citation: a link to an external
    source that is not a shop or affiliate link, a reference marker such as
    [1] or ¹ that resolves to a sources section or note, or a named study
    ("Smith et al.", "(Smith, 2019)", a journal or institute with a year),
    or a public health body named in the sentence as its source (`source_bodies`:
    "volgens het Voedingscentrum", "research by the NIH").
    Denials and hedges ("er is geen bewijs dat…", "no study has shown"), text
    inside quotation marks and questions do not count as claims. Phrases: the
    `evidence`, `evidence_negation` and `citation_cues` lists. Option `scope`
    (sentence | paragraph) sets where the citation must stand.

    ## Why it matters
    "Studies show" without a study is the commonest way health content
    borrows authority it does not have. Readers cannot check it, and
    reviewers of health pages (and Google's quality raters) treat it as a
    sign of low trust.

    ## Example
    `Studies tonen aan dat magnesium krampen laat verdwijnen.`

    ## Instead
    `Een Cochrane-review uit 2020 vond weinig effect bij ouderen
    (<a href="https://doi.org/10.1002/14651858.CD009402.pub3">bron</a>).`
    """

    id = "claim-unsupported-evidence"
    category = "claims"
    severity = "error"
    summary = "Evidence claim without a citation"
    lists = ("evidence", "evidence_negation", "claim_reporting", "citation_cues", "source_bodies", "source_headings",
             "negators")

    def check(self, doc: Document, ctx: Context) -> None:
        phrases = ctx.phrases("evidence")
        if not phrases:
            return
        scope = ctx.option("scope")
        seen = set()
        for match in evidence.matches_by_block(doc, phrases).values():
            for m in match:
                sentence = evidence.sentence_of(doc, ctx, m.block, m.start)
                key = (m.block.index, sentence.start)
                if key in seen:
                    continue
                if evidence.quoted_at(m.block, sentence, m.start) or evidence.is_question(sentence):
                    continue
                # "geen studie toont", and a negator inside a noun-group gap: "onderzoek kan geen ... bewijzen"
                if (evidence.negator_before(ctx, m.block, m.start, 2)
                        or evidence.negators(ctx) & set(text.words(m.text))):
                    continue
                if evidence.negated(doc, ctx, m.block, sentence.start, sentence.end, NEGATION_LISTS):
                    continue
                seen.add(key)
                if evidence.cited_near(doc, ctx, sentence, scope) or evidence.names_source_body(doc, ctx, sentence):
                    continue
                start, end = evidence.trimmed(sentence)
                where = "sentence" if scope == "sentence" else "sentence or paragraph"
                ctx.report(
                    f'"{m.text}" claims evidence, but the {where} cites none; link the study or source '
                    "(not a shop), add a reference to the sources list, or drop the claim",
                    block=m.block, start=start, end=end,
                )

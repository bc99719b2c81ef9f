from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import text
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class TrustDisclaimerMissing(Rule):
    """## What it does
    Fires when no medical disclaimer appears anywhere on the page (footer
    included): "vervangt geen medisch advies", "is geen medisch advies",
    "not medical advice", "for informational purposes only" … (the
    `disclaimer` lists). Advice inside the text ("overleg met je huisarts")
    is advice, not a disclaimer. Document-level finding (no line).

    ## Why it matters
    A health article that does not say it cannot replace a doctor invites
    readers to treat it as a diagnosis. Disclaimers are industry practice on
    YMYL pages rather than a legal or Google requirement, hence info.

    ## Example
    A supplement article with dosage advice and no disclaimer.

    ## Instead
    "Dit artikel is algemene informatie en vervangt geen medisch advies."
    """

    id = "trust-disclaimer-missing"
    category = "trust"
    severity = "info"
    summary = "No medical disclaimer"

    def check(self, doc: Document, ctx: Context) -> None:
        if text.find(doc, ctx.phrases("disclaimer"), scope="all"):
            return
        other = "en" if ctx.lang == "nl" else "nl"
        if text.find(doc, ctx.phrases("disclaimer", other), scope="all"):
            return
        ctx.report("no medical disclaimer: say that the article is general information and does not replace "
                   "advice from a doctor or pharmacist")

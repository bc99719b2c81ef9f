from healthlint.rules.phrase import PhraseRule


class ClaimAbsolute(PhraseRule):
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

    kind = "existence"
    lists = ("absolute",)
    skip_quoted = True
    skip_questions = True
    negator_words = 2  # "niet 100% veilig" is no promise
    negation_lists = ("claim_reporting",)
    message = ('"{match}" is absolute or guarantee language no food or supplement can live up to; '
               "say what the product does, for whom, and with which limits")

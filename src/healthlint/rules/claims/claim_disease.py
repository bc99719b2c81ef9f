import re

from healthlint import evidence, text
from healthlint.registry import Rule

NEGATION_LISTS = ("evidence_negation", "disease_exceptions", "claim_reporting")
# words between a disease name and a following verb that make the disease the
# subject ("coeliac disease can reduce absorption", "diabetes kan … verminderen")
_SUBJECT_MARKERS = frozenset({
    "can", "could", "may", "might", "will", "would", "does", "do", "did", "is", "are", "was", "were",
    "has", "have", "had", "often", "also", "kan", "kunnen", "kon", "konden", "zal", "zullen", "zou",
    "zouden", "is", "zijn", "was", "waren", "wordt", "worden", "heeft", "hebben", "vaak", "ook",
})
_OBJECT_DETERMINERS = frozenset({"je", "jouw", "uw", "de", "het", "your", "the", "their", "its", "his", "her"})
_NONFINITE = re.compile(r"(?:en|ing|ion|ie|ing van|ion of)$")
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]| - ")


class ClaimDisease(Rule):
    """## What it does
    Flags a sentence, list item or heading that presents a food or
    supplement as preventing, treating or curing a disease, or lowering a
    clinical marker: a disease verb ("voorkomt", "verlaagt", "beschermt
    tegen", "cures", "helps reverse") within a few words of a disease or
    marker ("griep", "bloeddruk", "diabetes", "calciumafzettingen"), in either
    order ("verlaagt je bloeddruk", "bloeddruk verlagen", "cholesterol-lowering").
    It stays silent when the disease is the subject ("coeliac disease can
    reduce absorption"), for descriptive facts ("een tekort kan leiden tot
    krampen"), for preventing a deficiency ("voorkomt een tekort"), for
    sentences about medicines, doctors, vaccines or lifestyle, for negations
    ("geneest geen griep"), quotations and questions. Phrases:
    `disease_verbs`, `disease_names`, `disease_exceptions`; option
    `window_words` (default 6).

    ## Why it matters
    EU Regulation 1169/2011 art. 7(3) forbids food information that
    attributes to a food the property of preventing, treating or curing a
    human disease; in the Netherlands the Warenwet (art. 19-20) and the
    Keuringsraad enforce it, and a supplement sold with such a claim counts
    as a medicine by presentation.

    ## Example
    `Magnesium verlaagt je bloeddruk op een natuurlijke manier.`

    ## Instead
    Use an authorised health claim ("Magnesium draagt bij tot een normale
    werking van de spieren") or describe research neutrally, with its source.
    """

    id = "claim-disease"
    category = "claims"
    severity = "error"
    summary = "Food or supplement presented as preventing, treating or curing a disease"
    source = "Reg. (EU) 1169/2011 art. 7(3); Warenwet art. 19-20 (NL)"

    def check(self, doc, ctx):
        verbs = evidence.matches_by_block(doc, ctx.phrases("disease_verbs"))
        if not verbs:
            return
        names = evidence.matches_by_block(doc, ctx.phrases("disease_names"))
        window = int(ctx.option("window_words") or 6)
        law = "EU Regulation 1169/2011 art. 7(3)" + (" and the Warenwet (art. 19-20)" if ctx.lang == "nl" else "")
        reported = set()
        for index, block_verbs in verbs.items():
            block_names = names.get(index)
            if not block_names:
                continue
            block = block_verbs[0].block
            for verb in block_verbs:
                sentence = evidence.sentence_of(doc, ctx, block, verb.start)
                key = (index, sentence.start)
                if key in reported:
                    continue
                hit = self._pair(block, verb, evidence.in_range(block_names, sentence.start, sentence.end), window)
                if hit is None:
                    continue
                if (evidence.is_question(sentence) or evidence.quoted_at(block, sentence, verb.start)
                        or evidence.negator_before(block, min(verb.start, hit.start), 3)
                        or evidence.negated(doc, ctx, block, sentence.start, sentence.end, NEGATION_LISTS)):
                    continue
                reported.add(key)
                start, end = evidence.trimmed(sentence)
                ctx.report(
                    f'"{verb.text} … {hit.text}" presents a food or supplement as preventing, treating or curing '
                    f"a disease; {law}: food information may not claim to prevent, treat or cure a disease. "
                    "Remove it or use an authorised health claim",
                    block=block, start=start, end=end,
                )

    @staticmethod
    def _pair(block, verb, names, window):
        body = block.text
        for name in names:
            if name.start < verb.end and name.end > verb.start:
                return name  # "lower blood pressure": one phrase holds both
            if verb.end <= name.start:
                between = body[verb.end : name.start]
                words = text.words(between)
                if len(words) > window or evidence.DEFICIENCY.search(between):
                    continue
                if any(w in ("niet", "geen", "not", "no", "never", "nooit") for w in words):
                    continue
                return name
            between = body[name.end : verb.start]
            words = text.words(between)
            if len(words) > 2 or _CLAUSE_BREAK.search(between) or any(w in _SUBJECT_MARKERS for w in words):
                continue
            if _NONFINITE.search(text.fold(verb.text)) or words[-1:] in (["te"], ["to"]):
                return name
            before = text.words(body[max(0, name.start - 40) : name.start])
            # finite verb after the name: only in a subordinate clause where the
            # name is an object ("omdat het je bloeddruk verlaagt")
            if len(before) >= 2 and before[-1] in _OBJECT_DETERMINERS and not _CLAUSE_BREAK.search(
                    body[max(0, name.start - 8) : name.start]):
                return name
        return None

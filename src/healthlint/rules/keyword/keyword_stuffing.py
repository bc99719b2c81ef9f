from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from healthlint.keyphrase import body_sentences, unit_hits
from healthlint.rules.keyword import KeywordRule, keyphrase_matcher, quote_kp
from healthlint.text import WORD, fold

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

# The word lists (stopwords, not_nouns, words_after_finite_verb and the
# adjective and chemical-form endings) are in rules/<lang>/language.yaml; the
# past participle is a shape (ge-...-d/t/en), not a list of words.
_PARTICIPLE = re.compile(r"^ge[^\W\d_]{2,}(?:d|t|en)$")
_NEXT_WORD = re.compile(r"\s+(\w[\w'-]*)")
_PREV_WORD = re.compile(r"(\w[\w'-]*)\s+$")


@dataclass(frozen=True)
class _DutchWords:
    """What the pasted-fragment check reads from the Dutch packs."""

    stop: frozenset[str]
    not_nouns: frozenset[str]
    after_verb: frozenset[str]
    adjective_endings: tuple[str, ...]
    chemical_endings: tuple[str, ...]


def _endings(ctx, name):
    return tuple(sorted(ctx.words(name)))
_CLAUSE_BREAK = re.compile(r"[,;:\u2013\u2014]")


class KeywordStuffing(KeywordRule):
    """## What it does
    Flags the focus keyphrase used unnaturally in one sentence:

    1. **Repeated**: the whole keyphrase twice or more in one sentence
       (option `max_per_sentence`, default 1; a one-word keyphrase needs one
       use more, as "ijzer uit vlees ... dan ijzer uit groente" is ordinary
       Dutch). "Whole" means its words next to each other in any order, at
       most two function words apart ("tekort aan magnesium"), or joined in
       a compound ("magnesiumtekort"). Its words scattered through a
       sentence do not count twice, so "anyone considering calcium
       supplements should first estimate how much calcium their diet
       provides, ... without any supplement" is fine. A use inside a product
       or form name does not count either: a capitalised word next to it
       within the sentence, a number or a chemical form after it ("Omega 3
       Forte ... Omega 3 Vegan", "Kirkland Fish Oil", "Vitamine C 1000",
       "magnesium oxide"), as a product guide names its products. A
       keyphrase of several words used just once too often is fine on two
       sides of a comparison (`comparison_words`: "than", "dan") or in two
       clauses ("a wrist blood pressure monitor ..., and the two
       electrolyte drink brands").
    2. **Pasted fragment** (Dutch): a keyphrase word followed directly by two
       or more nouns with no function word between them, as in "Magnesium
       tekort lichaam spieren signalen herkennen" or "zonder deze magnesium
       werking lichaam". Dutch joins nouns with a function word ("de
       signalen van een magnesium tekort") or writes them as one compound
       ("magnesiumtekort"), so bare nouns in a row are a pasted keyword list.

    How the fragment check decides, without a dictionary: it takes the run of
    words right after a keyphrase word, up to the first function word
    (`stopwords`) or punctuation. Words that are probably not nouns do not
    count: adjectives and adverbs (-ig, -lijk, -isch, -baar, ...), the
    `not_nouns` list (adverbs such as snel, goed, echt and frequent verb
    forms such as helpt, bevat, past, kopen: "magnesium helpt spieren
    ontspannen" is a sentence, not a keyword list), participles (ge-...-d/t/en), chemical forms
    written apart by convention ("magnesium citraat", "zink oxide"), names
    (capitalised inside the sentence), numbers and units, a clause-final
    word ending in -en or -t (Dutch puts the verb last: "een magnesium
    tekort herkennen") and a word followed by a pronoun, article or adverb
    (`words_after_finite_verb`: "je", "de", "niet", "vaak"; a finite verb: "klachten
    verdwijnen vaak"). The first two words after the keyphrase word must both be left.
    Words in front of the keyphrase are never counted (adjectives:
    "een ernstig magnesium tekort").

    English writes noun + noun freely ("vitamin D deficiency symptoms" is
    good English), so in English only the repetition check runs.

    Preview until it reaches a precision of 0.9 on natural articles with a
    real keyphrase (issue 12); `python -m eval.score` measures it on a
    labelled set of product-guide and article paragraphs (docs/accuracy.md).

    ## Why it matters
    Search engines demote keyword stuffing and readers stop trusting a text
    that reads like a list of search terms.

    ## Example
    "Magnesium tekort lichaam spieren signalen herkennen:"

    ## Instead
    "Zo herken je de signalen van een magnesium tekort in je spieren:"
    """

    id = "keyword-stuffing"
    category = "keyword"
    severity = "warning"
    status = "preview"
    summary = "Keyphrase repeated in one sentence or pasted as a fragment"
    lists = ("stopwords", "chemical_form_endings", "comparison_words")
    lang_lists = {"nl": ("not_nouns", "words_after_finite_verb", "adjective_endings")}

    def check(self, doc: Document, ctx: Context) -> None:
        m = keyphrase_matcher(doc, ctx)
        limit = int(ctx.option("max_per_sentence"))
        sentences = body_sentences(doc, ctx)
        stop = ctx.words("stopwords")
        chemical = _endings(ctx, "chemical_form_endings")
        dutch = None
        for k, hits in sorted(unit_hits(doc, ctx).items()):
            sentence = sentences[k]
            text = sentence.block.text
            free = [(start, end) for start, end in self._occurrences(text, hits, m.n_units, stop)
                    if not self._in_name(text, sentence.start, start, end, chemical)]
            count = len(free)
            # a one-word keyphrase is a plain noun: a sentence that compares
            # or contrasts ("ijzer uit vlees ... dan ijzer uit groente") names it twice
            if count > limit + (m.n_units == 1) and not self._two_sides(
                    text, free, limit, m.n_units, ctx.words("comparison_words")):
                start, end = free[0][0], free[-1][1]
                ctx.report(f"the focus keyphrase {quote_kp(doc)} occurs {count} times in one sentence; "
                           "use it once and refer to it with a pronoun or synonym",
                           block=sentence.block, start=start, end=end)
                continue
            if doc.lang == "nl":
                dutch = dutch or _DutchWords(stop, ctx.words("not_nouns"), ctx.words("words_after_finite_verb"),
                                             _endings(ctx, "adjective_endings"), chemical)
                fragment = self._fragment(sentence, hits, dutch)
                if fragment is not None:
                    start, end = fragment
                    quoted = sentence.block.text[start:end]
                    ctx.report(f'"{quoted.rstrip(":;,. ")}" reads as pasted keywords: a keyphrase word is followed '
                               'by nouns without a function word; write a normal sentence that joins the nouns '
                               'with "van", "in" or "bij", or as one compound word',
                               block=sentence.block, start=start, end=end)

    @staticmethod
    def _occurrences(text, hits, n_units, stop):
        """Where the whole keyphrase stands together in the sentence: its
        words next to each other, in any order, with at most two function
        words between them ("tekort aan magnesium"), or as one compound."""
        hits = sorted(hits, key=lambda h: h.start)
        found = []
        i = 0
        while i < len(hits):
            covered = set(hits[i].units)
            j = i
            while len(covered) < n_units and j + 1 < len(hits):
                gap = WORD.findall(fold(text[hits[j].end:hits[j + 1].start]))
                between = text[hits[j].end:hits[j + 1].start]
                if len(gap) > 2 or any(w not in stop for w in gap) or any(c in between for c in ".,;:!?()"):
                    break
                j += 1
                covered |= set(hits[j].units)
            if len(covered) == n_units:
                found.append((hits[i].start, hits[j].end))
                i = j + 1
            else:
                i += 1
        return found

    @staticmethod
    def _two_sides(text, uses, limit, n_units, comparison):
        """A keyphrase of several words used once more than allowed, on two
        sides of a comparison ("... more accurate than a wrist blood pressure
        monitor") or in two clauses ("..., and the two electrolyte drink
        brands"): how a product guide compares, not stuffing."""
        if n_units == 1 or len(uses) != limit + 1:
            return False
        between = text[uses[-2][1] : uses[-1][0]]
        return bool(_CLAUSE_BREAK.search(between)) or any(w in comparison for w in WORD.findall(fold(between)))

    @staticmethod
    def _in_name(text, sentence_start, start, end, chemical_endings):
        """The keyphrase is part of a product or form name, which a product
        guide repeats without stuffing: "Omega 3 Forte", "Vitamine C 1000",
        "Kirkland Fish Oil", "magnesium oxide" (a capitalised word next to it
        inside the sentence, a number after it, or a chemical form)."""
        after = _NEXT_WORD.match(text, end)
        if after:
            word = after.group(1)
            if word[0].isupper() or word[0].isdigit() or fold(word).endswith(chemical_endings):
                return True
        before = _PREV_WORD.search(text, sentence_start, start)
        return bool(before and before.start() > sentence_start and before.group(1)[0].isupper())

    @staticmethod
    def _fragment(sentence, hits, words):
        text = sentence.block.text
        tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, sentence.start, sentence.end)]
        if not tokens:
            return None
        hit_starts = [(h.start, h.end) for h in hits]

        def is_kp(tok):
            return any(s < tok[1] and tok[0] < e for s, e in hit_starts)

        def joined(a, b):  # nothing but spaces between two tokens
            return not text[a[1]:b[0]].strip()

        n = len(tokens)
        i = 0
        while i < n:
            if not is_kp(tokens[i]):
                i += 1
                continue
            first = i
            while i + 1 < n and is_kp(tokens[i + 1]) and joined(tokens[i], tokens[i + 1]):
                i += 1
            run = []
            j = i + 1
            while j < n and joined(tokens[j - 1], tokens[j]) and fold(tokens[j][2]) not in words.stop \
                    and not is_kp(tokens[j]):
                run.append(j)
                j += 1
            clause_end = j >= n or not joined(tokens[j - 1], tokens[j]) if run else False
            nouns = []
            for pos, t in enumerate(run):
                word = tokens[t][2]
                low = fold(word)
                last = pos == len(run) - 1
                following = fold(tokens[t + 1][2]) if t + 1 < n and joined(tokens[t], tokens[t + 1]) else None
                if (any(c.isdigit() for c in word) or len(low) <= 2 or (word[0].isupper() and t != 0)
                        or low in words.not_nouns or low.endswith(words.adjective_endings)
                        or low.endswith(words.chemical_endings)
                        or _PARTICIPLE.match(low) or (last and clause_end and low.endswith(("en", "t")))
                        or following in words.after_verb):
                    break
                nouns.append(t)
            if len(nouns) >= 2:
                end = tokens[run[-1]][1]
                if j >= n:  # the run ends the sentence: include its closing punctuation
                    end = sentence.end
                return tokens[first][0], end
            i = max(i + 1, j)
        return None

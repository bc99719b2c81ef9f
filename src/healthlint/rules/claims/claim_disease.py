import re
from bisect import bisect_left

from healthlint import evidence, text
from healthlint.registry import Rule

# medicines, therapy and doctors are handled as non-food agents (claim_non_agents),
# so disease_exceptions does not silence a whole sentence here
NEGATION_LISTS = ("evidence_negation", "claim_reporting")
# a reference-list entry or footnote: "Smith J, et al. ... BMJ. 2019;365:l1234", a DOI
_REFERENCE = re.compile(r"\bet al\b|\bdoi\b|10\.\d{4,}/|\b(?:19|20)\d\d;\s?\d", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:()\u2013\u2014]| - ")
# a preposition right before a condition that opens the clause lets the agent
# follow the verb ("Bij hoofdpijn helpt pepermuntolie", "For heartburn, try ...")
_FRONTED = frozenset({"bij", "tegen", "voor", "for", "against", "to"})
_NEGATORS = frozenset({"niet", "geen", "nooit", "not", "no", "never", "nothing", "cannot", "can't", "doesn't",
                       "don't", "won't", "isn't", "aren't", "didn't"})
_AFTER_WORDS = 8  # how far after the verb an inverted or passive agent may stand
_BEFORE_WORDS = 4  # how far before a verb-final Dutch verb its object may stand


class ClaimDisease(Rule):
    """## What it does
    Flags a sentence, list item or heading in which a food, nutrient,
    supplement, herb or product (or an instruction to take one) is presented
    as preventing, treating, curing or relieving a condition. Three parts must
    be there: an *agent* (`claim_agents`: "gember", "magnesium", "dit
    supplement", "fish oil"), an *effect verb* (`disease_verbs`: "verlaagt",
    "helpt bij", "remt … af", "gaat … tegen", "is cured by", "say goodbye
    to", "good for") and a *condition* (`disease_names`: hundreds of
    diseases, symptoms and markers, with Dutch compounds and abbreviations).
    The agent is the nearest agent-like phrase before the verb (or after it
    in passive and inverted sentences); when that is a lifestyle habit,
    therapy, medicine, body process or research (`claim_non_agents`), or the
    condition itself opens the clause, nothing is reported. Also silent:
    negations, questions, quotations, hedged or reported research
    (`evidence_negation`, `claim_reporting`), reference lines, "voorkomen"
    in the sense of *occur* (`claim_occur`) and a verb and condition in one
    word ("ontstekingsremmend").

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
        agents = evidence.matches_by_block(doc, ctx.phrases("claim_agents"))
        others = evidence.matches_by_block(doc, ctx.phrases("claim_non_agents"))
        occur = evidence.matches_by_block(doc, ctx.phrases("claim_occur"))
        skipped = evidence.sources_section_blocks(doc, ctx)
        law = "EU Regulation 1169/2011 art. 7(3)" + (" and the Warenwet (art. 19-20)" if ctx.lang == "nl" else "")
        reported = set()
        for index, block_verbs in verbs.items():
            block_names = names.get(index)
            if not block_names or index in skipped:
                continue
            block = block_verbs[0].block
            mentions = _mentions(block.text, agents.get(index, ()), others.get(index, ()))
            mention_starts = [m[0] for m in mentions]
            occurs = occur.get(index, ())
            reference_line = None  # searched once per block, and only when a claim needs it
            for verb in block_verbs:
                sentence = evidence.sentence_of(doc, ctx, block, verb.start)
                key = (index, sentence.start)
                if key in reported or evidence.in_range(occurs, verb.start, verb.end):
                    continue
                in_sentence = mentions[bisect_left(mention_starts, sentence.start):
                                       bisect_left(mention_starts, sentence.end)]
                claim = _claim(block, sentence, verb, evidence.in_range(block_names, sentence.start, sentence.end),
                               in_sentence)
                if claim is None:
                    continue
                condition, agent = claim
                if (evidence.is_question(sentence) or evidence.quoted_at(block, sentence, verb.start)
                        or evidence.NAMED_STUDY.search(sentence.text)):
                    continue
                if reference_line is None:
                    reference_line = bool(_REFERENCE.search(block.text))
                if reference_line or evidence.negated(doc, ctx, block, sentence.start, sentence.end, NEGATION_LISTS):
                    continue
                reported.add(key)
                start, end = min(verb.start, condition.start), max(verb.end, condition.end)
                ctx.report(
                    f'"{block.text[start:end]}" presents {agent} as preventing, treating or curing '
                    f'"{condition.text}"; {law}: food information may not claim that. Write instead what '
                    "an authorised health claim allows (\"contributes to normal ... function\"), or report "
                    "the research neutrally with its source",
                    block=block, start=start, end=end,
                )


_POSSESSIVES = frozenset({"your", "their", "je", "jouw", "uw", "hun"})


def _mentions(body, agents, others):
    """(start, end, is_agent, text) of agent-like phrases; a non-agent phrase
    ("minder zout eten", "immune system") wins over an agent inside it.
    Kept sorted by start, so overlaps are found by bisection: a one-paragraph
    page holds thousands of phrases."""
    found = sorted((m.start, m.end, True, m.text) for m in agents)
    longest = max((e - s for s, e, _, _ in found), default=0)
    for m in others:
        before = text.words(body[max(0, m.start - 12) : m.start])
        if before and before[-1] in _POSSESSIVES and _more_than_one_word(body, m.start):
            continue  # "cleanses your liver", "versterkt je afweer": the object, not the agent
        lo = bisect_left(found, (m.start - longest,))
        hi = bisect_left(found, (m.end,))
        overlapping = [k for k in range(lo, hi) if found[k][1] > m.start]
        # the longer phrase decides: "cod liver oil" is food, "minder zout eten" a habit
        if not any(found[k][1] - found[k][0] > m.end - m.start for k in overlapping):
            for k in reversed(overlapping):
                del found[k]
            found.insert(bisect_left(found, (m.start, m.end, False, m.text)), (m.start, m.end, False, m.text))
            longest = max(longest, m.end - m.start)
    return found


def _more_than_one_word(body, end):
    """Whether body[:end] holds two words or more; a text window that already
    holds two is enough (words of a suffix are words of the whole)."""
    window = max(0, end - 200)
    count = len(text.words(body[window:end]))
    if count > 1 or window == 0:
        return count > 1
    return len(text.words(body[:end])) > 1


def _words_between(body, start, end):
    return text.words(body[start:end]) if start < end else []


def _claim(block, sentence, verb, names, mentions):
    """(condition, agent text) when the verb ties a food agent to a condition."""
    body = block.text
    for name in names:
        if name.start < verb.end and name.end > verb.start:
            if " " not in verb.text.strip():
                continue  # one word is never both the verb and the condition ("ontstekingsremmend")
            first = verb.start  # a split verb around its object: "remt de ontsteking af"
        elif name.start >= verb.end:
            between = body[verb.end : name.start]
            words = text.words(between)
            if len(words) > 6 or _CLAUSE_BREAK.search(between) or evidence.DEFICIENCY.search(between):
                continue
            if any(w in _NEGATORS for w in words):
                continue
            first = verb.start
        else:
            between = body[name.end : verb.start]
            words = text.words(between)
            lead = text.words(body[sentence.start : name.start])
            # a fronted condition may stand apart: "For rheumatism, turmeric works wonders"
            fronted = len(lead) <= 2 and lead[-1:] and lead[-1] in _FRONTED
            if fronted:
                if len(words) > _AFTER_WORDS or _CLAUSE_BREAK.search(between):
                    continue
            elif len(words) > _BEFORE_WORDS or _CLAUSE_BREAK.search(between) or "," in between:
                continue
            first = name.start
        agent = _agent(body, sentence, verb, name, first, mentions)
        if agent is not None:
            return name, agent
    return None


def _agent(body, sentence, verb, name, first, mentions):
    """The agent of the claim, or None when none or a non-food one makes it."""
    # an instruction holds its agent inside the verb phrase: "gebruik arnica bij", "take zinc for"
    # (only a food inside the verb phrase and before the condition: "beschermt je lever
    # tegen" has the liver as object, not as agent)
    before = sorted((m for m in mentions if m[1] <= first
                     or (m[2] and verb.start < m[0] and m[1] <= min(verb.end, name.start))), key=lambda m: m[1])
    if before:
        start, end, is_agent, phrase = before[-1]
        if not is_agent or any(w in _NEGATORS for w in _words_between(body, max(sentence.start, start - 20), start)[-2:]):
            return None
        if any(w in _NEGATORS for w in _words_between(body, end, first)):
            return None
        return f'"{phrase}"'
    # nothing before: a passive ("X is cured by Y") or inverted ("Bij X helpt Y")
    # sentence names its agent after the verb; a condition that opens the
    # clause without a preposition is its subject, not its object
    if first == name.start and body[name.end : verb.start] != "-":  # "cholesterol-lowering capsules"
        lead = _words_between(body, sentence.start, name.start)
        if not lead or lead[-1] not in _FRONTED:
            passive = text.words(body[verb.start : verb.end + 12])
            if not {"met", "door", "by", "with"} & set(passive):
                return None
    # inverted order puts the agent right after the verb ("Zo voorkomt magnesium dat ...")
    origin = name.end if first == name.start else verb.end
    after = [m for m in mentions if m[0] >= origin and not (m[0] < name.end and m[1] > name.start)]
    if after and len(_words_between(body, origin, after[0][0])) <= _AFTER_WORDS:
        return f'"{after[0][3]}"' if after[0][2] else None
    # a product bullet or heading that opens with a finite verb has the product
    # as its unstated subject ("Beschermt je tegen griep", "Prevents osteoporosis");
    # an imperative ("Voorkom griep", "Prevent flu") is advice and stays silent
    lead = _words_between(body, sentence.start, verb.start)
    first_word = text.words(body[verb.start : verb.end])[:1]
    if not lead and first_word and first_word[0][-1] in "ts" and not any(not m[2] for m in mentions):
        return "the product"
    return None

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, NamedTuple

from healthlint import evidence, text
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

# medicines, therapy and doctors are handled as non-food agents (claim_non_agents),
# so disease_exceptions does not silence a whole sentence here
NEGATION_LISTS = ("evidence_negation", "claim_reporting")
# a reference-list entry or footnote: "Smith J, et al. ... BMJ. 2019;365:l1234", a DOI
_REFERENCE = re.compile(r"\bet al\b|\bdoi\b|10\.\d{4,}/|\b(?:19|20)\d\d;\s?\d", re.IGNORECASE)
# a coined product name with an inner capital ("ArtroFlex", "NeuroCalm", "VitaSun"):
# shops name supplements this way, while people, places and institutes have no
# inner capital, so such a word can be the agent of a claim in either language
_PRODUCT_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b")
_CLAUSE_BREAK = re.compile(r"[;:()\u2013\u2014]| - ")
_AFTER_WORDS = 8  # how far after the verb an inverted or passive agent may stand
_BEFORE_WORDS = 4  # how far before a verb-final Dutch verb its object may stand
_QUESTION_WORDS = 8  # a sales question is short: "Last van hooikoorts?", "Struggling with bloating?"


class _Grammar(NamedTuple):
    """The function words of the page's language (rules/<lang>/claims-grammar.yaml)."""

    negators: frozenset[str]
    possessives: frozenset[str]  # "your" before a non-agent makes it the object
    fronting: frozenset[str]  # "For heartburn, ..." lets the agent follow the verb
    passive: frozenset[str]  # "is cured by ..."
    pronouns: frozenset[str]  # "It lowers ..." after a sentence about a food
    copulas: frozenset[str]  # "is the best remedy for": the agent is the subject, not "remedy"


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
    A coined product name with an inner capital ("ArtroFlex") counts as an
    agent, and a short question naming a condition answered by an
    instruction to take a food (`claim_instructions`: "Maagklachten? Drink
    dan kamillethee.") or by a sentence that opens with a food ("Struggling
    with brain fog? Lion's mane is the answer.") is a claim too. A phrase
    naming the reader by a condition (`claim_audience`: "Voor wie last heeft
    van") fronts it like a preposition, and after a copula (`claim_copulas`)
    the subject, not a remedy word in the phrase, is the agent.
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
    # claim_occur is Dutch only ("voorkomen" = occur) and read without being required
    lists = ("disease_verbs", "claim_instructions", "disease_names", "claim_agents", "claim_non_agents", "evidence", "evidence_negation",
             "claim_reporting", "negators", "claim_possessives", "claim_fronting", "claim_passive_markers",
             "claim_pronouns", "claim_copulas", "claim_audience", "deficiency")

    def check(self, doc: Document, ctx: Context) -> None:
        verbs = evidence.matches_by_block(doc, ctx.phrases("disease_verbs"))
        instructions = evidence.matches_by_block(doc, ctx.phrases("claim_instructions"))
        if not verbs and not instructions:
            return
        names = evidence.matches_by_block(doc, ctx.phrases("disease_names"))
        agents = evidence.matches_by_block(doc, ctx.phrases("claim_agents"))
        others = evidence.matches_by_block(doc, ctx.phrases("claim_non_agents"))
        research = evidence.matches_by_block(doc, ctx.phrases("evidence"))
        occur = evidence.matches_by_block(doc, ctx.phrases("claim_occur"))
        skipped = evidence.sources_section_blocks(doc, ctx)
        audiences = evidence.matches_by_block(doc, ctx.phrases("claim_audience"))
        grammar = _Grammar(evidence.negators(ctx), ctx.words("claim_possessives"), ctx.words("claim_fronting"),
                           ctx.words("claim_passive_markers"), ctx.words("claim_pronouns"), ctx.words("claim_copulas"))
        law = "EU Regulation 1169/2011 art. 7(3)" + (" and the Warenwet (art. 19-20)" if ctx.lang == "nl" else "")
        reported = set()
        for index, block_verbs in verbs.items():
            block_names = names.get(index)
            if not block_names or index in skipped:
                continue
            block = block_verbs[0].block
            mentions = _mentions(block.text, agents.get(index, ()), others.get(index, ()), grammar)
            occurs = occur.get(index, ())
            reference_line = None  # searched once per block, and only when a claim needs it
            for verb in block_verbs:
                sentence = evidence.sentence_of(doc, ctx, block, verb.start)
                key = (index, sentence.start)
                if key in reported or evidence.in_range(occurs, verb.start, verb.end):
                    continue
                before = _previous_sentence(doc, ctx, block, sentence)
                previous = None if before is None else (before, _mentions_in(mentions, before))
                in_sentence = _mentions_in(mentions, sentence)
                claim = _claim(block, sentence, verb, evidence.in_range(block_names, sentence.start, sentence.end),
                               in_sentence, grammar, previous,
                               ctx, evidence.in_range(audiences.get(index, ()), sentence.start, sentence.end)) \
                    or _remedy_answer(doc, ctx, block, sentence, verb, block_names, in_sentence, grammar)
                if claim is None:
                    continue
                condition, agent = claim
                if (_reports_cited_research(doc, ctx, sentence, verb, research.get(index, ()))
                        or evidence.is_question(sentence) or evidence.quoted_at(block, sentence, verb.start)
                        or evidence.NAMED_STUDY.search(sentence.text)):
                    continue
                if reference_line is None:
                    reference_line = bool(_REFERENCE.search(block.text))
                if reference_line or evidence.negated(doc, ctx, block, sentence.start, sentence.end, NEGATION_LISTS):
                    continue
                reported.add(key)
                _report(ctx, block, verb, condition, agent, law)
        for index, block_instructions in instructions.items():
            if index in skipped or not names.get(index):
                continue
            block = block_instructions[0].block
            mentions = _mentions(block.text, agents.get(index, ()), others.get(index, ()), grammar)
            for instruction in block_instructions:
                found = _answered_question(doc, ctx, block, instruction, names[index], mentions, grammar)
                if found is not None and (index, found[2]) not in reported:
                    reported.add((index, found[2]))
                    _report(ctx, block, instruction, found[0], found[1], law)


def _report(ctx, block, verb, condition, agent, law):
    """One finding underlining the verb (or instruction) and the condition."""
    start, end = min(verb.start, condition.start), max(verb.end, condition.end)
    ctx.report(
        f'"{block.text[start:end]}" presents {agent} as preventing, treating or curing '
        f'"{condition.text}"; {law}: food information may not claim that. Write instead what '
        "an authorised health claim allows (\"contributes to normal ... function\"), or report "
        "the research neutrally with its source",
        block=block, start=start, end=end,
    )


def _answered_question(doc, ctx, block, instruction, names, mentions, grammar):
    """(condition, agent, question start) when a short question names a condition
    and the next sentence opens with an instruction to take a food: the sales
    pattern "Maagklachten? Drink dan kamillethee." / "Migraine? Try feverfew."
    Advice without a food ("Hoofdpijn? Drink genoeg water.") stays silent."""
    answer = evidence.sentence_of(doc, ctx, block, instruction.start)
    if text.words(block.text[answer.start : instruction.start]):
        return None  # the instruction must open its sentence
    asked = _asked_condition(doc, ctx, block, answer, names)
    in_answer = _mentions_in(mentions, answer)
    if asked is None or not in_answer or not in_answer[0][2] \
            or grammar.negators & set(text.words(answer.text)):
        return None
    return asked[0], f'"{in_answer[0][3]}"', asked[1]


def _remedy_answer(doc, ctx, block, answer, verb, names, mentions, grammar):
    """(condition, agent) when a sentence that opens with a food and an effect verb
    answers a short question naming a condition: "Struggling with brain fog? Lion's
    mane is the answer." / "Last van maagzuur? Onze aloëdrank is de oplossing."
    Another subject ("Hoofdpijn? Rust is het beste antwoord.") stays silent."""
    agent = _subject_of(block.text, answer, mentions)
    if agent is None or mentions[0][1] > verb.start or grammar.negators & set(text.words(answer.text)):
        return None
    asked = _asked_condition(doc, ctx, block, answer, names)
    return None if asked is None else (asked[0], agent)


def _asked_condition(doc, ctx, block, answer, names):
    """(condition, question start) when the sentence before the answer is a short
    question naming a condition ("Maagklachten?", "Struggling with bloating?"), or None."""
    question = _previous_sentence(doc, ctx, block, answer)
    if question is None or not evidence.is_question(question) \
            or len(text.words(question.text)) > _QUESTION_WORDS:
        return None
    conditions = evidence.in_range(names, question.start, question.end)
    return (conditions[0], question.start) if conditions else None


def _reports_cited_research(doc, ctx, sentence, verb, research):
    """The sentence reports research before the verb and cites it: sourced
    reporting ("a [trial](…) found that ginger may ease nausea"), not a claim."""
    return (any(m.start < verb.start for m in evidence.in_range(research, sentence.start, sentence.end))
            and evidence.cited(doc, ctx, sentence.block, sentence.start, sentence.end))


def _previous_sentence(doc, ctx, block, sentence):
    """The sentence before this one in the same block, or None."""
    start = sentence.start
    while start > 0 and block.text[start - 1].isspace():
        start -= 1
    return evidence.sentence_of(doc, ctx, block, start - 1) if start > 0 else None


def _subject_of(body, sentence, mentions):
    """The food agent that opens a sentence (at most three words before it:
    "Our new sea buckthorn oil ...", "Schisandra is een bes ..."), quoted, or None."""
    if not mentions:
        return None
    start, _, is_agent, phrase = mentions[0]
    return f'"{phrase}"' if is_agent and len(_words_between(body, sentence.start, start)) <= 3 else None


def _mentions(body, agents, others, grammar):
    """(start, end, is_agent, text) of agent-like phrases (pack agents and
    coined product names); a non-agent phrase ("minder zout eten", "immune
    system") wins over an agent inside it. Kept sorted by start, so overlaps
    are found by bisection: a one-paragraph page holds thousands of phrases."""
    found = sorted((m.start, m.end, True, m.text) for m in agents)
    longest = max((e - s for s, e, _, _ in found), default=0)

    def overlapping(start, end):
        lo = bisect_left(found, (start - longest,))
        hi = bisect_left(found, (end,))
        return [k for k in range(lo, hi) if found[k][1] > start]

    for m in _PRODUCT_NAME.finditer(body):
        if not overlapping(m.start(), m.end()):
            entry = (m.start(), m.end(), True, m.group())
            found.insert(bisect_left(found, entry), entry)
            longest = max(longest, m.end() - m.start())
    for m in others:
        before = text.words(body[max(0, m.start - 12) : m.start])
        own = text.words(m.text)[:1]
        if (before and before[-1] in grammar.possessives or own and own[0] in grammar.possessives) \
                and _more_than_one_word(body, m.start):
            continue  # "cleanses your liver", "versterkt je afweer": the object, not the agent
        inside = overlapping(m.start, m.end)
        # the longer phrase decides: "cod liver oil" is food, "minder zout eten" a habit
        if not any(found[k][1] - found[k][0] > m.end - m.start for k in inside):
            for k in reversed(inside):
                del found[k]
            entry = (m.start, m.end, False, m.text)
            found.insert(bisect_left(found, entry), entry)
            longest = max(longest, m.end - m.start)
    return found


def _mentions_in(mentions, sentence):
    """The mentions (sorted by start) that start inside the sentence."""
    lo = bisect_left(mentions, (sentence.start,))
    hi = bisect_left(mentions, (sentence.end,))
    return mentions[lo:hi]


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


def _addressed(body, sentence, name, audiences):
    """Does the condition open the clause in a phrase naming the reader by it ("Voor wie
    last heeft van gewrichtspijn", "For anyone struggling with joint pain,")? It is then
    fronted like "Bij hoofdpijn" and "For heartburn,", so the agent may follow the verb."""
    return any(not text.words(body[m.end : name.start]) and len(_words_between(body, sentence.start, m.start)) <= 1
               for m in audiences if m.end <= name.start)


def _claim(block, sentence, verb, names, mentions, grammar, previous, ctx, audiences):
    """(condition, agent text) when the verb ties a food agent to a condition."""
    body = block.text
    # a negator inside a split verb denies the claim ("beschermt niet tegen", "remt … niet
    # af"); one that opens the verb phrase is the claim itself ("nooit meer last van")
    if grammar.negators & set(text.words(verb.text)[1:]):
        return None
    for name in names:
        addressed = False
        if name.start < verb.end and name.end > verb.start:
            if " " not in verb.text.strip():
                continue  # one word is never both the verb and the condition ("ontstekingsremmend")
            first = verb.start  # a split verb around its object: "remt de ontsteking af"
        elif name.start >= verb.end:
            between = body[verb.end : name.start]
            words = text.words(between)
            if len(words) > 6 or _CLAUSE_BREAK.search(between) or evidence.mentions_deficiency(ctx, between):
                continue
            if any(w in grammar.negators for w in words):
                continue
            first = verb.start
        else:
            between = body[name.end : verb.start]
            words = text.words(between)
            # a fronted condition may stand apart: "For rheumatism, turmeric works wonders"
            lead = text.words(body[sentence.start : name.start])
            addressed = _addressed(body, sentence, name, audiences)
            fronted = addressed or len(lead) <= 2 and lead[-1:] and lead[-1] in grammar.fronting
            if fronted:
                if len(words) > _AFTER_WORDS or _CLAUSE_BREAK.search(between):
                    continue
            elif len(words) > _BEFORE_WORDS or _CLAUSE_BREAK.search(between) or "," in between:
                continue
            first = name.start
        agent = _agent(body, sentence, verb, name, first, mentions, grammar, previous, addressed)
        if agent is not None:
            return name, agent
    return None


def _agent(body, sentence, verb, name, first, mentions, grammar, previous, addressed):
    """The agent of the claim, or None when none or a non-food one makes it."""
    # an instruction holds its agent inside the verb phrase: "gebruik arnica bij", "take zinc for"
    # (only a food inside the verb phrase and before the condition: "beschermt je lever
    # tegen" has the liver as object, not as agent; and never after a copula: "Rest is
    # the best remedy for flu" has rest as its subject)
    inside = not grammar.copulas & set(text.words(verb.text)[:1])
    before = sorted((m for m in mentions if m[1] <= first
                     or (inside and m[2] and verb.start < m[0] and m[1] <= min(verb.end, name.start))),
                    key=lambda m: m[1])
    if before:
        start, end, is_agent, phrase = before[-1]
        if not is_agent or any(w in grammar.negators
                               for w in _words_between(body, max(sentence.start, start - 20), start)[-2:]):
            return None
        if any(w in grammar.negators for w in _words_between(body, end, first)):
            return None
        return f'"{phrase}"'
    # nothing before: a passive ("X is cured by Y") or inverted ("Bij X helpt Y")
    # sentence names its agent after the verb; a condition that opens the
    # clause without a preposition is its subject, not its object
    if first == name.start and body[name.end : verb.start] != "-":  # "cholesterol-lowering capsules"
        lead = _words_between(body, sentence.start, name.start)
        if not addressed and (not lead or lead[-1] not in grammar.fronting):
            passive = text.words(body[verb.start : verb.end + 12])
            if not grammar.passive & set(passive):
                return None
    # inverted order puts the agent right after the verb ("Zo voorkomt magnesium dat ...")
    origin = name.end if first == name.start else verb.end
    after = [m for m in mentions if m[0] >= origin and not (m[0] < name.end and m[1] > name.start)]
    if after and len(_words_between(body, origin, after[0][0])) <= _AFTER_WORDS:
        return f'"{after[0][3]}"' if after[0][2] else None
    # a pronoun subject right before the verb stands for the agent of the
    # previous sentence: "Moringa is rich in iron. It lowers blood pressure."
    lead = _words_between(body, sentence.start, verb.start)
    if lead and lead[-1] in grammar.pronouns and first == verb.start and previous is not None:
        return _subject_of(body, *previous)
    # a product bullet or heading that opens with a finite verb has the product
    # as its unstated subject ("Beschermt je tegen griep", "Prevents osteoporosis");
    # an imperative ("Voorkom griep", "Prevent flu") is advice and stays silent
    lead = _words_between(body, sentence.start, verb.start)
    first_word = text.words(body[verb.start : verb.end])[:1]
    if not lead and first_word and first_word[0][-1] in "ts" and not any(not m[2] for m in mentions):
        return "the product"
    return None

from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import evidence, text
from healthlint.packs import PhraseSet
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

SKIP_LISTS = ("evidence_negation", "disease_exceptions", "claim_reporting")


class _Register:
    """The claims register of one language, compiled once per pack set."""

    def __init__(self, neutral, lang):
        nutrient_phrases, self.nutrient_of = [], []
        self.claims = {}
        for nutrient in neutral.get("nutrients") or []:
            for phrase in nutrient["names"].get(lang, []):
                nutrient_phrases.append(phrase if isinstance(phrase, str) else phrase["phrase"])
                self.nutrient_of.append(nutrient["id"])
            self.claims[nutrient["id"]] = [
                (frozenset(c["concepts"]), c.get(lang) or c["en"]) for c in nutrient["claims"]
            ]
        self.names = PhraseSet(f"register-names-{lang}", nutrient_phrases)
        concept_phrases, self.concept_of = [], []
        for concept, per_lang in (neutral.get("concepts") or {}).items():
            for phrase in per_lang.get(lang, []):
                concept_phrases.append(phrase)
                self.concept_of.append(concept)
        self.concepts = PhraseSet(f"register-concepts-{lang}", concept_phrases)
        self._which: dict[tuple[str, str], frozenset[str]] = {}

    def ids(self, kind, matched):
        key = (kind, text.fold(matched))
        found = self._which.get(key)
        if found is None:
            phrases, table = (self.names, self.nutrient_of) if kind == "n" else (self.concepts, self.concept_of)
            found = self._which[key] = frozenset(table[i] for i in phrases.which(matched))
        return found


def register(ctx):
    cache = ctx.packs.__dict__.setdefault("_claims_register", {})
    reg = cache.get(ctx.lang)
    if reg is None:
        reg = cache[ctx.lang] = _Register(ctx.packs.neutral, ctx.lang)
    return reg


class ClaimNutrientUnauthorised(Rule):
    """## What it does
    Flags a sentence that attributes a health effect to a nutrient in the EU
    register (magnesium, vitamin D, vitamin C, B6, B12, zinc, calcium, iron,
    DHA/EPA, melatonin) when its meaning matches none of that nutrient's
    authorised claims. Meaning, not wording, is compared: each authorised
    claim in `rules/claims-register.yaml` lists the concepts it needs
    ("fatigue", "muscle_function", "immune" …), and each concept has synonym
    phrases per language. A sentence names a nutrient, uses a health-effect
    verb (`health_effect_verbs`), and its concepts are worked out; a concept
    that no authorised claim of the named nutrient(s) covers is reported.
    Sentences without any recognised concept, about a deficiency, negated,
    quoted or phrased as a question are left alone. Preview: the concept
    lists are a first cut. See docs/rules/claims.md.

    ## Why it matters
    Reg. (EC) 1924/2006 art. 10 prohibits health claims that are not on the
    EU list (Reg. (EU) 432/2012). The Dutch Keuringsraad accepts synonyms
    with the same meaning, but not a different promise.

    ## Example
    `Magnesium zorgt voor een diepere slaap.`

    ## Instead
    `Magnesium draagt bij tot een normale werking van het zenuwstelsel.`
    """

    id = "claim-nutrient-unauthorised"
    category = "claims"
    severity = "info"
    summary = "Nutrient health claim that matches no authorised EU claim"
    status = "preview"
    source = "Reg. (EC) 1924/2006 art. 10; Reg. (EU) 432/2012"
    lists = ("health_effect_verbs", "evidence_negation", "disease_exceptions", "claim_reporting", "negators",
             "deficiency")

    def check(self, doc: Document, ctx: Context) -> None:
        verbs = evidence.matches_by_block(doc, ctx.phrases("health_effect_verbs"))
        if not verbs:
            return
        reg = register(ctx)
        names = evidence.matches_by_block(doc, reg.names)
        if not names.keys() & verbs.keys():
            return
        concepts = evidence.matches_by_block(doc, reg.concepts)
        done = set()
        for index, block_verbs in verbs.items():
            if index not in names or index not in concepts:
                continue
            block = block_verbs[0].block
            for verb in block_verbs:
                sentence = evidence.sentence_of(doc, ctx, block, verb.start)
                if (index, sentence.start) in done:
                    continue
                done.add((index, sentence.start))
                found_names = evidence.in_range(names[index], sentence.start, sentence.end)
                nutrients = frozenset().union(*(reg.ids("n", m.text) for m in found_names))
                if not nutrients:
                    continue
                said = evidence.in_range(concepts[index], sentence.start, sentence.end)
                # a nutrient name is not a concept of its own ("zink" in "zinkgehalte")
                in_name = {pos for n in found_names for pos in range(n.start, n.end)}  # linear, not names x concepts
                said = [m for m in said if m.start not in in_name]
                meaning = frozenset().union(*(reg.ids("c", m.text) for m in said))
                if not meaning:
                    continue
                body = block.text[sentence.start : sentence.end]
                if (evidence.mentions_deficiency(ctx, body) or evidence.is_question(sentence)
                        or evidence.quoted_at(block, sentence, verb.start)
                        or evidence.negator_before(ctx, block, verb.start, 3)
                        or evidence.negated(doc, ctx, block, sentence.start, sentence.end, SKIP_LISTS)):
                    continue
                claims = [c for n in sorted(nutrients) for c in reg.claims.get(n, [])]
                covered = frozenset().union(*(need for need, _ in claims if need <= meaning))
                qualifiers = frozenset().union(*(need for need, _ in claims)) - covered
                uncovered = meaning - covered
                if not uncovered or uncovered <= qualifiers and covered:
                    continue
                start, end = evidence.trimmed(sentence)
                examples = "; ".join(f'"{wording}"' for _, wording in claims[:2])
                # the sentence's own words, not the register's ids ("bloeddruk", not blood_pressure)
                named = _quoted_once(m.text for m in found_names)
                promised = _quoted_once(m.text for m in said if reg.ids("c", m.text) & uncovered)
                ctx.report(
                    f"this sentence makes a health claim about {named} ({promised}) that matches none of "
                    f"its authorised EU claims "
                    f"(Reg. (EC) 1924/2006 art. 10, Reg. (EU) 432/2012); use an authorised wording such as {examples}",
                    block=block, start=start, end=end,
                )


def _quoted_once(words) -> str:
    seen: dict[str, str] = {}
    for word in words:
        seen.setdefault(text.fold(word), word)
    return ", ".join(f'"{word}"' for word in seen.values())

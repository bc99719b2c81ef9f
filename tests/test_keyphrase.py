"""The shared keyphrase matcher: real Dutch and English sentences that must
and must not match (order, function words, inflection, compounds, accents)."""

import pytest
from helpers import html_page, lint

from healthlint.keyphrase import parse_keyphrase, word_forms


def count(sentence: str, keyword: str, lang: str) -> int:
    """Keyphrase occurrences in a one-paragraph page (the JSON report's keyword_count)."""
    result = lint(html_page(f"<p>{sentence}</p>", lang=lang), keyword=keyword, lang=lang,
                  select=("keyword-density",))
    return result["stats"]["keyword_count"]


NL_MATCH = [
    ("magnesium tekort", "Veel mensen hebben een magnesium tekort zonder het te weten."),
    ("magnesium tekort", "Een tekort aan magnesium merk je vaak pas laat."),  # order + function word
    ("magnesium tekort", "Een magnesiumtekort is makkelijk te missen."),  # closed compound
    ("magnesium tekort", "Magnesiumtekorten komen bij ouderen vaker voor."),  # compound, plural
    ("magnesium tekort", "Een magnesium-tekort herken je aan krampen."),  # hyphen
    ("magnesium tekort", "Tekorten aan magnesium ontstaan langzaam."),  # plural -en
    ("MAGNESIUM Tekort", "Heb je een magnesium tekort?"),  # case
    ("vitamine", "Vitamines uit groente worden goed opgenomen."),  # -s
    ("vitamine", "Sommige vitaminen lossen op in vet."),  # -n
    ("vitamines", "Een vitamine is een stof die je lichaam nodig heeft."),  # plural keyphrase, singular text
    ("omega-3 vetzuren", "Vette vis levert omega-3-vetzuren."),
    ("omega-3 vetzuren", "Lijnzaad bevat een omega 3 vetzuur dat je lichaam deels omzet."),  # vetzuur/vetzuren
    ("vitamine C", "Kiwi's zitten vol vitamine C."),
    ("vitamine D", "Vitamine D3 wordt beter opgenomen dan D2."),
    ("cafeïne", "Cafeine houdt je wakker."),  # accent-insensitive
    ("cafeine", "Cafeïne houdt je wakker."),
    ("zink supplement", "Neem een zinksupplement alleen bij een tekort."),
    ("zink supplement", "Supplementen met zink zijn er in vele vormen."),
    ("gezonde voeding", "Gezond eten begint met voeding die je lekker vindt."),  # adjective -e
]

NL_NO_MATCH = [
    ("magnesium tekort", "Magnesium zit in noten en zaden."),  # one word only
    ("magnesium tekort", "Een tekort aan ijzer komt vaker voor."),
    ("magnesium tekort", "Eet magnesiumrijk. Een tekort ontstaat dan niet."),  # other sentence, other word
    ("magnesium tekort", "Met magnesiumrijk eten voorkom je tekortkomingen."),  # no word is a form of the keyphrase
    ("vitamine C", "Vitamine D maak je zelf aan in de zon."),
    ("zink", "Zinkoxide zit in zonnebrandcrème."),  # a compound with another head is not the keyphrase
    ("ijzer", "IJzerhard bewijs is er niet."),
]

EN_MATCH = [
    ("vitamin D deficiency", "Vitamin D deficiency is common in winter."),
    ("vitamin D deficiency", "Signs of a deficiency in vitamin D include bone pain."),  # any order
    ("vitamin D deficiency", "Vitamin D deficiencies are treated with supplements."),  # -ies
    ("vitamin D deficiency", "Low vitamin D3 levels point to a deficiency."),
    ("calcium supplements", "A calcium supplement is best taken with food."),  # singular
    ("probiotics", "This probiotic contains two strains."),
    ("probiotic", "Probiotics are live microorganisms."),
    ("iron-rich foods", "Foods rich in iron include lentils and spinach."),  # hyphen parts, any order
    ("iron-rich foods", "Eat iron-rich foods with a source of vitamin C."),
    ("sleep hygiene", "Good sleep hygiene means regular hours."),
    ("vitamin B12", "Vegans need a reliable source of vitamin B12."),
    ("vitamin A", "Liver is rich in vitamin A."),  # the letter A is not the article "a"
]

EN_NO_MATCH = [
    ("vitamin D deficiency", "Vitamin D is made in the skin."),
    ("vitamin D deficiency", "Iron deficiency is the most common deficiency."),
    ("vitamin A", "Take a vitamin C supplement."),
    ("iron-rich foods", "Ironically, these foods are rich in fibre."),  # "ironically" is not "iron"
    ("sleep hygiene", "Hand hygiene prevents infections."),
    ("vitamin B12", "Vitamin B6 is found in bananas."),
]


@pytest.mark.parametrize("keyword,sentence", NL_MATCH)
def test_dutch_must_match(keyword, sentence):
    assert count(sentence, keyword, "nl") == 1


@pytest.mark.parametrize("keyword,sentence", NL_NO_MATCH)
def test_dutch_must_not_match(keyword, sentence):
    assert count(sentence, keyword, "nl") == 0


@pytest.mark.parametrize("keyword,sentence", EN_MATCH)
def test_english_must_match(keyword, sentence):
    assert count(sentence, keyword, "en") == 1


@pytest.mark.parametrize("keyword,sentence", EN_NO_MATCH)
def test_english_must_not_match(keyword, sentence):
    assert count(sentence, keyword, "en") == 0


def test_compound_keyphrase_matches_its_parts_when_the_document_uses_them():
    text = "<p>Een ijzertekort is vaak onschuldig. Een tekort aan ijzer merk je aan moeheid. Veel ijzer tekort.</p>"
    assert count(text, "ijzertekort", "nl") == 3
    # no split without the parts as words in the document: "melatonine" stays one word
    assert count("<p>Melatonine helpt bij jetlag.</p>", "melatonine", "nl") == 1


def test_count_per_sentence_is_the_rarest_word():
    # "magnesium" twice, "tekort" once: one occurrence
    assert count("Wil je een magnesium tekort voorkomen, eet dan meer magnesium.", "magnesium tekort", "nl") == 1
    assert count("Een magnesium tekort en daarna weer een magnesium tekort.", "magnesium tekort", "nl") == 2


def test_function_words_are_ignored_in_the_keyphrase():
    kp = parse_keyphrase("tekort aan magnesium", "nl", frozenset({"aan", "een"}))
    assert kp.words == ("tekort", "magnesium")
    kp = parse_keyphrase("signs of vitamin a deficiency", "en", frozenset({"of", "a"}))
    assert kp.words == ("signs", "vitamin a", "deficiency")  # the letter goes with its word


def test_inflection_forms():
    assert {"vitamines", "vitaminen"} <= word_forms("vitamine", "nl")
    assert {"tekorten"} <= word_forms("tekort", "nl")
    assert {"vetzuren", "vetzuur"} <= word_forms("vetzuren", "nl")
    assert {"deficiencies"} <= word_forms("deficiency", "en")
    assert "ironic" not in word_forms("iron", "en")


def test_matching_is_compiled_once_per_document():
    from healthlint import keyphrase
    from healthlint.config import Settings
    from healthlint.context import Context
    from healthlint.engine import Linter
    from healthlint.loader import parse_text

    linter = Linter(Settings(), cli_keyword="magnesium tekort", explicit_config=True)
    settings = Settings()
    packs = linter.packs_for(settings)
    doc = parse_text(html_page("<p>Een magnesium tekort.</p><p>Nog een tekort aan magnesium.</p>"), "a.html")
    doc.lang, doc.keyword = "nl", "magnesium tekort"
    ctx = Context(doc, settings, packs)
    first = keyphrase.matcher(doc, ctx)
    assert keyphrase.matcher(doc, ctx) is first
    assert keyphrase.occurrences(doc, ctx) is keyphrase.occurrences(doc, ctx)
    assert [o.count for o in keyphrase.occurrences(doc, ctx)] == [1, 1]

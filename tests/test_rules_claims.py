"""claim-* rules: Dutch and English cases they must flag and close cases they must not."""

from pathlib import Path

import pytest
from helpers import findings, html_page, lint, quoted, assert_example_findings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def fired(body, rule, lang="nl"):
    text = html_page(body, lang=lang)
    return text, findings(lint(text, select=(rule,)), rule)


def md(text, rule):
    return findings(lint(text, "a.md", select=(rule,)), rule)


# -- claim-unsupported-evidence -------------------------------------------------

@pytest.mark.parametrize("sentence,lang", [
    ("Uit recent onderzoek blijkt dat magnesium je slaap verbetert.", "nl"),
    ("Studies tonen duidelijk aan dat zink je weerstand versterkt.", "nl"),
    ("Wetenschappers ontdekten dat vitamine C verkoudheid verkort.", "nl"),
    ("Grote overzichtsstudies laten zien dat omega-3 goed is voor je hart.", "nl"),
    ("Het is wetenschappelijk bewezen dat ijzer moeheid tegengaat.", "nl"),
    ("Research confirms that magnesium improves sleep.", "en"),
    ("Experts agree that most adults need more vitamin D in winter.", "en"),
    ("This blend is clinically proven to boost energy.", "en"),
    ("A growing body of research suggests zinc shortens colds.", "en"),
])
def test_evidence_without_citation_fires(sentence, lang):
    text, found = fired(f"<h1>T</h1><p>Intro. {sentence} Meer tekst.</p>", "claim-unsupported-evidence", lang)
    assert len(found) == 1
    assert quoted(text, found[0]) == sentence


@pytest.mark.parametrize("body,lang", [
    # a citation link in the sentence, or elsewhere in the paragraph
    ('<p>Onderzoek toont aan dat het helpt (<a href="https://pubmed.ncbi.nlm.nih.gov/1/">studie</a>).</p>', "nl"),
    ('<p>Studies show it helps. See <a href="https://www.nhs.uk/x">the NHS page</a>.</p>', "en"),
    # a named study with a year
    ("<p>Uit een studie uit 2021 in The Lancet blijkt dat het helpt.</p>", "nl"),
    ("<p>Research shows a small effect (Smith et al., 2019).</p>", "en"),
    ("<p>Studies show a small effect, as Jones (2020) reported.</p>", "en"),
    # a reference marker that resolves to a sources section
    ("<p>Studies tonen aan dat het helpt [1].</p><h2>Bronnen</h2><ol><li>Smith J. Nutrients. 2019.</li></ol>", "nl"),
    ("<p>Research shows it helps.\u00b9</p><h2>References</h2><p>\u00b9 Smith J. BMJ 2019.</p>", "en"),
    # negations, hedges, quotations, questions
    ("<p>Er is geen wetenschappelijk bewijs dat extra magnesium zinvol is.</p>", "nl"),
    ("<p>Onderzoek toont niet aan dat het werkt.</p>", "nl"),
    ("<p>Veel webshops beweren dat studies aantonen dat het werkt.</p>", "nl"),
    ("<p>No study has shown that it prevents colds.</p>", "en"),
    ("<p>There is little evidence that it helps; more research is needed.</p>", "en"),
    ('<p>Some sites claim "studies show" it cures everything.</p>', "en"),
    ("<p>Wat laten studies zien over magnesium?</p>", "nl"),
])
def test_evidence_cited_negated_or_quoted_does_not_fire(body, lang):
    assert not fired("<h1>T</h1>" + body, "claim-unsupported-evidence", lang)[1]


def test_evidence_shop_or_affiliate_link_is_no_citation():
    body = ('<h1>T</h1><p>Studies tonen aan dat het helpt. '
            '<a href="https://www.bol.com/nl/p/x/">Bekijk</a> <a href="https://amzn.to/x">hier</a>.</p>')
    assert len(fired(body, "claim-unsupported-evidence")[1]) == 1


def test_evidence_citation_in_next_paragraph_does_not_rescue():
    body = ('<h1>T</h1><p>Studies tonen aan dat het helpt.</p>'
            '<p>Zie <a href="https://pubmed.ncbi.nlm.nih.gov/1/">deze review</a>.</p>')
    assert len(fired(body, "claim-unsupported-evidence")[1]) == 1


def test_evidence_sentence_scope_option():
    body = ('<h1>T</h1><p>Studies tonen aan dat het helpt. Zie <a href="https://doi.org/10.1/x">de review</a>.</p>')
    text = html_page(body)
    assert not findings(lint(text, select=("claim-unsupported-evidence",)), "claim-unsupported-evidence")
    strict = lint(text, select=("claim-unsupported-evidence",),
                  options=(("claim-unsupported-evidence", (("scope", "sentence"),)),))
    assert len(findings(strict, "claim-unsupported-evidence")) == 1


def test_evidence_markdown_link():
    assert not md("# T\n\nResearch shows it works ([Smith, 2019](https://doi.org/10.1/x)).\n",
                  "claim-unsupported-evidence")
    assert md("# T\n\nResearch shows it works.\n", "claim-unsupported-evidence")


# -- claim-disease ---------------------------------------------------------------

@pytest.mark.parametrize("body,expected,lang", [
    # the finding underlines the verb and the condition, not the sentence
    ("<p>Magnesium verlaagt je bloeddruk op een natuurlijke manier.</p>", "verlaagt je bloeddruk", "nl"),
    ("<ul><li>Beschermt je tegen griep en verkoudheid</li></ul>", "Beschermt je tegen griep", "nl"),
    ("<h2>Voorkomt calciumafzettingen in je aderen</h2>", "Voorkomt calciumafzettingen", "nl"),
    ("<p>Met dit poeder kun je je bloeddruk verlagen.</p>", "bloeddruk verlagen", "nl"),
    ("<p>Kurkuma geneest artrose.</p>", "geneest artrose", "nl"),
    ("<p>This tea helps reverse diabetes.</p>", "reverse diabetes", "en"),
    ("<p>Zinc fights off colds and flu.</p>", "fights off colds", "en"),
    ("<li>Natural cholesterol-lowering capsules</li>", "cholesterol-lowering", "en"),
    ("<h3>Prevents osteoporosis</h3>", "Prevents osteoporosis", "en"),
])
def test_disease_claims_fire(body, expected, lang):
    text, found = fired("<h1>T</h1>" + body, "claim-disease", lang)
    assert len(found) == 1 and quoted(text, found[0]) == expected
    assert "1169/2011" in found[0]["message"]
    assert ("Warenwet" in found[0]["message"]) == (lang == "nl")


@pytest.mark.parametrize("body,lang", [
    ("<p>Een langdurig tekort kan leiden tot spierkrampen en vermoeidheid.</p>", "nl"),
    ("<p>Gebruik je bloeddrukverlagers? Overleg dan eerst met je huisarts.</p>", "nl"),
    ("<li>Mensen met diabetes type 2 of de ziekte van Crohn</li>", "nl"),
    ("<p>Wil je een magnesium tekort voorkomen, eet dan noten.</p>", "nl"),
    ("<p>Zo voorkom je een tekort dat tot krampen leidt.</p>", "nl"),
    ("<p>Een tekort kan voorkomen bij mensen met darmziekten.</p>", "nl"),
    ("<p>Magnesium geneest geen griep.</p>", "nl"),
    ("<p>Helpt vitamine C tegen verkoudheid?</p>", "nl"),
    ("<p>Claims dat visolie hartziekten voorkomt, zijn niet toegestaan.</p>", "nl"),
    ("<p>Medicijnen die je bloeddruk verlagen kunnen duizeligheid geven.</p>", "nl"),
    ("<p>A deficiency can cause cramps and fatigue.</p>", "en"),
    ("<p>Talk to your doctor if you have diabetes.</p>", "en"),
    ("<p>Some conditions, such as coeliac disease, can reduce how much vitamin D you absorb.</p>", "en"),
    ("<p>Statins lower cholesterol, and your doctor decides on the dose.</p>", "en"),
    ("<p>There is no evidence that zinc prevents colds.</p>", "en"),
    ("<p>Vitamin C does not prevent colds in most people.</p>", "en"),
    ("<p>Regular exercise lowers blood pressure.</p>", "en"),
])
def test_descriptive_medical_facts_do_not_fire(body, lang):
    assert not fired("<h1>T</h1>" + body, "claim-disease", lang)[1]


# -- claim-absolute ----------------------------------------------------------------

@pytest.mark.parametrize("body,expected,lang", [
    ("<p>Het is 100% natuurlijk en veilig.</p>", ["100% natuurlijk"], "nl"),
    ("<p>Dit wondermiddel werkt altijd, zonder bijwerkingen.</p>", ["wondermiddel", "werkt altijd", "zonder bijwerkingen"], "nl"),
    ("<p>Guaranteed results with no side effects.</p>", ["Guaranteed results", "no side effects"], "en"),
    ("<p>A miracle mineral for everyone.</p>", ["miracle"], "en"),
])
def test_absolute_fires(body, expected, lang):
    text, found = fired("<h1>T</h1>" + body, "claim-absolute", lang)
    assert [quoted(text, f) for f in found] == expected


@pytest.mark.parametrize("body,lang", [
    ("<p>Melatonine is geen wondermiddel.</p>", "nl"),
    ("<p>Geen supplement is helemaal niet 100% veilig.</p>", "nl"),
    ('<p>Wantrouw elke site die "gegarandeerd resultaat" belooft.</p>', "nl"),
    ("<p>It is not a miracle cure.</p>", "en"),
    ("<p>Is it really risk-free?</p>", "en"),
])
def test_absolute_negated_quoted_or_questioned_does_not_fire(body, lang):
    assert not fired("<h1>T</h1>" + body, "claim-absolute", lang)[1]


# -- claim-statistic-unsourced -------------------------------------------------------

@pytest.mark.parametrize("body,expected,lang", [
    ("<p>Gebruikers melden tot 20%&nbsp;meer energie.</p>", "tot 20%&nbsp;meer energie", "nl"),
    ("<p>Je hebt 28 procent minder kans op krampen.</p>", "28 procent minder kans", "nl"),
    ("<p>Dit poeder werkt twee keer zo snel als tabletten.</p>", "twee keer zo", "nl"),
    ("<p>Zinc makes colds up to 30% shorter.</p>", "up to 30% shorter", "en"),
    ("<p>It is twice as effective as oxide.</p>", "twice as effective", "en"),
])
def test_statistic_without_source_fires(body, expected, lang):
    text, found = fired("<h1>T</h1>" + body, "claim-statistic-unsourced", lang)
    assert len(found) == 1 and quoted(text, found[0]) == expected


@pytest.mark.parametrize("body,lang", [
    ("<p>Een hand cashewnoten levert 80 mg per portie.</p>", "nl"),
    ("<p>Neem 400\u2013420 mg per dag.</p>", "nl"),
    ("<table><tr><td>Pure chocolade (70% cacao)</td><td>45 mg</td></tr></table>", "nl"),
    ("<p>Nu met 20% korting op je eerste bestelling.</p>", "nl"),
    ("<p>Neem 2 keer per dag een capsule.</p>", "nl"),
    ('<p>Zink maakt verkoudheid 30% korter (<a href="https://doi.org/10.1/x">meta-analyse</a>).</p>', "nl"),
    ("<p>One tablet gives 100% of the reference intake.</p>", "en"),
    ("<p>In 2016, 13% of participants had low levels (Cashman et al., 2016).</p>", "en"),
    ("<p>Take it twice a day with food.</p>", "en"),
])
def test_amounts_prices_and_cited_numbers_do_not_fire(body, lang):
    assert not fired("<h1>T</h1>" + body, "claim-statistic-unsourced", lang)[1]


# -- claim-nutrient-unauthorised (preview) -----------------------------------------------

@pytest.mark.parametrize("body,lang", [
    ("<p>Magnesium zorgt voor een diepere slaap.</p>", "nl"),
    ("<p>Zink verbetert je cholesterol.</p>", "nl"),
    ("<p>Vitamin D boosts your mood.</p>", "en"),
    ("<p>Iron helps you lose weight.</p>", "en"),
])
def test_nutrient_claim_with_unauthorised_meaning_fires(body, lang):
    text, found = fired("<h1>T</h1>" + body, "claim-nutrient-unauthorised", lang)
    assert len(found) == 1 and found[0]["severity"] == "info"
    assert quoted(text, found[0]) == body[3:-4]


@pytest.mark.parametrize("body,lang", [
    ("<p>Magnesium draagt bij tot de vermindering van vermoeidheid en moeheid.</p>", "nl"),
    ("<p>Magnesium helpt je minder moe te zijn.</p>", "nl"),  # same meaning, other words
    ("<p>Vitamine D ondersteunt je botten en je immuunsysteem.</p>", "nl"),
    ("<p>Een magnesiumtekort zorgt voor slechte slaap.</p>", "nl"),  # about a deficiency
    ("<p>Vitamin C contributes to the normal function of the immune system.</p>", "en"),
    ("<p>Zinc supports your immune system.</p>", "en"),
    ("<p>Calcium can reduce the absorption of some medicines.</p>", "en"),
])
def test_authorised_or_synonymous_claims_do_not_fire(body, lang):
    assert not fired("<h1>T</h1>" + body, "claim-nutrient-unauthorised", lang)[1]


def test_nutrient_rule_is_preview_only():
    text = html_page("<h1>T</h1><p>Magnesium zorgt voor een diepere slaap.</p>")
    assert not findings(lint(text, select=("claim-nutrient-unauthorised",), preview=False),
                        "claim-nutrient-unauthorised")


# -- the examples ------------------------------------------------------------------------

EXPECTED_CLAIMS = [
    ("claim-unsupported-evidence", 33, 146, "Uit onderzoek blijkt dat bijna de helft van alle volwassenen"),
    ("claim-unsupported-evidence", 54, 4, "Studies tonen aan dat magnesium &amp; vitamine B6 samen krampen"),
    ("claim-unsupported-evidence", 57, 167, "Wetenschappers ontdekten bovendien dat mensen met genoeg magnesium"),
    ("claim-disease", 54, 60, "krampen sneller laten verdwijnen"),
    ("claim-disease", 58, 73, "verlaagt je bloeddruk"),
    ("claim-disease", 63, 5, "Beschermt je tegen griep"),
    ("claim-disease", 66, 8, "voorkomt magnesium dat je aderen dichtslibben"),
    ("claim-absolute", 116, 77, "100% natuurlijk"),
    ("claim-absolute", 116, 103, "zonder bijwerkingen"),
    ("claim-statistic-unsourced", 116, 185, "tot 20%&nbsp;meer energie"),
]


def test_magnesium_example_claims_at_exact_positions():
    assert_example_findings(EXAMPLES / "magnesium-tekort.html", ("claims",), EXPECTED_CLAIMS)


def test_clean_example_has_no_claim_findings():
    text = (EXAMPLES / "vitamin-d-deficiency.md").read_text(encoding="utf-8")
    result = lint(text, "vitamin-d-deficiency.md", select=("claims",))
    assert not [f for f in result["findings"] if f["severity"] in ("error", "warning")]

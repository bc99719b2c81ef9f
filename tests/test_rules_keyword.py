"""keyword-* rules in Dutch and English: what they must flag and close cases they must not."""

from helpers import findings, html_page, lint, quoted

NL_FILLER = "<p>" + " ".join(["Je lichaam gebruikt dit mineraal voor je spieren en je zenuwen."] * 12) + "</p>"
EN_FILLER = "<p>" + " ".join(["Your body uses this nutrient for strong bones and healthy muscles."] * 12) + "</p>"


def fired(text, rule, keyword=None, path="a.html", lang=None):
    return findings(lint(text, path, keyword=keyword, lang=lang, select=(rule,)), rule)


def na(text, rule, keyword=None, path="a.html"):
    return rule in lint(text, path, keyword=keyword, select=(rule,))["rules"]["not_applicable"]


# -- keyword-missing ----------------------------------------------------------------------

def test_missing_reports_and_other_rules_skip():
    page = html_page("<h1>Magnesium</h1><p>Tekst.</p>")
    assert fired(page, "keyword-missing")
    result = lint(page, select=("keyword",))
    assert set(result["rules"]["not_applicable"]) >= {"keyword-title", "keyword-h1", "keyword-intro",
                                                     "keyword-density", "keyword-stuffing"}
    assert not fired(page, "keyword-missing", keyword="magnesium tekort")
    md = "---\ntitle: Vitamin D\nkeyword: vitamin D deficiency\n---\n# Vitamin D\n\nText.\n"
    assert not fired(md, "keyword-missing", path="a.md")


def test_meta_keywords_is_never_the_keyphrase():
    page = html_page("<h1>Magnesium</h1><p>Tekst.</p>", head='<meta name="keywords" content="magnesium">\n')
    assert fired(page, "keyword-missing")


# -- title / h1 / meta description ---------------------------------------------------------

def test_title_nl_and_en():
    page = html_page("<h1>x</h1>", title="Krampen en vermoeidheid: wat zit erachter?")
    found = fired(page, "keyword-title", "magnesium tekort")
    assert len(found) == 1 and quoted(page, found[0]) == "Krampen en vermoeidheid: wat zit erachter?"
    assert not fired(html_page("<h1>x</h1>", title="Magnesiumtekort herkennen"), "keyword-title", "magnesium tekort")
    assert fired(html_page("<h1>x</h1>", lang="en", title="Sunshine and your bones"), "keyword-title",
                 "vitamin D deficiency")
    assert not fired(html_page("<h1>x</h1>", lang="en", title="Signs of a vitamin D deficiency"), "keyword-title",
                     "vitamin D deficiency")


def test_h1():
    page = html_page("<h1>Alles over krampen</h1><p>x</p>")
    found = fired(page, "keyword-h1", "magnesium tekort")
    assert quoted(page, found[0]) == "Alles over krampen"
    assert not fired(html_page("<h1>Tekort aan magnesium?</h1>"), "keyword-h1", "magnesium tekort")
    md = "# Sunshine and bones\n\nText.\n"
    assert fired(md, "keyword-h1", "vitamin D deficiency", path="a.md")
    assert not fired("# Vitamin D deficiencies explained\n\nText.\n", "keyword-h1", "vitamin D deficiency", "a.md")
    assert na("## Geen H1\n\nTekst.\n", "keyword-h1", "magnesium", "a.md")


def test_meta_description():
    head = '<meta name="description" content="Alles over krampen, moeheid en wat je eraan doet.">\n'
    page = html_page("<h1>x</h1>", head=head)
    found = fired(page, "keyword-meta-description", "magnesium tekort")
    assert found and quoted(page, found[0]).startswith('<meta name="description"')
    head_ok = '<meta name="description" content="Zo herken je een tekort aan magnesium.">\n'
    assert not fired(html_page("<h1>x</h1>", head=head_ok), "keyword-meta-description", "magnesium tekort")
    md = "---\ndescription: How much sun you need.\n---\n# T\n"
    assert fired(md, "keyword-meta-description", "vitamin D deficiency", "a.md")
    md_ok = "---\ndescription: Who is at risk of vitamin D deficiency.\n---\n# T\n"
    assert not fired(md_ok, "keyword-meta-description", "vitamin D deficiency", "a.md")


# -- intro ---------------------------------------------------------------------------------

def test_intro_nl_skips_byline_and_date_line():
    body = ("<h1>Magnesium tekort</h1><p>Door Anna de Vries, diëtist · 12 maart 2025</p>"
            "<p>Krampen in je kuiten? Dat kan wijzen op een magnesium tekort.</p>")
    assert not fired(html_page(body), "keyword-intro", "magnesium tekort")
    body = ('<h1>Magnesium tekort</h1><p class="byline">Anna de Vries</p>'
            "<p>Krampen in je kuiten? Je bent niet de enige.</p><p>Een magnesium tekort is vaak de oorzaak.</p>")
    page = html_page(body)
    found = fired(page, "keyword-intro", "magnesium tekort")
    assert len(found) == 1 and quoted(page, found[0]) == "Krampen in je kuiten?"


def test_intro_sentence_starting_with_door_is_not_a_byline():
    body = "<h1>x</h1><p>Door een tekort aan magnesium krijg je krampen.</p>"
    assert not fired(html_page(body), "keyword-intro", "magnesium tekort")


def test_intro_en():
    md = "# Vitamin D\n\nBy Claire Donovan, RD. Updated 2 June 2025\n\nSunlight is the main source of vitamin D.\n"
    found = fired(md, "keyword-intro", "vitamin D deficiency", "a.md")
    assert found and quoted(md, found[0]) == "Sunlight is the main source of vitamin D."
    assert "not" in found[0]["message"]
    md_ok = "# Vitamin D\n\nVitamin D deficiency is common in winter. It is easy to test.\n"
    assert not fired(md_ok, "keyword-intro", "vitamin D deficiency", "a.md")


def test_intro_words_split_over_sentences():
    md = "# T\n\nMany people lack vitamin D in winter. A deficiency is easy to miss.\n"
    found = fired(md, "keyword-intro", "vitamin D deficiency", "a.md")
    assert found and "not in one sentence" in found[0]["message"]


# -- density -------------------------------------------------------------------------------

def test_density_too_low_and_too_high_nl():
    low = html_page("<h1>Magnesium tekort</h1>" + NL_FILLER * 2)
    found = fired(low, "keyword-density", "magnesium tekort")
    assert found and "below 0.5 %" in found[0]["message"]
    high = html_page("<h1>Magnesium tekort</h1>" + "<p>" + "Een magnesium tekort is lastig. " * 12 + "</p>" + NL_FILLER)
    found = fired(high, "keyword-density", "magnesium tekort")
    assert found and "above 3 %" in found[0]["message"]
    ok = html_page("<h1>Magnesium tekort</h1><p>Een tekort aan magnesium merk je laat.</p>" + NL_FILLER)
    assert not fired(ok, "keyword-density", "magnesium tekort")


def test_density_en_and_options():
    ok = html_page("<h1>Vitamin D deficiency</h1>" + EN_FILLER, lang="en")
    assert not fired(ok, "keyword-density", "vitamin D deficiency")
    strict = lint(ok, keyword="vitamin D deficiency", select=("keyword-density",),
                  options=(("keyword-density", (("min", 2.0),)),))
    assert findings(strict, "keyword-density")


def test_density_not_judged_on_short_text():
    assert na(html_page("<p>Kort.</p>"), "keyword-density", "magnesium")


# -- subheadings ---------------------------------------------------------------------------

def test_subheadings_nl_too_few_and_too_many():
    heads = "".join(f"<h2>Sectie {i}</h2><p>tekst</p>" for i in range(5))
    page = html_page("<h1>Magnesium tekort</h1><h2>Wat is een magnesium tekort?</h2><p>x</p>" + heads)
    assert fired(page, "keyword-subheadings", "magnesium tekort")  # 1 of 6
    many = "".join(f"<h2>Magnesium tekort {i}</h2><p>tekst</p>" for i in range(4))
    found = fired(html_page("<h1>x</h1>" + many), "keyword-subheadings", "magnesium tekort")
    assert found and "more than 75 %" in found[0]["message"]
    ok = html_page("<h1>x</h1><h2>Tekort aan magnesium</h2><p>x</p><h2>Voeding</h2><p>x</p><h3>Noten</h3>")
    assert not fired(ok, "keyword-subheadings", "magnesium tekort")  # 1 of 3


def test_subheadings_en_one_of_one_and_sidebar():
    md = "# T\n\n## Causes of vitamin D deficiency\n\ntext\n"
    assert not fired(md, "keyword-subheadings", "vitamin D deficiency", "a.md")
    page = html_page("<main><h1>x</h1><h2>Causes of vitamin D deficiency</h2><h2>Testing</h2></main>"
                     "<aside><h2>Popular</h2><h2>Newsletter</h2><h2>More</h2></aside>", lang="en")
    assert not fired(page, "keyword-subheadings", "vitamin D deficiency")  # 1 of 2: sidebar left out


# -- distribution --------------------------------------------------------------------------

def test_distribution_nl_and_en():
    page = html_page("<h1>Magnesium tekort</h1><p>Een magnesium tekort is vaak onopgemerkt.</p>" + NL_FILLER * 3)
    found = fired(page, "keyword-distribution", "magnesium tekort")
    assert found and "at the end" in found[0]["message"]
    assert quoted(page, found[0]).startswith("Je lichaam gebruikt")
    half = "<p>" + " ".join(["Your body uses this nutrient for strong bones and healthy muscles."] * 6) + "</p>"
    spread = "".join(["<p>Vitamin D deficiency is common.</p>" + half] * 6) + "<p>Test for vitamin D deficiency.</p>"
    assert not fired(html_page("<h1>T</h1>" + spread, lang="en"), "keyword-distribution", "vitamin D deficiency")


# -- stuffing ------------------------------------------------------------------------------

def stuffing(sentence, keyword, lang="nl"):
    page = html_page(f"<p>{sentence}</p>", lang=lang)
    return page, fired(page, "keyword-stuffing", keyword, lang=lang)


def test_stuffing_is_preview():
    page = html_page("<p>Magnesium tekort lichaam spieren signalen herkennen:</p>")
    result = lint(page, keyword="magnesium tekort", select=("keyword-stuffing",), preview=False)
    assert not findings(result, "keyword-stuffing")


def test_stuffing_pasted_fragments_nl():
    page, found = stuffing("Magnesium tekort lichaam spieren signalen herkennen:", "magnesium tekort")
    assert len(found) == 1 and quoted(page, found[0]) == "Magnesium tekort lichaam spieren signalen herkennen:"
    page, found = stuffing("De magnesium lichaam processen die je nodig hebt.", "magnesium")
    assert quoted(page, found[0]) == "magnesium lichaam processen"
    page, found = stuffing("Je kunt niet zonder deze magnesium werking lichaam.", "magnesium")
    assert quoted(page, found[0]) == "magnesium werking lichaam."


def test_stuffing_natural_dutch_does_not_fire():
    for sentence in [
        "Een ernstig magnesium tekort is zeldzaam.",
        "Hoe kun je een magnesium tekort snel herkennen?",
        "Een magnesium tekort herkennen is lastig.",
        "Lichte magnesium tekort klachten verdwijnen vaak vanzelf.",
        "Wil je een magnesium tekort voorkomen, eet dan meer magnesium.",
        "Magnesium citraat poeder voor sporters",
        "Magnesium bisglycinaat van VitaPure is zacht voor de maag.",
        "Een magnesiumtekort? Een tekort aan magnesium herken je zo.",
    ]:
        assert not stuffing(sentence, "magnesium tekort")[1], sentence
    assert not stuffing("Magnesium citraat poeder voor sporters", "magnesium")[1]


def test_stuffing_repetition_nl_and_en():
    page, found = stuffing("Een magnesium tekort en nog een magnesium tekort.", "magnesium tekort")
    assert found and quoted(page, found[0]) == "magnesium tekort en nog een magnesium tekort"
    page, found = stuffing("Vitamin D deficiency symptoms are common in vitamin D deficiency.",
                           "vitamin D deficiency", "en")
    assert found and "2 times" in found[0]["message"]


def test_stuffing_natural_english_does_not_fire():
    for sentence in [
        "Common vitamin D deficiency symptoms include tiredness and bone pain.",
        "vitamin D deficiency symptoms",
        "Anyone considering calcium supplements should first estimate how much calcium their diet provides, "
        "since many people come close to the target without any supplement at all.",
    ]:
        keyword = "calcium supplements" if "calcium" in sentence else "vitamin D deficiency"
        assert not stuffing(sentence, keyword, "en")[1], sentence


# -- the examples ---------------------------------------------------------------------------

def _example(name, keyword=None):
    from pathlib import Path

    from helpers import lint as _lint

    path = Path(__file__).resolve().parent.parent / "examples" / name
    text = path.read_text(encoding="utf-8")
    return text, _lint(text, name, keyword=keyword,
                       select=("keyword", "meta", "readability"), preview=True)


def test_dutch_example_reports_what_an_editor_expects():
    text, result = _example("magnesium-tekort.html", "magnesium tekort")
    got = {(f["rule"], f["line"], f["column"]) for f in result["findings"]}
    assert got == {("keyword-stuffing", 44, 4), ("image-alt-missing", 29, 1), ("link-text-generic", 74, 321),
                   ("link-text-generic", 140, 108)}  # "deze link" is generic as well
    stuffing = findings(result, "keyword-stuffing")[0]
    assert quoted(text, stuffing) == "Magnesium tekort lichaam spieren signalen herkennen:"
    assert result["stats"]["keyword_count"] == 19  # 18 as Yoast counts + "magnesiumtekort"
    assert 60 < result["stats"]["flesch"] < 70


def test_clean_english_example_has_no_error_or_warning():
    _, result = _example("vitamin-d-deficiency.md")
    assert result["keyword"] == "vitamin D deficiency"
    assert [f for f in result["findings"] if f["severity"] in ("error", "warning")] == []
    assert result["findings"] == []


def test_intro_skips_a_short_affiliate_notice_nl_and_en():
    for lang, notice, intro in [
        ("en", "We may earn a commission when you buy through links on this page.",
         "Magnesium supplements can help people who do not get enough from food."),
        ("nl", "Dit artikel bevat affiliate links: koop je via een link, dan krijgen wij een kleine commissie.",
         "Een magnesium tekort merk je vaak aan krampen en vermoeidheid."),
    ]:
        keyword = "magnesium supplements" if lang == "en" else "magnesium tekort"
        text = (f'<html lang="{lang}"><body><main><h1>{keyword}</h1><p>{notice}</p><p>{intro}</p>'
                "</main></body></html>")
        assert not findings(lint(text, select=("keyword-intro",), keyword=keyword), "keyword-intro"), lang
        text_without = text.replace(f"<p>{intro}</p>", "<p>Krampen? Lees verder.</p>")
        assert findings(lint(text_without, select=("keyword-intro",), keyword=keyword), "keyword-intro"), lang


# -- stuffing: product guides and ordinary Dutch verbs (issue 12) -----------------------------

def test_stuffing_product_names_in_a_product_guide_are_not_stuffing():
    for lang, keyword, sentence in [
        ("nl", "omega 3", "Omega 3 Forte bevat meer EPA dan Omega 3 Vegan, maar Omega 3 Vegan is plantaardig."),
        ("nl", "vitamine c", "Vitamine C Kauwtabletten van Etos en Vitamine C 1000 van Kruidvat vergeleken."),
        ("nl", "magnesium", "De Magnesium Forte van Vitaal en de Magnesium Complex van Vitakruid kosten evenveel."),
        ("en", "fish oil", "Nordic Naturals Fish Oil beat Kirkland Fish Oil on freshness."),
        ("en", "magnesium glycinate",
         "Doctor's Best Magnesium Glycinate is cheaper than Pure Encapsulations Magnesium Glycinate."),
        ("en", "vitamin c", "Nature Made Vitamin C and Emergen-C Vitamin C both contain 1000 mg."),
    ]:
        assert not stuffing(sentence, keyword, lang)[1], sentence


def test_stuffing_a_one_word_keyphrase_twice_in_a_comparison_is_natural():
    assert not stuffing("IJzer uit vlees neemt je lichaam beter op dan ijzer uit groente.", "ijzer")[1]
    assert not stuffing("Iron from meat is absorbed better than iron from beans.", "iron", "en")[1]
    page, found = stuffing("Magnesium is goed, want magnesium helpt en magnesium werkt altijd.", "magnesium")
    assert found and "3 times" in found[0]["message"]
    page, found = stuffing("Buy zinc because zinc works and zinc is cheap.", "zinc", "en")
    assert found and "3 times" in found[0]["message"]


def test_stuffing_lowercase_repetition_still_fires_next_to_a_name():
    page, found = stuffing("Een magnesium tekort en nog een magnesium tekort bij VitaPure.", "magnesium tekort")
    assert found and quoted(page, found[0]) == "magnesium tekort en nog een magnesium tekort"
    page, found = stuffing("Fish oil is fish oil, so buy fish oil from Kirkland.", "fish oil", "en")
    assert found


def test_stuffing_dutch_verbs_are_not_pasted_nouns():
    for keyword, sentence in [
        ("magnesium", "Magnesium helpt spieren ontspannen na het sporten."),
        ("vitamine d", "Vitamine D tabletten kopen hoeft niet duur te zijn."),
        ("kurkuma", "Kurkuma bevat curcumine, een stof die veel onderzocht wordt."),
        ("magnesium", "Welke magnesium vorm past bij jou?"),
        ("melatonine", "Melatonine gebruiken mensen vaak bij een jetlag."),
        ("zink", "Zink tabletten neem je het best bij de maaltijd."),
    ]:
        assert not stuffing(sentence, keyword)[1], sentence


def test_stuffing_pasted_nouns_still_fire_after_the_verb_fix():
    page, found = stuffing("Kurkuma werking lichaam ontsteking gewrichten kopen.", "kurkuma")
    assert found and quoted(page, found[0]).startswith("Kurkuma werking lichaam")
    page, found = stuffing("Beste vitamine d tabletten winter huid zon kopen.", "vitamine d")
    assert found


def test_stuffing_a_comparison_or_two_clauses_name_a_long_keyphrase_twice():
    keyword = "blood pressure monitor"
    for sentence in ("An upper-arm blood pressure monitor is more accurate than a wrist blood pressure monitor.",
                     "A blood pressure monitor is cheap, and we tested every blood pressure monitor we found."):
        assert not stuffing(sentence, keyword, "en")[1], sentence
    # the same two uses with nothing between them that compares or splits the clause
    assert stuffing("The best blood pressure monitor is the blood pressure monitor for home use.", keyword, "en")[1]
    assert not stuffing("Een bloeddrukmeter voor de arm is nauwkeuriger dan een bloeddrukmeter voor de pols.",
                        "bloeddrukmeter", "nl")[1]
    assert stuffing("Deze bloeddrukmeter is de bloeddrukmeter voor thuis met de bloeddrukmeter app.",
                    "bloeddrukmeter", "nl")[1]

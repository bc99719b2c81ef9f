"""faq-* rules: what they must flag and close cases they must not, in Dutch and English."""

import json
from pathlib import Path

from helpers import findings, html_page, lint, quoted

ROOT = Path(__file__).resolve().parent.parent
MAGNESIUM = (ROOT / "examples" / "magnesium-tekort.html").read_text()
VITAMIN_D = (ROOT / "examples" / "vitamin-d-deficiency.md").read_text()
FAQ_RULES = ("faq-schema-missing", "faq-schema-invalid", "faq-schema-mismatch", "faq-schema-orphan",
             "faq-duplicate-question", "faq-promotional")


def fired(text, rule, path="a.html", lang=None):
    return findings(lint(text, path, lang=lang, select=(rule,)), rule)


def ld(obj):
    return f'<script type="application/ld+json">\n{json.dumps(obj, indent=2, ensure_ascii=False)}\n</script>\n'


def faqpage(*pairs, context=True):
    data = {"@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in pairs]}
    return {"@context": "https://schema.org", **data} if context else data


NL_FAQ = ("<h1>Magnesium</h1><p>Intro over magnesium.</p><h2>Veelgestelde vragen</h2>"
          "<h3>Kun je te veel magnesium binnenkrijgen?</h3><p>Uit voeding vrijwel niet; met supplementen wel.</p>"
          "<h3>Wanneer neem je magnesium &amp; B6 in?</h3><p>Bij de maaltijd, &#8217;s avonds.</p>")
NL_PAIRS = [("Kun je te veel magnesium binnenkrijgen?", "Uit voeding vrijwel niet; met supplementen wel."),
            ("Wanneer neem je magnesium & B6 in?", "Bij de maaltijd, \u2019s avonds.")]
EN_FAQ_MD = ("---\ntitle: Vitamin D\nlang: en\n---\n# Vitamin D\n\nIntro.\n\n## Frequently asked questions\n\n"
             "### Can you take too much vitamin D?\n\nYes. Very high doses can raise calcium.\n\n"
             "### Is vitamin D deficiency common in winter?\n\nYes, in Northern Europe.\n")
EN_PAIRS = [("Can you take too much vitamin D?", "Yes. Very high doses can raise calcium."),
            ("Is vitamin D deficiency common in winter?", "Yes, in Northern Europe.")]


def test_examples_keep_their_expected_faq_findings():
    result = lint(MAGNESIUM, "magnesium-tekort.html", select=FAQ_RULES)
    got = sorted((f["rule"], f["line"], f["column"]) for f in result["findings"])
    assert got == [("faq-promotional", 140, 94), ("faq-schema-missing", 132, 1)]
    assert lint(VITAMIN_D, "vitamin-d-deficiency.md", select=FAQ_RULES)["findings"] == []


# -- faq-schema-missing ---------------------------------------------------------------
def test_missing_nl_example_message_suggestion_and_fix():
    (found,) = fired(MAGNESIUM, "faq-schema-missing", "magnesium-tekort.html")
    assert quoted(MAGNESIUM, found) == "<h2>Veelgestelde vragen over magnesium tekort</h2>"
    message = found["message"]
    assert "healthlint faq-schema magnesium-tekort.html" in message and "--fix" in message
    assert "rich result" not in message.lower()
    assert found["suggestion"].startswith('<script type="application/ld+json">')
    (edit,) = found["fix"]["edits"]
    assert edit["start"] == edit["end"] == MAGNESIUM.index("</head>")


def test_missing_en_markdown_inserts_at_end():
    (found,) = fired(EN_FAQ_MD, "faq-schema-missing", "a.md")
    assert found["line"] == 9 and "2 questions" in found["message"]
    (edit,) = found["fix"]["edits"]
    assert edit["start"] == len(EN_FAQ_MD)


def test_missing_not_when_markup_exists_or_faq_is_only_in_the_sidebar():
    assert not fired(VITAMIN_D, "faq-schema-missing", "a.md")
    assert not fired(html_page(NL_FAQ, head=ld(faqpage(*NL_PAIRS))), "faq-schema-missing")
    micro = ('<div itemscope itemtype="https://schema.org/FAQPage"><h2>FAQ</h2>'
             '<div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question">'
             '<h3 itemprop="name">Is it safe?</h3><div itemscope itemprop="acceptedAnswer" '
             'itemtype="https://schema.org/Answer"><p itemprop="text">Yes.</p></div></div></div>')
    assert not fired(html_page("<h1>T</h1>" + micro, lang="en"), "faq-schema-missing")
    sidebar = ("<main><h1>Magnesium</h1><p>Tekst.</p></main><aside><h2>Veelgestelde vragen</h2>"
               "<h3>Hoe bestel ik?</h3><p>Via de webshop.</p><h3>Verzending?</h3><p>Gratis.</p></aside>")
    assert not fired(html_page(sidebar), "faq-schema-missing")


def test_missing_not_for_question_headings_without_faq_heading():
    text = ("# Vitamin D\n\n## What is vitamin D?\n\nA vitamin.\n\n## Who is at risk?\n\nOlder people.\n\n"
            "## How much do you need?\n\n10 micrograms.\n")
    assert not fired(text, "faq-schema-missing", "a.md")


# -- faq-schema-invalid -----------------------------------------------------------------
def test_invalid_nl_question_without_answer():
    data = faqpage(*NL_PAIRS)
    del data["mainEntity"][1]["acceptedAnswer"]
    text = html_page(NL_FAQ, head=ld(data))
    (found,) = fired(text, "faq-schema-invalid")
    assert "mainEntity[1]" in found["message"] and '"acceptedAnswer"' in found["message"]
    assert quoted(text, found) == "{"  # the Question object's opening brace
    assert found["line"] == text.splitlines().index("    {", text.splitlines().index("    {") + 1) + 1


def test_invalid_en_wrong_type_and_missing_context():
    data = faqpage(*EN_PAIRS, context=False)
    data["mainEntity"][0]["acceptedAnswer"]["@type"] = "Anwser"
    text = EN_FAQ_MD + "\n" + ld(data)
    found = fired(text, "faq-schema-invalid", "a.md")
    messages = " | ".join(f["message"] for f in found)
    assert '"@context"' in messages
    anwser = next(f for f in found if "Anwser" in f["message"])
    assert quoted(text, anwser) == '"Anwser"' and 'must be "Answer"' in anwser["message"]
    assert "mainEntity[0].acceptedAnswer.@type" in anwser["message"]


def test_invalid_not_for_valid_markup_or_unrelated_broken_jsonld():
    assert not fired(VITAMIN_D, "faq-schema-invalid", "a.md")
    page = html_page("<h1>Titel</h1><p>Geen FAQ.</p>", head='<script type="application/ld+json">{"@type": '
                     '"Article",}</script>')
    assert not fired(page, "faq-schema-invalid")


# -- faq-schema-mismatch ------------------------------------------------------------------
def test_mismatch_whitespace_entities_tags_and_case_do_not_fire():
    pairs = [("  kun je te VEEL magnesium\nbinnenkrijgen? ", "<p>Uit voeding <strong>vrijwel</strong> niet;\n  met "
              "supplementen wel.</p>"), ("Wanneer neem je magnesium &amp; B6 in?", "Bij de maaltijd, &#8217;s avonds.")]
    assert not fired(html_page(NL_FAQ, head=ld(faqpage(*pairs))), "faq-schema-mismatch")
    assert not fired(EN_FAQ_MD + "\n" + ld(faqpage(*EN_PAIRS)), "faq-schema-mismatch", "a.md")
    assert not fired(VITAMIN_D, "faq-schema-mismatch", "a.md")


def test_mismatch_nl_visible_question_missing_from_markup():
    text = html_page(NL_FAQ, head=ld(faqpage(NL_PAIRS[0])))
    (found,) = fired(text, "faq-schema-mismatch")
    assert quoted(text, found) == "Wanneer neem je magnesium &amp; B6 in?"
    assert "missing from the FAQPage markup" in found["message"]


def test_mismatch_nl_answer_differs():
    text = html_page(NL_FAQ, head=ld(faqpage(NL_PAIRS[0], (NL_PAIRS[1][0], "Altijd op een nuchtere maag."))))
    (found,) = fired(text, "faq-schema-mismatch")
    assert quoted(text, found) == '"Altijd op een nuchtere maag."'
    assert "mainEntity[1].acceptedAnswer.text" in found["message"]


def test_mismatch_en_marked_up_question_not_visible_and_reworded():
    pairs = EN_PAIRS + [("Does vitamin D cure depression?", "Yes, always.")]
    text = EN_FAQ_MD + "\n" + ld(faqpage(*pairs))
    (found,) = fired(text, "faq-schema-mismatch", "a.md")
    assert quoted(text, found) == '"Does vitamin D cure depression?"' and "not visible" in found["message"]
    reworded = [EN_PAIRS[0], ("Is vitamin D deficiency common during winter?", EN_PAIRS[1][1])]
    (found,) = fired(EN_FAQ_MD + "\n" + ld(faqpage(*reworded)), "faq-schema-mismatch", "a.md")
    assert "differs from the visible question on line 15" in found["message"]


def test_mismatch_marked_up_sidebar_or_accordion_questions_are_visible():
    accordion = ("<h1>Vitamin D</h1><p>Text.</p><div class='acc'><button>Is it safe?</button>"
                 "<div>Yes, in normal doses.</div></div>")
    assert not fired(html_page(accordion, lang="en", head=ld(faqpage(("Is it safe?", "Yes, in normal doses.")))),
                     "faq-schema-mismatch")


# -- faq-schema-orphan ---------------------------------------------------------------------
def test_orphan_nl_and_en():
    nl = html_page("<h1>Magnesium</h1><p>Geen vragen hier.</p>", head=ld(faqpage(("Is het veilig?", "Ja."))))
    (found,) = fired(nl, "faq-schema-orphan")
    assert found["line"] == nl.splitlines().index("{") + 1 and "1 question" in found["message"]
    assert not fired(nl, "faq-schema-mismatch")  # one finding for one problem
    en = "# Vitamin D\n\nNo questions.\n\n" + ld(faqpage(("Is it safe?", "Yes."), ("How much?", "10 µg.")))
    assert fired(en, "faq-schema-orphan", "a.md")


def test_orphan_not_when_the_faq_or_its_questions_are_visible():
    assert not fired(VITAMIN_D, "faq-schema-orphan", "a.md")
    bold = "<h1>T</h1><p><b>Is it safe?</b> Yes, in normal doses.</p>"
    assert not fired(html_page(bold, lang="en", head=ld(faqpage(("Is it safe?", "Yes, in normal doses.")))),
                     "faq-schema-orphan")


# -- faq-duplicate-question ------------------------------------------------------------------
def test_duplicate_nl_visible():
    body = NL_FAQ + "<h3>Kun je te veel magnesium binnenkrijgen</h3><p>Nee.</p>"
    text = html_page(body)
    (found,) = fired(text, "faq-duplicate-question")
    assert quoted(text, found) == "Kun je te veel magnesium binnenkrijgen" and "already asked on line" in found["message"]


def test_duplicate_en_in_markup_only():
    data = faqpage(*EN_PAIRS, EN_PAIRS[0])
    text = EN_FAQ_MD + "\n" + ld(data)
    (found,) = fired(text, "faq-duplicate-question", "a.md")
    assert "twice" in found["message"] and quoted(text, found) == '"Can you take too much vitamin D?"'
    assert not fired(EN_FAQ_MD, "faq-duplicate-question", "a.md")


# -- faq-promotional ---------------------------------------------------------------------------
def test_promotional_nl_example():
    (found,) = fired(MAGNESIUM, "faq-promotional", "magnesium-tekort.html")
    assert quoted(MAGNESIUM, found).startswith("Bestel nu via <a href=\"https://www.amazon.nl/dp/B0MAGN0002")
    assert quoted(MAGNESIUM, found).endswith("deze link</a>")


def test_promotional_en_cta_and_affiliate_link():
    text = EN_FAQ_MD.replace("Yes, in Northern Europe.", "Yes. Buy now on Amazon with code SUN10.")
    (found,) = fired(text, "faq-promotional", "a.md", "en")
    assert "call to action" in found["message"]
    link = EN_FAQ_MD.replace("Yes, in Northern Europe.",
                             "Yes. We like [this one](https://www.amazon.com/dp/B000123?tag=vitd-20).")
    (found,) = fired(link, "faq-promotional", "a.md", "en")
    assert "affiliate link" in found["message"]


def test_promotional_not_for_descriptive_buying_advice():
    text = EN_FAQ_MD.replace("Yes, in Northern Europe.", "You can buy online or at a pharmacy; both are fine.")
    assert not fired(text, "faq-promotional", "a.md", "en")
    nl = html_page(NL_FAQ.replace("Bij de maaltijd", "Je kunt het online kopen of bestellen bij de apotheek. Bij de maaltijd"))
    assert not fired(nl, "faq-promotional")
    # the same call to action outside the FAQ is not this rule's business
    assert not fired(html_page("<h1>T</h1><p>Bestel nu via onze partner.</p>" + NL_FAQ), "faq-promotional")

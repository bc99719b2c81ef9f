"""The FAQ fix writes markup its own rules accept: no advertising answers,
one escaping for every text, inline code kept, inserted once at a real
</head> (or the end of the body), line endings kept."""

import html
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthlint import faq_generate, fixes
from helpers import findings, html_page, lint, run_cli as run

SCHEMA_RULES = {"faq-schema-missing", "faq-schema-mismatch", "faq-schema-invalid", "faq-schema-orphan"}
AD = ('<p>Bestel nu via <a href="https://www.amazon.nl/dp/B0XYZ?tag=gids-21">deze link</a> en profiteer '
      'van de actieprijs.</p>')
FAQ = ("<h1>Magnesium</h1>\n<p>Magnesium is een mineraal.</p>\n<h2>Veelgestelde vragen</h2>\n"
       "<h3>Hoeveel magnesium heb je per dag nodig?</h3>\n<p>Volwassenen hebben ongeveer 300 mg nodig.</p>\n"
       "<h3>Welk magnesium supplement is het beste?</h3>\n" + AD + "\n")


def fixed(text, path="a.html"):
    """text after --fix of the FAQ rules, and the findings left after it."""
    new_text, _ = fixes.fix_text(text, lint(text, path, select=("faq",)))
    return new_text, lint(new_text, path, select=("faq",))


def markup_of(text):
    (body,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return json.loads(body)


# -- advertising answers -----------------------------------------------------------------------
def test_generated_markup_leaves_out_an_advertising_answer():
    text = html_page(FAQ)
    (missing,) = findings(lint(text, select=("faq",)), "faq-schema-missing")
    assert "1 question whose answer advertises (faq-promotional) left out" in missing["message"]
    new_text, after = fixed(text)
    names = [q["name"] for q in markup_of(new_text)["mainEntity"]]
    assert names == ["Hoeveel magnesium heb je per dag nodig?"]
    assert "Bestel nu" not in markup_of(new_text).__repr__()
    assert not SCHEMA_RULES & {f["rule"] for f in after["findings"]}
    (promo,) = findings(after, "faq-promotional")  # the visible answer is still reported, the markup is not
    assert "Bestel nu" in new_text.splitlines()[promo["line"] - 1]


def test_no_markup_and_no_fix_when_every_answer_advertises():
    text = html_page("<h1>Magnesium</h1>\n<h2>Veelgestelde vragen</h2>\n"
                     "<h3>Welk magnesium supplement is het beste?</h3>\n" + AD)
    (missing,) = findings(lint(text, select=("faq",)), "faq-schema-missing")
    assert missing["fix"] is None and "every answer advertises" in missing["message"]


def test_a_neutral_faq_is_marked_up_whole():
    text = html_page(FAQ.replace(AD, "<p>Dat hangt af van waarvoor je het neemt.</p>"))
    new_text, after = fixed(text)
    assert len(markup_of(new_text)["mainEntity"]) == 2 and not after["findings"]


# -- escaping ---------------------------------------------------------------------------------
def test_names_and_single_block_answers_are_escaped_like_multi_block_answers():
    text = html_page("<h1>Magnesium</h1>\n<h2>Veelgestelde vragen</h2>\n"
                     "<h3>Mag ik magnesium &amp; zink samen nemen?</h3>\n<p>Ja, &lt;script&gt; is hier gewoon tekst.</p>\n"
                     "<h3>Werkt &lt;/script&gt; als naam?</h3>\n<p>Eerste blok &amp; meer.</p>\n<p>Tweede blok.</p>")
    new_text, after = fixed(text)
    entities = markup_of(new_text)["mainEntity"]
    assert entities[0]["name"] == "Mag ik magnesium &amp; zink samen nemen?"
    assert entities[0]["acceptedAnswer"]["text"] == "Ja, &lt;script&gt; is hier gewoon tekst."
    assert entities[1]["acceptedAnswer"]["text"] == "<p>Eerste blok &amp; meer.</p><p>Tweede blok.</p>"
    assert not after["findings"]


WORDS = st.sampled_from(["magnesium", "zink", "vitamine", "dosis", "avond", "thee", "water", "Omega-3", "B12"])
SPECIAL = st.sampled_from(["&", "<", ">", "</script>", "<!--", "\"", "'", "&amp;", "\\", "</p>", "é", "€", "100%"])
PIECE = st.one_of(WORDS, SPECIAL, WORDS.map(lambda w: f"<code>{w}</code>"))


def _visible(pieces):
    """Visible HTML for text pieces: special characters escaped, code kept as markup."""
    return " ".join(p if p.startswith("<code>") else html.escape(p, quote=False) for p in pieces)


@pytest.mark.slow  # a property test: 150 generated FAQs through --fix and a second lint
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(PIECE, min_size=1, max_size=6),
                          st.lists(st.lists(PIECE, min_size=1, max_size=8), min_size=1, max_size=3)),
                min_size=1, max_size=5))
def test_fix_then_lint_finds_nothing_about_the_generated_markup(faq_items):
    parts = ["<h1>Magnesium</h1>", "<h2>Veelgestelde vragen</h2>"]
    for n, (question, answer) in enumerate(faq_items):
        parts.append(f"<h3>Vraagstuk{n} {_visible(question)}?</h3>")
        parts.extend(f"<p>Antwoord{n} {_visible(block)}</p>" for block in answer)
    text = html_page("\n".join(parts))
    before = lint(text, select=("faq",))
    assert findings(before, "faq-schema-missing")
    new_text, after = fixed(text)
    assert new_text.count('<script type="application/ld+json">') == 1
    assert not SCHEMA_RULES & {f["rule"] for f in after["findings"]}, after["findings"]
    assert len(markup_of(new_text)["mainEntity"]) == len(faq_items)


# -- inline code -------------------------------------------------------------------------------
CODE_FAQ = ("<h1>Magnesium</h1>\n<h2>Veelgestelde vragen</h2>\n<h3>Is <code>MgO</code> beter dan citraat?</h3>\n"
            "<p>Nee, <code>MgO</code> wordt slechter opgenomen dan citraat.</p>\n")


def test_inline_code_stays_in_generated_markup():
    new_text, after = fixed(html_page(CODE_FAQ))
    (entity,) = markup_of(new_text)["mainEntity"]
    assert entity["name"] == "Is MgO beter dan citraat?"
    assert entity["acceptedAnswer"]["text"] == "Nee, MgO wordt slechter opgenomen dan citraat."
    assert not after["findings"]


def test_inline_code_in_markdown_stays_in_generated_markup():
    text = ("---\nlang: nl\n---\n# Magnesium\n\n## Veelgestelde vragen\n\n### Is `MgO` beter dan citraat?\n\n"
            "Nee, `MgO` wordt slechter opgenomen. `H2O`helpt niet.\n")
    new_text, after = fixed(text, "a.md")
    (entity,) = markup_of(new_text)["mainEntity"]
    assert entity["name"] == "Is MgO beter dan citraat?"
    assert entity["acceptedAnswer"]["text"] == "Nee, MgO wordt slechter opgenomen. H2Ohelpt niet."


def test_hand_written_markup_with_code_in_the_answer_matches():
    data = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": "Is MgO beter dan citraat?",
         "acceptedAnswer": {"@type": "Answer", "text": "Nee, MgO wordt slechter opgenomen dan citraat."}}]}
    text = html_page(CODE_FAQ, head=faq_generate.script_element(data) + "\n")
    assert not lint(text, select=("faq",))["findings"]


def test_code_blocks_are_still_not_prose():
    doc_text = html_page("<h1>T</h1><p>Neem <code>H<sub>2</sub>O</code>.</p><pre><code>x = 1</code></pre>")
    from healthlint.loader import parse_text

    blocks = parse_text(doc_text, "a.html").blocks
    para = next(b for b in blocks if b.text.startswith("Neem"))
    assert para.text == "Neem H2O." and para.in_code(5, 8)


# -- where the markup goes -------------------------------------------------------------------------
DECOYS = ('<title>Magnesium </head> gids</title>\n<meta name="description" content="a </head> b">\n'
          "<!-- </head> -->\n<style>/* </head> */</style>\n<script>var s = '</head>';</script>\n")


def test_markup_goes_before_the_real_head_end_tag_once(tmp_path):
    page = tmp_path / "a.html"
    text = html_page(FAQ.replace(AD, "<p>Dat hangt ervan af.</p>"), head=DECOYS)
    page.write_text(text)
    for _ in range(3):
        run("check", "--fix", "--select", "faq", str(page))
    written = page.read_text()
    assert written.count('<script type="application/ld+json">') == 1
    start = written.index('<script type="application/ld+json">')
    end = written.index("</script>\n", start) + len("</script>\n")
    assert written[:start] + written[end:] == text
    assert written[end:].startswith("</head>") and DECOYS in written[:start]


def test_markup_goes_before_the_end_of_the_body_without_a_head_end_tag():
    text = "<html lang=\"nl\"><body>\n" + FAQ.replace(AD, "<p>Dat hangt ervan af.</p>") + "</body>\n</html>\n"
    new_text, after = fixed(text)
    assert re.search(r"</script>\n</body>\n</html>\n$", new_text) and not after["findings"]


def test_cr_only_file_keeps_cr_line_endings(tmp_path):
    page = tmp_path / "a.html"
    data = html_page(FAQ.replace(AD, "<p>Dat hangt ervan af.</p>")).replace("\n", "\r").encode()
    page.write_bytes(data)
    run("check", "--fix", "--select", "faq", str(page))
    written = page.read_bytes()
    assert written != data and b"\n" not in written and written.count(b'"FAQPage"') == 1


def test_html_ending_in_an_unclosed_comment_gets_no_fix():
    text = '<html lang="nl"><body>\n' + FAQ.replace(AD, "<p>Dat hangt ervan af.</p>") + "<!-- niet af\n"
    (missing,) = findings(lint(text, select=("faq",)), "faq-schema-missing")
    assert missing["fix"] is None and "never closed" in missing["message"]


def test_markdown_ending_in_an_unclosed_fence_gets_no_fix():
    text = ("---\nlang: nl\n---\n# Magnesium\n\n## Veelgestelde vragen\n\n### Hoeveel per dag?\n\nOngeveer 300 mg.\n\n"
            "```\ncode zonder einde\n")
    (missing,) = findings(lint(text, "a.md", select=("faq",)), "faq-schema-missing")
    assert missing["fix"] is None and "never closed" in missing["message"]
    closed = text + "```\n"
    (missing,) = findings(lint(closed, "a.md", select=("faq",)), "faq-schema-missing")
    assert missing["fix"] is not None


MD_PIECE = st.one_of(WORDS, st.sampled_from(["&", "&amp;", "\"", "'", "é", "€", "100%", "<", "a > b"]),
                     WORDS.map(lambda w: f"`{w}`"))


@pytest.mark.slow  # a property test: 100 generated FAQs through --fix and a second lint
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(MD_PIECE, min_size=1, max_size=6),
                          st.lists(st.lists(MD_PIECE, min_size=1, max_size=8), min_size=1, max_size=3)),
                min_size=1, max_size=4))
def test_fix_then_lint_of_markdown_finds_nothing_about_the_generated_markup(faq_items):
    parts = ["---\nlang: nl\n---\n# Magnesium", "## Veelgestelde vragen"]
    for n, (question, answer) in enumerate(faq_items):
        parts.append(f"### Vraagstuk{n} {' '.join(question)}?")
        parts.extend(f"Antwoord{n} {' '.join(block)}" for block in answer)
    text = "\n\n".join(parts) + "\n"
    new_text, after = fixed(text, "a.md")
    assert new_text.count('<script type="application/ld+json">') == 1
    assert not SCHEMA_RULES & {f["rule"] for f in after["findings"]}, after["findings"]

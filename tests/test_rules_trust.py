"""trust-* rules: Dutch and English cases they must flag and close cases they must not."""

from pathlib import Path

from helpers import findings, html_page, lint, quoted

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def fired(body, rule, lang="nl", head="", path="a.html"):
    text = html_page(body, lang=lang, head=head) if path.endswith(".html") else body
    return text, findings(lint(text, path, select=(rule,)), rule)


# -- author ---------------------------------------------------------------------

def test_author_missing_fires_document_level_nl_and_en():
    for lang in ("nl", "en"):
        _, found = fired("<h1>Magnesium</h1><p>Door de week eten we vaak te weinig noten.</p>",
                         "trust-author-missing", lang)
        assert len(found) == 1 and found[0]["line"] is None


def test_author_found_in_each_place():
    cases = [
        ("<h1>T</h1><p>Door Anna de Vries, diëtist</p><p>Tekst.</p>", "", "nl"),
        ("<h1>T</h1><p>By Claire Donovan, RD</p><p>Text.</p>", "", "en"),
        ("<h1>T</h1><p>Tekst.</p>", '<meta name="author" content="Anna de Vries">\n', "nl"),
        ('<h1>T</h1><p>Text.</p><script type="application/ld+json">{"@type": "Article", '
         '"author": {"@type": "Person", "name": "Claire"}}</script>', "", "en"),
        ('<h1>T</h1><p class="byline">Anna</p>', "", "nl"),
        ("<h1>T</h1><p>Tekst.</p><h2>Over de auteur</h2><p>Anna schrijft over voeding.</p>", "", "nl"),
    ]
    for body, head, lang in cases:
        assert not fired(body, "trust-author-missing", lang, head)[1], body


def test_author_invalid_jsonld_is_skipped_safely():
    body = '<h1>T</h1><script type="application/ld+json">{"author": </script>'
    assert len(fired(body, "trust-author-missing")[1]) == 1


def test_author_front_matter():
    text = "---\ntitle: T\nauthor: Anna\n---\n\n# T\n\nTekst.\n"
    assert not fired(text, "trust-author-missing", path="a.md")[1]


# -- date ----------------------------------------------------------------------------

def test_date_missing_fires_and_copyright_year_is_no_date():
    for lang in ("nl", "en"):
        _, found = fired("<h1>T</h1><p>Tekst.</p><footer><p>&copy; 2024 Site</p></footer>", "trust-date-missing", lang)
        assert len(found) == 1 and found[0]["line"] is None


def test_date_found_in_each_place():
    cases = [
        ("<h1>T</h1><p>Bijgewerkt op 14 januari 2025</p>", "", "nl"),
        ("<h1>T</h1><p>nov 23, 2025 | Gezondheid</p>", "", "nl"),
        ("<h1>T</h1><p>Last updated: June 2, 2025</p>", "", "en"),
        ("<h1>T</h1><p>Published 2025-01-14</p>", "", "en"),
        ('<h1>T</h1><p><time datetime="2025-01-14">14/1</time></p>', "", "nl"),
        ("<h1>T</h1>", '<meta property="article:published_time" content="2025-01-14">\n', "en"),
        ('<h1>T</h1><script type="application/ld+json">{"@graph": [{"dateModified": "2025-01-14"}]}</script>',
         "", "en"),
    ]
    for body, head, lang in cases:
        assert not fired(body, "trust-date-missing", lang, head)[1], body


def test_date_in_running_text_far_from_top_does_not_count():
    body = "<h1>T</h1>" + "<p>Tekst.</p>" * 12 + "<p>In januari 2020 verscheen een studie.</p>"
    assert len(fired(body, "trust-date-missing")[1]) == 1


# -- sources ----------------------------------------------------------------------------

def test_empty_sources_heading_fires_at_heading_even_with_other_links():
    for lang, heading in (("nl", "Bronnen"), ("en", "References")):
        body = (f'<main><h1>T</h1><p>Zie <a href="https://pubmed.ncbi.nlm.nih.gov/1/">studie</a>.</p>'
                f"<h2>{heading}</h2></main><aside><h2>Populair</h2></aside>")
        text, found = fired(body, "trust-sources-missing", lang)
        assert len(found) == 1 and quoted(text, found[0]) == f"<h2>{heading}</h2>"


def test_empty_bold_lead_line_in_markdown():
    text = "# T\n\nTekst.\n\n**Bron:**\n\n## Volgende sectie\n\nMeer.\n"
    found = fired(text, "trust-sources-missing", path="a.md")[1]
    assert len(found) == 1 and found[0]["line"] == 5


def test_no_citation_at_all_fires_document_level():
    body = '<h1>T</h1><p>Koop <a href="https://www.bol.com/p/x">hier</a>, lees <a href="/x/">meer</a>.</p>'
    for lang in ("nl", "en"):
        found = fired(body, "trust-sources-missing", lang)[1]
        assert len(found) == 1 and found[0]["line"] is None


def test_sources_present():
    cases = [
        '<h1>T</h1><p>Volgens het <a href="https://www.voedingscentrum.nl/x">Voedingscentrum</a>.</p>',
        "<h1>T</h1><p>Tekst.</p><h2>Sources</h2><ul><li>Smith J. Nutrients 2019;11:1.</li></ul>",
    ]
    for body in cases:
        assert not fired(body, "trust-sources-missing")[1], body


# -- disclaimer ---------------------------------------------------------------------------

def test_disclaimer_missing_and_advice_is_not_a_disclaimer():
    for lang, advice in (("nl", "Overleg dan eerst met je huisarts of apotheker."),
                         ("en", "If symptoms last, talk to your doctor.")):
        found = fired(f"<h1>T</h1><p>{advice}</p>", "trust-disclaimer-missing", lang)[1]
        assert len(found) == 1 and found[0]["severity"] == "info" and found[0]["line"] is None


def test_disclaimer_present_even_in_footer():
    cases = [
        ("nl", "<h1>T</h1><footer><p>Deze informatie vervangt geen medisch advies van je arts.</p></footer>"),
        ("en", "<h1>T</h1><p>This article is for information only and is not medical advice.</p>"),
    ]
    for lang, body in cases:
        assert not fired(body, "trust-disclaimer-missing", lang)[1], body


# -- the examples --------------------------------------------------------------------------

def test_magnesium_example_trust_findings():
    text = (EXAMPLES / "magnesium-tekort.html").read_text(encoding="utf-8")
    result = lint(text, "magnesium-tekort.html", select=("trust",))
    got = sorted((f["rule"], f["line"] or 0, f["column"] or 0) for f in result["findings"])
    assert got == [("trust-author-missing", 0, 0), ("trust-date-missing", 0, 0),
                   ("trust-disclaimer-missing", 0, 0), ("trust-sources-missing", 143, 1)]


def test_clean_example_has_no_trust_findings():
    text = (EXAMPLES / "vitamin-d-deficiency.md").read_text(encoding="utf-8")
    assert not lint(text, "vitamin-d-deficiency.md", select=("trust",))["findings"]

"""affiliate-* rules: Dutch and English cases they must flag and close cases they must not."""

from pathlib import Path

from helpers import findings, html_page, lint, quoted, assert_example_findings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
AMAZON = "https://www.amazon.nl/dp/B01?tag=site-21"


def fired(body, rule, lang="nl", head="", **settings):
    text = html_page(body, lang=lang, head=head)
    return text, findings(lint(text, select=(rule,), **settings), rule)


# -- affiliate-link-rel ----------------------------------------------------------

def test_link_rel_fires_at_the_href_nl_and_en():
    for lang in ("nl", "en"):
        text, found = fired(f'<h1>T</h1><p><a href="{AMAZON}">Koop</a></p>', "affiliate-link-rel", lang)
        assert len(found) == 1 and quoted(text, found[0]) == AMAZON


def test_link_rel_sponsored_or_nofollow_is_fine():
    body = (f'<p><a href="{AMAZON}" rel="sponsored">a</a> <a href="https://amzn.to/x" rel="nofollow noopener">b</a> '
            '<a href="https://www.amazon.nl/dp/B02">plain shop link</a> <a href="https://doi.org/10.1/x">c</a></p>')
    assert not fired(body, "affiliate-link-rel")[1]


def test_link_rel_cloaked_on_own_domain_from_config():
    body = '<p><a href="https://www.mijnsite.nl/recommends/zink/">zink</a> <a href="/go/x">x</a></p>'
    _, found = fired(body, "affiliate-link-rel", own_domains=("mijnsite.nl",))
    assert len(found) == 2
    _, found = fired('<p><a href="https://shop.example/x">x</a></p>', "affiliate-link-rel",
                     affiliate_hosts=("shop.example",))
    assert len(found) == 1


# -- disclosure ------------------------------------------------------------------

def test_disclosure_missing_nl_and_en_points_at_first_link():
    for lang in ("nl", "en"):
        text, found = fired(f'<h1>T</h1><p>Tekst.</p><p><a href="{AMAZON}">x</a></p>',
                            "affiliate-disclosure-missing", lang)
        assert len(found) == 1 and found[0]["severity"] == "error" and quoted(text, found[0]) == AMAZON


def test_disclosure_present_nl_and_en():
    cases = [
        ("nl", "<p>Dit artikel bevat affiliate links: wij ontvangen een kleine commissie.</p>"),
        ("nl", "<p>#adv Betaalde samenwerking met VitaPure.</p>"),
        ("en", "<p>As an Amazon Associate I earn from qualifying purchases.</p>"),
        ("en", "<p>We may earn a commission when you buy through links on this page.</p>"),
    ]
    for lang, disclosure in cases:
        body = f'<h1>T</h1>{disclosure}<p><a href="{AMAZON}" rel="sponsored">x</a></p>'
        assert not fired(body, "affiliate-disclosure-missing", lang)[1], disclosure
        assert not fired(body, "affiliate-disclosure-late", lang)[1], disclosure


def test_no_affiliate_links_no_disclosure_needed():
    body = '<h1>T</h1><p><a href="https://www.bol.com/nl/p/x/">een boek</a> en <a href="/x/">intern</a>.</p>'
    assert not fired(body, "affiliate-disclosure-missing")[1]


def test_disclosure_after_first_link_is_late():
    body = (f'<main><h1>T</h1><p><a href="{AMAZON}">Koop</a></p>'
            "<p>Let op: deze pagina bevat affiliate links.</p></main>")
    text, found = fired(body, "affiliate-disclosure-late")
    assert len(found) == 1 and quoted(text, found[0]) == "Let op: deze pagina bevat affiliate links."


def test_disclosure_only_in_footer_is_late_en():
    body = ("<main><h1>T</h1><p>We earn a commission on purchases through our links.</p></main>"
            '<footer><p>We earn a commission from qualifying purchases.</p></footer>')
    body = body.replace("<main><h1>T</h1><p>We earn a commission on purchases through our links.</p></main>",
                        f'<main><h1>T</h1><p><a href="{AMAZON}">Buy now</a></p></main>')
    text, found = fired(body, "affiliate-disclosure-late", "en")
    assert len(found) == 1 and found[0]["line"] is not None


# -- affiliate-cta-heavy ------------------------------------------------------------

def _words(n):
    return " ".join(["magnesium"] * n)


def test_cta_heavy_fires_on_sales_page_nl_and_en():
    nl = "".join(f'<p>{_words(60)}. Bestel nu via <a href="{AMAZON}">deze link</a>.</p>' for _ in range(4))
    text, found = fired("<h1>T</h1>" + nl, "affiliate-cta-heavy")
    assert len(found) == 4 and quoted(text, found[0]) == "Bestel nu"
    en = "".join(f'<p>{_words(60)}. <a href="{AMAZON}">Buy now on Amazon</a></p>' for _ in range(4))
    text, found = fired("<h1>T</h1>" + en, "affiliate-cta-heavy", "en")
    assert len(found) == 4 and quoted(text, found[0]) == "Buy now on Amazon"


def test_cta_heavy_quiet_on_long_article_with_one_or_two_ctas():
    body = f"<h1>T</h1><p>{_words(1500)}.</p><p>Bestel nu hier.</p><p>Koop nu hier.</p><p>Bestel vandaag.</p>"
    assert not fired(body, "affiliate-cta-heavy")[1]
    assert not fired("<h1>T</h1><p>Bij de aankoop van een supplement let je op de vorm.</p>", "affiliate-cta-heavy")[1]


def test_cta_heavy_honours_an_explicit_zero_limit():
    """max_per_1000_words = 0 means any page with min_count buy calls is a
    sales page; it once read as "unset" and became 4 (issue 18)."""
    from healthlint import lint_text

    three = f"<h1>T</h1><p>{_words(1500)}.</p><p>Bestel nu hier.</p><p>Koop nu hier.</p><p>Bestel vandaag.</p>"
    zero = {"options": {"affiliate-cta-heavy": {"max_per_1000_words": 0}}}
    result = lint_text(three, "a.html", zero, lang="nl")
    assert len(findings(result, "affiliate-cta-heavy")) == 3
    assert "more than 0)" in findings(result, "affiliate-cta-heavy")[0]["message"]
    two = three.replace("<p>Bestel vandaag.</p>", "")  # below min_count: still quiet
    assert not findings(lint_text(two, "a.html", zero, lang="nl"), "affiliate-cta-heavy")
    no_minimum = {"options": {"affiliate-cta-heavy": {"min_count": 0, "max_per_1000_words": 0}}}
    assert len(findings(lint_text(two, "a.html", no_minimum, lang="nl"), "affiliate-cta-heavy")) == 2


# -- the example ------------------------------------------------------------------------

EXPECTED = [
    ("affiliate-link-rel", 117, 28, "https://www.amazon.nl/dp/B0MAGN0001?tag=mineraalwijzer-21"),
    ("affiliate-link-rel", 118, 28, "https://partner.bol.com/click/click?p=2&amp;t=url"),
    ("affiliate-link-rel", 123, 114, "https://www.mineraalwijzer-blog.nl/go/magnesium-bisglycinaat/"),
    ("affiliate-link-rel", 140, 117, "https://www.amazon.nl/dp/B0MAGN0002?tag=mineraalwijzer-21"),
    ("affiliate-disclosure-late", 155, 4, "Mineraalwijzer bevat affiliate links."),
    ("affiliate-cta-heavy", 117, 87, "Koop nu bij Amazon"),
    ("affiliate-cta-heavy", 118, 237, "Klik hier voor de beste deal"),
    ("affiliate-cta-heavy", 123, 91, "Bestel nu"),
    ("affiliate-cta-heavy", 140, 94, "Bestel nu"),
]


def test_magnesium_example_affiliate_findings_at_exact_positions():
    assert_example_findings(EXAMPLES / "magnesium-tekort.html", ("affiliate",), EXPECTED)


def test_clean_example_has_no_affiliate_findings():
    text = (EXAMPLES / "vitamin-d-deficiency.md").read_text(encoding="utf-8")
    assert not lint(text, "vitamin-d-deficiency.md", select=("affiliate",))["findings"]

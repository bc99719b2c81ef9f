"""Affiliate-link detection on whole pages: every pattern class must flag, and
a close case must not, in Dutch and English, in HTML and Markdown."""

from dataclasses import replace

import pytest
from helpers import findings, lint, quoted

from healthlint.config import Settings
from healthlint.context import Context
from healthlint.evidence import commercial_links
from healthlint.links import reason
from healthlint.loader import parse_text
from healthlint.packs import load_packs

PACKS = load_packs()


def page(body: str, lang: str, fmt: str, footer: str = "") -> tuple[str, str]:
    if fmt == "md":
        return f"---\nlang: {lang}\n---\n# Titel\n\n{body}\n\n{footer}\n", "a.md"
    return (f'<!doctype html>\n<html lang="{lang}">\n<head><title>T</title></head>\n<body>\n<main><h1>T</h1>\n'
            f"{body}\n</main>\n<footer><p>{footer}</p></footer>\n</body>\n</html>\n", "a.html")


def detected(body: str, lang: str = "nl", fmt: str = "html", footer: str = "", own: tuple[str, ...] = ()):
    """(commercial?, reason) of the only link on the page."""
    text, name = page(body, lang, fmt, footer)
    doc = parse_text(text, name)
    doc.lang = lang
    ctx = Context(doc, replace(Settings(), own_domains=own), PACKS)
    assert len(doc.links) == 1, doc.links
    link = doc.links[0]
    return link in commercial_links(doc, ctx), reason(link, ctx)


def html(href: str, text: str = "dit product", attrs: str = "") -> str:
    return f'<p>Wij gebruiken <a href="{href}"{attrs}>{text}</a> al jaren.</p>'


def md(href: str, text: str = "this product") -> str:
    return f"We have used [{text}]({href}) for years."


def both(href: str, text_nl: str = "dit product", text_en: str = "this product", attrs: str = ""):
    """The same link in four contexts: nl/en x HTML/Markdown (Markdown has no attributes)."""
    yield html(href, text_nl, attrs), "nl", "html"
    yield html(href, text_en, attrs), "en", "html"
    if not attrs:
        yield md(href, text_nl), "nl", "md"
        yield md(href, text_en), "en", "md"


def assert_all(href, expected, reason_part=None, **kw):
    for body, lang, fmt in both(href, **kw):
        found, why = detected(body, lang, fmt)
        assert found is expected, (lang, fmt, href, why)
        if expected and reason_part:
            assert reason_part in why, why


# -- shorteners, redirect services and referral domains -------------------------

@pytest.mark.parametrize("href,name", [
    ("https://amzn.to/3XkP9qL", "Amazon short link"),
    ("https://geni.us/DarmBoek", "Geniuslink"),
    ("https://serp.ly/@coach/sleep-reset", "serp.ly"),
    ("https://vitapure.refr.cc/default/u/marieke?s=sp&t=cp", "refr.cc"),
    ("https://rstyle.me/+AbCd123", "LTK"),
    ("https://brand.sjv.io/c/2345678/1234567/12345", "Impact"),
    ("https://yogastudio.i312245.net/c/1122334/567890/12001", "Impact: tracking path"),
    ("https://goto.example-fitness.com/c/2233445/556677/8899", "Impact: tracking path"),
])
def test_shorteners_and_redirect_services(href, name):
    assert_all(href, True, name)


@pytest.mark.parametrize("href", [
    "https://serp.co/products/x",  # the vendor, not its redirect host
    "https://refr.cc.example.org/x",  # refr.cc only as a parent domain
    "https://www.example.com/c/about/team/",  # /c/ without Impact's numeric ids
    "https://www.example.com/c/123/",  # one number is not the three-part path
    "https://bit.ly/3abcd",  # a general shortener says nothing about affiliation
])
def test_close_to_a_redirect_service_is_not_affiliate(href):
    assert_all(href, False)


# -- redirect paths on the site itself -------------------------------------------

@pytest.mark.parametrize("href", ["/go/magnesium-citraat/", "/recommends/kamille/", "go/electrolyte-tabs",
                                  "https://www.mijnblog.nl/go/ijzer"])
def test_cloaked_paths_on_the_own_site(href):
    for body, lang, fmt in both(href):
        assert detected(body, lang, fmt, own=("mijnblog.nl",))[0], (href, lang, fmt)


@pytest.mark.parametrize("href", ["/gouden-melk-recept/", "/goals/weight-loss/", "/outdoor/wandelen/",
                                  "https://www.ggd.nl/go/vaccinatie-afspraak", "/aanbevelingen/boeken/"])
def test_paths_that_only_look_cloaked(href):
    assert_all(href, False)


def test_low_confidence_out_path_needs_new_tab_rel_or_buy_button():
    assert detected(html("/out/zink-forte/", attrs=' target="_blank"'))[0]
    assert detected(html("/out/zink-forte/", attrs=' rel="sponsored"'), "en")[0]
    assert detected(md("/out/zink-forte/", "Bekijk prijs"), "nl", "md")[0]
    assert detected(md("/out/thorne/", "Check price"), "en", "md")[0]
    assert not detected(md("/out/zink-forte/", "de uitgaande links"), "nl", "md")[0]
    assert not detected(html("/out/policy", "our outbound link policy"), "en")[0]


@pytest.mark.parametrize("href", ["/nl/go/lichttherapielamp/", "/en-us/recommends/oura-ring/",
                                  "https://blog.mijnblog.nl/recommends/zink-15/"])
def test_redirect_paths_in_a_language_folder_or_on_a_subdomain_of_the_site(href):
    for body, lang, fmt in both(href):
        assert detected(body, lang, fmt, own=("mijnblog.nl",))[0], (href, lang, fmt)


@pytest.mark.parametrize("href", ["/nl/gezondheid/slaap/", "/en/outbreaks/measles/", "/nl/goals/",
                                  "/de/golf/", "https://blog.mijnblog.nl/recepten/"])
def test_a_language_folder_or_own_subdomain_alone_is_not_cloaked(href):
    for body, lang, fmt in both(href):
        assert not detected(body, lang, fmt, own=("mijnblog.nl",))[0], (href, lang, fmt)


@pytest.mark.parametrize("href,name", [
    ("https://www.digistore24.com/redir/412233/coachanna/blog", "Digistore24"),
    ("https://www.digistore24.com/content/391122/20581/coachanna/", "Digistore24"),
    ("https://tidd.ly/3xYzAbC", "Awin"),
    ("https://pdt.tradedoubler.com/click?a(3154321)p(270504)", "Tradedoubler"),
    ("https://www.ebay.nl/itm/284512345678?mkcid=1&campid=5338912345&toolid=10001", "eBay Partner Network"),
    ("https://s.click.aliexpress.com/e/_DlXyZab", "AliExpress"),
    ("https://howl.me/cjK3pQr2", "Howl"),
    ("https://go.shopmy.us/p-1234567", "ShopMy"),
    ("https://www.amazon.com/shop/mobilitywithmaya", "Amazon Associates: /shop/"),
])
def test_other_networks_documented_link_forms(href, name):
    assert_all(href, True, name)


@pytest.mark.parametrize("href", [
    "https://www.digistore24.com/en/home/",  # the network's own site, not a promolink
    "https://www.ebay.nl/itm/284512345678",  # an eBay item without a campaign id is a shop link
    "https://www.amazon.com/dp/B0MATPRO01",  # no tag, no storefront
    "https://www.aliexpress.com/item/1005006876485319.html",
])
def test_the_same_hosts_without_the_affiliate_form(href):
    assert_all(href, False)


# -- referral parameters ---------------------------------------------------------

@pytest.mark.parametrize("href,name", [
    ("https://krachtvoer.nl/products/creatine?rfsn=7712345.a1b2c3", "Refersion"),
    ("https://www.greenfood.nl/?rfsn=6654321.9f8e7d", "Refersion"),
    ("https://nl.iherb.com/pr/vitamin-k2/12345?rcode=ABC1234", "iHerb"),
    ("https://www.slaapcursus.nl/aanmelden?irclickid=Qz0xWk1aT&irgwc=1", "Impact click id"),
    ("https://www.plusvitaal.nl/multivitamine?clickref=blog-2024", "Awin"),
    ("https://www.coolblue.nl/product/889123/bloeddrukmeter.html?subid=blog", "subid"),
    ("https://www.vitakruid.nl/product/magnesium/?ref=gezondwijzer", "ref"),
    ("https://www.oerkracht.nl/?ref=30482", "ref"),
    ("https://www.oerkracht.nl/?ref=ab12cd34", "ref"),
    ("https://www.puurvoeding.nl/shop/ashwagandha?aff=217", "aff"),
    ("https://www.slimslapen.nl/tracker?affid=88412", "affid"),
    ("https://www.kruidvat.nl/zonnebrand/p/4012345?partner=zonwijzer", "partner"),
    ("https://www.fitfoodie.nl/shake?utm_source=blog&utm_medium=affiliate", "utm_medium"),
    ("https://www.maaltijdplanner.nl/?fpr=annelies", "FirstPromoter"),
    ("https://www.slaapacademie.nl/cursus/?a_aid=5f1c2a3b&a_bid=11110003", "Post Affiliate Pro"),
    ("https://www.huidvoeding.nl/products/collageen?sca_ref=3321456.kLmNoPq", "UpPromote"),
    ("https://www.bol.com/nl/nl/p/collageen/9300000155443/?Referrer=ADVNLPPcefa21003b1c7d&utm_medium=Affiliates",
     "bol.com Partnerprogramma"),
    ("https://partner.bol.com/click/click?p=2&t=url&s=1234&url=x", "bol.com Partnerprogramma"),
])
def test_referral_parameters(href, name):
    assert_all(href, True, name)


@pytest.mark.parametrize("href", [
    "https://github.com/voedingslab/bmi-calculator?ref=main",  # a branch
    "https://github.com/x/y?ref=5a3b2c1d9e",  # a commit, even an id-like one
    "https://www.theguardian.com/society/2024/ultra-processed?ref=rss",  # news feed
    "https://nos.nl/artikel/2456789-vitamine-d?ref=homepage",
    "https://www.eventbrite.com/e/health-fair-123456789?aff=ebdssbdestsearch",  # Eventbrite's own campaign tag
    "https://www.mindkorrelatie.nl/contact?partner=gezondwijzer",  # a helpline, not a shop
    "https://pubmed.ncbi.nlm.nih.gov/29876543/?ref=12345",  # sources never carry affiliate ids
    "https://www.cochrane.org/CD012345/summary?affid=889",
    "https://www.bol.com/nl/nl/p/boek/9200000012345/?Referrer=ADVNLGOO002013",  # bol's own ads, not a partner
    "https://www.dietist.nl/blog/vezels?utm_source=linkedin&utm_medium=social",
    "https://www.amazon.de/dp/B0X?ref=sr_1_2",  # Amazon's own ref=, no tag
    "https://www.example-news.com/health/sleep?ref=2024",  # a year, not an id
    "https://www.example-news.com/health/sleep?ref=newsletter2024",
    "https://www.example.org/report?ref=2024-annual-report",
])
def test_parameters_that_are_not_affiliate(href):
    assert_all(href, False)


# -- class and data-* markers ------------------------------------------------------

@pytest.mark.parametrize("attrs,name", [
    (' class="thirstylink" data-linkid="4412"', "ThirstyAffiliates"),
    (' class="lasso-button-1"', "Lasso"),
    (' data-lasso-id="301"', "Lasso"),
    (' class="pretty-link-keyword"', "Pretty Links"),
    (' class="btn affiliate-button"', "affiliate class"),
    (' class="aff-link"', "affiliate class"),
    (' class="aawp-button aawp-button--buy"', "AAWP"),
    (' data-affiliate="true"', "affiliate attribute"),
    (' data-affiliate-network="daisycon"', "affiliate attribute"),
    (' rel="sponsored noopener"', 'rel="sponsored"'),
])
def test_plugin_markers(attrs, name):
    assert_all("https://www.example-shop.nl/thermosfles", True, name, attrs=attrs)


@pytest.mark.parametrize("attrs", [' class="pretty-link"', ' class="button btn-primary"',
                                   ' class="affiliate-disclosure"', ' class="external-link"', ' data-id="4412"',
                                   ' rel="nofollow ugc"', ' data-affinity="high"'])
def test_ordinary_classes_are_not_markers(attrs):
    assert_all("https://www.example.org/artikel", False, attrs=attrs)


def test_markers_in_raw_html_inside_markdown():
    body = 'Onze keus: <a href="https://www.example-zink.nl/zink" class="thirstylink">Zinkcitraat</a>.'
    assert detected(body, "nl", "md")[0]


# -- buy buttons to a shop -----------------------------------------------------------

@pytest.mark.parametrize("href,text,lang", [
    ("https://www.bol.com/nl/nl/p/zink-15mg/9300000123987/", "Koop nu bij bol.com", "nl"),
    ("https://www.vitaminesperpost.nl/vitamine-b12", "Bestel", "nl"),
    ("https://www.vitaminesperpost.nl/vitamine-b12", "Bestel »", "nl"),
    ("https://www.iherb.com/pr/magnesium/678", "Buy", "en"),
    ("https://www.kruidvat.nl/magnesium-400/p/2845671", "Bekijk prijs", "nl"),
    ("https://www.etos.nl/producten/visolie-120456.html", "Bekijk bij Etos", "nl"),
    ("https://www.vitaalpuur.nl/product/ashwagandha/", "Direct bestellen", "nl"),  # a shop path on a vendor
    ("https://www.target.com/p/melatonin/-/A-12345678", "Check Price", "en"),
    ("https://www.amazon.com/dp/B0FISH1200", "Buy on Amazon", "en"),
    ("https://www.walmart.com/ip/zinc/987654321", "View on Walmart", "en"),
    ("https://www.brightgreens.com/products/super-greens", "Shop now", "en"),
])
def test_buy_buttons_to_a_shop_are_sales_links(href, text, lang):
    for fmt in ("html", "md"):
        body = f'<p><a href="{href}">{text}</a></p>' if fmt == "html" else f"[{text}]({href})"
        found, why = detected(body, lang, fmt)
        assert found and "buy button" in why, (text, fmt)


@pytest.mark.parametrize("href,text,lang", [
    ("https://www.kruidvat.nl/", "Kruidvat", "nl"),  # a shop named in passing
    ("https://www.bol.com/nl/nl/p/slapen-als-een-roos/9200000012345/", "Slapen als een roos", "nl"),
    ("https://www.hartstichting.nl/brochures/bestellen", "Bestel de gratis brochure", "nl"),  # not a shop
    ("https://www.amazon.com/dp/1501144316", "Why We Sleep", "en"),
    ("https://www.nhs.uk/conditions/bowel-cancer-screening/", "Order a free home test kit", "en"),
    ("https://www.boots.com/health-hub/sleep/how-much-sleep", "Boots Health Hub", "en"),
    ("https://www.shop-apotheke.nl/", "Shop-Apotheke", "nl"),  # a bare button word only as the whole text
    ("https://www.bol.com/nl/nl/p/x/9200000012345/", "Koopgedrag van ouderen", "nl"),
    ("https://www.amazon.com/dp/1234567890", "Order of the day", "en"),
])
def test_shop_links_without_a_buy_button_or_buttons_to_non_shops(href, text, lang):
    for fmt in ("html", "md"):
        body = f'<p><a href="{href}">{text}</a></p>' if fmt == "html" else f"[{text}]({href})"
        assert not detected(body, lang, fmt)[0], (text, fmt)


# -- a page that declares programme membership --------------------------------------

@pytest.mark.parametrize("lang,statement", [
    ("en", "As an Amazon Associate I earn from qualifying purchases."),
    ("en", "We are a participant in the Amazon Services LLC Associates Program."),
    ("nl", "Als Amazon-partner verdien ik aan in aanmerking komende aankopen."),
    ("nl", "Wij nemen deel aan het Amazon EU Associates programma."),
])
def test_amazon_links_on_a_page_that_declares_associates_membership(lang, statement):
    for fmt in ("html", "md"):
        body = ('<p>Ik slaap met <a href="https://www.amazon.nl/dp/B0SLAAP123">dit masker</a>.</p>' if fmt == "html"
                else "I sleep with [this mask](https://www.amazon.com/dp/B0MASK7788).")
        found, why = detected(body, lang, fmt, footer=statement)
        assert found and "takes part" in why, (statement, fmt)
        assert not detected(body, lang, fmt)[0]  # the same link without the statement is a plain shop link


def test_bol_links_on_a_page_that_declares_the_partner_programme():
    body = '<p>Het boek <a href="https://www.bol.com/nl/nl/p/darmen/9200000098765/">Darmen</a> is een aanrader.</p>'
    assert detected(body, "nl", footer="Wij zijn aangesloten bij het bol.com partnerprogramma.")[0]
    assert not detected(body, "nl", footer="Wij schrijven onafhankelijk over gezondheid.")[0]


def test_associate_statement_only_in_footer_makes_the_disclosure_late():
    for lang in ("nl", "en"):
        text, _ = page('<p>Een <a href="https://www.amazon.com/dp/B0GLASS100">glass bottle</a>.</p>', lang, "html",
                       "As an Amazon Associate I earn from qualifying purchases.")
        found = findings(lint(text, "a.html", select=("affiliate-disclosure-late",)), "affiliate-disclosure-late")
        assert len(found) == 1 and "As an Amazon Associate" in quoted(text, found[0])


# -- the network or reason is named in the finding ------------------------------------

def test_finding_messages_name_the_network_or_reason():
    cases = [
        ('<a href="https://krachtvoer.nl/products/creatine?rfsn=7712345.a1b2c3">x</a>', "Refersion: rfsn=7712345"),
        ('<a href="https://geni.us/Boek">x</a>', "Geniuslink"),
        ('<a class="thirstylink" href="https://example.org/x">x</a>', 'ThirstyAffiliates: class "thirstylink"'),
        ('<a href="/go/zink/">x</a>', "affiliate redirect /go/ on the site itself"),
    ]
    for link, expected in cases:
        text, _ = page(f"<p>{link}</p>", "nl", "html")
        found = findings(lint(text, "a.html", select=("affiliate-link-rel",)), "affiliate-link-rel")
        assert len(found) == 1 and expected in found[0]["message"], found
    text, _ = page('<p><a href="https://www.kruidvat.nl/zink/p/123">Koop nu</a></p>', "nl", "html")
    found = findings(lint(text, "a.html", select=("affiliate-disclosure-missing",)), "affiliate-disclosure-missing")
    assert len(found) == 1 and "buy button to a shop (kruidvat.nl)" in found[0]["message"]

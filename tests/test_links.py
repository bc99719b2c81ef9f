"""healthlint.links: affiliate, shop, source, internal and external links."""

import pytest

from healthlint.links import Classifier, HostSet
from healthlint.packs import load_packs


@pytest.fixture(scope="module")
def classifier():
    return Classifier(load_packs().neutral, own_domains=["mijnblog.nl"], affiliate_hosts=["partner.example.com"],
                      cloaked_paths=["/koop/"])


@pytest.mark.parametrize("href,network", [
    ("https://www.amazon.nl/dp/B0X?tag=site-21", "amazon-associates"),
    ("https://amazon.co.uk/dp/B0X?tag=site-21", "amazon-associates"),
    ("https://amzn.to/3abc", "amazon-short-links"),
    ("https://partner.bol.com/click/click?p=2&t=url", "bol-partner"),
    ("https://www.awin1.com/cread.php?awinmid=1&awinaffid=2", "awin"),
    ("https://tc.tradetracker.net/?c=1&m=2&a=3", "tradetracker"),
    ("https://ds1.nl/c/?si=1&li=2", "daisycon"),
    ("https://brand.sjv.io/c/1/2/3", "impact"),
    ("https://shareasale.com/r.cfm?b=1&u=2", "shareasale"),
    ("https://www.anrdoezrs.net/click-1-2", "cj"),
    ("https://prf.hn/click/camref:1", "partnerize"),
    ("https://click.linksynergy.com/deeplink?id=1", "rakuten"),
    ("https://vendor.hop.clickbank.net/", "clickbank"),
    ("https://go.skimresources.com/?id=1", "skimlinks"),
    ("/go/magnesium/", "cloaked"),
    ("https://www.mijnblog.nl/recommends/x/", "cloaked"),
    ("/koop/x", "cloaked"),
    ("https://www.bol.com/nl/p/x/?ref=site", "tracking"),
    ("https://shop.example.org/x?aff_id=12", "tracking"),
    ("https://partner.example.com/x", "config"),
])
def test_affiliate_networks(classifier, href, network):
    kind = classifier.classify(href, "mijnblog.nl")
    assert kind.affiliate and kind.network == network


@pytest.mark.parametrize("href", [
    "https://www.amazon.nl/dp/B0X",  # a shop link without a tag
    "https://www.amazon.de/dp/B0X?ref=sr_1_2",  # Amazon's own ref= is not affiliate
    "https://github.com/x/y?ref=main",  # generic ref= only counts on shops
    "https://other-site.nl/go/x",  # /go/ on someone else's site
    "/out/x",  # low-confidence prefix without a merchant-style link
    "https://pubmed.ncbi.nlm.nih.gov/123/",
])
def test_not_affiliate(classifier, href):
    assert not classifier.classify(href, "mijnblog.nl").affiliate


def test_low_confidence_cloaked_path_needs_new_tab_or_rel(classifier):
    assert classifier.classify("/out/x", "", {"target": "_blank"}).network == "cloaked"


def test_shop_source_internal_external(classifier):
    shop = classifier.classify("https://www.amazon.nl/dp/B0X", "")
    assert shop.shop and shop.external and not shop.source
    assert classifier.classify("https://doi.org/10.1/x", "").source
    assert classifier.classify("https://www.efsa.europa.eu/en", "").source
    assert classifier.classify("https://ods.od.nih.gov/factsheets/x", "").source  # *.nih.gov
    assert classifier.classify("/vitamines/", "").internal
    assert classifier.classify("https://www.mijnblog.nl/x", "").internal  # own domain, www ignored
    assert classifier.classify("https://canon.example/x", "canon.example").internal  # canonical host
    assert not classifier.classify("mailto:a@b.nl", "").external


def test_host_patterns():
    hosts = HostSet([("amazon.*", 1), ("*.nih.gov", 2), ("www.bol.com", 3)])
    assert hosts.get("www.amazon.com.au") == 1
    assert hosts.get("amazon.nl") == 1
    assert hosts.get("notamazon.nl") is None
    assert hosts.get("ods.od.nih.gov") == 2 and hosts.get("nih.gov") == 2
    assert hosts.get("bol.com") == 3


def test_is_citation_in_a_document():
    from helpers import html_page

    from healthlint.config import Settings
    from healthlint.context import Context
    from healthlint.links import classify, is_citation
    from healthlint.loader import parse_text

    doc = parse_text(html_page('<p><a href="https://doi.org/10.1/x">a</a> <a href="https://amzn.to/x">b</a> '
                               '<a href="https://www.bol.com/p/x">c</a> <a href="/intern/">d</a></p>'), "a.html")
    ctx = Context(doc, Settings(), load_packs())
    cites = [is_citation(link, ctx) for link in doc.links]
    assert cites == [True, False, False, False]
    assert classify(doc.links[0], ctx) is classify(doc.links[0], ctx)  # cached per document

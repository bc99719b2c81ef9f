"""The page's text layer: the body's folded text and phrase matches are read
from the whole page's, and must be what the body alone gives."""

from healthlint.loader import parse_text
from healthlint.packs import PhraseSet
from healthlint.text import TextIndex, find, index

PAGE = """<!doctype html><html lang="nl"><body>
<nav><a href="/">Koop</a> <a href="/winkel">nu bij ons</a></nav>
<main>
<h1>Magnesium en spierkrampen</h1>
<p>Een tekort aan magnesium geeft soms krampen. Koop nu</p>
<p>Klik hier voor de beste deal op magnesium.</p>
<p>Bestel gerust, dat kan altijd: koop</p>
</main>
<footer><p>nu de laatste voorraad op is. Over ons.</p></footer>
</body></html>
"""


def test_the_body_text_is_the_body_blocks_folded_on_their_own():
    doc = parse_text(PAGE, "page.html")
    assert doc.body_blocks != doc.blocks
    body = index(doc, "body")
    alone = TextIndex(doc.body_blocks)
    assert (body.text, body.starts) == (alone.text, alone.starts)


def test_body_matches_are_what_scanning_the_body_alone_finds():
    # phrases run from the nav into the body and from the body's last block into the footer
    phrases = PhraseSet("t", ["(koop|bestel) {4} (hier|nu)", "koop nu", "beste deal", "magnesium"])
    doc = parse_text(PAGE, "page.html")
    found = [(m.block.index, m.start, m.end) for m in find(doc, phrases, "body")]
    alone = [(m.block.index, m.start, m.end) for m in TextIndex(doc.body_blocks).find(phrases)]
    assert found == alone
    assert [m.text for m in find(doc, phrases, "body")] == ["Magnesium", "magnesium", "Koop nu", "beste deal",
                                                            "magnesium"]
    # the page as a whole joins the body's last "koop" to the footer's "nu"
    assert [m.text for m in find(doc, phrases, "all")][-1] == "koop"

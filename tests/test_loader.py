"""Decoding, formats and language choice."""

import pytest

from healthlint.errors import InputError
from healthlint.loader import decode, parse_text
from helpers import lint


def test_utf8_with_and_without_bom():
    assert decode("café".encode(), "a.html") == "café"
    assert decode(b"\xef\xbb\xbf" + "café".encode(), "a.html") == "café"


def test_declared_charset_is_honoured():
    data = '<html><head><meta charset="windows-1252"></head><body><p>caf\u00e9 \u2019</p></body></html>'.encode("cp1252")
    assert "café ’" in decode(data, "a.html")
    xml = '<?xml version="1.0" encoding="iso-8859-1"?><p>caf\u00e9</p>'.encode("latin-1")
    assert "café" in decode(xml, "a.html")


def test_undecodable_input_names_file_and_byte():
    with pytest.raises(InputError, match=r"a\.html: cannot decode as utf-8 \(byte 0xff"):
        decode(b"<p>ok \xff</p>", "a.html")


def test_html_parts_are_extracted():
    doc = parse_text('<html lang="nl-BE"><head><title>T &amp; U</title><meta name="description" content="D">'
                     '<link rel="canonical" href="https://x.nl/a"><meta name="author" content="An">'
                     '<meta property="article:published_time" content="2026-01-02">'
                     '<script type="application/ld+json">{"@type": "Article"}</script></head><body>'
                     '<noscript>skip</noscript><template>skip</template><style>p{}</style>'
                     '<figure><img src="a.png" alt="A"><figcaption>Cap</figcaption></figure>'
                     '<table><tr><td>cel</td></tr></table><div itemscope itemtype="https://schema.org/Person">'
                     '<span itemprop="name">Piet</span></div><!-- note --></body></html>', "a.html")
    assert doc.meta.title.value == "T & U" and doc.meta.description.value == "D"
    assert doc.meta.canonical == "https://x.nl/a" and doc.meta.author.value == "An"
    assert [d.kind for d in doc.meta.dates] == ["published"]
    assert [b.text for b in doc.blocks] == ["Cap", "cel", "Piet"]
    assert doc.images[0].alt == "A" and doc.jsonld[0].body == '{"@type": "Article"}'
    assert doc.microdata[0].props[0][:2] == ("name", "Piet")
    assert doc.comments[0].text == " note "


@pytest.mark.parametrize("text, path, expected", [
    ('<html lang="nl"><body><p>Hello world, this is English text.</p></body></html>', "a.html", "nl"),
    ("---\nlang: en\n---\nDit is een Nederlandse tekst over de vitamine.\n", "a.md", "en"),
    ("<p>Dit is een tekst over het belang van magnesium voor de spieren en het hart.</p>", "a.html", "nl"),
    ("<p>This is a text about why magnesium matters for the muscles and the heart.</p>", "a.html", "en"),
])
def test_language_declared_or_detected(text, path, expected):
    assert lint(text, path, select=("heading-empty",))["language"] == expected


def test_cli_language_wins():
    assert lint('<html lang="nl"><p>x</p></html>', "a.html", lang="en", select=("heading-empty",))["language"] == "en"

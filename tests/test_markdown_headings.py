"""Markdown headings as CommonMark reads them (issue 13): levels, texts and
the line and column of each heading's first visible character, checked
against micromark, the CommonMark parser markdownlint uses (docs/parsing.md).

EXPECTED was produced once by markdownlint 0.40.0's micromark tokens
(atxHeading / setextHeading) on DOCUMENT; the test itself needs no node.
DOCUMENT is written for this project: one construction per heading."""

from __future__ import annotations

import re

from healthlint.loader import parse_text

DOCUMENT = (
    '# Magnesium en `slaap`\n'
    '\n'
    '## *Nadruk* en **sterk** in een kop\n'
    '\n'
    '### Een [link](https://example.com) in de kop\n'
    '\n'
    '#### ![Logo](logo.png) Met een afbeelding\n'
    '\n'
    '##### Entiteiten: &amp; &eacute; &#233; &copy;\n'
    '\n'
    '###### Ontsnapt: \\# \\* \\_ \\`\n'
    '\n'
    '####### Zeven hekjes is geen kop\n'
    '\n'
    '#\tTab na het hekje\n'
    '\n'
    '  ## Twee spaties inspringing\n'
    '\n'
    '    # Vier spaties is code\n'
    '\n'
    '## Sluitende hekjes ###\n'
    '\n'
    '## Hekje aan het eind\\#\n'
    '\n'
    '## Hekje #zonder spatie\n'
    '\n'
    '#\n'
    '\n'
    '## \n'
    '\n'
    'Setext kop niveau een\n'
    '=====================\n'
    '\n'
    'Setext kop\n'
    'over twee regels\n'
    '----------------\n'
    '\n'
    '- Lijst\n'
    '- ## Kop in een lijstitem\n'
    '\n'
    '1. Genummerd\n'
    '\n'
    '   ### Kop in een genummerd item\n'
    '\n'
    '> ## Citaat met *nadruk*\n'
    '> Lazy regel\n'
    '\n'
    'Alinea\n'
    '## Kop direct na een alinea\n'
    '\n'
    'Tekst met <span>inline html</span>\n'
    '\n'
    '## Kop met <em>html</em> erin\n'
    '\n'
    '## Kop met <https://voorbeeld.nl> autolink\n'
    '\n'
    '## Kop met een  dubbele   spatie\n'
    '\n'
    '## Vitamine B12 & foliumzuur — wat 😀 doet het?\n'
    '\n'
    '***Beide*** en `code met *ster*`\n'
    '-\n'
    '\n'
    'Kop met harde  \n'
    'regelbreuk\n'
    '===\n'
)

# (level, line of the heading, (line, column) of its first visible character or None, text)
EXPECTED = [
    (1, 1, (1, 3), 'Magnesium en slaap'),
    (2, 3, (3, 5), 'Nadruk en sterk in een kop'),
    (3, 5, (5, 5), 'Een link in de kop'),
    (4, 7, (7, 8), 'Logo Met een afbeelding'),
    (5, 9, (9, 7), 'Entiteiten: & é é ©'),
    (6, 11, (11, 8), 'Ontsnapt: # * _ `'),
    (1, 15, (15, 3), 'Tab na het hekje'),
    (2, 17, (17, 6), 'Twee spaties inspringing'),
    (2, 21, (21, 4), 'Sluitende hekjes'),
    (2, 23, (23, 4), 'Hekje aan het eind#'),
    (2, 25, (25, 4), 'Hekje #zonder spatie'),
    (1, 27, None, ''),
    (2, 29, None, ''),
    (1, 31, (31, 1), 'Setext kop niveau een'),
    (2, 34, (34, 1), 'Setext kop over twee regels'),
    (2, 39, (39, 6), 'Kop in een lijstitem'),
    (3, 43, (43, 8), 'Kop in een genummerd item'),
    (2, 45, (45, 6), 'Citaat met nadruk'),
    (2, 49, (49, 4), 'Kop direct na een alinea'),
    (2, 53, (53, 4), 'Kop met html erin'),
    (2, 55, (55, 4), 'Kop met https://voorbeeld.nl autolink'),
    (2, 57, (57, 4), 'Kop met een dubbele spatie'),
    (2, 59, (59, 4), 'Vitamine B12 & foliumzuur — wat 😀 doet het?'),
    (2, 61, (61, 4), 'Beide en code met *ster*'),
    (1, 64, (64, 1), 'Kop met harde regelbreuk'),
]

# Characters that stand for other source text (entities, backslash escapes):
# their span is the entity or escape, not the character itself.
DECODED = {"&": "&amp;", "é": "&#233;", "©": "&copy;", "#": "\\#", "*": "\\*", "_": "\\_", "`": "\\`",
           "eind#": "eind\\#"}


def headings():
    doc = parse_text(DOCUMENT, "headings.md")
    return doc, [b for b in doc.blocks if b.kind == "heading"]


def test_levels_texts_and_positions_agree_with_commonmark():
    doc, found = headings()
    ours = []
    for block in found:
        first = doc.source.position(block.tmap.span(0, 1).start) if block.text else None
        ours.append((block.level, doc.source.position(block.span.start)[0], first, " ".join(block.text.split())))
    assert ours == EXPECTED


def test_every_heading_word_is_read_back_at_its_span():
    doc, found = headings()
    for block in found:
        for word in re.finditer(r"\S+", block.text):
            span = block.tmap.span(word.start(), word.end())
            source = DOCUMENT[span.start:span.end]
            assert source == word.group() or source in (DECODED.get(word.group()), "&eacute;"), (word.group(), source)


def test_image_alt_in_a_heading_is_underlined_at_its_own_characters():
    doc, found = headings()
    (heading,) = [b for b in found if b.text.startswith("Logo")]
    span = heading.tmap.span(0, len("Logo"))
    assert DOCUMENT[span.start:span.end] == "Logo"


def test_image_alt_is_its_text_without_markup():
    doc = parse_text("## ![*Logo* van `B12`](logo.png) tekst\n", "a.md")
    (block,) = doc.blocks
    assert block.text == "Logo van B12 tekst" and [image.alt for image in doc.images] == ["Logo van B12"]
    # with markup in it the alt stands for the whole image
    span = block.tmap.span(0, len("Logo"))
    assert doc.source.text[span.start:span.end] == "![*Logo* van `B12`](logo.png)"

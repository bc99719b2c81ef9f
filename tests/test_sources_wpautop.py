"""Stored WordPress content rendered as WordPress shows it, positions kept."""

from healthlint.model import Document
from healthlint.parse.html import finish_blocks, parse_fragment
from healthlint.source import SourceText
from healthlint.sources.wpautop import render


def blocks_of(content):
    doc = Document(path="post", format="html", source=SourceText(content))
    rendered = render(content)
    finish_blocks(doc, parse_fragment(doc, rendered.html, rendered.to_raw()))
    return doc


def test_blank_lines_are_paragraphs_single_newlines_are_not():
    doc = blocks_of("Eerste regel\nzelfde alinea.\n\nTweede alinea.")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]
    assert doc.blocks[0].text == "Eerste regel zelfde alinea."


def test_positions_point_into_stored_content():
    content = "Intro.\n\n<h2>Kop</h2>\nTekst met magnesium erin."
    doc = blocks_of(content)
    block = doc.blocks[-1]
    start = block.text.index("magnesium")
    span = block.span_of(start, start + len("magnesium"))
    assert content[span.start:span.end] == "magnesium"
    assert doc.source.position(span.start) == (4, 11)


def test_block_level_tags_are_not_wrapped():
    doc = blocks_of("<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n\n<h2>Kop</h2>")
    assert [b.kind for b in doc.blocks] == ["list_item", "list_item", "heading"]


def test_text_inside_a_div_becomes_paragraphs():
    doc = blocks_of("<div>alinea een\n\nalinea twee</div>")
    assert [b.text for b in doc.blocks] == ["alinea een", "alinea twee"]


def test_caption_shortcode_is_a_figure_with_its_caption():
    content = '[caption id="a" width="300"]<img src="z.jpg" alt="zon"> Zon in januari[/caption]'
    doc = blocks_of(content)
    (caption,) = doc.blocks
    assert caption.kind == "caption" and caption.text == "Zon in januari"
    span = caption.span_of(0, 3)
    assert content[span.start:span.end] == "Zon"
    assert len(doc.images) == 1 and content[doc.images[0].span.start:].startswith("<img")


def test_caption_text_in_the_attribute():
    content = '[caption caption="Onderschrift hier"]<img src="z.jpg" alt="zon">[/caption]'
    (caption,) = blocks_of(content).blocks
    assert caption.text == "Onderschrift hier"
    span = caption.span_of(0, len(caption.text))
    assert content[span.start:span.end] == "Onderschrift hier"


def test_media_shortcodes_are_not_prose_but_unknown_ones_stay():
    doc = blocks_of("[embed]https://video.example/x[/embed]\n\n[gallery ids=\"1,2\"]\n\n[1] bron: RIVM")
    assert [b.text for b in doc.blocks] == ["[1] bron: RIVM"]


def test_block_editor_content_is_not_autop_ed():
    content = "<!-- wp:paragraph -->\n<p>Een.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:html -->\nlos\n\ntekst\n<!-- /wp:html -->"
    doc = blocks_of(content)
    # like WordPress: block content keeps its own markup, the loose text stays one run
    assert [b.text for b in doc.blocks] == ["Een.", "los tekst"]
    assert len(doc.comments) == 4


def test_pre_keeps_its_blank_lines():
    doc = blocks_of("<pre>code\n\nmore</pre>\n\nna")
    assert [b.text for b in doc.blocks] == ["na"]

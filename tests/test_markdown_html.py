"""Markdown with HTML inside, read as the rendered page (issue 13)."""

from __future__ import annotations

from helpers import findings, lint

from healthlint.loader import parse_text


def blocks(text: str):
    return [(b.kind, b.level, b.text) for b in parse_text(text, "a.md").blocks]


def test_heading_split_by_a_blank_line_keeps_its_text():
    text = "# Titel\n\n<h2>\n\nWat is magnesium?</h2>\n\nTekst hier.\n"
    assert blocks(text)[1] == ("heading", 2, "Wat is magnesium?")
    assert not findings(lint(text, "a.md", select=("heading-empty",)), "heading-empty")


def test_closed_html_heading_block_is_left_alone():
    assert blocks("<h2>Kop</h2>\n\nTekst</h2>\n") == [("heading", 2, "Kop"), ("paragraph", 0, "Tekst")]


def test_split_heading_text_keeps_exact_positions():
    text = "<h2>\n\nWat is magnesium?</h2>\n"
    doc = parse_text(text, "a.md")
    block = doc.blocks[0]
    span = block.span_of(0, len("Wat is magnesium?"))
    assert text[span.start:span.end] == "Wat is magnesium?"


def test_indented_html_export_is_read_as_html():
    text = ("---\ntitle: Magnesium\n---\nIntro.\n\n    <p>Eerste alinea over magnesium.</p>\n"
            "    <h2>Dosering</h2>\n    <p>Tweede alinea.</p>\n")
    assert blocks(text) == [("paragraph", 0, "Intro."), ("paragraph", 0, "Eerste alinea over magnesium."),
                            ("heading", 2, "Dosering"), ("paragraph", 0, "Tweede alinea.")]
    doc = parse_text(text, "a.md")
    span = doc.blocks[2].span_of(0, 8)
    assert text[span.start:span.end] == "Dosering"


def test_indented_code_sample_stays_code():
    assert blocks("Voorbeeld:\n\n    pip install healthlint\n    <not html>\n") == [("paragraph", 0, "Voorbeeld:")]

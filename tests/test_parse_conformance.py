"""HTML read as a browser reads it (issue 13): each case fails on the old tokeniser."""

from __future__ import annotations

import pytest

from healthlint.loader import parse_text


def doc(body: str, path: str = "a.html"):
    return parse_text(body, path)


def headings(body: str, path: str = "a.html"):
    return [(b.level, b.text) for b in doc(body, path).blocks if b.kind == "heading"]


def test_code_inside_heading_is_text():
    assert headings("<h1>Prettier <code>--tab-width</code></h1>") == [(1, "Prettier --tab-width")]
    assert headings("<h2><code>max_words</code></h2>") == [(2, "max_words")]


def test_code_span_in_markdown_heading_is_text():
    assert headings("# Prettier `--tab-width`\n", "a.md") == [(1, "Prettier --tab-width")]


def test_code_span_text_keeps_exact_positions():
    text = "# Prettier `--tab-width`\n"
    block = doc(text, "a.md").blocks[0]
    i = block.text.index("--tab")
    span = block.span_of(i, i + len("--tab-width"))
    assert text[span.start:span.end] == "--tab-width"


def test_accordion_button_question_is_heading_text():
    body = ('<h3 class="accordion-header"><button class="accordion-button" type="button">'
            "Hoe lang duurt het?</button></h3>")
    assert headings(body) == [(3, "Hoe lang duurt het?")]


def test_image_alt_names_a_heading():
    assert headings('<h2><img src="logo.png" alt="Logo"></h2>') == [(2, "Logo")]
    assert headings("# ![Logo](logo.png)\n", "a.md") == [(1, "Logo")]


def test_image_alt_is_not_paragraph_text():
    blocks = doc('<p>Tekst <img src="x.png" alt="foto"></p>').blocks
    assert [b.text for b in blocks] == ["Tekst"]


def test_block_inside_heading_keeps_the_text():
    assert headings("<h2><div>Wat is magnesium?</div></h2>") == [(2, "Wat is magnesium?")]
    assert headings("<h2><p>Wat is magnesium?</p></h2>") == [(2, "Wat is magnesium?")]


def test_misnested_end_tag_does_not_truncate_heading():
    assert headings("<b><h2>Magnesium</b> en slaap</h2>") == [(2, "Magnesium en slaap")]


def test_misnested_non_formatting_end_tag_is_ignored():
    assert headings("<span><h2>Magnesium</span> en slaap</h2>") == [(2, "Magnesium en slaap")]


def test_duplicate_attribute_keeps_the_first():
    d = doc('<p><a href="/x" rel="noopener" rel="sponsored">x</a></p>')
    assert d.links[0].rel == ("noopener",)


def test_unquoted_value_ending_in_slash_is_not_self_closing():
    d = doc("<p><a href=/magnesium/>tekst</a></p>")
    assert (d.links[0].href, d.links[0].text) == ("/magnesium/", "tekst")


def test_self_closing_flag_on_a_normal_element_is_ignored():
    d = doc('<p><a href="/x"/>tekst</a></p>')
    assert d.links[0].text == "tekst"


def test_self_closing_svg_does_not_swallow_the_page():
    assert headings('<svg viewBox="0 0 1 1"/><h2>Kop</h2>') == [(2, "Kop")]


@pytest.mark.parametrize("href", ["?country=NL&section=x&currency=EUR", "/a?x=1&copy=2", "/a?b&not=1"])
def test_legacy_entity_in_attribute_before_alnum_or_equals_stays(href):
    assert doc(f'<p><a href="{href}">x</a></p>').links[0].href == href


def test_entities_in_attribute_still_decode():
    d = doc('<p><a href="/a?x=1&amp;y=2&copy;&copy z">x</a></p>')
    assert d.links[0].href == "/a?x=1&y=2\u00a9\u00a9 z"


@pytest.mark.parametrize("comment", ["<!-->", "<!--->"])
def test_abrupt_empty_comment_ends_at_once(comment):
    assert headings(f"{comment}<h2>Kop</h2>") == [(2, "Kop")]


def test_template_content_is_not_page_content():
    d = doc("<template><h2></h2><p>sjabloon</p><a href='/t'>t</a><img src=t.png></template><h2>Kop</h2>")
    assert [(b.kind, b.text) for b in d.blocks] == [("heading", "Kop")]
    assert d.links == [] and d.images == []


def test_script_with_comment_escapes_does_not_leak():
    body = ('<script><!-- document.write("<script>x()</script>"); var lekt = 1; --></script>'
            "<p>Zichtbaar</p>")
    assert [b.text for b in doc(body).blocks] == ["Zichtbaar"]


def test_script_escape_closed_by_end_tag():
    body = "<script><!-- x() </script><p>Zichtbaar</p>"
    assert [b.text for b in doc(body).blocks] == ["Zichtbaar"]


def test_link_inside_link_closes_the_outer():
    d = doc('<p><a href="/1">een <a href="/2">twee</a> drie</a></p>')
    assert [(l.href, l.text) for l in d.links] == [("/1", "een"), ("/2", "twee")]
    assert d.blocks[0].text == "een twee drie"


def test_positions_stay_exact_through_the_fixes():
    text = '<h2><div>Wat <code>is</code> magnesium?</div></h2>\n<b><h3>Slaap</b> en rust</h3>'
    for block in doc(text).blocks:
        for word in block.text.split():
            i = block.text.index(word)
            span = block.span_of(i, i + len(word))
            assert text[span.start:span.end] == word


@pytest.mark.parametrize("text, path", [("<p>Tekst met <code>TODO</code> erin</p>", "a.html"),
                                        ("Tekst met `TODO` erin\n", "a.md")])
def test_code_ranges_are_marked_in_the_block(text, path):
    block = doc(text, path).blocks[0]
    assert block.text == "Tekst met TODO erin"
    assert [block.text[s:e] for s, e in block.code] == ["TODO"]
    assert not block.in_code(0, 5) and block.in_code(10, 14)

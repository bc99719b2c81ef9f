"""Findings point at the exact source line and column, whatever sits before
them: front matter, entities, inline markup, Markdown containers."""

import pytest

from helpers import findings, html_page, lint, quoted

CYR_E = "\u0435"  # Cyrillic small ie, looks like a Latin e
WORD = f"energi{CYR_E}huishouding"


def only_mixed(text, path):
    result = lint(text, path, select=("integrity-mixed-script",))
    found = findings(result, "integrity-mixed-script")
    assert len(found) == 1, result["findings"]
    return found[0]


def test_html_entities_before_the_word():
    text = html_page(f"<p>Caf&eacute; &amp; thee&#8217;s &nbsp; <b>goed</b> voor je {WORD}.</p>")
    f = only_mixed(text, "a.html")
    assert (f["line"], f["column"]) == (7, 62)
    assert quoted(text, f) == WORD


def test_html_word_split_over_lines_and_indentation():
    text = html_page(f"<div>\n  <p>\n     Eerste regel,\n     tweede {WORD}\n  </p>\n</div>")
    f = only_mixed(text, "a.html")
    assert quoted(text, f) == WORD
    assert f["line"] == 10


def test_markdown_after_front_matter():
    text = f"---\ntitle: Test\nkeyword: magnesium\n---\n\n# Kop\n\nTekst over {WORD} hier.\n"
    f = only_mixed(text, "a.md")
    assert (f["line"], f["column"]) == (8, 12)
    assert quoted(text, f) == WORD


def test_markdown_nested_lists():
    text = f"# Kop\n\n- een\n  - twee\n    1. drie *nadruk* {WORD}\n"
    f = only_mixed(text, "a.md")
    assert (f["line"], f["column"]) == (5, 22)
    assert quoted(text, f) == WORD


def test_markdown_nested_blockquote_and_list():
    text = f"# Kop\n\n> citaat\n> > - dieper **vet** [link](https://example.org) {WORD}\n"
    f = only_mixed(text, "a.md")
    assert quoted(text, f) == WORD
    assert f["line"] == 4


def test_markdown_entities_escapes_and_inline_html():
    text = f"# Kop\n\nA &amp; B \\* <span class=\"x\">C</span> `code` {WORD} &eacute;\n"
    f = only_mixed(text, "a.md")
    assert quoted(text, f) == WORD
    assert (f["line"], f["column"]) == (3, 46)


def test_markdown_raw_html_block():
    text = f"# Kop\n\nIntro.\n\n<div class=\"box\">\n  <p>In een blok: {WORD}</p>\n</div>\n"
    f = only_mixed(text, "a.md")
    assert quoted(text, f) == WORD
    assert f["line"] == 6


def test_markdown_table_cell():
    text = f"# Kop\n\n| a | b |\n|---|---|\n| aa | {WORD} |\n"
    f = only_mixed(text, "a.md")
    assert quoted(text, f) == WORD


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline):
    lines = ["<!doctype html>", "<html lang=\"nl\"><head><title>t</title></head>", "<body>", "<p>eerst</p>",
             f"<p>dan {WORD}</p>", "</body></html>"]
    text = newline.join(lines)
    f = only_mixed(text, "a.html")
    assert (f["line"], f["column"]) == (5, 8)


def test_bom_is_not_a_column(tmp_path):
    from healthlint import lint_paths

    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf# Kop\n\n" + f"x {WORD}\n".encode())
    result = lint_paths([path])["files"][0]
    f = [x for x in result["findings"] if x["rule"] == "integrity-mixed-script"][0]
    assert (f["line"], f["column"]) == (3, 3)


def test_every_block_maps_back_to_its_source_words():
    """Each word of each block's text maps to the same word in the source
    (entities aside)."""
    import re

    from healthlint.loader import parse_text

    text = ("---\ntitle: t\n---\n# Kop *een*\n\n- item **vet** en [link](http://x.org)\n  - genest\n\n"
            "> quote `code` na\n\n| k | v |\n|---|---|\n| a b | c |\n\n<div><p>html <b>blok</b></p></div>\n")
    doc = parse_text(text, "x.md")
    for block in doc.blocks:
        for m in re.finditer(r"\w+", block.text):
            span = block.span_of(m.start(), m.end())
            assert text[span.start:span.end] == m.group(), (block.text, m.group())

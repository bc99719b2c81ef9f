"""Front matter of static-site generators (issue 13): TOML, JSON, and the names
Hugo, Jekyll, Eleventy, Astro, Docusaurus and Gatsby use."""

from __future__ import annotations

import pytest

from healthlint.loader import parse_text

BODY = "\n# Magnesium en slaap\n\nTekst over magnesium.\n"


def test_toml_front_matter_is_read_not_body_text():
    text = '+++\ntitle = "Magnesium en slaap"\nauthor = "Anna de Vries"\ndate = 2025-03-01\n+++\n' + BODY
    doc = parse_text(text, "content/posts/magnesium.md")
    assert doc.meta.title.value == "Magnesium en slaap"
    assert doc.meta.author.value == "Anna de Vries"
    assert doc.meta.dates[0].value == "2025-03-01"
    assert [b.text for b in doc.blocks] == ["Magnesium en slaap", "Tekst over magnesium."]
    span = doc.meta.author.span
    assert text[span.start:span.end] == "Anna de Vries"


def test_json_front_matter_is_read_not_body_text():
    text = '{\n  "title": "Zink",\n  "authors": [{"name": "Piet Jansen"}],\n  "updated": "2025-04-02"\n}\n' + BODY
    doc = parse_text(text, "posts/zink.md")
    assert doc.meta.title.value == "Zink"
    assert doc.meta.author.value == "Piet Jansen"
    assert [(d.value, d.kind) for d in doc.meta.dates] == [("2025-04-02", "modified")]
    assert doc.blocks[0].text == "Magnesium en slaap"
    assert doc.source.position(doc.blocks[0].span.start) == (7, 3)


def test_invalid_toml_is_a_front_matter_error():
    doc = parse_text('+++\ntitle = "open\n+++\n' + BODY, "a.md")
    assert doc.front_matter_error is not None and "TOML" in doc.front_matter_error[0]


@pytest.mark.parametrize("front, author", [
    ("author:\n  name: Anna de Vries\n", "Anna de Vries"),
    ("authors:\n  - Anna de Vries\n  - Piet Jansen\n", "Anna de Vries, Piet Jansen"),
    ("publish:\n  author: Anna de Vries\n", "Anna de Vries"),
])
def test_author_names_and_nestings(front, author):
    doc = parse_text(f"---\n{front}---\n{BODY}", "a.md")
    assert doc.meta.author.value == author


@pytest.mark.parametrize("key, kind", [("publishDate", "published"), ("createdAt", "published"),
                                       ("lastmod", "modified"), ("updated", "modified")])
def test_date_names(key, kind):
    doc = parse_text(f"---\n{key}: 2025-05-06\n---\n{BODY}", "a.md")
    assert [(d.value, d.kind) for d in doc.meta.dates] == [("2025-05-06", kind)]


def test_seo_title_and_meta_description():
    doc = parse_text(f"---\nseoTitle: Magnesium | Vitaal\nmeta_description: Alles over magnesium.\n---\n{BODY}",
                     "a.md")
    assert (doc.meta.title.value, doc.meta.description.value) == ("Magnesium | Vitaal", "Alles over magnesium.")


def test_jekyll_post_file_name_dates_the_post():
    doc = parse_text(f"---\ntitle: x\n---\n{BODY}", "site/_posts/2024-11-05-magnesium-en-slaap.md")
    assert [(d.value, d.kind) for d in doc.meta.dates] == [("2024-11-05", "published")]


def test_a_post_outside_posts_has_no_date_from_its_name():
    doc = parse_text(f"---\ntitle: x\n---\n{BODY}", "site/notes/2024-11-05-magnesium-en-slaap.md")
    assert doc.meta.dates == []


def test_a_brace_paragraph_is_not_front_matter():
    doc = parse_text("{geen json}\n\nTekst.\n", "a.md")
    assert doc.front_matter == {} and doc.blocks[0].text == "{geen json}"


def test_deeply_nested_front_matter_is_a_clear_error_or_body():
    doc = parse_text("+++\nx = " + "[" * 5000 + "]" * 5000 + "\n+++\n" + BODY, "a.md")
    assert doc.front_matter_error is None or "front matter" in doc.front_matter_error[0]
    doc = parse_text("{" + '"a":[' * 5000 + "1" + "]" * 5000 + "}\n" + BODY, "a.md")
    assert doc.blocks

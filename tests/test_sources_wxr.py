"""WordPress export files (WXR) as input."""

from pathlib import Path

import pytest

from healthlint.engine import Linter
from healthlint.errors import InputError
from healthlint.sources.lint import lint_post
from healthlint.sources.wxr import looks_like_wxr, read_posts

EXPORT = Path(__file__).parent / "fixtures" / "wordpress" / "export.xml"


def posts(**filters):
    return list(read_posts(EXPORT, **filters))


def test_every_post_and_page_is_an_article_attachments_are_not():
    assert [(p.id, p.type, p.status) for p in posts()] == [(41, "post", "draft"), (52, "page", "publish")]


def test_filters():
    assert [p.id for p in posts(statuses=("draft",))] == [41]
    assert [p.id for p in posts(types=("page",))] == [52]
    assert [p.id for p in posts(ids=(52,))] == [52]
    assert [p.id for p in posts(slugs=("vitamine-d-winter",))] == [41]
    assert [p.id for p in posts(authors=("annek",))] == [41, 52]
    assert [p.id for p in posts(authors=("someone",))] == []
    assert [p.id for p in posts(modified_since="2026-11-28")] == [41]


def test_post_fields_and_seo_meta():
    draft, page = posts()
    assert draft.author == "Anne de Korte" and draft.site == "https://gezond.example"
    assert draft.keyword == "vitamine D"
    assert draft.meta_title == "Vitamine D in de winter - Gezond Leven Test"
    assert draft.meta_description.startswith("Waarom je in de winter")
    assert draft.edit_link == "https://gezond.example/wp-admin/post.php?post=41&action=edit"
    # Rank Math: the first of its comma-separated keyphrases is the focus one
    assert page.keyword == "magnesium"
    assert page.meta_title == "Magnesium and sleep" and page.meta_description is None


def test_findings_point_into_the_stored_content_and_carry_the_post():
    draft = posts(ids=(41,))[0]
    result = lint_post(Linter(), draft)
    assert result["path"] == f"{EXPORT}#post-41"
    assert result["keyword"] == "vitamine D" and result["language"] == "nl"
    assert result["source"]["edit_link"].endswith("post.php?post=41&action=edit")
    assert result["source"]["status"] == "draft" and result["source"]["title"] == "Vitamine D in de winter"
    claim = next(f for f in result["findings"] if f["rule"] == "claim-disease")
    line = draft.content.splitlines()[claim["line"] - 1]
    assert claim["line"] == 3 and line[claim["column"] - 1:claim["end_column"] - 1].startswith("geneest")
    rules = {f["rule"] for f in result["findings"]}
    # the theme shows the title as H1; a meta description and title were set in Yoast
    assert not rules & {"heading-h1-missing", "meta-description", "keyword-title", "trust-author-missing",
                        "trust-date-missing", "meta-lang-missing"}


def test_an_english_post_on_a_dutch_site_is_linted_as_english():
    page = posts(ids=(52,))[0]
    result = lint_post(Linter(), page)
    assert result["language"] == "en"
    assert "meta-description" in {f["rule"] for f in result["findings"]}


def test_a_post_without_a_title_has_no_h1():
    draft = posts(ids=(41,))[0]
    draft.title = ""
    assert "heading-h1-missing" in {f["rule"] for f in lint_post(Linter(), draft)["findings"]}


def test_detection_and_errors(tmp_path):
    assert looks_like_wxr(EXPORT)
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')
    assert not looks_like_wxr(sitemap)
    broken = tmp_path / "broken.xml"
    broken.write_text('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>')
    with pytest.raises(InputError, match="broken.xml: not a valid WordPress export"):
        list(read_posts(broken))

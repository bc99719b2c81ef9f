"""Static-site content folders (issue 13): Hugo (TOML and JSON front matter),
Jekyll (_posts), Astro (content collection) and a WordPress export migrated to
Markdown. Every page shows its headings' text, an author and a date, so none
of these findings may appear."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import lint

SITES = Path(__file__).parent / "fixtures" / "sites"
FILES = sorted(SITES.rglob("*.md"))
RULES = ("heading-empty", "trust-author-missing", "trust-date-missing")


def test_every_site_kind_is_there():
    assert {p.relative_to(SITES).parts[0] for p in FILES} == {"hugo", "jekyll", "astro", "wp-export"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SITES)))
def test_site_page_shows_heading_texts_author_and_date(path):
    result = lint(path.read_text(encoding="utf-8"), str(path), select=RULES)
    assert [f["rule"] for f in result["findings"]] == []


def test_the_same_page_without_author_and_date_is_flagged():
    text = (SITES / "astro" / "src" / "content" / "blog" / "iron-fatigue.md").read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    result = lint("---\ntitle: Iron\n---\n" + body, "blog/iron.md", select=RULES)
    assert sorted(f["rule"] for f in result["findings"]) == ["trust-author-missing", "trust-date-missing"]

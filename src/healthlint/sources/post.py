"""A WordPress post or page as healthlint lints it, wherever it came from
(the REST API or an export file).

Positions are offsets in the stored content, the text an editor sees in the
code editor; the rest of the page the theme would build around it (title,
meta title and description, author, dates, language) comes from the post's
fields and its SEO plugin's meta, with no position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from healthlint.model import Document, Field, TimeStamp
from healthlint.source import SourceText

# SEO plugin post meta (Yoast SEO, then Rank Math), as stored in wp_postmeta.
KEYWORD_META = ("_yoast_wpseo_focuskw", "rank_math_focus_keyword")
TITLE_META = ("_yoast_wpseo_title", "rank_math_title")
DESCRIPTION_META = ("_yoast_wpseo_metadesc", "rank_math_description")
# Yoast writes %%title%%, Rank Math %title%.
_TEMPLATE_VAR = re.compile(r"%%?([a-z_]+)%%?")


@dataclass
class Post:
    site: str  # the site's home URL (or the export file when it names none)
    id: int
    type: str
    title: str
    status: str
    content: str
    display: str  # the name findings are reported under
    slug: str = ""
    link: str | None = None
    modified: str | None = None
    date: str | None = None
    author: str | None = None
    author_key: str = ""  # what --wp-author matches besides the name: a user id or login
    lang: str | None = None
    site_name: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    # meta the site already rendered (yoast_head_json on published posts)
    rendered_title: str | None = None
    rendered_description: str | None = None

    @property
    def edit_link(self) -> str:
        return f"{self.site.rstrip('/')}/wp-admin/post.php?post={self.id}&action=edit"

    def first_meta(self, keys: tuple[str, ...]) -> str | None:
        for key in keys:
            value = self.meta.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    @property
    def keyword(self) -> str | None:
        value = self.first_meta(KEYWORD_META)
        # Rank Math keeps extra keyphrases after commas; the first is the focus one
        return value.split(",")[0].strip() or None if value else None

    @property
    def meta_title(self) -> str:
        template = self.first_meta(TITLE_META)
        if template:
            return self._expand(template)
        return self.rendered_title or self.title

    @property
    def meta_description(self) -> str | None:
        template = self.first_meta(DESCRIPTION_META)
        return self._expand(template) if template else self.rendered_description

    def _expand(self, template: str) -> str:
        values = {"title": self.title, "sitename": self.site_name, "sep": "-", "excerpt": ""}
        text = _TEMPLATE_VAR.sub(lambda m: values.get(m.group(1), ""), template)
        return " ".join(text.split())

    def source_info(self) -> dict[str, Any]:
        return {
            "kind": "wordpress",
            "site": self.site,
            "post_id": self.id,
            "post_type": self.type,
            "title": self.title,
            "status": self.status,
            "link": self.link,
            "edit_link": self.edit_link,
            "modified": self.modified,
        }


def post_document(post: Post, stopwords: dict[str, frozenset[str]] | None = None) -> Document:
    from healthlint.parse.html import finish_blocks, parse_fragment
    from healthlint.sources.wpautop import render

    doc = Document(path=post.display, format="html", source=SourceText(post.content))
    rendered = render(post.content)
    finish_blocks(doc, parse_fragment(doc, rendered.html, rendered.to_raw()))
    meta = doc.meta
    meta.title = Field(post.meta_title, None)
    doc.site_renders_title = bool(post.title.strip())
    description = post.meta_description
    if description:
        meta.description = Field(description, None)
    keyword = post.keyword
    if keyword:
        meta.keyword = Field(keyword, None)
    lang = _page_language(doc, post.lang, stopwords)
    if lang:
        meta.lang = Field(lang, None)
    if post.author:
        meta.author = Field(post.author, None)
    for value, kind in ((post.date, "published"), (post.modified, "modified")):
        if value and not value.startswith("0000"):  # drafts carry a zero date in exports
            meta.dates.append(TimeStamp(value, kind, None))
    return doc


def _page_language(doc: Document, site_lang: str | None, stopwords: dict[str, frozenset[str]] | None) -> str | None:
    """The language the page is served in. The theme declares the site's
    language; a post whose text is clearly in the other language is taken to
    be served in that one (as a multilingual plugin does)."""
    if stopwords is None:
        return site_lang
    from healthlint.text import detect_language

    detected = detect_language(doc, stopwords)
    site = (site_lang or "").split("-")[0].split("_")[0].lower()
    if detected and detected != site:
        return detected
    return site_lang

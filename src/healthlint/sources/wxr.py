"""WordPress export files (WXR, Tools > Export): every post and page in the
file is an article, with its post meta (the SEO plugin's keyphrase, title and
description).

The file is read as a stream, one <item> at a time, so a site's full export
does not have to fit in memory twice. The standard library's expat refuses
entity expansion bombs and never fetches external entities.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

from healthlint.errors import InputError
from healthlint.sources.post import Post

DEFAULT_TYPES = ("post", "page")


def looks_like_wxr(path: Path) -> bool:
    """An .xml file that is a WordPress export (not a sitemap or a feed)."""
    if path.suffix.lower() != ".xml" or not path.is_file():
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError:
        return False
    return b"wordpress.org/export/" in head


def _local(tag: str) -> tuple[str, str]:
    """(namespace kind, local name): 'wp' for any WXR version's namespace."""
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        if "wordpress.org/export/" in ns:
            return "wp", name
        if "purl.org/rss/1.0/modules/content" in ns:
            return "content", name
        if "purl.org/dc/elements" in ns:
            return "dc", name
        return ns, name
    return "", tag


def _text(element: ET.Element, kind: str, name: str) -> str:
    for child in element:
        if _local(child.tag) == (kind, name):
            return child.text or ""
    return ""


def read_posts(path: Path, types: tuple[str, ...] = DEFAULT_TYPES, statuses: tuple[str, ...] = (),
               ids: tuple[int, ...] = (), slugs: tuple[str, ...] = (), authors: tuple[str, ...] = (),
               modified_since: str | None = None) -> Iterator[Post]:
    display = str(path)
    site = site_name = lang = ""
    authors_by_login: dict[str, str] = {}
    items_open = 0
    try:
        for event, element in ET.iterparse(str(path), events=("start", "end")):
            kind, name = _local(element.tag)
            if kind == "" and name == "item":
                items_open += 1 if event == "start" else -1
            if event == "start":
                continue
            if kind == "wp" and name == "author":
                login = _text(element, "wp", "author_login")
                authors_by_login[login] = _text(element, "wp", "author_display_name") or login
            elif kind == "wp" and name == "base_blog_url" and not site:
                site = (element.text or "").strip()
            elif kind == "" and name == "language" and not lang:
                lang = (element.text or "").strip()
            elif kind == "" and name == "title" and not site_name and not items_open:
                site_name = (element.text or "").strip()
            elif kind == "" and name == "item":
                post = _post(element, display, site or display, site_name, lang, authors_by_login)
                element.clear()
                if post is not None and _wanted(post, types, statuses, ids, slugs, authors, modified_since):
                    yield post
    except ET.ParseError as exc:
        raise InputError(f"{display}: not a valid WordPress export (XML error: {exc})") from None
    except OSError as exc:
        raise InputError(f"{display}: cannot read: {exc.strerror or exc}") from None


def _post(item: ET.Element, display: str, site: str, site_name: str, lang: str,
          authors: dict[str, str]) -> Post | None:
    post_id = _text(item, "wp", "post_id").strip()
    if not post_id.isdigit():
        return None
    meta: dict[str, str] = {}
    for child in item:
        if _local(child.tag) == ("wp", "postmeta"):
            meta[_text(child, "wp", "meta_key")] = _text(child, "wp", "meta_value")
    login = _text(item, "dc", "creator").strip()
    modified = _text(item, "wp", "post_modified_gmt") or _text(item, "wp", "post_modified")
    slug = _text(item, "wp", "post_name").strip()
    return Post(
        site=site, id=int(post_id), type=_text(item, "wp", "post_type").strip() or "post",
        title=_text(item, "", "title"), status=_text(item, "wp", "status").strip(),
        content=_text(item, "content", "encoded").replace("\r\n", "\n"),
        display=f"{display}#post-{post_id}", slug=slug, link=_text(item, "", "link").strip() or None,
        modified=modified.strip() or None,
        date=(_text(item, "wp", "post_date_gmt") or _text(item, "wp", "post_date")).strip() or None,
        author=authors.get(login, login) or None, author_key=login, lang=lang or None, site_name=site_name, meta=meta,
    )


def _wanted(post: Post, types: tuple[str, ...], statuses: tuple[str, ...], ids: tuple[int, ...],
            slugs: tuple[str, ...], authors: tuple[str, ...], modified_since: str | None) -> bool:
    if types and post.type not in types:
        return False
    if statuses and "any" not in statuses and post.status not in statuses:
        return False
    if ids and post.id not in ids:
        return False
    if slugs and post.slug not in slugs:
        return False
    if authors and post.author not in authors and post.author_key not in authors:
        return False
    # WXR dates are "YYYY-MM-DD HH:MM:SS"; ISO dates compare as text once the T is a space
    if modified_since and (post.modified or "") < modified_since.replace("T", " "):
        return False
    return True

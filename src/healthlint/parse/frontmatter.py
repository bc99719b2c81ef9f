"""Front matter as static-site generators write it, read into the Document's meta.

YAML (`---`) is read in parse/markdown.py; this module finds TOML (`+++`, Hugo)
and JSON (`{ … }`, Hugo and Eleventy) front matter, and maps the names and
nestings that Hugo, Jekyll, Eleventy, Astro, Docusaurus and Gatsby use for
title, description, author and dates onto one meta (docs/front-matter.md).
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from healthlint.model import Document, Field, TimeStamp
from healthlint.source import Span, TextMap

TITLE_KEYS = ("title", "seoTitle", "seo_title", "meta_title")
DESCRIPTION_KEYS = ("description", "meta_description", "metaDescription", "summary", "excerpt")
AUTHOR_KEYS = ("author", "authors", "publish.author", "byline")
DATE_KEYS = (("date", "published"), ("publishDate", "published"), ("published", "published"),
             ("pubDate", "published"), ("createdAt", "published"), ("created", "published"),
             ("publish.date", "published"), ("lastmod", "modified"), ("updated", "modified"),
             ("updatedAt", "modified"), ("updatedDate", "modified"), ("modified", "modified"), ("last_modified", "modified"),
             ("last_update.date", "modified"), ("last_reviewed", "modified"))
# JSON front matter is looked for in the file's first 64 KB (the front matter limit)
MAX_SCAN = 64 * 1024
_JEKYLL_POST = re.compile(r"(?:^|/)_posts/(?:.*/)?(\d{4}-\d{2}-\d{2})-[^/]+$")
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*\r?\n")
_TOML_END = re.compile(r"^\+\+\+[ \t]*$", re.M)


def split(text: str) -> tuple[str, str, int] | None:
    """("toml" | "json", content, length of the front matter in the text) for
    TOML or JSON front matter at the start of text, else None."""
    if _TOML_FENCE.match(text):
        start = text.index("\n") + 1
        end = _TOML_END.search(text, start)
        if end is None:
            return None
        close = text.find("\n", end.end())
        return "toml", text[start:end.start()], len(text) if close == -1 else close + 1
    if text.startswith("{"):
        # JSON front matter ends at the line that closes the top-level object
        try:
            _, length = json.JSONDecoder().raw_decode(text[:MAX_SCAN])
        except (ValueError, RecursionError):
            return None
        close = text.find("\n", length)
        return "json", text[:length], len(text) if close == -1 else close + 1
    return None


def load(kind: str, content: str) -> Any:
    """The data of TOML or JSON front matter; ValueError when it is invalid."""
    try:
        if kind == "toml":
            return tomllib.loads(content)
        return json.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"invalid TOML front matter: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON front matter: {exc.msg}") from None
    except RecursionError:
        raise ValueError("front matter nested too deeply") from None


def _get(data: dict[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _author_name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_author_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _author_name(value.get("name") or value.get("title"))
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def locate(source_text: str, region: tuple[int, int], key: str, value: str) -> tuple[Span, bool]:
    """Where a top-level key's string value is written in the front matter
    (exact when the value is found as written after the key)."""
    start, end = region
    leaf = key.rsplit(".", 1)[-1]
    m = re.compile(r"^[ \t]*[\"']?" + re.escape(leaf) + r"[\"']?[ \t]*[:=][ \t]*[\"']?", re.M).search(
        source_text, start, end)
    if m and source_text.startswith(value, m.end()):
        return Span(m.end(), m.end() + len(value)), True
    if m:
        return Span(m.start(), m.end()), False
    return Span(start, start), False


def apply(doc: Document, data: dict[str, Any], spans: dict[str, tuple[Span, bool]],
          region: tuple[int, int]) -> None:
    """Fill the Document's meta from front matter data. spans: where YAML
    put each top-level value (TOML and JSON values are looked up in region)."""
    text = doc.source.text

    def where(key: str, value: str) -> tuple[Span, bool]:
        if key in spans:
            return spans[key]
        return locate(text, region, key, value)

    def field(keys: tuple[str, ...]) -> Field | None:
        for key in keys:
            value = _get(data, key)
            if value is None or isinstance(value, (dict, list)):
                continue
            value_text = str(value).strip()
            if not value_text:
                continue
            span, simple = where(key, value_text)
            tmap = TextMap()
            exact = simple and text[span.start:span.end] == value_text
            tmap.add(value_text, span.start, span.start + len(value_text) if exact else span.end, exact)
            return Field(value_text, span, tmap)
        return None

    meta = doc.meta
    meta.title = field(TITLE_KEYS) or meta.title
    meta.description = field(DESCRIPTION_KEYS) or meta.description
    meta.lang = field(("lang", "language", "locale")) or meta.lang
    meta.keyword = field(("keyword", "focus_keyword", "focus_keyphrase", "keyphrase"))
    for key in AUTHOR_KEYS:
        name = _author_name(_get(data, key))
        if name:
            meta.author = Field(name, where(key, name)[0])
            break
    for key, kind in DATE_KEYS:
        value = _get(data, key)
        if value and not isinstance(value, (dict, list)):
            meta.dates.append(TimeStamp(str(value), kind, where(key, str(value))[0]))
    post = _JEKYLL_POST.search(doc.path.replace("\\", "/"))
    if post and not any(stamp.kind == "published" for stamp in meta.dates):
        meta.dates.append(TimeStamp(post.group(1), "published", None))

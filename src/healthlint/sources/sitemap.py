"""Sitemaps (sitemaps.org): a urlset lists pages, a sitemap index lists
more sitemaps; either may be gzipped (.xml.gz). Reading stops at the URL
limit, and an index is followed at most a few levels deep so a sitemap that
lists itself cannot loop."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from typing import Any

from healthlint.errors import InputError

MAX_DEPTH = 3
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # the protocol's own limit per sitemap file


def _gunzip(data: bytes, url: str) -> bytes:
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, MAX_UNCOMPRESSED + 1)
    except zlib.error as exc:
        raise InputError(f"{url}: not a valid gzip file ({exc})") from None
    if len(out) > MAX_UNCOMPRESSED:
        raise InputError(f"{url}: larger than 50 MB uncompressed, the sitemap protocol's limit")
    return out


def parse(data: bytes, url: str) -> tuple[str, list[str]]:
    """('urlset' or 'sitemapindex', the <loc> values)."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, url)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{url}: not a valid sitemap (XML error: {exc})") from None
    kind = root.tag.rsplit("}", 1)[-1]
    if kind not in ("urlset", "sitemapindex"):
        raise InputError(f"{url}: not a sitemap (root element <{kind}>, expected <urlset> or <sitemapindex>)")
    locs = [(el.text or "").strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc"]
    return kind, [loc for loc in locs if loc]


def sitemap_urls(fetcher: Any, url: str, limit: int, depth: int = 0, seen: set[str] | None = None) -> list[str]:
    seen = set() if seen is None else seen
    seen.add(url)
    _, body = fetcher.fetch(url)
    kind, locs = parse(body, url)
    if kind == "urlset":
        return locs[:limit]
    urls: list[str] = []
    for child in locs:
        if len(urls) >= limit:
            break
        if child in seen or depth >= MAX_DEPTH:
            continue
        urls += sitemap_urls(fetcher, child, limit - len(urls), depth + 1, seen)
    return urls

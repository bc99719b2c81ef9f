"""Live pages: fetched politely, then linted as the article, not the theme.

Politeness: robots.txt is honoured (the standard library's robotparser, for
the user agent token "healthlint"), requests to one host are spaced by
--delay or the site's Crawl-delay, at most --concurrency pages are fetched at
once, and every request has a timeout and retries (healthlint.sources.http).

The article is the element a CSS selector picks (soupsieve, through
Beautiful Soup, reads the page; positions still come from healthlint's own
parser): findings in navigation, header, footer and sidebars are dropped,
while page-level findings (title, meta description, language, structured
data in <head>) are kept. The fetched HTML is saved so that every position
and excerpt in the report can be checked.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import click
import httpx

from healthlint.errors import InputError
from healthlint.model import Document, Image, Link
from healthlint.sources import http

DEFAULT_SELECTORS = ("article", "main", "[role=main]", ".entry-content", ".post-content", "#content")
ROBOTS_AGENT = "healthlint"
DEFAULT_DELAY, DEFAULT_CONCURRENCY, DEFAULT_MAX_URLS = 1.0, 2, 10_000


class Skipped(Exception):
    """A page healthlint may not fetch (robots.txt)."""


class Fetcher:
    def __init__(self, client: httpx.Client, *, delay: float | None = None, max_bytes: int | None = None,
                 retries: int = 3, backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.client = client
        self.delay = delay
        self.max_bytes = max_bytes
        self.retries, self.backoff = retries, backoff
        self.sleep, self.clock = sleep, clock
        self._robots: dict[str, RobotFileParser] = {}
        self._next: dict[str, float] = {}
        self._unreadable: set[str] = set()
        self._lock = threading.Lock()

    def robots(self, url: str) -> RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            parser = self._robots.get(origin)
        if parser is None:
            parser = RobotFileParser(origin + "/robots.txt")
            try:
                response, body = self._get(origin + "/robots.txt", origin, check_robots=False)
                status = response.status_code
            except InputError:
                status, body = 503, b""
            # RFC 9309: a missing robots.txt (4xx) allows everything; one that cannot be
            # read (5xx, unreachable) means nothing may be fetched
            if status in (401, 403) or status >= 500:
                parser.disallow_all = True  # type: ignore[attr-defined]  # set by parse(); not in typeshed
                self._unreadable.add(origin)
            elif status >= 400:
                parser.allow_all = True  # type: ignore[attr-defined]
            else:
                parser.parse(body.decode("utf-8", "replace").splitlines())
            with self._lock:
                self._robots[origin] = parser
        return parser

    def _wait_turn(self, origin: str, delay: float) -> None:
        with self._lock:
            now = self.clock()
            start = max(now, self._next.get(origin, now))
            self._next[origin] = start + delay
        if start > now:
            self.sleep(start - now)

    def _get(self, url: str, origin: str, check_robots: bool = True) -> tuple[httpx.Response, bytes]:
        delay = self.delay
        if check_robots:
            robots = self.robots(url)
            if not robots.can_fetch(ROBOTS_AGENT, url):
                if origin in self._unreadable:
                    raise Skipped(f"{url}: not fetched: {origin}/robots.txt could not be read, which "
                                  "means nothing may be fetched (RFC 9309)")
                raise Skipped(f"{url}: not fetched: robots.txt disallows it for {ROBOTS_AGENT}")
            crawl_delay = robots.crawl_delay(ROBOTS_AGENT)
            if delay is None and crawl_delay is not None:
                delay = float(crawl_delay)
        self._wait_turn(origin, DEFAULT_DELAY if delay is None else delay)
        return http.get(self.client, url, retries=self.retries, backoff=self.backoff, max_bytes=self.max_bytes,
                        sleep=self.sleep)

    def fetch(self, url: str) -> tuple[httpx.Response, bytes]:
        parts = urlsplit(url)
        response, body = self._get(url, f"{parts.scheme}://{parts.netloc}")
        if response.status_code >= 400:
            raise InputError(f"{url}: HTTP {response.status_code}")
        return response, body


def select_content(doc: Document, selectors: tuple[str, ...]) -> tuple[int, int] | None:
    """Mark the article element as the page's main region; its raw range."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(doc.source.text, "html.parser")
    for selector in selectors:
        try:
            tag = soup.select_one(selector)
        except Exception as exc:  # soupsieve's SelectorSyntaxError and friends
            raise InputError(f"content-selector {selector!r} is not a valid CSS selector: {exc}") from None
        if tag is None or tag.sourceline is None or tag.sourcepos is None:
            continue
        start = doc.source.line_starts[tag.sourceline - 1] + tag.sourcepos
        element = _element_at(doc, start)
        if element is None or element.end is None:
            continue
        end = element.end
        doc.has_main = True
        for block in doc.blocks:
            block.region = "main" if start <= block.span.start < end else _outside(block.region)
        items: list[Link | Image] = [*doc.links, *doc.images]
        for item in items:
            item.region = "main" if start <= item.span.start < end else _outside(item.region)
        doc._cache.clear()
        return start, end
    return None


def _outside(region: str) -> str:
    return "body" if region == "main" else region


def _element_at(doc: Document, start: int) -> Any:
    for block in doc.blocks:
        node = block.element
        while node is not None:
            if node.start == start:
                return node
            if node.start < start:
                break
            node = node.parent
    return None


def keep_finding(finding: dict[str, Any], doc: Document, content: tuple[int, int] | None, head_end: int) -> bool:
    if content is None or finding["line"] is None:
        return True
    offset = doc.source.line_starts[finding["line"] - 1] + finding["column"] - 1
    return offset < head_end or content[0] <= offset < content[1]


def lint_page(linter: Any, url: str, body: bytes, fetched_at: str, selectors: tuple[str, ...],
              saved: Path | None) -> dict[str, Any]:
    import re

    from healthlint.engine import error_result
    from healthlint.loader import decode, parse_text
    from healthlint.sources.lint import settings_for

    source = {"kind": "web", "url": url, "fetched_at": fetched_at, "saved_html": str(saved) if saved else None}
    settings = settings_for(linter, urlsplit(url).path or "index")
    try:
        text = decode(body, url)
        doc = parse_text(text, url, "html")
        content = select_content(doc, selectors)
        result = linter.lint_document(doc, settings, linter.packs_for(settings))
    except InputError as exc:
        result = error_result(url, str(exc))
        result["source"] = source
        return result
    except RecursionError:
        result = error_result(url, f"{url}: document too deeply nested to parse")
        result["source"] = source
        return result
    body_tag = re.search(r"<body\b", text, re.I)
    head_end = body_tag.start() if body_tag else 0
    result["findings"] = [f for f in result["findings"] if keep_finding(f, doc, content, head_end)]
    result["source"] = source
    return result


def pages_folder(output: str | None) -> Path:
    """Fetched pages are kept next to the report, else in the cache."""
    if output and output != "-":
        out = Path(output)
        return out.parent / f"{out.stem}-pages"
    from healthlint.cache import resolve_cache_dir
    from healthlint.private_folder import make_private_folder

    root = Path(resolve_cache_dir(None, None))
    try:
        make_private_folder(root)  # the result cache shares this root and must stay private (0700)
    except OSError:
        pass  # the pages folder reports its own error when a page is saved
    return root / "pages"


def page_results(urls: tuple[str, ...], sitemaps: tuple[str, ...], linter: Any, opts: dict[str, Any],
                 output: str | None, transport: httpx.BaseTransport | None = None,
                 **fetch_options: Any) -> Iterator[dict[str, Any]]:
    from healthlint.engine import error_result
    from healthlint.sources.lint import safe_name, settings_for
    from healthlint.sources.sitemap import sitemap_urls

    selector = opts.get("content_selector")
    selectors = (selector,) if selector else DEFAULT_SELECTORS
    max_bytes = settings_for(linter, "page").max_file_size
    folder = pages_folder(output)
    with http.make_client(transport=transport) as client:
        fetcher = Fetcher(client, delay=opts.get("delay"), max_bytes=max_bytes, **fetch_options)
        targets = list(urls)
        for sitemap in sitemaps:
            try:
                targets += sitemap_urls(fetcher, sitemap, DEFAULT_MAX_URLS if opts.get("max_urls") is None else opts["max_urls"])
            except (InputError, Skipped) as exc:
                yield error_result(sitemap, str(exc))

        def one(url: str) -> dict[str, Any] | None:
            try:
                response, body = fetcher.fetch(url)
            except Skipped as exc:
                click.echo(f"healthlint: {exc}", err=True)
                return None
            except InputError as exc:
                return error_result(url, str(exc))
            fetched_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
            final = str(response.url)
            kind = response.headers.get("Content-Type", "text/html").split(";")[0].strip().lower()
            if kind not in ("text/html", "application/xhtml+xml"):
                return error_result(final, f"{final}: not an HTML page ({kind})")
            saved = None
            try:
                folder.mkdir(parents=True, exist_ok=True)
                saved = folder / (safe_name(final.split("://", 1)[-1]) + ".html")
                saved.write_bytes(body)
            except OSError:
                saved = None
            return lint_page(linter, final, body, fetched_at, selectors, saved)

        with ThreadPoolExecutor(max_workers=DEFAULT_CONCURRENCY if opts.get("concurrency") is None else opts["concurrency"]) as pool:
            for result in pool.map(one, targets):
                if result is not None:
                    yield result

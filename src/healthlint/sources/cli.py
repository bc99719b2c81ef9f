"""`check` options for articles that are not local files, kept out of
healthlint.cli: --wordpress and its filters, WordPress export files, URLs
and --sitemap."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from healthlint.errors import InputError

_KEY = "healthlint.sources"
DEFAULT_FIX_DIR = "healthlint-fixed"


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for value in values for v in value.replace(" ", ",").split(",") if v)


def options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the source options to `check` and keep their values out of its signature."""
    names = ("wordpress", "wp_status", "wp_type", "wp_author", "wp_modified_since", "wp_id", "wp_slug",
             "sitemap", "content_selector", "fix_dir", "max_urls", "concurrency", "delay")

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        click.get_current_context().meta[_KEY] = {name: kwargs.pop(name) for name in names}
        return command(*args, **kwargs)

    decorators = [
        click.option("--wordpress", metavar="URL", help="Lint posts and pages of this WordPress site through its "
                     "REST API (login: HEALTHLINT_WP_USER and HEALTHLINT_WP_APP_PASSWORD, or ~/.netrc)."),
        click.option("--wp-status", multiple=True, help="WordPress statuses (comma-separated: draft, pending, "
                     "future, private, publish; default all when logged in, else publish)."),
        click.option("--wp-type", multiple=True, help="Post types (default post,page)."),
        click.option("--wp-author", multiple=True, help="Author user ids (REST) or logins/names (export files)."),
        click.option("--wp-modified-since", metavar="DATE", help="Only posts modified since DATE "
                     "(YYYY-MM-DD, today, yesterday, or 7d for seven days back)."),
        click.option("--wp-id", multiple=True, help="Only these post ids (comma-separated)."),
        click.option("--wp-slug", multiple=True, help="Only these slugs (comma-separated)."),
        click.option("--sitemap", metavar="URL", multiple=True, help="Lint every page listed in this sitemap "
                     "(or sitemap index, gzipped or not)."),
        click.option("--content-selector", metavar="CSS", help="CSS selector of the article on fetched pages "
                     "(default: the first of article, main, .entry-content, ...)."),
        click.option("--fix-dir", type=click.Path(file_okay=False), default=None, help="With --fix, where the "
                     f"fixed content of WordPress posts and pages goes for review (default {DEFAULT_FIX_DIR}/); "
                     "healthlint never writes to a site."),
        click.option("--max-urls", type=click.IntRange(min=1), default=None, help="Lint at most this many "
                     "pages of a sitemap (default 10000)."),
        click.option("--concurrency", type=click.IntRange(1, 16), default=None,
                     help="Pages fetched at the same time (default 2)."),
        click.option("--delay", type=click.FloatRange(min=0), default=None,
                     help="Seconds between requests to one host (default 1, or robots.txt's Crawl-delay)."),
    ]
    for decorate in reversed(decorators):
        wrapper = decorate(wrapper)
    return wrapper


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


def remote_sources(paths: tuple[str, ...], linter: Any, fix: bool,
                   output: str | None) -> tuple[tuple[str, ...], Iterator[dict[str, Any]] | None, int]:
    """Split off URLs and export files from PATHS and lint them, together
    with --wordpress and --sitemap: (local paths, results, how many sources)."""
    opts = _with_config(dict(click.get_current_context().meta.get(_KEY, {})), linter, bool(paths))
    urls = tuple(p for p in paths if is_url(p))
    xml_files = [p for p in paths if not is_url(p) and p.lower().endswith(".xml")]
    if xml_files:  # the export reader imports xml.etree: only when an .xml file is named
        from healthlint.sources.wxr import looks_like_wxr

        exports = tuple(p for p in xml_files if looks_like_wxr(Path(p)))
    else:
        exports = ()
    local = tuple(p for p in paths if p not in urls and p not in exports)
    sitemaps = tuple(opts.get("sitemap") or ())
    site = opts.get("wordpress")
    count = len(urls) + len(exports) + len(sitemaps) + bool(site)
    if not count:
        return paths, None, 0
    fix_dir = (opts.get("fix_dir") or DEFAULT_FIX_DIR) if fix else None
    filters = _filters(opts)  # bad filter values stop the run before anything is fetched
    return local, _results(opts, filters, site, exports, urls, sitemaps, linter, fix_dir, output), count


def _with_config(opts: dict[str, Any], linter: Any, have_paths: bool) -> dict[str, Any]:
    """Fill what the command line left open from the config's `wordpress`
    section and `content-selector`; its site is used only when `check` is
    given nothing else to lint."""
    from healthlint.config import find_config, read_config_file

    from healthlint.errors import HealthlintError

    path = linter.base.config_path or find_config(Path.cwd())
    try:
        table = (read_config_file(Path(path)) or {}) if path else {}
    except HealthlintError as exc:
        click.echo(f"healthlint: error: {exc}", err=True)
        raise SystemExit(2) from None
    wordpress = table.get("wordpress", {})
    if not opts.get("wordpress") and not have_paths and not opts.get("sitemap"):
        opts["wordpress"] = wordpress.get("site")
    for option, key in (("wp_status", "status"), ("wp_type", "type"), ("wp_author", "author")):
        if not opts.get(option) and wordpress.get(key):
            opts[option] = tuple(wordpress[key])
    opts["fix_dir"] = opts.get("fix_dir") or wordpress.get("fix-dir")
    opts["content_selector"] = opts.get("content_selector") or table.get("content-selector")
    return opts


def since_date(value: str | None, today: Any = None) -> str | None:
    """--wp-modified-since: YYYY-MM-DD (optionally with THH:MM:SS), `today`,
    `yesterday` or N days back (`7d`), as an ISO date."""
    import re
    from datetime import date, datetime, timedelta

    if not value:
        return None
    today = today or date.today()
    word = value.strip().lower()
    days = {"today": 0, "yesterday": 1}.get(word)
    if days is None and re.fullmatch(r"\d{1,4}d", word):
        days = int(word[:-1])
    if days is not None:
        return (today - timedelta(days=days)).isoformat()
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, today, yesterday or 7d",
                                 param_hint="--wp-modified-since") from None
    return value.strip()


def _filters(opts: dict[str, Any]) -> dict[str, Any]:
    ids = _split(opts.get("wp_id") or ())
    bad = [i for i in ids if not i.isdigit()]
    if bad:
        raise click.UsageError(f"--wp-id takes post ids (numbers), not {', '.join(bad)}")
    return {"types": _split(opts.get("wp_type") or ()) or ("post", "page"),
            "statuses": _split(opts.get("wp_status") or ()), "authors": _split(opts.get("wp_author") or ()),
            "modified_since": since_date(opts.get("wp_modified_since")), "ids": tuple(int(i) for i in ids),
            "slugs": _split(opts.get("wp_slug") or ())}


def _results(opts: dict[str, Any], filters: dict[str, Any], site: str | None, exports: tuple[str, ...], urls: tuple[str, ...],
             sitemaps: tuple[str, ...], linter: Any, fix_dir: str | None,
             output: str | None) -> Iterator[dict[str, Any]]:
    from healthlint.engine import error_result
    from healthlint.sources.lint import lint_post
    from healthlint.sources.wxr import read_posts

    for export in exports:
        try:
            for post in read_posts(Path(export), **filters):
                yield lint_post(linter, post, fix_dir)
        except InputError as exc:
            yield error_result(export, str(exc))
    if site:
        yield from wordpress_results(site, filters, linter, fix_dir)
    if urls or sitemaps:
        from healthlint.sources.web import page_results

        yield from page_results(urls, sitemaps, linter, opts, output)


def wordpress_results(site: str, filters: dict[str, Any], linter: Any, fix_dir: str | None,
                      transport: Any = None, **client_options: Any) -> Iterator[dict[str, Any]]:
    from healthlint.engine import error_result
    from healthlint.sources import http
    from healthlint.sources.lint import lint_post
    from healthlint.sources.wordpress import WordPress, credentials

    if not site.startswith(("http://", "https://")):
        site = "https://" + site
    auth = credentials(site)
    with http.make_client(transport=transport, auth=auth) as client:
        wp = WordPress(site, client, authenticated=auth is not None, **client_options)
        try:
            for post in wp.posts(**filters):
                yield lint_post(linter, post, fix_dir)
        except InputError as exc:
            yield error_result(site, str(exc))

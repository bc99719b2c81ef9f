"""Posts and pages from a WordPress site's REST API.

Drafts and pending posts need `context=edit`, which also gives the raw
content the editor wrote, so healthlint logs in with an application password
(Users > Profile > Application Passwords) taken from the environment
(HEALTHLINT_WP_USER, HEALTHLINT_WP_APP_PASSWORD) or from a ~/.netrc entry for
the site's host, never from the command line or a config file in the repo.
Without credentials only published posts are read.
"""

from __future__ import annotations

import html
import json
import netrc
import os
from typing import Any, Iterator
from urllib.parse import urlsplit

import httpx

from healthlint.errors import InputError
from healthlint.sources import http
from healthlint.sources.post import Post

PER_PAGE = 100
REST_BASES = {"post": "posts", "page": "pages"}
USER_ENV, PASSWORD_ENV = "HEALTHLINT_WP_USER", "HEALTHLINT_WP_APP_PASSWORD"


class NoRoute(InputError):
    """A 404 or an answer that is not JSON: maybe the API lives elsewhere."""


def credentials(site: str) -> tuple[str, str] | None:
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user and password:
        return user, password
    host = urlsplit(site).hostname or ""
    try:
        entry = netrc.netrc().authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        return None
    if entry and entry[0] and entry[2]:
        return entry[0], entry[2]
    return None


class WordPress:
    def __init__(self, site: str, client: httpx.Client, *, authenticated: bool, retries: int = 3,
                 backoff: float = 0.5, sleep: Any = None):
        self.site = site.rstrip("/")
        self.client = client
        self.authenticated = authenticated
        self._get_options: dict[str, Any] = {"retries": retries, "backoff": backoff}
        if sleep is not None:
            self._get_options["sleep"] = sleep
        self.root = ""
        self.index: dict[str, Any] = {}

    # -- requests ------------------------------------------------------------
    def _url(self, route: str) -> tuple[str, dict[str, Any]]:
        if self.root.endswith("?rest_route="):
            return self.site + "/", {"rest_route": route}
        return self.root + route, {}

    def _json(self, route: str, params: dict[str, Any] | None = None) -> tuple[Any, httpx.Response]:
        url, extra = self._url(route)
        response, body = http.get(self.client, url, params={**extra, **(params or {})}, **self._get_options)
        status = response.status_code
        if status >= 400:
            raise (NoRoute if status == 404 else InputError)(self._error(route, response, body))
        try:
            return json.loads(body) if body else None, response
        except ValueError:
            raise NoRoute(f"{self.site}: {route} did not answer with JSON; is this a WordPress site "
                             "with the REST API enabled?") from None

    def _error(self, route: str, response: httpx.Response, body: bytes) -> str:
        status = response.status_code
        code = message = ""
        try:
            data = json.loads(body) if body else {}
            if isinstance(data, dict):
                code, message = str(data.get("code", "")), html.unescape(str(data.get("message", "")))
        except ValueError:
            pass
        detail = f" ({code}: {message})" if code else ""
        if status == 401:
            return (f"{self.site}: login refused (401){detail}; check {USER_ENV} and {PASSWORD_ENV} "
                    "(an application password, not the account password) or the netrc entry")
        if status == 403:
            return (f"{self.site}: access denied (403){detail}; reading drafts needs a user who can edit posts, "
                    "and a security plugin or firewall may block the REST API")
        if status == 404:
            return f"{self.site}: {route} not found (404){detail}; is the post type right and the REST API enabled?"
        return f"{self.site}: {route} failed with HTTP {status}{detail}"

    # -- discovery -----------------------------------------------------------
    def discover(self) -> None:
        """Find the REST API: /wp-json/, else ?rest_route= (sites without
        pretty permalinks)."""
        for root in (self.site + "/wp-json", self.site + "/?rest_route="):
            self.root = root
            try:
                data, _ = self._json("/")
            except NoRoute:
                continue
            if isinstance(data, dict) and "routes" in data or isinstance(data, dict) and "namespaces" in data:
                self.index = data
                return
        raise InputError(f"{self.site}: no WordPress REST API found (tried /wp-json/ and ?rest_route=/); "
                         "is this a WordPress site, and is the REST API enabled?")

    def rest_base(self, post_type: str) -> str:
        if post_type in REST_BASES:
            return REST_BASES[post_type]
        data, _ = self._json(f"/wp/v2/types/{post_type}")
        return data.get("rest_base") or post_type

    def language(self) -> str | None:
        if not self.authenticated:
            return None
        try:
            data, _ = self._json("/wp/v2/settings")
        except InputError:
            return None  # only administrators may read settings
        return (data or {}).get("language") or None

    # -- posts ---------------------------------------------------------------
    def posts(self, types: tuple[str, ...] = ("post", "page"), statuses: tuple[str, ...] = (),
              authors: tuple[str, ...] = (), modified_since: str | None = None, ids: tuple[int, ...] = (),
              slugs: tuple[str, ...] = ()) -> Iterator[Post]:
        self.discover()
        if self.authenticated:
            # WordPress answers a wrong password by treating the request as anonymous
            # (a 400 for status=any); asking who we are gives the clear 401 instead
            self._json("/wp/v2/users/me")
        lang = self.language()
        if statuses and statuses != ("publish",) and not self.authenticated:
            raise InputError(f"{self.site}: drafts and pending posts need a login; set {USER_ENV} and "
                             f"{PASSWORD_ENV} (an application password) or add the host to ~/.netrc")
        params: dict[str, Any] = {"per_page": PER_PAGE, "context": "edit" if self.authenticated else "view",
                                  "_embed": "author", "orderby": "modified", "order": "desc"}
        params["status"] = ",".join(statuses) if statuses else ("any" if self.authenticated else "publish")
        if authors:
            params["author"] = ",".join(authors)
        if modified_since:
            params["modified_after"] = modified_since if "T" in modified_since else modified_since + "T00:00:00"
        if ids:
            params["include"] = ",".join(map(str, ids))
        if slugs:
            params["slug"] = ",".join(slugs)
        for post_type in types:
            route = f"/wp/v2/{self.rest_base(post_type)}"
            page = 1
            while True:
                data, response = self._json(route, {**params, "page": page})
                for item in data or []:
                    yield self._post(item, lang)
                total = response.headers.get("X-WP-TotalPages", "1")
                if not data or page >= (int(total) if total.isdigit() else 1):
                    break
                page += 1

    def _post(self, item: dict[str, Any], lang: str | None) -> Post:
        content = item.get("content") or {}
        title = item.get("title") or {}
        raw = content.get("raw")
        text = raw if raw is not None else content.get("rendered", "")
        authors = (item.get("_embedded") or {}).get("author") or []
        author = authors[0].get("name") if authors and isinstance(authors[0], dict) else None
        head = item.get("yoast_head_json") or {}
        meta: dict[str, Any] = item["meta"] if isinstance(item.get("meta"), dict) else {}
        host = urlsplit(self.site).netloc + urlsplit(self.site).path
        return Post(
            site=self.site, id=int(item["id"]), type=item.get("type", "post"),
            title=str(title["raw"]) if title.get("raw") is not None else html.unescape(title.get("rendered", "")),
            status=item.get("status", "publish"), content=text.replace("\r\n", "\n"),
            display=f"{host}/?p={item['id']}", slug=item.get("slug", ""), link=item.get("link"),
            modified=item.get("modified_gmt") or item.get("modified"), date=item.get("date_gmt") or item.get("date"),
            author=author, author_key=str(item.get("author", "")), lang=lang,
            site_name=str(self.index.get("name", "")), meta={k: v for k, v in meta.items() if isinstance(v, str)},
            rendered_title=head.get("title"), rendered_description=head.get("description"),
        )

"""--wordpress through the REST API, against a fake site (httpx MockTransport)."""


import httpx
import pytest

from healthlint.engine import Linter
from healthlint.sources.cli import wordpress_results

SITE = "https://wp.example"
FILTERS = {"types": ("post",), "statuses": (), "authors": (), "modified_since": None, "ids": (), "slugs": ()}
CONTENT = "Eerste alinea over ijzer.\n\nIJzer geneest bloedarmoede altijd.\n\n<h2>Bronnen</h2>"


def post(i, status="draft"):
    return {"id": i, "type": "post", "status": status, "slug": f"post-{i}", "link": f"{SITE}/?p={i}",
            "title": {"raw": f"IJzer en vermoeidheid deel {i}", "rendered": "x"},
            "content": {"raw": CONTENT, "rendered": "<p>x</p>"}, "author": 3,
            "modified_gmt": "2026-11-30T09:00:00", "date_gmt": None,
            "meta": {"_yoast_wpseo_focuskw": "ijzer"},
            "_embedded": {"author": [{"id": 3, "name": "Piet Jansen"}]}}


class FakeWordPress:
    def __init__(self, posts=30, fail_first=0, status=None, root="/wp-json/"):
        self.posts = [post(i) for i in range(1, posts + 1)]
        self.fail_first = fail_first
        self.status = status
        self.root = root
        self.requests = []
        self.accounts = {httpx.BasicAuth(user, password)._auth_header
                         for user, password in (("editor", "abcd efgh ijkl"), ("netrcuser", "secret-app-pw"))}


    def __call__(self, request):
        self.requests.append(request)
        path = request.url.path
        if request.url.params.get("rest_route"):
            path = "/wp-json" + request.url.params["rest_route"]
        if self.fail_first:
            self.fail_first -= 1
            return httpx.Response(503, headers={"Retry-After": "0"})
        if not path.startswith(self.root.rstrip("/")) and not request.url.params.get("rest_route"):
            return httpx.Response(404, text="<html>not found</html>")
        route = path[len("/wp-json"):] or "/"
        if self.status:
            return httpx.Response(self.status, json={"code": "rest_forbidden", "message": "Sorry &amp; no."})
        if route in ("/", ""):
            return httpx.Response(200, json={"name": "Testsite", "namespaces": ["wp/v2"], "routes": {}})
        if route == "/wp/v2/users/me":
            if request.headers.get("Authorization") not in self.accounts:
                return httpx.Response(401, json={"code": "rest_not_logged_in", "message": "You are not logged in."})
            return httpx.Response(200, json={"id": 3, "name": "Piet Jansen"})
        if route == "/wp/v2/settings":
            return httpx.Response(200, json={"language": "nl_NL"})
        if route == "/wp/v2/posts":
            params = request.url.params
            items = self.posts
            if params.get("include"):
                wanted = {int(i) for i in params["include"].split(",")}
                items = [p for p in items if p["id"] in wanted]
            per, page = int(params["per_page"]), int(params["page"])
            pages = max(1, -(-len(items) // per))
            return httpx.Response(200, json=items[(page - 1) * per: page * per],
                                  headers={"X-WP-TotalPages": str(pages), "X-WP-Total": str(len(items))})
        return httpx.Response(404, json={"code": "rest_no_route", "message": "No route"})


@pytest.fixture
def logged_in(monkeypatch):
    monkeypatch.setenv("HEALTHLINT_WP_USER", "editor")
    monkeypatch.setenv("HEALTHLINT_WP_APP_PASSWORD", "abcd efgh ijkl")


def run(fake, filters=FILTERS, **options):
    return list(wordpress_results(SITE, filters, Linter(), None, transport=httpx.MockTransport(fake),
                                  sleep=lambda s: None, **options))


def test_drafts_with_edit_context_pagination_and_positions(logged_in):
    fake = FakeWordPress(posts=130)
    results = run(fake)
    assert len(results) == 130 and not any(r["error"] for r in results)
    first = fake.requests[-2]
    assert first.url.params["context"] == "edit" and first.url.params["status"] == "any"
    assert first.headers["Authorization"].startswith("Basic ")
    assert "healthlint/" in first.headers["User-Agent"]
    result = results[0]
    assert result["path"] == "wp.example/?p=1" and result["language"] == "nl" and result["keyword"] == "ijzer"
    assert result["source"] == {"kind": "wordpress", "site": SITE, "post_id": 1, "post_type": "post",
                                "title": "IJzer en vermoeidheid deel 1", "status": "draft",
                                "link": f"{SITE}/?p=1", "modified": "2026-11-30T09:00:00",
                                "edit_link": f"{SITE}/wp-admin/post.php?post=1&action=edit"}
    claim = next(f for f in result["findings"] if f["rule"] == "claim-disease")
    assert (claim["line"], claim["column"]) == (3, 7)  # the verb: "geneest ..."
    assert "trust-author-missing" not in {f["rule"] for f in result["findings"]}


def test_filters_are_sent(logged_in):
    fake = FakeWordPress()
    run(fake, {**FILTERS, "ids": (2, 5), "statuses": ("draft", "pending"), "authors": ("3",),
               "modified_since": "2026-11-30", "slugs": ("post-2",)})
    params = fake.requests[-1].url.params
    assert params["include"] == "2,5" and params["status"] == "draft,pending" and params["author"] == "3"
    assert params["modified_after"] == "2026-11-30T00:00:00" and params["slug"] == "post-2"


def test_without_login_only_published_posts(monkeypatch, tmp_path):
    monkeypatch.delenv("HEALTHLINT_WP_USER", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc
    fake = FakeWordPress(posts=1)
    run(fake)
    assert fake.requests[-1].url.params["context"] == "view"
    assert fake.requests[-1].url.params["status"] == "publish"
    assert "Authorization" not in fake.requests[-1].headers
    (result,) = run(FakeWordPress(posts=1), {**FILTERS, "statuses": ("draft",)})
    assert "drafts and pending posts need a login" in result["error"]


def test_netrc_login(monkeypatch, tmp_path):
    monkeypatch.delenv("HEALTHLINT_WP_USER", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine wp.example login netrcuser password secret-app-pw\n")
    netrc.chmod(0o600)
    fake = FakeWordPress(posts=1)
    run(fake)
    assert fake.requests[-1].url.params["context"] == "edit"


def test_retries_with_back_off(logged_in):
    fake = FakeWordPress(posts=1, fail_first=2)
    waits = []
    results = list(wordpress_results(SITE, FILTERS, Linter(), None, transport=httpx.MockTransport(fake),
                                     sleep=waits.append, backoff=0.5))
    assert not results[0]["error"] and waits == [0.0, 0.0]  # Retry-After: 0 wins over the back-off
    fake = FakeWordPress(posts=1, fail_first=99)
    (result,) = run(fake, retries=2)
    assert "HTTP 503" in result["error"] and len(fake.requests) == 3


@pytest.mark.parametrize("status, words", [(401, "login refused (401)"), (403, "access denied (403)")])
def test_one_line_errors(logged_in, status, words):
    (result,) = run(FakeWordPress(status=status))
    assert words in result["error"] and "\n" not in result["error"]
    assert "rest_forbidden: Sorry & no." in result["error"]


def test_a_wrong_password_is_a_401(monkeypatch):
    monkeypatch.setenv("HEALTHLINT_WP_USER", "editor")
    monkeypatch.setenv("HEALTHLINT_WP_APP_PASSWORD", "wrong")
    (result,) = run(FakeWordPress())
    assert "login refused (401) (rest_not_logged_in" in result["error"]


def test_unknown_post_type_is_a_404(logged_in):
    (result,) = run(FakeWordPress(), {**FILTERS, "types": ("recept",)})
    assert "not found (404)" in result["error"]


def test_a_site_without_the_rest_api(logged_in):
    def handler(request):
        return httpx.Response(200, text="<html><body>Just a page</body></html>")

    (result,) = run(handler)
    assert "no WordPress REST API found" in result["error"] or "did not answer with JSON" in result["error"]


def test_plain_permalinks_use_rest_route(logged_in):
    fake = FakeWordPress(posts=1, root="/nowhere/")
    results = run(fake)
    assert not results[0]["error"] and fake.requests[-1].url.params["rest_route"] == "/wp/v2/posts"


def test_yoast_head_json_of_a_published_post_gives_title_and_description(logged_in):
    fake = FakeWordPress(posts=2)
    fake.posts[0]["yoast_head_json"] = {
        "title": "IJzer en vermoeidheid: wat je moet weten over een tekort - Testsite",
        "description": "Moe door een ijzertekort? Lees welke signalen erbij horen, wat je eet voor meer ijzer "
                       "en wanneer je bloed laat prikken bij de huisarts."}
    first, second = run(fake)
    assert "meta-description" not in {f["rule"] for f in first["findings"]}
    assert "meta-description" in {f["rule"] for f in second["findings"]}
    assert "keyword-meta-description" not in {f["rule"] for f in first["findings"]}


@pytest.mark.parametrize("site, words", [("http://127.0.0.1:1", "cannot connect"),
                                         ("http://wp\x00.example", "not a URL healthlint can fetch")])
def test_unreachable_or_malformed_sites_are_one_line(logged_in, site, words):
    (result,) = wordpress_results(site, FILTERS, Linter(), None, sleep=lambda s: None, retries=1)
    assert words in result["error"] and "\n" not in result["error"]

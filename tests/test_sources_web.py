"""Live pages and sitemaps from a local HTTP server on 127.0.0.1."""

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from healthlint.cli import main
from healthlint.engine import Linter
from healthlint.sources.web import page_results

ARTICLE = """<!doctype html><html lang="nl"><head><title>Magnesium tekort: signalen en wat je eraan doet</title>
<meta name="description" content="Wat een magnesium tekort is, welke signalen erbij horen en wanneer je naar de huisarts gaat, uitgelegd door een diëtist met bronnen.">
</head><body>
<nav><a href="/">Home</a> <a href="/shop">Klik hier</a></nav>
<article><h1>Magnesium tekort</h1>
<p>Magnesium geneest migraine bij iedereen.</p>
</article>
<aside><p>Dit supplement geneest kanker, zegt de zijbalk.</p></aside>
<footer><a href="/x">lees meer</a></footer>
</body></html>"""

STATE = {"robots_hits": 0}


def urlset(urls):
    body = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, kind="text/html; charset=utf-8", headers=()):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        STATE.setdefault("agents", []).append(self.headers.get("User-Agent"))
        path = self.path
        if path == "/robots.txt":
            STATE["robots_hits"] += 1
            return self.send(200, "User-agent: healthlint\nDisallow: /private/\n", "text/plain")
        if path in ("/artikel/", "/private/geheim/"):
            return self.send(200, ARTICLE)
        if path == "/old":
            self.send_response(301)
            self.send_header("Location", "/artikel/")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if path == "/broken":
            return self.send(500, "oops")
        if path == "/flaky":
            STATE["flaky"] = STATE.get("flaky", 0) + 1
            if STATE["flaky"] == 1:
                return self.send(503, "busy", headers=[("Retry-After", "0")])
            return self.send(200, ARTICLE)
        if path == "/slow":
            time.sleep(1.5)
            return self.send(200, ARTICLE)
        if path == "/huge":
            return self.send(200, "<p>" + "x" * (20 * 1024 * 1024) + "</p>")
        if path == "/sitemap.xml":
            return self.send(200, urlset([f"{base}/artikel/", f"{base}/private/geheim/", f"{base}/missing"]),
                             "application/xml")
        if path == "/index.xml":
            body = "".join(f"<sitemap><loc>{base}/part{i}.xml.gz</loc></sitemap>" for i in range(10))
            return self.send(200, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                             f"{body}</sitemapindex>", "application/xml")
        if path.startswith("/part"):
            i = int(path[5:].split(".")[0])
            urls = [f"{base}/p/{i * 100 + n}" for n in range(100)]
            return self.send(200, gzip.compress(urlset(urls).encode()), "application/x-gzip")
        return self.send(404, "nope")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.handle_error = lambda request, address: None  # a client that stops reading a 20 MB page
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def run(urls=(), sitemaps=(), tmp_path=None, **opts):
    options = {"delay": 0, "concurrency": 2, **opts}
    return list(page_results(tuple(urls), tuple(sitemaps), Linter(), options,
                             str(tmp_path / "report.json") if tmp_path else None, backoff=0.01))


def test_lints_the_article_not_the_theme(server, tmp_path):
    (result,) = run([f"{server}/artikel/"], tmp_path=tmp_path)
    rules = [(f["rule"], f["line"]) for f in result["findings"]]
    claims = [f for f in result["findings"] if f["rule"] == "claim-disease"]
    assert len(claims) == 1 and claims[0]["line"] == 6  # the article's claim, not the sidebar's
    assert "link-text-generic" not in {r for r, _ in rules}  # "Klik hier" and "lees meer" are theme links
    source = result["source"]
    assert source["kind"] == "web" and source["url"] == f"{server}/artikel/" and source["fetched_at"].endswith("+00:00")
    saved = (tmp_path / "report-pages").glob("*.html")
    (page,) = list(saved)
    assert page.read_text().splitlines()[5].startswith("<p>Magnesium geneest")


def test_content_selector_from_the_command_line(server, tmp_path):
    (result,) = run([f"{server}/artikel/"], tmp_path=tmp_path, content_selector="aside")
    claims = [f for f in result["findings"] if f["rule"] == "claim-disease"]
    assert [c["line"] for c in claims] == [8]


def test_robots_txt_is_honoured_and_the_user_agent_names_healthlint(server, tmp_path, capsys):
    results = run([f"{server}/private/geheim/", f"{server}/artikel/"], tmp_path=tmp_path)
    assert [r["path"] for r in results] == [f"{server}/artikel/"]
    assert "robots.txt disallows it" in capsys.readouterr().err
    assert all(agent.startswith("healthlint/") for agent in STATE["agents"])


def test_errors_redirects_and_retries(server, tmp_path):
    results = run([f"{server}/broken", f"{server}/nothing", f"{server}/old", f"{server}/flaky"], tmp_path=tmp_path,
                  )
    assert results[0]["error"].endswith("HTTP 500") and results[1]["error"].endswith("HTTP 404")
    assert results[2]["path"] == f"{server}/artikel/" and not results[2]["error"]
    assert not results[3]["error"] and STATE["flaky"] == 2


def test_a_20_mb_page_is_refused_with_one_line(server, tmp_path):
    (result,) = run([f"{server}/huge"], tmp_path=tmp_path)
    assert "larger than the size limit" in result["error"] and "\n" not in result["error"]


def test_timeouts_are_one_line_errors(server, tmp_path):
    from healthlint.sources import http
    from healthlint.sources.web import Fetcher

    with http.make_client(timeout=0.2) as client:
        fetcher = Fetcher(client, delay=0, retries=1, backoff=0.01)
        from healthlint.errors import InputError

        with pytest.raises(InputError, match="timed out after 2 attempts"):
            fetcher.fetch(f"{server}/slow")


def test_sitemap_skips_disallowed_and_reports_missing(server, tmp_path):
    results = run(sitemaps=[f"{server}/sitemap.xml"], tmp_path=tmp_path)
    assert [r["path"] for r in results] == [f"{server}/artikel/", f"{server}/missing"]
    assert results[1]["error"].endswith("HTTP 404")


def test_sitemap_index_with_gzipped_parts_and_1000_urls(server):
    from healthlint.sources import http
    from healthlint.sources.sitemap import sitemap_urls
    from healthlint.sources.web import Fetcher

    with http.make_client() as client:
        fetcher = Fetcher(client, delay=0)
        urls = sitemap_urls(fetcher, f"{server}/index.xml", 10_000)
        assert len(urls) == 1000 and urls[0].endswith("/p/0") and urls[-1].endswith("/p/999")
        assert len(sitemap_urls(fetcher, f"{server}/index.xml", 250)) == 250


def test_not_a_sitemap(server, tmp_path):
    (result,) = run(sitemaps=[f"{server}/artikel/"], tmp_path=tmp_path)
    assert "not a valid sitemap" in result["error"] or "not a sitemap" in result["error"]


def test_cli_url_and_html_report(server, tmp_path):
    report = tmp_path / "audit.html"
    outcome = CliRunner().invoke(main, ["check", f"{server}/artikel/", "--delay", "0", "--format", "html",
                                        "-o", str(report)])
    assert outcome.exit_code == 1, outcome.output
    html = report.read_text()
    assert f'href="{server}/artikel/"' in html and "fetched" in html
    assert (tmp_path / "audit-pages").is_dir()
    outcome = CliRunner().invoke(main, ["check", "--sitemap", f"{server}/sitemap.xml", "--delay", "0",
                                        "--format", "json"])
    assert outcome.exit_code == 2  # /missing is a 404: an input error, reported on one line
    assert f"healthlint: error: {server}/missing: HTTP 404" in outcome.output


def test_requests_to_one_host_are_spaced_by_the_crawl_delay():
    import httpx

    from healthlint.sources import http
    from healthlint.sources.web import Fetcher

    def site(request):
        if request.url.path == "/robots.txt":
            robots = "User-agent: *\nCrawl-delay: 5\n" if request.url.host == "slow.example" else ""
            return httpx.Response(200, text=robots)
        return httpx.Response(200, text="<p>ok</p>", headers={"Content-Type": "text/html"})

    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    with http.make_client(transport=httpx.MockTransport(site)) as client:
        fetcher = Fetcher(client, sleep=sleep, clock=lambda: now[0])
        for path in ("/a", "/b", "/c"):
            fetcher.fetch(f"https://slow.example{path}")
        # robots.txt is a request too (the default 1 s before the first page), then its Crawl-delay
        assert waits == [1.0, 5.0, 5.0]
        waits.clear()
        fetcher.fetch("https://fast.example/a")
        fetcher.fetch("https://fast.example/b")
        assert waits == [1.0, 1.0]  # the default delay; another host does not wait for the first
    with http.make_client(transport=httpx.MockTransport(site)) as client:
        fetcher = Fetcher(client, delay=0.25, sleep=sleep, clock=lambda: now[0])
        waits.clear()
        fetcher.fetch("https://slow.example/a")
        fetcher.fetch("https://slow.example/b")
        assert waits == [0.25, 0.25]  # --delay wins over Crawl-delay


@pytest.mark.parametrize("robots_status, fetched", [(404, True), (410, True), (403, False), (500, False)])
def test_robots_txt_missing_allows_unreadable_forbids(robots_status, fetched, capsys):
    import httpx

    from healthlint.sources import http
    from healthlint.sources.web import Fetcher, Skipped

    def site(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(robots_status, text="")
        return httpx.Response(200, text="<p>ok</p>", headers={"Content-Type": "text/html"})

    with http.make_client(transport=httpx.MockTransport(site)) as client:
        fetcher = Fetcher(client, delay=0, retries=0)
        if fetched:
            assert fetcher.fetch("https://site.example/a")[0].status_code == 200
        else:
            with pytest.raises(Skipped, match="not fetched"):
                fetcher.fetch("https://site.example/a")

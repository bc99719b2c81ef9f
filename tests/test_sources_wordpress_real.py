"""`check --wordpress` against a real WordPress (Debian packages) on
127.0.0.1, seeded through its REST API with drafts and published posts in
Dutch and English. Skipped, with the reason, where the packages are not
installed."""

import json

import httpx
import pytest
from click.testing import CliRunner

from healthlint.cli import main
from wordpress_server import WordPressServer, missing

pytestmark = [pytest.mark.slow, pytest.mark.skipif(missing() is not None, reason=missing() or "")]

DRAFT_NL = ("Vitamine D maak je zelf aan in de zomer.\n\n"
            "Vitamine D geneest depressie bij iedereen.\n\n"
            "<h2>Hoeveel heb je nodig?</h2>\nVolg het advies van de Gezondheidsraad.")
PUBLISHED_EN = ("<!-- wp:paragraph -->\n<p>Iron helps carry oxygen in your blood.</p>\n<!-- /wp:paragraph -->\n\n"
                "<!-- wp:paragraph -->\n<p>Iron supplements cure anaemia in every case.</p>\n<!-- /wp:paragraph -->")


@pytest.fixture(scope="module")
def wordpress(tmp_path_factory):
    server = WordPressServer(tmp_path_factory.mktemp("wordpress"))
    try:
        server.start()
        auth = ("editor", server.app_password)
        ids = {}
        with httpx.Client(auth=auth, timeout=60) as client:
            for key, title, content, status in (
                    ("draft_nl", "Vitamine D in de winter", DRAFT_NL, "draft"),
                    ("published_en", "Iron and tiredness", PUBLISHED_EN, "publish"),
                    ("published_nl", "IJzer en vermoeidheid", DRAFT_NL.replace("Vitamine D", "IJzer"), "publish"),
                    ("draft_en", "Vitamin D in winter", PUBLISHED_EN.replace("Iron", "Vitamin D"), "draft")):
                response = client.post(f"{server.url}/?rest_route=/wp/v2/posts",
                                       json={"title": title, "content": content, "status": status})
                assert response.status_code == 201, response.text
                ids[key] = response.json()["id"]
        server.ids = ids
        yield server
    finally:
        server.stop()


def check(server, *args, password=None):
    env = {"HEALTHLINT_WP_USER": "editor", "HEALTHLINT_WP_APP_PASSWORD": password or server.app_password}
    out = CliRunner(env=env).invoke(main, ["check", "--wordpress", server.url, "--format", "json",
                                           "--no-cache", *args])
    assert not isinstance(out.exception, Exception) or isinstance(out.exception, SystemExit), out.exc_info
    return out


def test_drafts_and_published_posts_with_positions_and_edit_links(wordpress):
    out = check(wordpress, "--wp-type", "post")
    report = json.loads(out.output)
    by_id = {f["source"]["post_id"]: f for f in report["files"]}
    draft = by_id[wordpress.ids["draft_nl"]]
    assert draft["source"]["status"] == "draft" and draft["language"] == "nl"
    assert draft["source"]["edit_link"] == (f"{wordpress.url}/wp-admin/post.php?post={wordpress.ids['draft_nl']}"
                                            "&action=edit")
    claim = next(f for f in draft["findings"] if f["rule"] == "claim-disease")
    assert (claim["line"], claim["column"]) == (3, 12)  # line 3 of the stored content, at the verb
    assert by_id[wordpress.ids["published_nl"]]["language"] == "nl"
    assert (by_id[wordpress.ids["draft_en"]]["language"], by_id[wordpress.ids["draft_en"]]["source"]["status"]) == (
        "en", "draft")
    published = by_id[wordpress.ids["published_en"]]
    assert published["source"]["status"] == "publish" and published["language"] == "en"
    claim = next(f for f in published["findings"] if f["rule"] == "claim-disease")
    assert claim["line"] == 6 and PUBLISHED_EN.splitlines()[5][claim["column"] - 1:].startswith("cure anaemia")


def test_filters_on_a_real_site(wordpress):
    out = check(wordpress, "--wp-status", "draft", "--wp-type", "post")  # (the privacy page is a draft too)
    drafts = {f["source"]["post_id"] for f in json.loads(out.output)["files"]}
    assert drafts == {wordpress.ids["draft_nl"], wordpress.ids["draft_en"]}
    # the editor's one command: yesterday's drafts
    out = check(wordpress, "--wp-status", "draft", "--wp-type", "post", "--wp-modified-since", "yesterday")
    assert {f["source"]["post_id"] for f in json.loads(out.output)["files"]} == drafts
    out = check(wordpress, "--wp-status", "draft", "--wp-modified-since", "2099-01-01")
    assert json.loads(out.output)["files"] == []
    out = check(wordpress, "--wp-id", str(wordpress.ids["published_en"]))
    assert [f["source"]["post_id"] for f in json.loads(out.output)["files"]] == [wordpress.ids["published_en"]]


def test_text_and_html_reports_link_to_the_editor(wordpress, tmp_path):
    env = {"HEALTHLINT_WP_USER": "editor", "HEALTHLINT_WP_APP_PASSWORD": wordpress.app_password}
    post_id = wordpress.ids["draft_nl"]
    edit_link = f"{wordpress.url}/wp-admin/post.php?post={post_id}&action=edit"
    text = CliRunner(env=env).invoke(main, ["check", "--wordpress", wordpress.url, "--wp-id", str(post_id), "-q"])
    assert f'post {post_id} "Vitamine D in de winter" (draft): edit at {edit_link}' in text.output
    assert f"127.0.0.1:{wordpress.port}/?p={post_id}:3:12: error claim-disease" in text.output
    report = tmp_path / "drafts.html"
    CliRunner(env=env).invoke(main, ["check", "--wordpress", wordpress.url, "--wp-status", "draft",
                                     "--format", "html", "-o", str(report)])
    assert f'href="{edit_link.replace("&", "&amp;")}"' in report.read_text()


def test_a_wrong_application_password_is_one_line(wordpress):
    out = check(wordpress, password="wrong wrong wrong")
    assert out.exit_code == 2 and "login refused (401)" in out.output

"""`healthlint check` with WordPress export files: every format names the
post, and --fix writes copies for review, never to the source."""

import json
from pathlib import Path

from click.testing import CliRunner

from healthlint.cli import main

EXPORT = Path(__file__).parent / "fixtures" / "wordpress" / "export.xml"


def check(*args):
    return CliRunner().invoke(main, ["check", *args])


def test_json_names_the_post_and_validates(tmp_path):
    from jsonschema import validate

    out = check(str(EXPORT), "--format", "json", "--wp-status", "draft")
    assert out.exit_code == 1, out.output
    report = json.loads(out.output)
    schema = json.loads((Path(__file__).parents[1] / "schemas" / "report.schema.json").read_text())
    validate(report, schema)
    (entry,) = report["files"]
    assert entry["source"]["post_id"] == 41 and entry["source"]["status"] == "draft"
    assert entry["source"]["edit_link"] == "https://gezond.example/wp-admin/post.php?post=41&action=edit"


def test_sarif_and_text_carry_the_post():
    sarif = json.loads(check(str(EXPORT), "--format", "sarif", "--wp-id", "52").output)
    results = sarif["runs"][0]["results"]
    assert results and all(r["properties"]["source"]["post_id"] == 52 for r in results)
    text = check(str(EXPORT), "--wp-id", "52", "-q").output
    assert 'page 52 "Magnesium and sleep" (publish): edit at https://gezond.example/wp-admin/post.php?post=52' in text


def test_html_report_links_to_the_editor(tmp_path):
    report = tmp_path / "r.html"
    check(str(EXPORT), "--format", "html", "-o", str(report))
    assert 'href="https://gezond.example/wp-admin/post.php?post=41&amp;action=edit"' in report.read_text()


def test_fix_writes_a_review_copy_not_the_export(tmp_path, monkeypatch):
    export = tmp_path / "site.xml"
    text = EXPORT.read_text().replace("Dat merk je niet meteen.",
                                      'Koop <a href="https://amzn.to/3xYz">hier</a>.')
    export.write_text(text)
    monkeypatch.chdir(tmp_path)
    out = check(str(export), "--fix", "--wp-id", "41", "--format", "json")
    assert export.read_text() == text
    (copy,) = (tmp_path / "healthlint-fixed").iterdir()
    assert 'rel="sponsored"' in copy.read_text() and copy.name.startswith("gezond.example-post-41")
    assert json.loads(out.output)["files"][0]["source"]["fixed_copy"].endswith(copy.name)


def test_nothing_to_check_is_a_usage_error():
    out = check()
    assert out.exit_code == 2 and "nothing to check" in out.output


def test_a_broken_export_is_one_line(tmp_path):
    broken = tmp_path / "b.xml"
    broken.write_text('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>')
    out = check(str(broken))
    assert out.exit_code == 2 and "not a valid WordPress export" in out.output


def test_config_wordpress_section_and_content_selector(tmp_path, monkeypatch):
    from healthlint.engine import Linter
    from healthlint.sources.cli import _with_config

    (tmp_path / "healthlint.toml").write_text(
        'content-selector = ".post-body"\n[wordpress]\nsite = "https://gezond.example"\nstatus = ["draft"]\n')
    monkeypatch.chdir(tmp_path)
    opts = _with_config({"wp_status": ()}, Linter(), have_paths=False)
    assert opts["wordpress"] == "https://gezond.example" and opts["wp_status"] == ("draft",)
    assert opts["content_selector"] == ".post-body"
    # with paths on the command line the configured site is not fetched as well
    assert _with_config({}, Linter(), have_paths=True).get("wordpress") is None
    assert _with_config({"wp_status": ("pending",)}, Linter(), have_paths=False)["wp_status"] == ("pending",)
    (tmp_path / "healthlint.toml").write_text('[wordpress]\nsite = "ftp://x"\n')
    out = check("--wp-status", "draft")
    assert out.exit_code == 2 and "wordpress.site" in out.output


def test_github_annotations_name_the_post():
    out = check(str(EXPORT), "--format", "github", "--wp-id", "41")
    lines = [line for line in out.output.splitlines() if line.startswith("::")]
    assert lines and all("edit at https://gezond.example/wp-admin/post.php?post=41" in line for line in lines)


def test_modified_since_accepts_dates_and_days_back():
    from datetime import date

    import click
    import pytest

    from healthlint.sources.cli import since_date

    today = date(2026, 12, 2)
    assert since_date("yesterday", today) == "2026-12-01"
    assert since_date("today", today) == "2026-12-02" and since_date("7d", today) == "2026-11-25"
    assert since_date("2026-11-30", today) == "2026-11-30"
    assert since_date("2026-11-30T08:00:00", today) == "2026-11-30T08:00:00"
    with pytest.raises(click.BadParameter):
        since_date("last week", today)
    out = check(str(EXPORT), "--wp-modified-since", "gisteren")
    assert out.exit_code == 2 and "is not a date" in out.output

"""affiliate-link-rel --fix: rel="sponsored" added in place, every other byte kept."""

import shutil
from pathlib import Path

from click.testing import CliRunner
from helpers import findings, html_page, lint

from healthlint.cli import main

GOLDEN = Path(__file__).parent / "golden" / "fix_rel"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_fix_matches_golden_file_byte_for_byte(tmp_path):
    target = tmp_path / "page.html"
    shutil.copyfile(GOLDEN / "input.html", target)
    run("check", "--fix", "--select", "affiliate-link-rel", str(target))
    assert target.read_bytes() == (GOLDEN / "expected.html").read_bytes()


def test_fix_is_idempotent(tmp_path):
    target = tmp_path / "page.html"
    shutil.copyfile(GOLDEN / "expected.html", target)
    result = run("check", "--fix", "--select", "affiliate-link-rel", str(target))
    assert target.read_bytes() == (GOLDEN / "expected.html").read_bytes()
    assert "affiliate-link-rel" not in result.output


def test_without_fix_the_file_is_untouched(tmp_path):
    target = tmp_path / "page.html"
    shutil.copyfile(GOLDEN / "input.html", target)
    before = target.stat().st_mtime_ns
    result = run("check", "--select", "affiliate-link-rel", str(target))
    assert "affiliate-link-rel" in result.output
    assert target.read_bytes() == (GOLDEN / "input.html").read_bytes()
    assert target.stat().st_mtime_ns == before


def test_crlf_and_bom_survive(tmp_path):
    data = (GOLDEN / "input.html").read_bytes().replace(b"\n", b"\r\n")
    target = tmp_path / "page.html"
    target.write_bytes(b"\xef\xbb\xbf" + data)
    run("check", "--fix", "--select", "affiliate-link-rel", str(target))
    expected = (GOLDEN / "expected.html").read_bytes().replace(b"\n", b"\r\n")
    assert target.read_bytes() == b"\xef\xbb\xbf" + expected


def test_markdown_link_is_reported_without_fix():
    text = "# Magnesium\n\nDit artikel bevat affiliate links. [Koop hier](https://amzn.to/3abc).\n"
    found = findings(lint(text, "a.md", select=("affiliate-link-rel",)), "affiliate-link-rel")
    assert len(found) == 1 and found[0]["fix"] is None


def test_finding_carries_a_single_insert_edit():
    text = html_page('<p><a href="https://amzn.to/3abc">x</a></p>')
    (finding,) = findings(lint(text, select=("affiliate-link-rel",)), "affiliate-link-rel")
    (edit,) = finding["fix"]["edits"]
    assert edit["start"] == edit["end"] and edit["text"] == ' rel="sponsored"'

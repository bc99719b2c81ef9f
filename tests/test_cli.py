"""The command line end to end: exit codes, formats, bad input, stdin."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run_cli as run

ROOT = Path(__file__).resolve().parent.parent
CLEAN_MD = "---\ntitle: Vitamin D and your bones explained\nlang: en\n---\n# Vitamin D\n\nShort text.\n"
BROKEN_HTML = '<html lang="nl"><body><h2>Kop</h2><p>Tekst</body></html>'


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_findings_exit_1_and_text_format(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(BROKEN_HTML)
    code, out, _ = run("check", str(page))
    assert code == 1
    assert f"{page}: error heading-h1-missing" in out  # a document-level finding has no line
    assert "Checked 1 file" in out.splitlines()[-1]


def test_fail_on_never_and_warning(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(BROKEN_HTML)
    assert run("check", "--fail-on", "never", str(page))[0] == 0
    assert run("check", "--select", "heading-level-skip", "--fail-on", "error", str(page))[0] == 0


def test_select_and_ignore_by_category(tmp_path):
    page = tmp_path / "a.html"
    page.write_text('<html lang="nl"><body><h2>Kop</h2><h4>Sub</h4><h2>Kop</h2></body></html>')
    _, out, _ = run("check", "--format", "json", "--select", "heading", "--ignore", "heading-h1-missing", str(page))
    rules = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert rules and all(r.startswith("heading-") for r in rules) and "heading-h1-missing" not in rules


def test_unknown_rule_id_is_a_usage_error(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(BROKEN_HTML)
    code, _, err = run("check", "--select", "heading-nope", str(page))
    assert code == 2 and "heading-nope" in err


def test_json_output_validates_against_schema(tmp_path):
    from jsonschema import Draft202012Validator

    from healthlint.resources import load_schema

    code, out, _ = run("check", "--format", "json", str(ROOT / "examples"))
    report = json.loads(out)
    Draft202012Validator(load_schema("report.schema.json")).validate(report)
    assert report["summary"]["files"] >= 2
    assert code == 1


def test_output_file_is_written_and_inputs_untouched(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(BROKEN_HTML)
    before = digest(page)
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    code, out, _ = run("check", "--format", "json", "--output", str(report), str(page))
    assert json.loads(report.read_text())["files"][0]["path"] == str(page)
    assert out == "" and digest(page) == before


def test_stdin_with_filename():
    code, out, _ = run("check", "-", "--stdin-filename", "draft.md", "--format", "json", input=CLEAN_MD)
    result = json.loads(out)["files"][0]
    assert result["path"] == "draft.md" and result["format"] == "markdown" and result["language"] == "en"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("binary.html", b"\x00\x01\x02PNG\x00" * 10, "binary"),
        ("latin.html", b"<p>caf\xe9 \xff\xfe</p>", "cannot decode"),
    ],
)
def test_unreadable_files_are_clear_errors_and_others_still_linted(tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.html"
    good.write_text(BROKEN_HTML)
    code, out, err = run("check", "--format", "json", str(bad), str(good))
    assert code == 2
    assert str(bad) in err and message in err and "Traceback" not in err
    files = json.loads(out)["files"]
    assert files[0]["error"] and files[1]["findings"]


def test_missing_path_and_empty_folder(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not an article")
    code, _, err = run("check", str(tmp_path / "nope.html"), str(empty))
    assert code == 2
    assert "nope.html: no such file" in err and "no HTML or Markdown articles" in err


def test_empty_file_is_linted(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("")
    code, out, _ = run("check", "--format", "json", str(empty))
    result = json.loads(out)["files"][0]
    assert result["error"] is None and code in (0, 1)


def test_file_over_the_size_limit(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>" + b"woord " * 200 + b"</p>")  # 1,207 bytes
    code, _, err = run("check", "--max-file-size", "1000", str(page))
    assert code == 2 and "size limit" in err and str(page) in err
    code, _, _ = run("check", "--max-file-size", "2000", "--select", "heading", str(page))
    assert code == 1


@pytest.mark.slow  # writes and lints 20 MB
def test_file_over_the_default_size_limit_lints_when_the_limit_is_raised(tmp_path):
    big = tmp_path / "big.html"
    with open(big, "wb") as handle:
        handle.write(b"<p>" + b"woord " * (20 * 1024 * 1024 // 6) + b"</p>")
    code, _, err = run("check", str(big))
    assert code == 2 and "size limit" in err and str(big) in err
    code, _, _ = run("check", "--max-file-size", str(30 * 1024 * 1024), "--select", "heading", str(big))
    assert code == 1


def test_deeply_nested_and_unclosed_html(tmp_path):
    deep = tmp_path / "deep.html"
    deep.write_text("<div>" * 10000 + "<p>diep</p>" + "<h1>" + "<span>" * 5000 + "x")
    code, out, err = run("check", "--format", "json", str(deep))
    assert "Traceback" not in err
    assert json.loads(out)["files"][0]["error"] is None


def test_invalid_front_matter_is_reported_and_article_still_linted(tmp_path):
    page = tmp_path / "fm.md"
    page.write_text("---\ntitle: [unclosed\nlang: nl\n---\n## Kop\n")
    code, out, _ = run("check", "--format", "json", str(page))
    result = json.loads(out)["files"][0]
    rules = {f["rule"] for f in result["findings"]}
    assert "front-matter-invalid" in rules and "content-too-short" in rules  # the body is still linted
    fm = [f for f in result["findings"] if f["rule"] == "front-matter-invalid"][0]
    assert fm["line"] in (2, 3)


def test_directory_walk_skips_hidden_gitignored_and_symlink_loops(tmp_path):
    site = tmp_path / "site"
    (site / "posts").mkdir(parents=True)
    (site / ".cache").mkdir()
    (site / "build").mkdir()
    (site / "posts" / "a.md").write_text(CLEAN_MD)
    (site / ".cache" / "b.md").write_text(CLEAN_MD)
    (site / "build" / "c.html").write_text(BROKEN_HTML)
    (site / ".gitignore").write_text("build/\n")
    (site / "posts" / "loop").symlink_to(site, target_is_directory=True)
    _, out, _ = run("check", "--format", "json", str(site))
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == [str(site / "posts" / "a.md")]


def test_rules_and_rule_commands():
    code, out, _ = run("rules", "--json")
    ids = {r["id"] for r in json.loads(out)}
    assert {"heading-h1-missing", "integrity-mixed-script"} <= ids
    code, out, _ = run("rule", "heading-level-skip")
    assert code == 0 and "## What it does" in out and "## Instead" in out
    assert run("rule", "no-such-rule")[0] == 2


def test_python_dash_m_entry_point(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(BROKEN_HTML)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "healthlint", "check", "-q", str(page)], capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode == 1 and "heading-h1-missing" in proc.stdout


def test_keyword_precedence_front_matter_then_cli(tmp_path):
    own = tmp_path / "own.md"
    own.write_text("---\ntitle: Vitamin D deficiency explained\nkeyword: vitamin D deficiency\n---\n# Vitamin D\n")
    none = tmp_path / "none.md"
    none.write_text("---\ntitle: Magnesium explained\n---\n# Magnesium\n")
    _, out, _ = run("check", "--format", "json", "--keyword", "magnesium tekort", str(own), str(none))
    keywords = {Path(f["path"]).name: f["keyword"] for f in json.loads(out)["files"]}
    assert keywords == {"own.md": "vitamin D deficiency", "none.md": "magnesium tekort"}


def test_examples_with_a_keyword_flag_leave_the_clean_article_clean():
    _, out, _ = run("check", "--format", "json", "--keyword", "magnesium tekort", str(ROOT / "examples"))
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    clean = files["vitamin-d-deficiency.md"]
    assert [f for f in clean["findings"] if f["severity"] in ("error", "warning")] == []
    dutch = {f["rule"] for f in files["magnesium-tekort.html"]["findings"]}
    assert {"claim-disease", "affiliate-link-rel", "faq-schema-missing"} <= dutch

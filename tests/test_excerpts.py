"""Excerpts of findings on long lines: the report says where the excerpt
starts, and every format underlines exactly the finding's span (issue 11 §5).

One-line WordPress paragraphs of 600+ characters are common; before
excerpt_column the text report put one `^` at column 404 and the HTML report
marked nothing."""

import html as htmllib
import json
import re

import pytest
from click.testing import CliRunner

from healthlint.cli import main
from healthlint.report import excerpt, text

FILLER = "Veel mensen lezen graag over vitamines en mineralen in hun eten van elke dag. "
SENTENCE = "Magnesium verlaagt je bloeddruk op een natuurlijke manier."
CLAIM = "verlaagt je bloeddruk"  # what claim-disease underlines: the verb and the condition


def _page(paragraph: str, one_line: bool = False) -> str:
    parts = ['<!doctype html>', '<html lang="nl">', "<head><title>Magnesium en je bloeddruk</title></head>",
             "<body>", "<h1>Magnesium</h1>", paragraph, "</body>", "</html>"]
    return ("" if one_line else "\n").join(parts) + "\n"


def _cases():
    early = "<p>" + FILLER + SENTENCE + " " + FILLER * 7 + "</p>"  # ~700 characters, claim near the start
    late = "<p>" + FILLER * 7 + SENTENCE + " " + FILLER + "</p>"  # claim around column 550
    end = "<p>" + FILLER * 8 + SENTENCE + "</p>"  # claim at the very end of a 600+ line
    big = "<p>" + FILLER * 135 + SENTENCE + " " + FILLER * 120 + "</p>"  # a one-line file of about 20 KB
    yield "early", _page(early)
    yield "late", _page(late)
    yield "end", _page(end)
    yield "one-line-20kb", _page(big, one_line=True)


CASES = dict(_cases())


def _check(path, fmt):
    result = CliRunner().invoke(main, ["check", "--no-cache", "--no-color", "--select", "claim-disease",
                                       "--format", fmt, str(path)], catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    return result.stdout


def _span(source: str, f: dict) -> str:
    line = source.splitlines()[f["line"] - 1]
    return line[f["column"] - 1 : f["end_column"] - 1]


@pytest.fixture(params=sorted(CASES))
def article(request, tmp_path):
    source = CASES[request.param]
    path = tmp_path / "artikel.html"
    path.write_text(source, encoding="utf-8")
    return path, source


def test_the_cases_are_long_lines():
    assert all(max(len(line) for line in source.splitlines()) > 600 for source in CASES.values())
    assert len(CASES["one-line-20kb"].splitlines()) == 1 and len(CASES["one-line-20kb"]) > 20_000


def test_json_carries_where_the_excerpt_starts(article):
    path, source = article
    (f,) = json.loads(_check(path, "json"))["files"][0]["findings"]
    assert _span(source, f) == CLAIM
    origin = f["excerpt_column"]
    assert len(f["excerpt"]) <= 400
    assert source.splitlines()[f["line"] - 1][origin - 1 : origin - 1 + len(f["excerpt"])] == f["excerpt"]
    assert f["excerpt"][f["column"] - origin : f["end_column"] - origin] == CLAIM


def test_text_underlines_exactly_the_span(article):
    path, _ = article
    lines = _check(path, "text").splitlines()
    underline = next(i for i, line in enumerate(lines) if set(line.strip()) == {"^"})
    shown, marks = lines[underline - 1], lines[underline]
    start = marks.index("^")
    assert shown[start : len(marks)] == CLAIM
    assert len(shown) < 4 + 1 + 80 + 300 + 120 + 1  # cut to a window for the terminal


def test_html_marks_exactly_the_span(article):
    path, _ = article
    out = _check(path, "html")
    assert re.findall(r"<mark>(.*?)</mark>", out) == [htmllib.escape(CLAIM)]


def test_sarif_context_region_is_the_excerpt_window(article):
    path, source = article
    log = json.loads(_check(path, "sarif"))
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    region, context = loc["region"], loc["contextRegion"]
    snippet = context["snippet"]["text"]
    assert context["endColumn"] - context["startColumn"] == len(snippet)
    assert context["startColumn"] <= region["startColumn"] and region["endColumn"] <= context["endColumn"]
    offset = region["startColumn"] - context["startColumn"]
    assert snippet[offset : offset + len(CLAIM)] == CLAIM


def test_github_annotation_columns_are_the_span(article):
    path, source = article
    out = _check(path, "github")
    (line,) = [line for line in out.splitlines() if line.startswith("::error ")]
    col = int(re.search(r"\bcol=(\d+)", line).group(1))
    end = int(re.search(r"\bendColumn=(\d+)", line).group(1))
    row = int(re.search(r"\bline=(\d+)", line).group(1))
    assert source.splitlines()[row - 1][col - 1 : end - 1] == CLAIM


def test_short_line_excerpt_is_the_whole_line(tmp_path):
    path = tmp_path / "kort.html"
    path.write_text(_page("<p>" + CLAIM + "</p>"), encoding="utf-8")
    (f,) = json.loads(_check(path, "json"))["files"][0]["findings"]
    assert f["excerpt_column"] == 1 and f["excerpt"] == "<p>" + CLAIM + "</p>"


@pytest.mark.parametrize("finding, parts", [
    # a window starting at column 401: the span is at offset column - excerpt_column
    ({"excerpt": "abc NEEDLE def", "excerpt_column": 401, "line": 1, "column": 405, "end_line": 1,
      "end_column": 411}, ("abc ", "NEEDLE", " def")),
    # a report from before excerpt_column (0.1): the excerpt starts at column 1
    ({"excerpt": "abc NEEDLE def", "line": 1, "column": 5, "end_line": 1, "end_column": 11},
     ("abc ", "NEEDLE", " def")),
])
def test_split_uses_excerpt_column(finding, parts):
    assert tuple(excerpt.split(finding, 80, 300, 120)) == parts


def test_text_report_of_a_window_with_tabs_and_wide_characters():
    finding = {"rule": "claim-disease", "severity": "error", "message": "m", "line": 1, "column": 503,
               "end_line": 1, "end_column": 506, "excerpt": "\t語 abc", "excerpt_column": 500}
    lines = text.file_lines({"path": "a.html", "findings": [finding]})
    assert lines[1:] == ["     語 abc", "        ^^^"]

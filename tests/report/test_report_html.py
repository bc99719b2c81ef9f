"""HTML report: structure, escaping of hostile content, self-containment."""

from __future__ import annotations

import copy
import html as htmllib
import json
import re
from html.parser import HTMLParser

import markupsafe
import pytest
from reportkit import PAYLOADS, check_golden

from healthlint.report import html


def test_golden(report, rules):
    check_golden("report.html", html.render(report, rules))


class _Collector(HTMLParser):
    """Collects tags, attributes and the text of <title>/<script> for checks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.title = ""
        self._in = None
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("title", "script"):
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.scripts[-1] += data


def _parse(text):
    p = _Collector()
    p.feed(text)
    p.close()
    return p


def test_hostile_content_is_escaped(hostile):
    out = html.render(*hostile)
    for payload in PAYLOADS[:-1]:
        assert payload not in out, payload
    for raw in ("<script>document", "<img src=x", "<svg onload", "</textarea>", "</title><script",
                "-->", "]]>"):
        assert raw not in out, raw
    # exactly one <script> element: the JSON data block; no event handler attributes at all
    p = _parse(out)
    assert [t for t, _ in p.tags].count("script") == 1
    assert [a.get("type") for t, a in p.tags if t == "script"] == ["application/json"]
    assert not [(t, k) for t, a in p.tags for k in a if k.lower().startswith("on")]
    assert {t for t, _ in p.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "div", "span", "main", "section", "h1",
        "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "a", "svg", "circle", "text", "rect",
        "details", "summary", "ol", "ul", "li", "pre", "code", "mark", "dl", "dt", "dd", "strong",
        "footer", "script", "wbr"}
    assert "PWNED" not in p.title
    # the payload text is still shown to the reader, escaped
    assert str(markupsafe.escape(PAYLOADS[0])) in out


def test_embedded_json_is_sanitized_and_round_trips(hostile):
    report, rules = hostile
    out = html.render(report, rules)
    block = re.search(r'<script type="application/json" id="healthlint-data">(.*?)</script>', out, re.S).group(1)
    for ch in ("<", ">", "&", "\u2028", "\u2029"):
        assert ch not in block
    assert json.loads(block) == report
    assert "healthlint-data" not in html.render(report, rules, options={"embed_json": False})


def test_self_contained(report, rules):
    out = html.render(report, rules)
    p = _parse(out)
    for tag, attrs in p.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
        for name in ("src", "href", "action", "xlink:href", "srcset", "poster", "data"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)
    style = re.search(r"<style>(.*?)</style>", out, re.S).group(1)
    assert "url(" not in style and "@import" not in style and "http" not in style
    assert "xmlns" not in out  # inline SVG in HTML needs no namespace URL
    assert "default-src 'none'" in out  # CSP: no scripts, no remote loads
    assert "@media print" in style and "details-content" in style


def test_overview_worst_first(report, rules):
    out = html.render(report, rules)
    rows = re.findall(r'<td class="td-file"><a href="#(file-\d+)">', out)
    # input error first, then score 45, then 100
    assert rows == ["file-3", "file-1", "file-2"]
    sections = re.findall(r'<section class="file" id="(file-\d+)"', out)
    assert sections == rows


def test_scores_and_gauges(report, rules):
    out = html.render(report, rules)
    nl = out[out.index('id="file-1"'):out.index('id="file-2"')]
    for key, label in html.CATEGORIES:
        score = report["files"][0]["scores"][key]
        assert f'aria-label="{htmllib.escape(label)}: {score} of 100"' in nl
    assert 'aria-label="Overall: 45 of 100"' in nl
    assert 'class="gauge gauge-lg r-fail"' in nl
    en = out[out.index('<section class="file" id="file-2"'):]
    assert 'aria-label="FAQ: not applicable"' in en  # category without an applicable rule
    assert "How scores are computed" in out and "error 3, warning 2, info 1" in out


def test_rating():
    assert [html.rating(s) for s in (100, 90, 89, 50, 49, 0, None)] == [
        "pass", "pass", "average", "average", "fail", "fail", "na"]


def test_audit_clumps(report, rules):
    out = html.render(report, rules)
    nl = out[out.index('<section class="file" id="file-1"'):out.index('<section class="file" id="file-2"')]
    assert nl.count('<details class="audit sev-') == len({f["rule"] for f in report["files"][0]["findings"]})
    assert re.search(r'<details class="audit sev-error" id="file-1-a\d+" open>\s*<summary>\s*<span class="sev sev-error">error</span>',
                     nl)
    # passed / not applicable / suppressed are collapsed
    assert '<details class="clump">' in nl and '<details class="clump" open' not in nl
    assert "not applicable" in nl
    assert '<details class="clump suppressed">' in nl
    assert "citaat van de fabrikant, hieronder weerlegd" in nl
    assert "suppressed by config, no reason given" in nl
    # rule docs are collapsed inside the audit
    assert '<details class="docs">' in nl and "Why it matters" in nl
    # in a category, errors come before warnings
    claims = nl[nl.index('id="file-1-claims"'):nl.index('id="file-1-trust"')]
    sev = re.findall(r'<details class="audit sev-(\w+)"', claims)
    assert sev == sorted(sev, key=["error", "warning", "info"].index)


def test_findings_positions_and_suggestion(report, rules):
    out = html.render(report, rules)
    assert '<span class="pos">28:14</span>' in out
    assert '<span class="pos">document</span>' in out
    assert "lines 32–34" in out
    assert '<pre>&lt;script type=&#34;application/ld+json&#34;&gt;' in out
    assert "Automatic fix</span> Add rel=&#34;sponsored&#34;" in out


@pytest.mark.parametrize("finding, parts", [
    ({"excerpt": "<p>Magnesium voorkomt hartziekten.</p>", "line": 1, "column": 14, "end_line": 1, "end_column": 34},
     ("<p>Magnesium ", "voorkomt hartziekten", ".</p>")),
    # multi-line: mark to the end of the excerpt
    ({"excerpt": "<p>Een lange alinea", "line": 1, "column": 4, "end_line": 3, "end_column": 2},
     ("<p>", "Een lange alinea", "")),
    # code point columns: the Cyrillic letters count one each
    ({"excerpt": "de botgezondheidsketен.", "line": 1, "column": 4, "end_line": 1, "end_column": 23},
     ("de ", "botgezondheidsketен", ".")),
    # out-of-range columns are clamped, never raise
    ({"excerpt": "abc", "line": 1, "column": 9, "end_line": 1, "end_column": 20}, ("abc", "", "")),
    ({"excerpt": "abc", "line": 1, "column": None, "end_line": None, "end_column": None}, ("abc", "", "")),
])
def test_excerpt_parts(finding, parts):
    got = html.excerpt_parts(finding)
    assert (got["before"], got["mark"], got["after"]) == parts


def test_excerpt_window_on_long_lines():
    line = "x" * 5000 + "NEEDLE" + "y" * 5000
    got = html.excerpt_parts({"excerpt": line, "line": 1, "column": 5001, "end_line": 1, "end_column": 5007})
    assert got["mark"] == "NEEDLE"
    assert len(got["before"]) <= 81 and got["before"].startswith("…")
    assert len(got["after"]) <= 121 and got["after"].endswith("…")


def test_mark_in_html(report, rules):
    out = html.render(report, rules)
    assert "<mark>voorkomt hartziekten</mark>" in out
    assert "<mark>botgezondheidsketен</mark>" in out


def test_stat_charts(report, rules):
    ctx = html.build_context(report, rules)
    nl = next(f for f in ctx["files"] if f["path"].endswith("wat-doet-magnesium.html"))
    charts = {c["key"]: c for c in nl["charts"]}
    assert charts["density"]["value"] == "0.49 %" and not charts["density"]["ok"]
    assert charts["density"]["bar"]["band_x"] == 10.0 and charts["density"]["bar"]["band_w"] == 50.0
    assert charts["flesch"]["bar"]["marker"] == 50.0 and not charts["flesch"]["ok"]
    assert charts["words"]["ok"] and charts["words"]["bar"]["marker"] == 50.0
    out = html.render(report, rules)
    assert out.count('<svg class="scale"') == 4 * 2  # two checked files, four charts each
    bad = next(f for f in ctx["files"] if f["error"])
    assert bad["error"].startswith("could not decode")


def test_missing_stats_and_unknown_rules_do_not_crash(report, rules):
    r = copy.deepcopy(report)
    nl = r["files"][0]
    nl["stats"] = {}
    nl["scores"] = {}
    nl["rules"] = {"run": ["no-such-rule"], "not_applicable": []}
    nl["findings"][0]["rule"] = "internal-error"
    nl["findings"][0]["category"] = "engine"
    out = html.render(r, [])
    assert "Engine" in out and "no-such-rule" in out


def test_single_file_title(report, rules):
    r = copy.deepcopy(report)
    r["files"] = r["files"][:1]
    p = _parse(html.render(r, rules))
    assert p.title == "healthlint report: content/magnesium/wat-doet-magnesium.html"


def test_templates_are_package_data():
    assert html.TEMPLATE_DIR.parent.name == "report"
    assert (html.TEMPLATE_DIR / "report.html.j2").is_file()
    assert (html.TEMPLATE_DIR / "report.css").is_file()
    env = html._environment()
    assert env.autoescape is True
    source = (html.TEMPLATE_DIR / "report.html.j2").read_text(encoding="utf-8")
    assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source


def test_fix_first_lists_error_audits_with_links(report, rules):
    out = html.render(report, rules)
    nl = out[out.index('<section class="file" id="file-1"'):out.index('<section class="file" id="file-2"')]
    box = nl[nl.index('<div class="priorities">'):nl.index('<div class="audits"')]
    errors = {f["rule"] for f in report["files"][0]["findings"] if f["severity"] == "error"}
    assert set(re.findall(r"<code>([a-z-]+)</code>", box)) == errors
    for target in re.findall(r'<a href="#(file-1-a\d+)">', box):
        assert f'id="{target}"' in nl
    assert "+1 more" in box  # claim-disease has two findings
    clean = out[out.index('<section class="file" id="file-2"'):]
    assert '<div class="priorities">' not in clean


def test_charts_draw_the_runs_thresholds_not_the_defaults(report, rules):
    """A config that moves the keyphrase-density band (or another charted
    threshold) moves it in the report too (issue 18: it was copied here)."""
    overridden = copy.deepcopy(rules)
    for rule in overridden:
        if rule["id"] == "keyword-density":
            rule["options"] = {"min": 0.4, "max": 1.0, "min_words": 100}
        if rule["id"] == "readability-long-sentences":
            rule["options"] = {"max_words": 25, "max_share": 40}
    ctx = html.build_context(report, overridden)
    nl = next(f for f in ctx["files"] if f["path"].endswith("wat-doet-magnesium.html"))
    charts = {c["key"]: c for c in nl["charts"]}
    assert charts["density"]["ok"] and charts["density"]["note"].startswith("target 0.4–1 %")
    assert charts["density"]["bar"]["band_x"] == 8.0 and charts["density"]["bar"]["band_w"] == 12.0
    assert charts["long"]["title"] == "Sentences > 25 words" and charts["long"]["note"] == "limit 40 %"
    assert charts["long"]["bar"]["marker"] == 40.0


def test_check_html_report_uses_the_config_thresholds(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from healthlint.cli import main

    (tmp_path / "pyproject.toml").write_text(
        "[tool.healthlint.options.keyword-density]\nmin = 1.0\nmax = 2.0\n", encoding="utf-8")
    words = " ".join(["water"] * 40)
    (tmp_path / "a.html").write_text(f"<h1>Magnesium</h1><p>Magnesium {words} magnesium.</p>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "-k", "magnesium", "--format", "html", "a.html"])
    assert "target 1–2 %" in result.output and "target 0.5–3 %" not in result.output

"""What a new user hits first (issue 11 §6 and §7): scores that mislead,
warnings for choices that silently do nothing, clear errors."""

import json

from click.testing import CliRunner
from helpers import findings, lint

from healthlint.cli import main
from healthlint.report import html

ROOT_ARTICLE = """---
title: "Magnesium en slaap: wat zegt het onderzoek?"
description: Magnesium en slaap hangen samen. Lees wat het mineraal doet, hoeveel je nodig hebt en wanneer een supplement zinvol is voor een betere nachtrust.
lang: nl
author: Anna de Vries
date: 2026-03-01
---
# Magnesium en slaap

Magnesium is een mineraal dat je lichaam elke dag nodig heeft. Het zit in noten, volkoren brood en groene groenten.
"""

BROKEN_FRONT_MATTER = """---
title: Vitamine D: wat doet het?
keyword: vitamine d
author: Anna de Vries
---
# Vitamine D

Een korte tekst.
"""


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# -- §7 scores -----------------------------------------------------------------

def test_no_keyphrase_has_no_keyword_score():
    result = lint(ROOT_ARTICLE, "artikel.md")
    assert findings(result, "keyword-missing")  # still said
    assert "keyword" not in result["scores"]  # shown as "–", not 0
    assert "keyword-missing" in result["rules"]["run"]


def test_overall_score_does_not_depend_on_a_missing_keyphrase():
    without = lint(ROOT_ARTICLE, "artikel.md")["scores"]
    others = {k: v for k, v in without.items() if k != "overall"}
    # the overall is the mean weight of the same audits with or without keyword-missing
    keyword_free = lint(ROOT_ARTICLE, "artikel.md", select=("ALL",), ignore=("keyword-missing",))["scores"]
    assert without["overall"] == keyword_free["overall"]
    assert others == {k: v for k, v in keyword_free.items() if k != "overall"}


def test_html_report_shows_a_dash_for_the_keyphrase_score(tmp_path):
    page = tmp_path / "artikel.md"
    page.write_text(ROOT_ARTICLE, encoding="utf-8")
    _, out, _ = run("check", "--no-cache", "--format", "json", str(page))
    view = html.build_context(json.loads(out), [])["files"][0]
    (gauge,) = [g for g in view["gauges"] if g["key"] == "keyword"]
    assert gauge["score"] is None and gauge["rating"] == "na"


def test_keyword_score_with_a_keyphrase_is_kept():
    result = lint(ROOT_ARTICLE, "artikel.md", keyword="magnesium")
    assert "keyword" in result["scores"]


def test_broken_front_matter_cannot_pass():
    result = lint(BROKEN_FRONT_MATTER, "stub.md")
    assert findings(result, "front-matter-invalid")
    assert result["scores"]["overall"] == 0


def test_ignored_front_matter_error_is_not_capped():
    result = lint(BROKEN_FRONT_MATTER, "stub.md", ignore=("front-matter-invalid",))
    assert not findings(result, "front-matter-invalid")
    assert result["scores"]["overall"] > 0


# -- §6 front matter errors ------------------------------------------------------

def test_broken_front_matter_adds_no_follow_on_findings():
    result = lint(BROKEN_FRONT_MATTER, "stub.md")
    fired = {f["rule"] for f in result["findings"]}
    follow_on = {"keyword-missing", "meta-description", "meta-lang-missing", "meta-title-length",
                 "trust-author-missing", "trust-date-missing", "heading-h1-missing", "keyword-title",
                 "keyword-meta-description"}
    assert not fired & follow_on
    assert "content-too-short" in fired  # the body is still linted
    assert {"meta-description", "trust-author-missing"} <= set(result["rules"]["not_applicable"])


def test_readable_front_matter_still_gets_the_metadata_findings():
    text = BROKEN_FRONT_MATTER.replace("title: Vitamine D: wat doet het?", 'title: "Vitamine D"')
    fired = {f["rule"] for f in lint(text, "stub.md")["findings"]}
    assert "front-matter-invalid" not in fired
    assert {"meta-description", "trust-date-missing"} <= fired


def test_yaml_error_keeps_pyyaml_context():
    text = "---\ntitle: Magnesium\nfocus\nkeyword: magnesium\n---\n# Magnesium\n\nTekst.\n"
    (f,) = findings(lint(text, "a.md"), "front-matter-invalid")
    assert "while scanning a simple key at line 3, column 1" in f["message"]
    assert "could not find expected ':'" in f["message"]


def test_yaml_error_without_context_is_unchanged():
    (f,) = findings(lint(BROKEN_FRONT_MATTER, "a.md"), "front-matter-invalid")
    assert f["message"] == "invalid YAML front matter: mapping values are not allowed in this context"

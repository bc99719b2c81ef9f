"""What a new user hits first (issue 11 §6 and §7): scores that mislead,
warnings for choices that silently do nothing, clear errors."""

import json

from helpers import findings, lint, run_cli as run

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


# -- §6 suppression-unused only judges rules that ran -----------------------------

SUPPRESSED = """<!doctype html>
<html lang="nl"><head><title>Magnesium voor een goede nachtrust en je spieren</title></head>
<body><h1>Magnesium</h1>
<!-- healthlint-disable-next-line claim-absolute -- citaat van het etiket -->
<p>Dit werkt altijd.</p>
<!-- healthlint-disable-next-line claim-absolute -->
<p>Gegarandeerd resultaat binnen een week.</p>
<!-- healthlint-disable-next-line claim-absolute -->
<p>Het helpt altijd en iedereen.</p>
</body></html>
"""


def _unused(result):
    return findings(result, "suppression-unused")


def test_suppressions_of_rules_that_did_not_run_are_not_called_unused():
    assert findings(lint(SUPPRESSED, select=("ALL",)), "claim-absolute") == []  # the suppressions work
    assert _unused(lint(SUPPRESSED, select=("claim-disease", "suppression-unused"))) == []


def test_suppression_of_a_rule_that_ran_and_found_nothing_is_still_unused():
    text = SUPPRESSED.replace("<p>Dit werkt altijd.</p>", "<p>Dit werkt soms.</p>")
    (unused,) = _unused(lint(text, select=("claim-absolute", "suppression-unused")))
    assert "claim-absolute" in unused["message"] and unused["line"] == 4


def test_cli_select_does_not_call_working_suppressions_unused(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(SUPPRESSED, encoding="utf-8")
    _, out, _ = run("check", "--no-cache", "--select", "claim-disease", str(page))
    assert "suppression-unused" not in out


# -- §6 warnings for choices that would silently do nothing ----------------------

def test_select_of_a_preview_rule_without_preview_warns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "a.html"
    page.write_text(SUPPRESSED, encoding="utf-8")
    _, _, err = run("check", "--no-cache", "--select", "claim-nutrient-unauthorised", str(page))
    assert "claim-nutrient-unauthorised" in err and "--preview" in err and "warning" in err
    _, _, err = run("check", "--no-cache", "--preview", "--select", "claim-nutrient-unauthorised", str(page))
    assert "warning" not in err
    _, _, err = run("check", "--no-cache", "--select", "claim-disease", str(page))
    assert "warning" not in err


def test_preview_in_config_counts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text("preview = true\n")
    page = tmp_path / "a.html"
    page.write_text(SUPPRESSED, encoding="utf-8")
    _, _, err = run("check", "--no-cache", "--select", "claim-nutrient-unauthorised", str(page))
    assert "warning" not in err


ENGLISH = """# Vitamin D

Vitamin D is a vitamin that your body makes when the sun shines on your skin. It is also found in oily fish
and in eggs. Most people get too little of it in the winter, and that is why some groups are advised to take
a supplement. If you are not sure what is right for you, ask your doctor about it.
"""
DUTCH = """# Vitamine D

Vitamine D is een vitamine die je lichaam zelf maakt als de zon op je huid schijnt. Het zit ook in vette vis
en in eieren. De meeste mensen krijgen er in de winter te weinig van, en daarom krijgen sommige groepen het
advies om een supplement te nemen. Twijfel je wat voor jou goed is, vraag het dan aan je huisarts.
"""


def test_config_lang_contradicting_the_text_warns_naming_both(tmp_path):
    (tmp_path / "healthlint.toml").write_text('lang = "nl"\n')
    page = tmp_path / "vitamin-d.md"
    page.write_text(ENGLISH, encoding="utf-8")
    _, out, _ = run("check", "--no-cache", str(page))
    (line,) = [line for line in out.splitlines() if "lang-config-mismatch" in line]
    assert '"nl" (Dutch)' in line and "English (en)" in line and "healthlint.toml" in line


def test_config_lang_agreeing_with_the_text_or_overridden_is_quiet(tmp_path):
    (tmp_path / "healthlint.toml").write_text('lang = "nl"\n')
    page = tmp_path / "vitamine-d.md"
    page.write_text(DUTCH, encoding="utf-8")
    _, out, _ = run("check", "--no-cache", str(page))
    assert "lang-config-mismatch" not in out
    english = tmp_path / "vitamin-d.md"
    english.write_text("---\nlang: en\n---\n" + ENGLISH, encoding="utf-8")  # the document says
    _, out, _ = run("check", "--no-cache", str(english))
    assert "lang-config-mismatch" not in out
    english.write_text(ENGLISH, encoding="utf-8")
    _, out, _ = run("check", "--no-cache", "--lang", "en", str(english))
    assert "lang-config-mismatch" not in out


# -- §6 what is read as what -------------------------------------------------------

def _format_of_stdin(text):
    _, out, _ = run("check", "--no-cache", "--format", "json", "-", input=text)
    result = json.loads(out)["files"][0]
    return result["format"], result["path"]


def test_markdown_on_stdin_is_recognised():
    assert _format_of_stdin("---\ntitle: Vitamine D\n---\nTekst.\n") == ("markdown", "stdin.md")
    assert _format_of_stdin("# Vitamine D\n\nTekst met <b>vet</b>.\n") == ("markdown", "stdin.md")
    assert _format_of_stdin("Alleen tekst, geen opmaak.\n") == ("markdown", "stdin.md")


def test_html_on_stdin_is_still_html():
    assert _format_of_stdin("<p>Tekst</p>\n<h2>Kop</h2>\n") == ("html", "stdin.html")
    assert _format_of_stdin('<!doctype html><html lang="nl"><body># geen kop</body></html>') == ("html", "stdin.html")


def test_stdin_filename_still_decides():
    _, out, _ = run("check", "--no-cache", "--format", "json", "-", "--stdin-filename", "x.html",
                    input="# Kop\n\nTekst.\n")
    assert json.loads(out)["files"][0]["format"] == "html"


def test_explicitly_named_txt_file_is_sniffed(tmp_path):
    readme = tmp_path / "readme.txt"
    readme.write_text("# Vitamine D\n\nTekst.\n", encoding="utf-8")
    _, out, _ = run("check", "--no-cache", "--format", "json", str(readme))
    assert json.loads(out)["files"][0]["format"] == "markdown"
    page = tmp_path / "page.txt"
    page.write_text("<html><body><h1>Kop</h1></body></html>", encoding="utf-8")
    _, out, _ = run("check", "--no-cache", "--format", "json", str(page))
    assert json.loads(out)["files"][0]["format"] == "html"


def test_folder_walk_still_skips_txt_files(tmp_path):
    (tmp_path / "notes.txt").write_text("# Kop\n")
    (tmp_path / "a.md").write_text("# Kop\n")
    _, out, _ = run("check", "--no-cache", "--format", "json", str(tmp_path))
    assert [f["path"] for f in json.loads(out)["files"]] == [str(tmp_path / "a.md")]


# -- §6 empty folders, errors once, closed pipes --------------------------------

def test_folder_without_articles_is_a_warning_and_exit_0(tmp_path):
    (tmp_path / "notes.txt").write_text("not an article")
    code, out, err = run("check", "--no-cache", str(tmp_path))
    assert code == 0
    assert err.count("\n") == 1 and "warning" in err and "no HTML or Markdown articles" in err
    assert "could not be read" not in out


def test_errors_are_printed_once(tmp_path):
    code, out, err = run("check", "--no-cache", str(tmp_path / "nope.html"))
    assert code == 2
    assert err.count("nope.html: no such file") == 1 and "nope.html" not in out
    assert "1 could not be read" in out


def test_a_text_report_file_keeps_the_errors(tmp_path):
    report = tmp_path / "report.txt"
    code, _, err = run("check", "--no-cache", "--output", str(report), str(tmp_path / "nope.html"))
    assert code == 2 and "nope.html: no such file" in err
    assert "nope.html: no such file" in report.read_text()


def test_closed_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys

    for i in range(3):
        (tmp_path / f"a{i}.html").write_text(SUPPRESSED, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "healthlint", "check", "--no-cache", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before healthlint writes anything
    err = proc.stderr.read().decode()
    assert proc.wait() == 141
    assert err == ""


# -- §6 did you mean -----------------------------------------------------------------

def test_unknown_rule_ids_and_categories_get_a_suggestion(tmp_path):
    code, _, err = run("check", "--select", "claim-diseases,affilate", str(tmp_path))
    assert code == 2
    assert 'did you mean "claim-disease"' in err and 'did you mean "affiliate"' in err
    code, _, err = run("rule", "claim-absolut")
    assert code == 2 and 'did you mean "claim-absolute"' in err
    _, _, err = run("check", "--select", "zzzzzz", str(tmp_path))
    assert "did you mean" not in err


def test_unknown_config_keys_get_a_suggestion(tmp_path):
    config = tmp_path / "healthlint.toml"
    page = tmp_path / "a.md"
    page.write_text("# Kop\n")
    for body, hint in (('fail_on = "error"\n', '"fail-on"'), ('selct = ["ALL"]\n', '"select"'),
                       ('select = ["claim-diseas"]\n', '"claim-disease"'),
                       ("[options.keyword-density]\nminn = 1\n", '"min"'),
                       ('[severity]\nclaim-absolut = "info"\n', '"claim-absolute"')):
        config.write_text(body)
        code, _, err = run("check", "--no-cache", str(page))
        assert code == 2 and f"did you mean {hint}" in err, (body, err)


def test_suppression_with_an_unknown_id_gets_a_suggestion():
    text = SUPPRESSED.replace("disable-next-line claim-absolute -- citaat", "disable-next-line claim-absolut -- citaat")
    messages = [f["message"] for f in _unused(lint(text))]
    assert any('did you mean "claim-absolute"' in m for m in messages)


# -- §6 smaller messages -------------------------------------------------------------

def test_max_file_size_0_is_an_error(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("# Kop\n")
    code, _, err = run("check", "--max-file-size", "0", str(page))
    assert code == 2 and "--max-file-size" in err
    code, _, _ = run("check", "--no-cache", "--max-file-size", "1", str(page))
    assert code == 2  # a real limit of one byte is applied


def test_faq_schema_mismatch_names_the_file():
    faq = ("<h1>Magnesium</h1><p>Intro.</p><h2>Veelgestelde vragen</h2>"
           "<h3>Kun je te veel magnesium binnenkrijgen?</h3><p>Uit voeding vrijwel niet.</p>"
           "<h3>Wanneer neem je magnesium in?</h3><p>Bij de maaltijd.</p>")
    script = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "FAQPage", '
              '"mainEntity": [{"@type": "Question", "name": "Kun je te veel magnesium binnenkrijgen?", '
              '"acceptedAnswer": {"@type": "Answer", "text": "Altijd op een nuchtere maag."}}]}</script>')
    from helpers import html_page

    result = lint(html_page(faq, head=script), "blog/magnesium.html", select=("faq-schema-mismatch",))
    messages = [f["message"] for f in findings(result, "faq-schema-mismatch")]
    assert messages and all("FILE" not in m for m in messages)
    assert any("`healthlint faq-schema blog/magnesium.html`" in m for m in messages)


def test_nutrient_claim_messages_use_the_article_s_words():
    text = ('<!doctype html><html lang="nl"><body><h1>Magnesium</h1>'
            "<p>Magnesium verbetert je hart en verlaagt je bloeddruk.</p></body></html>")
    (f,) = findings(lint(text, select=("claim-nutrient-unauthorised",)), "claim-nutrient-unauthorised")
    assert '"Magnesium"' in f["message"] and '"bloeddruk"' in f["message"]
    assert "_" not in f["message"].split("authorised EU claims")[0]  # no internal ids (blood_pressure)


# -- §6 merge -------------------------------------------------------------------------

def _report(tmp_path, text, name):
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    out = tmp_path / (name + ".json")
    run("check", "--no-cache", "--format", "json", "--output", str(out), str(page))
    return out


def test_merge_exit_code_follows_fail_on(tmp_path):
    bad = _report(tmp_path, "<html><body><h2>Kop</h2><p>Tekst</p></body></html>", "bad.html")  # no H1: an error
    code, _, _ = run("merge", str(bad))
    assert code == 1
    code, _, _ = run("merge", "--fail-on", "never", str(bad))
    assert code == 0


def test_merge_of_clean_reports_exits_0(tmp_path):
    clean = _report(tmp_path, "---\ntitle: x\nlang: en\n---\n# Vitamin D\n\nShort.\n", "clean.md")
    code, _, _ = run("merge", "--fail-on", "error", str(clean))
    assert code == 0


def test_merge_of_a_sarif_log_is_a_clear_error(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<p>x</p>")
    sarif = tmp_path / "a.sarif"
    run("check", "--no-cache", "--format", "sarif", "--output", str(sarif), str(page))
    code, _, err = run("merge", str(sarif))
    assert code == 2 and "SARIF" in err and "--format json" in err
    assert "Additional properties" not in err and len(err.strip().splitlines()) == 1


# -- §6 --output says where the report went ----------------------------------------

def test_output_file_prints_where_and_the_summary(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<p>x</p>")
    target = tmp_path / "report.html"
    _, out, err = run("check", "--no-cache", "--format", "html", "--output", str(target), str(page))
    assert target.exists() and out == ""
    assert f"wrote the html report to {target}" in err and "Checked 1 file" in err

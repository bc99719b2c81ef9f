"""healthlint.faq_visible, faq_markup, faq_generate and healthlint.structured: detection, extraction, validation,
generation, the faq-schema command and the --fix round trip."""

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from healthlint import faq_generate, faq_markup, faq_visible, structured
from healthlint.loader import parse_text
from healthlint.packs import load_packs
from helpers import findings, html_page, lint, run_cli as run

ROOT = Path(__file__).resolve().parent.parent
PACKS = load_packs()
SCHEMA = json.loads((ROOT / "schemas" / "faqpage.schema.json").read_text())


def parse(text, path="a.html", lang="nl"):
    doc = parse_text(text, path)
    doc.lang = lang
    return doc


def faqs(text, path="a.html", lang="nl"):
    return faq_visible.visible(parse(text, path, lang), PACKS)


def questions(text, path="a.html", lang="nl", article=True):
    doc = parse(text, path, lang)
    found = faq_visible.article_faqs(doc, PACKS) if article else faq_visible.visible(doc, PACKS)
    return [item.question for f in found for item in f.items]


def invalid_messages(doc):
    """faq-schema-invalid's messages on a parsed page."""
    result = lint(doc.source.text, doc.path, lang=doc.lang, select=("faq-schema-invalid",))
    return [f["message"] for f in findings(result, "faq-schema-invalid")]


NL_HEADINGS = ("<h1>Magnesium</h1><p>Intro.</p><h2>Veelgestelde vragen over magnesium</h2>"
               "<h3>Kun je te veel magnesium binnenkrijgen?</h3><p>Uit voeding vrijwel niet.</p>"
               "<h3>Wanneer neem je magnesium in?</h3><p>Bij de maaltijd.</p><ul><li>Ook 's avonds kan.</li></ul>"
               "<h2>Bronnen</h2><p>Voedingscentrum.</p>")


# -- detection -----------------------------------------------------------------------
def test_heading_faq_with_deeper_question_headings_nl():
    doc = parse(html_page(NL_HEADINGS))
    (found,) = faq_visible.visible(doc, PACKS)
    assert found.heading.text == "Veelgestelde vragen over magnesium"
    assert [i.question for i in found.items] == ["Kun je te veel magnesium binnenkrijgen?",
                                                 "Wanneer neem je magnesium in?"]
    assert found.items[1].answer == "Bij de maaltijd. Ook 's avonds kan."  # stops at the next H2
    assert doc.source.text[found.items[0].span.start:found.items[0].span.end] == found.items[0].question


def test_example_articles():
    html = (ROOT / "examples" / "magnesium-tekort.html").read_text()
    assert len(questions(html)) == 5
    md = (ROOT / "examples" / "vitamin-d-deficiency.md").read_text()
    assert questions(md, "a.md", "en")[0] == "Can you get vitamin D deficiency in summer?"
    assert len(questions(md, "a.md", "en")) == 4


def test_heading_with_suffix_and_sub_questions():
    text = ("# T\n\n## Veelgestelde vragen – Wat doet magnesium?\n\n### Is het veilig?\n\nJa.\n\n"
            "### Hoeveel per dag?\n\n300 mg.\n\n## Bronnen\n\nx\n")
    assert questions(text, "a.md") == ["Is het veilig?", "Hoeveel per dag?"]


def test_heading_with_suffix_is_itself_the_question():
    text = ("# T\n\n## FAQ – Wat doet magnesium?\n\nHet helpt je spieren.\n\n"
            "## FAQ – Is magnesium veilig?\n\nIn normale doses wel.\n\n## Bronnen\n\nx\n")
    assert questions(text, "a.md") == ["Wat doet magnesium?", "Is magnesium veilig?"]


def test_same_level_question_headings_en():
    text = ("# T\n\n## Frequently asked questions\n\n## Is vitamin D safe?\n\nYes, in normal doses.\n\n"
            "## How much do I need?\n\n10 micrograms.\n\n## Sources\n\nx\n\n## Is this another section?\n\nno\n")
    assert questions(text, "a.md", "en") == ["Is vitamin D safe?", "How much do I need?"]


def test_heading_at_end_after_separator_and_paragraph_questions():
    text = ("# T\n\n## Vitamin D: FAQ\n\n**Can I take it daily?**\n\nYes, most adults can.\n\n"
            "**Is it safe in pregnancy?**\n\nAsk your midwife.\n")
    assert questions(text, "a.md", "en") == ["Can I take it daily?", "Is it safe in pregnancy?"]


def test_question_sections_without_faq_heading_are_not_an_faq():
    text = "# T\n\n## Wat is magnesium?\n\nEen mineraal.\n\n## Hoeveel heb je nodig?\n\n300 mg.\n"
    assert faqs(text, "a.md") == []
    text = "# T\n\n## Why an FAQ page helps readers\n\n### Is it hard?\n\nNo.\n"
    assert faqs(text, "a.md", "en") == []


def test_details_summary_html_and_markdown():
    page = html_page("<h1>T</h1><details><summary>Is magnesium veilig?</summary><p>Ja, in normale doses.</p>"
                     "</details><details><summary>Hoeveel per dag?</summary>Ongeveer 300 mg.</details>")
    assert questions(page) == ["Is magnesium veilig?", "Hoeveel per dag?"]
    md = ("# T\n\n<details><summary>Can I take it daily?</summary>\n\nYes, most adults can.\n\n</details>\n\n"
          "<details><summary>Is it safe?</summary>\n\nIn normal doses.\n\n</details>\n")
    doc = parse(md, "a.md", "en")
    (found,) = faq_visible.visible(doc, PACKS)
    assert [(i.question, i.answer) for i in found.items] == [("Can I take it daily?", "Yes, most adults can."),
                                                             ("Is it safe?", "In normal doses.")]


def test_a_single_details_or_a_glossary_is_not_an_faq():
    assert faqs(html_page("<h1>T</h1><details><summary>Bronnen tonen</summary><p>x</p></details>")) == []
    glossary = "<dl><dt>RI</dt><dd>Referentie-inname</dd><dt>NRV</dt><dd>Nutrient reference value</dd></dl>"
    assert faqs(html_page("<h1>T</h1>" + glossary)) == []
    qa = "<dl><dt>Is het veilig?</dt><dd><p>Ja.</p></dd><dt>Hoeveel?</dt><dd>300 mg.</dd></dl>"
    assert questions(html_page("<h1>T</h1>" + qa)) == ["Is het veilig?", "Hoeveel?"]
    # under an FAQ heading, any <details> counts
    page = html_page("<h1>T</h1><h2>FAQ</h2><details><summary>Dosering</summary><p>300 mg.</p></details>")
    assert questions(page) == ["Dosering"]


YOAST = ('<div class="schema-faq wp-block-yoast-faq-block">'
         '<div class="schema-faq-section" id="faq-question-1"><strong class="schema-faq-question">'
         'Is magnesium veilig?</strong> <p class="schema-faq-answer">Ja, in normale doses.</p></div>'
         '<div class="schema-faq-section" id="faq-question-2"><strong class="schema-faq-question">'
         'Hoeveel per dag?</strong> <p class="schema-faq-answer">Ongeveer 300 mg.</p></div></div>')
RANK_MATH = ('<div id="rank-math-faq" class="rank-math-block"><div class="rank-math-list">'
             '<div id="faq-question-1" class="rank-math-list-item"><h3 class="rank-math-question">Can I take it '
             'daily?</h3><div class="rank-math-answer"><p>Yes, most adults can.</p></div></div>'
             '<div id="faq-question-2" class="rank-math-faq-item"><h3 class="rank-math-question">Is it safe?</h3>'
             '<div class="rank-math-answer"><p>In normal doses.</p></div></div></div></div>')


def test_yoast_and_rank_math_blocks():
    doc = parse(html_page("<h1>T</h1>" + YOAST))
    (found,) = faq_visible.visible(doc, PACKS)
    assert [(i.kind, i.question, i.answer) for i in found.items] == [
        ("yoast", "Is magnesium veilig?", "Ja, in normale doses."), ("yoast", "Hoeveel per dag?", "Ongeveer 300 mg.")]
    assert [(i.kind, i.question) for i in faqs(html_page("<h1>T</h1>" + RANK_MATH, "en"), lang="en")[0].items] == [
        ("rankmath", "Can I take it daily?"), ("rankmath", "Is it safe?")]


def test_sidebar_faq_is_visible_but_not_the_articles():
    """Decision (docs/rules/faq.md): an FAQ in <aside>, header, footer or an
    element whose class/id names a sidebar is page furniture."""
    side = ("<h2>Veelgestelde vragen</h2><h3>Hoe bestel ik?</h3><p>Via de webshop.</p>"
            "<h3>Wat kost verzending?</h3><p>Niets.</p>")
    article = "<h1>Magnesium</h1><p>Tekst over magnesium.</p>"
    for page in (html_page(f"<main>{article}</main><aside>{side}</aside>"),
                 html_page(f"<div class='content'>{article}</div><div id='sidebar'>{side}</div>"),
                 html_page(f"<div class='content'>{article}</div><div class='widget-area sidebar-primary'>{side}</div>")):
        assert questions(page, article=False) == ["Hoe bestel ik?", "Wat kost verzending?"]
        assert questions(page) == []


def test_visible_is_cached_per_document():
    doc = parse(html_page(NL_HEADINGS))
    assert faq_visible.visible(doc, PACKS) is faq_visible.visible(doc, PACKS)


# -- structured data ------------------------------------------------------------------
def ld(obj):
    body = obj if isinstance(obj, str) else json.dumps(obj, indent=1)
    return f'<script type="application/ld+json">{body}</script>\n'


QUESTION = {"@type": "Question", "name": "Is magnesium veilig?",
            "acceptedAnswer": {"@type": "Answer", "text": "Ja, in normale doses."}}
FAQPAGE = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [QUESTION]}


def test_jsonld_parsed_once_and_shared():
    doc = parse(html_page("<p>x</p>", head=ld(FAQPAGE) + ld({"@context": "https://schema.org", "@type": "Article"})))
    first = structured.jsonld(doc)
    assert first is structured.jsonld(doc)
    assert [value["@type"] for _, value in first] == ["FAQPage", "Article"]


@pytest.mark.parametrize("wrap", [
    lambda page: page,
    lambda page: [{"@context": "https://schema.org", "@type": "Article"}, page],
    lambda page: {"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, dict(page, **{"@context": None})]},
    lambda page: {"@context": "https://schema.org", "@type": "WebPage", "mainEntity": dict(page, **{"@context": None})},
    lambda page: dict(page, **{"@type": ["WebPage", "FAQPage"]}),
    lambda page: dict(page, mainEntity=QUESTION),
], ids=["single", "array", "graph", "nested-mainEntity", "type-list", "single-question"])
def test_faqpage_found_in_every_jsonld_shape(wrap):
    data = wrap(FAQPAGE)
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        data["@graph"][1].pop("@context")
    if isinstance(data, dict) and isinstance(data.get("mainEntity"), dict) and "@context" in data["mainEntity"]:
        data["mainEntity"].pop("@context")
    doc = parse(html_page("<p>x</p>", head=ld(data)))
    (markup,) = faq_markup.markup(doc)
    assert [(q.name, q.answer) for q in markup.questions] == [("Is magnesium veilig?", "Ja, in normale doses.")]
    assert invalid_messages(doc) == []


def test_yoast_graph_with_id_references():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": ["WebPage", "FAQPage"], "@id": "https://x.nl/a/", "mainEntity": [{"@id": "https://x.nl/a/#q1"}]},
        dict(QUESTION, **{"@id": "https://x.nl/a/#q1"})]}
    doc = parse(html_page("<p>x</p>", head=ld(graph)))
    (markup,) = faq_markup.markup(doc)
    assert markup.questions[0].name == "Is magnesium veilig?"
    assert markup.where(markup.questions[0].name_path) == "@graph[1].name"
    assert invalid_messages(doc) == []
    broken = json.loads(json.dumps(graph))
    broken["@graph"][0]["mainEntity"][0]["@id"] = "https://x.nl/a/#missing"
    messages = invalid_messages(parse(html_page("<p>x</p>", head=ld(broken))))
    assert len(messages) == 1 and "#missing" in messages[0]


def test_microdata_faqpage():
    body = ('<div itemscope itemtype="https://schema.org/FAQPage">'
            '<div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question">'
            '<h3 itemprop="name">Is magnesium veilig?</h3>'
            '<div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer">'
            '<p itemprop="text">Ja, in normale doses.</p></div></div></div>')
    doc = parse(html_page(body))
    (markup,) = faq_markup.markup(doc)
    assert markup.source == "microdata"
    assert [(q.name, q.answer) for q in markup.questions] == [("Is magnesium veilig?", "Ja, in normale doses.")]
    assert invalid_messages(doc) == []


def test_syntax_error_reported_at_exact_line_and_column():
    head = '<script type="application/ld+json">\n{\n  "@type": "FAQPage",\n  "mainEntity": [,]\n}\n</script>\n'
    text = html_page("<p>x</p>", head=head)
    (found,) = findings(lint(text, select=("faq-schema-invalid",)), "faq-schema-invalid")
    lines = text.splitlines()
    assert lines[found["line"] - 1] == '  "mainEntity": [,]'
    assert found["column"] == len('  "mainEntity": [') + 1
    assert "invalid JSON" in found["message"]


def test_syntax_error_position_in_indented_markdown_block():
    text = "# T\n\n- item\n\n  <script type=\"application/ld+json\">\n  {\"@type\": \"FAQPage\",\n   oops}\n  </script>\n"
    (found,) = findings(lint(text, "a.md", select=("faq-schema-invalid",)), "faq-schema-invalid")
    assert (found["line"], found["column"]) == (7, 4)


def test_hostile_deep_nesting_and_huge_scripts_do_not_crash():
    deep = "[" * 10000 + "]" * 10000
    result = lint(html_page("<p>x</p>", head=ld(deep)), select=("faq",))
    (found,) = findings(result, "faq-schema-invalid")
    assert "nested too deeply" in found["message"]
    assert not findings(result, "internal-error")
    deep_obj = '{"@type": "FAQPage", "mainEntity": ' + '{"a": ' * 900 + "1" + "}" * 900 + "}"
    result = lint(html_page("<p>x</p>", head=ld(deep_obj)), select=("faq",))
    assert not findings(result, "internal-error")
    doc = parse(html_page("<p>x</p>", head=ld('{"x": "' + "a" * (structured.MAX_SCRIPT + 1) + '"}')))
    (_, value), = structured.jsonld(doc)
    assert isinstance(value, structured.JsonLdError) and value.kind == "too-large"


def test_locate_json_path():
    body = '{"a": [1, {"b": "x\\"}"}, [2]], "c": {"d": null}, "a": [0, {"b": "last"}]}'
    start, end = structured.locate_in_body(body, ("a", 1, "b"))
    assert body[start:end] == '"last"'  # the last duplicate key wins, as in json.loads
    assert structured.locate_in_body(body, ("c", "d")) is not None
    assert structured.locate_in_body(body, ("nope",)) is None


def test_validation_names_path_and_problem():
    bad = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        QUESTION, {"@type": "Question", "name": "Hoeveel?"},
        {"@type": "Question", "name": "Wanneer?", "acceptedAnswer": {"@type": "Answer", "text": "  "}}]}
    text = html_page("<p>x</p>", head=ld(bad))
    messages = invalid_messages(parse(text))
    assert any("mainEntity[1]" in m and '"acceptedAnswer"' in m and "missing" in m for m in messages)
    assert any("mainEntity[2].acceptedAnswer.text" in m and "empty" in m for m in messages)
    assert len(messages) == 2


def test_schema_validates_generated_markup_and_rejects_broken():
    check = Draft202012Validator(SCHEMA)
    Draft202012Validator.check_schema(SCHEMA)
    assert not list(check.iter_errors(FAQPAGE))
    assert list(check.iter_errors({"@type": "FAQPage", "mainEntity": []}))
    assert list(check.iter_errors({"@type": "FAQPage", "mainEntity": [{"@type": "Question", "name": "x"}]}))


def test_normalise_ignores_tags_entities_whitespace_and_case():
    assert faq_visible.normalise("Magnesium <strong>&amp;</strong>\n  vitamine&nbsp;B6:<br>samen", markup=True) == \
        faq_visible.normalise("magnesium & Vitamine B6 samen")
    assert faq_visible.question_key("1. Is het veilig?") == faq_visible.question_key("Is het veilig")


# -- generation, the command and --fix -------------------------------------------------------
def test_faq_schema_command_output_validates(tmp_path):
    code, out, _ = run("faq-schema", str(ROOT / "examples" / "magnesium-tekort.html"))
    assert code == 0
    data = json.loads(out)
    assert not list(Draft202012Validator(SCHEMA).iter_errors(data))
    assert [q["name"] for q in data["mainEntity"]][0] == "Hoe weet ik of ik een magnesium tekort heb?"
    assert data["mainEntity"][2]["acceptedAnswer"]["text"].startswith("Veel mensen nemen het \u2019s avonds in")
    code, out, _ = run("faq-schema", "--script", str(ROOT / "examples" / "magnesium-tekort.html"))
    assert out.startswith('<script type="application/ld+json">\n{') and out.rstrip().endswith("</script>")


def test_faq_schema_command_without_faq_exits_1(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("# Vitamin D\n\nNo questions here.\n")
    code, out, err = run("faq-schema", str(page), "--lang", "en")
    assert code == 1 and out == "" and "no visible FAQ" in err


def test_generated_answers_keep_lists_as_simple_html():
    doc = parse(html_page(NL_HEADINGS))
    data = faq_generate.generate(doc, PACKS)
    assert data["mainEntity"][1]["acceptedAnswer"]["text"] == "<p>Bij de maaltijd.</p><ul><li>Ook 's avonds kan.</li></ul>"


def test_script_text_cannot_close_the_script():
    data = {"@type": "FAQPage", "mainEntity": [{"name": "</script><script>alert(1)</script> <!--"}]}
    text = faq_generate.script_element(data)
    assert text.lower().count("</script") == 1 and "<!--" not in text
    assert json.loads(faq_generate.dumps(data)) == data


def _round_trip(tmp_path, name):
    original = (ROOT / "examples" / name).read_bytes() if (ROOT / "examples" / name).exists() else None
    target = tmp_path / name
    if original is not None:
        shutil.copy(ROOT / "examples" / name, target)
    before = target.read_text()
    code, out, err = run("check", "--fix", "--select", "faq", "--format", "json", str(target))
    first = json.loads(out)["files"][0]
    assert not [f["rule"] for f in first["findings"] if f["fix"]]  # the report is of the file as written
    assert "fixed 1 finding in" in err
    after = target.read_text()
    code, out, _ = run("check", "--select", "faq", "--format", "json", str(target))
    second = json.loads(out)["files"][0]
    rules = {f["rule"] for f in second["findings"]}
    assert "faq-schema-missing" not in rules and "faq-schema-mismatch" not in rules
    assert "faq-schema-invalid" not in rules
    return before, after


def test_fix_round_trip_html(tmp_path):
    before, after = _round_trip(tmp_path, "magnesium-tekort.html")
    start = after.index('<script type="application/ld+json">')
    end = after.index("</script>\n", start) + len("</script>\n")
    assert after[:start] + after[end:] == before  # nothing else changed
    assert after[end:].startswith("</head>")
    assert not list(Draft202012Validator(SCHEMA).iter_errors(json.loads(after[start:end].split(">", 1)[1][:-10])))


def test_fix_round_trip_markdown_and_crlf(tmp_path):
    text = ("---\ntitle: Magnesium\nlang: nl\n---\n# Magnesium\n\nIntro.\n\n## Veelgestelde vragen\n\n"
            "### Is magnesium &amp; B6 veilig?\n\nJa, *in* normale doses.\n\n- Let op bij nierziekte.\n- Overleg.\n\n"
            "### Hoeveel per dag?\n\nOngeveer 300 mg.")
    for name, content in (("a.md", text), ("b.md", text.replace("\n", "\r\n"))):
        (tmp_path / name).write_bytes(content.encode())
        before, after = _round_trip(tmp_path, name)
        raw = (tmp_path / name).read_bytes().decode()
        assert raw.startswith(content)
        newline = "\r\n" if "\r\n" in content else "\n"
        assert raw[len(content):].startswith(newline * 2 + '<script type="application/ld+json">')
        assert raw.endswith("</script>" + newline)


@pytest.mark.parametrize("node", [
    FAQPAGE,
    dict(FAQPAGE, mainEntity=QUESTION),
    dict(FAQPAGE, **{"@type": ["WebPage", "https://schema.org/FAQPage"]}),
    dict(FAQPAGE, mainEntity=[]),
    dict(FAQPAGE, mainEntity=[dict(QUESTION, name=" ")]),
    dict(FAQPAGE, mainEntity=[dict(QUESTION, acceptedAnswer=[])]),
    dict(FAQPAGE, mainEntity=[dict(QUESTION, acceptedAnswer={"@type": "Answer", "text": 3})]),
    dict(FAQPAGE, mainEntity=[dict(QUESTION, **{"@type": "schema:Question"})]),
    dict(FAQPAGE, mainEntity=[dict(QUESTION, **{"@type": ["Thing"]})]),
    dict(FAQPAGE, mainEntity=["Is magnesium veilig?"]),
])
def test_quick_check_never_passes_what_the_schema_rejects(node):
    assert faq_markup.obviously_valid(node) == (not list(Draft202012Validator(SCHEMA).iter_errors(node)))


# -- issue 13: FAQ patterns as readers see them -----------------------------------------
def test_bold_question_paragraphs_under_an_faq_heading():
    md = ("# Magnesium\n\n## Veelgestelde vragen\n\n**Hoe lang duurt het?**\n\nEen paar weken.\n\n"
          "**Is het veilig?**\n\nMeestal wel.\n")
    assert questions(md, "a.md") == ["Hoe lang duurt het?", "Is het veilig?"]
    assert questions(md.replace("Veelgestelde vragen", "Dosering"), "a.md") == []


def test_question_headings_mixed_with_details():
    md = ("# Magnesium\n\n## Veelgestelde vragen\n\n### Hoe lang duurt het?\n\nEen paar weken.\n\n"
          "<details><summary>Is het veilig?</summary>\n\nMeestal wel.\n\n</details>\n\n### Hoeveel?\n\n300 mg.\n")
    assert questions(md, "a.md") == ["Hoe lang duurt het?", "Is het veilig?", "Hoeveel?"]
    page = ("<h1>M</h1><h2>Veelgestelde vragen</h2><h3>Hoe lang duurt het?</h3><p>Een paar weken.</p>"
            "<details><summary>Is het veilig?</summary><p>Meestal wel.</p></details>")
    doc = parse(page)
    items = faq_visible.article_items(doc, PACKS)
    assert [(it.question, it.answer) for it in items] == [("Hoe lang duurt het?", "Een paar weken."),
                                                          ("Is het veilig?", "Meestal wel.")]


def test_accordion_questions_are_an_faq():
    page = ('<h1>M</h1><h2>Veelgestelde vragen</h2><div class="accordion"><h3 class="accordion-header">'
            '<button class="accordion-button">Is het veilig?</button></h3><div class="accordion-body">'
            "<p>Meestal wel.</p></div></div>")
    assert questions(page) == ["Is het veilig?"]


RDFA_FAQ = ('<html><head><meta property="og:title" content="Magnesium"></head><body><h1>M</h1>'
            '<div vocab="https://schema.org/" typeof="FAQPage"><div property="mainEntity" typeof="Question">'
            '<h3 property="name">Is het veilig?</h3><div property="acceptedAnswer" typeof="Answer">'
            '<p property="text">Meestal wel.</p></div></div></div></body></html>')


def test_rdfa_faqpage_is_read_as_markup():
    doc = parse(RDFA_FAQ)
    found = faq_markup.markup(doc)
    assert [[(q.name, q.answer) for q in m.questions] for m in found] == [[("Is het veilig?", "Meestal wel.")]]
    assert faq_markup.has_faqpage(doc, PACKS)


def test_open_graph_property_is_not_rdfa_outside_an_item():
    doc = parse('<html><head><meta property="og:title" content="x"></head><body><p property="name">x</p></body></html>')
    assert doc.microdata == [] and faq_markup.markup(doc) == []


def test_rdfa_faqpage_is_not_reported_missing():
    from helpers import findings, lint

    page = RDFA_FAQ.replace('<div vocab', '<h2>Veelgestelde vragen</h2><div vocab')
    assert questions(page) == ["Is het veilig?"]
    rules = ("faq-schema-missing", "faq-schema-mismatch", "faq-schema-orphan")
    assert [f["rule"] for f in lint(page, "a.html", select=rules)["findings"]] == []
    without_rdfa = page.replace(' typeof="FAQPage"', "")
    assert findings(lint(without_rdfa, "a.html", select=rules), "faq-schema-missing")

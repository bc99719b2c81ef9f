"""integrity-* rules: what they must flag and close cases they must not."""

from helpers import findings, html_page, lint, quoted


def fired(text, rule, path="a.html", lang=None):
    return findings(lint(text, path, select=(rule,), lang=lang), rule)


def test_artifact_reference_to_unseen_pdf_nl():
    text = html_page("<h1>T</h1><p>Volgens de PDF die je stuurde is 400 mg genoeg.</p>")
    found = fired(text, "integrity-generation-artifact")
    assert len(found) == 1 and quoted(text, found[0]).lower().startswith("volgens de pdf")


def test_artifact_en_assistant_boilerplate_and_template_gaps():
    text = ("# Vitamin D\n\nAs an AI language model, I cannot give advice.\n\n"
            "Take [insert dosage] daily. Lorem ipsum dolor sit amet.\n")
    found = fired(text, "integrity-generation-artifact", "a.md", lang="en")
    assert len(found) >= 3


def test_artifact_todo_in_code_is_not_flagged_but_in_prose_is():
    code = "# T\n\n```\nTODO: remove\n```\n\nNormal text with `TODO` in code.\n"
    assert not fired(code, "integrity-generation-artifact", "a.md")
    html_code = html_page("<h1>T</h1><pre><code>TODO fix</code></pre><p>Gewone tekst.</p>")
    assert not fired(html_code, "integrity-generation-artifact")
    assert fired("# T\n\nTODO: bron toevoegen.\n", "integrity-generation-artifact", "a.md")


def test_artifact_not_for_ordinary_mentions_of_documents():
    text = html_page("<h1>T</h1><p>Download de brochure van het Voedingscentrum als pdf.</p>")
    assert not fired(text, "integrity-generation-artifact")


def test_artifact_in_meta_description():
    head = '<meta name="description" content="Lorem ipsum dolor sit amet over magnesium">\n'
    text = html_page("<h1>T</h1><p>Tekst.</p>", head=head)
    found = fired(text, "integrity-generation-artifact")
    assert found and found[0]["line"] == 5


def test_mixed_script_cyrillic_lookalike():
    word = "botgezondheidsket\u0435\u043d"
    text = html_page(f"<h1>T</h1><p>Goed voor je {word}.</p>")
    found = fired(text, "integrity-mixed-script")
    assert len(found) == 1 and quoted(text, found[0]) == word
    assert "U+0435" in found[0]["message"] and "Cyrillic" in found[0]["message"]


def test_mixed_script_greek_lookalike_in_heading():
    text = "# Vit\u03b1mine D\n\nTekst.\n"
    assert fired(text, "integrity-mixed-script", "a.md")


def test_mixed_script_not_for_russian_quotation_or_units():
    text = html_page('<h1>T</h1><blockquote><p>Он сказал: <q lang="ru">магний помогает</q>.</p></blockquote>'
                     "<p>Neem 25 \u03bcg vitamine D of 10 \u00b5g, en \u03b2-caroteen uit wortels.</p>")
    assert not fired(text, "integrity-mixed-script")

"""heading-* rules: what they must flag and close cases they must not."""

from helpers import findings, html_page, lint, quoted


def fired(text, rule, path="a.html"):
    return findings(lint(text, path, select=(rule,)), rule)


def test_h1_missing_flags_html_without_h1():
    assert fired(html_page("<h2>Wat doet magnesium?</h2><p>Tekst.</p>"), "heading-h1-missing")


def test_h1_missing_not_for_markdown_with_front_matter_title():
    md = "---\ntitle: Magnesium uitgelegd\n---\n## Wat doet magnesium?\n\nTekst.\n"
    assert not fired(md, "heading-h1-missing", "a.md")
    assert fired("## Wat doet magnesium?\n\nTekst.\n", "heading-h1-missing", "a.md")


def test_h1_multiple_flags_the_second():
    text = html_page("<h1>Magnesium</h1><p>x</p><h1>Magnesium in voeding</h1>")
    found = fired(text, "heading-h1-multiple")
    assert len(found) == 1 and quoted(text, found[0]) == "Magnesium in voeding"
    assert not fired(html_page("<h1>Magnesium</h1><h2>Magnesium in voeding</h2>"), "heading-h1-multiple")


def test_level_skip():
    text = "# Titel\n\n## Symptomen\n\n#### Spierkrampen\n\n### Vermoeidheid\n"
    found = fired(text, "heading-level-skip", "a.md")
    assert [f["line"] for f in found] == [5]
    assert not fired("# Titel\n\n## Een\n\n### Twee\n\n## Drie\n\n### Vier\n", "heading-level-skip", "a.md")


def test_level_skip_ignores_sidebar_headings():
    text = html_page("<main><h1>Titel</h1><h2>Sectie</h2><p>x</p></main><aside><h4>Populair</h4></aside>")
    assert not fired(text, "heading-level-skip")


def test_duplicate_normalises_case_accents_and_punctuation():
    text = "# Titel\n\n## Onze tip\n\ntekst\n\n## Onze Tip!\n\n## Onze tip voor sporters\n"
    found = fired(text, "heading-duplicate", "a.md")
    assert [f["line"] for f in found] == [7]
    assert "line 3" in found[0]["message"]
    assert not fired("# Titel\n\n## Café\n\n## Cafeïne\n", "heading-duplicate", "a.md")


def test_empty_heading():
    text = html_page("<h1>Titel</h1><h2></h2><h2> <img src='x.png' alt=''> </h2>")
    assert len(fired(text, "heading-empty")) == 2
    assert not fired(html_page("<h1>Titel</h1><h2>Kop <em>met</em> tekst</h2>"), "heading-empty")


def test_too_long():
    long_heading = "Waarom magnesium zo belangrijk is voor je spieren, je zenuwen, je slaap en je energie"
    assert len(long_heading) > 70
    assert fired(f"# T\n\n## {long_heading}\n", "heading-too-long", "a.md")
    assert not fired("# T\n\n## Magnesium voor spieren en zenuwen in het dagelijks leven van nu\n",
                     "heading-too-long", "a.md")


def test_text_gap():
    paragraph = " ".join(["woord"] * 120) + "."
    long_stretch = "# T\n\n## Sectie\n\n" + "\n\n".join([paragraph] * 3) + "\n"
    found = fired(long_stretch, "heading-text-gap", "a.md")
    assert len(found) == 1 and found[0]["line"] == 5
    broken_up = "# T\n\n## A\n\n" + paragraph + "\n\n## B\n\n" + paragraph + "\n\n### C\n\n" + paragraph + "\n"
    assert not fired(broken_up, "heading-text-gap", "a.md")


def test_text_gap_threshold_is_configurable():
    paragraph = " ".join(["woord"] * 120) + "."
    text = "# T\n\n" + paragraph + "\n"
    assert fired(text, "heading-text-gap", "a.md") == []
    found = findings(lint(text, "a.md", select=("heading-text-gap",),
                          options=(("heading-text-gap", (("max_words", 100),)),)), "heading-text-gap")
    assert found


def test_front_matter_title_is_the_h1_for_every_heading_rule():
    with_title = "---\ntitle: Magnesium uitgelegd\n---\n"
    # a body H1 is the page's H1 (the theme shows it instead of the title): one H1, no second
    assert not fired(with_title + "# Magnesium\n\n## Wat doet het?\n", "heading-h1-multiple", "a.md")
    assert [f["line"] for f in fired(with_title + "### Dosering\n", "heading-level-skip", "a.md")] == [4]
    assert not fired(with_title + "## Dosering\n", "heading-level-skip", "a.md")

"""readability-* rules in Dutch and English: what they must flag and close cases they must not."""

from helpers import findings, html_page, lint, quoted

NL_EASY = " ".join(["Magnesium zit in noten. Je lichaam heeft het nodig. Eet elke dag wat zaden."] * 12)
NL_HARD = " ".join([
    "De gastro-intestinale absorptiecapaciteit van magnesiumverbindingen wordt aanzienlijk beïnvloed door "
    "farmacologische interacties met protonpompremmers, diuretica en bepaalde antibiotica, waardoor "
    "suppletie bij specifieke patiëntenpopulaties individuele medische begeleiding vereist."] * 6)
EN_EASY = " ".join(["The sun helps your skin make vitamin D. Fish and eggs have some too. Most people get enough."] * 10)
EN_HARD = " ".join([
    "Epidemiological investigations consistently demonstrate that insufficient circulating "
    "25-hydroxyvitamin D concentrations are associated with considerably elevated susceptibility to "
    "musculoskeletal complications, particularly among institutionalised elderly individuals."] * 6)


def fired(text, rule, path="a.html", lang=None, **kw):
    return findings(lint(text, path, select=(rule,), lang=lang, **kw), rule)


def test_score_nl_and_en():
    assert "Flesch-Douma" in fired(html_page(f"<p>{NL_HARD}</p>"), "readability-score")[0]["message"]
    assert not fired(html_page(f"<p>{NL_EASY}</p>"), "readability-score")
    found = fired(html_page(f"<p>{EN_HARD}</p>", lang="en"), "readability-score")
    assert found and "Flesch reading ease" in found[0]["message"]
    assert not fired(html_page(f"<p>{EN_EASY}</p>", lang="en"), "readability-score")


def test_score_in_report_stats_and_not_for_short_texts():
    stats = lint(html_page(f"<p>{EN_EASY}</p>", lang="en"), select=("readability-score",))["stats"]
    assert 70 < stats["flesch"] <= 100 and stats["long_sentence_share"] == 0
    result = lint(html_page(f"<p>{NL_HARD[:200]}</p>"), select=("readability-score",))
    assert "readability-score" in result["rules"]["not_applicable"]


def test_quotes_do_not_count():
    page = html_page(f"<p>{NL_EASY}</p><blockquote><p>{NL_HARD}</p></blockquote>")
    assert not fired(page, "readability-score")
    assert not fired(page, "readability-long-sentences")


def test_long_sentences_nl_en():
    page = html_page(f"<p>{NL_HARD}</p><p>Eet noten. Eet zaden.</p>")
    found = fired(page, "readability-long-sentences")
    assert found and "6 of 8 sentences" in found[0]["message"]
    assert quoted(page, found[0]).startswith("De gastro-intestinale") and quoted(page, found[0]).endswith("vereist.")
    assert not fired(html_page(f"<p>{NL_EASY}</p>"), "readability-long-sentences")
    # exactly at the limit: 1 long sentence of 4 = 25 % is fine
    en = ("<p>Epidemiological investigations consistently demonstrate that insufficient circulating vitamin D "
          "concentrations are associated with considerably elevated susceptibility to complications in older "
          "people. Eat fish. Get sun. Take a test.</p>")
    assert not fired(html_page(en, lang="en"), "readability-long-sentences")
    assert fired(html_page(en.replace(" Take a test.", ""), lang="en"), "readability-long-sentences")


def test_long_paragraphs_nl_en():
    long_nl = " ".join(["Je lichaam gebruikt magnesium voor je spieren en je zenuwen."] * 16)  # 160 words
    page = html_page(f"<p>{long_nl}</p><p>{long_nl[:300]}</p>")
    found = fired(page, "readability-long-paragraphs")
    assert len(found) == 1 and "160 words" in found[0]["message"]
    assert quoted(page, found[0]) == "Je lichaam gebruikt magnesium voor je spieren en je zenuwen."
    long_en = " ".join(["Your body uses vitamin D for strong bones and muscles."] * 15)  # 150 words: fine
    assert not fired(html_page(f"<p>{long_en}</p>", lang="en"), "readability-long-paragraphs")
    assert fired(html_page(f"<p>{long_en} Really.</p>", lang="en"), "readability-long-paragraphs")

"""Rule packs: the phrase dialect, matching semantics and pack validation."""

import pytest

from healthlint.errors import PackError
from healthlint.packs import PhraseSet, PhraseSyntaxError, load_pack_file, load_packs, parse_phrase
from healthlint.text import fold


def found(phrases, text):
    ps = PhraseSet("t", phrases)
    return [text[s:e] for s, e in ps.matches(text)]


def test_words_match_whole_words_case_and_accent_insensitively():
    assert found(["studies tonen aan"], "Studies TONEN aan dat.") == ["Studies TONEN aan"]
    assert found(["cafe"], "Een café, geen cafetaria.") == ["café"]
    assert found(["aan"], "aanvullend") == []


def test_wildcards_groups_optional_words_and_gaps():
    phrases = ["aangetoond*", "*ziekte", "(studie|onderzoek) (toont|laat) {3} zien", "raadpleeg (je|uw|) arts"]
    text = "Het is aangetoonde kennis over hartziekte. Onderzoek laat heel duidelijk zien. Raadpleeg arts of raadpleeg uw arts."
    assert found(phrases, text) == ["aangetoonde", "hartziekte", "Onderzoek laat heel duidelijk zien",
                                    "Raadpleeg arts", "raadpleeg uw arts"]


def test_a_gap_does_not_cross_a_sentence():
    assert found(["onderzoek {3} zien"], "Onderzoek loopt. We zien het.") == []


def test_phrases_sharing_a_first_word_each_match_where_their_rest_does():
    # "klik" starts both phrases: one pattern for both rests gates them, and each
    # phrase still matches only where its own rest does
    phrases = ["klik {1} hier", "klik {2} nu", "*klik"]
    text = "Klik gauw hier of klik maar snel nu, niet klik daar, wel dubbelklik."
    assert found(phrases, text) == ["Klik gauw hier", "klik maar snel nu", "klik", "dubbelklik"]


def test_punctuation_in_phrases_is_literal():
    phrases = ["[insert", "#ad", "e.g.", "100% natuurlijk"]
    assert found(phrases, "Neem [insert dosis] #ad, e.g. dit: 100% natuurlijk") == ["[insert", "#ad", "e.g.",
                                                                                   "100% natuurlijk"]
    # other punctuation in the same place is not the phrase
    assert found(["[your"], "Klaar. Your body needs it.") == []
    assert found(["#ad"], "zie: ad hoc") == []


def test_longest_match_wins_and_matches_do_not_overlap():
    assert found(["vitamine", "vitamine d"], "Vitamine D en vitamine C") == ["Vitamine D", "vitamine"]


def test_a_part_of_a_scanned_text_finds_what_scanning_the_part_alone_finds():
    # the body of a page is a run of its blocks: its matches come from the page's scan
    phrases = PhraseSet("t", ["(koop|bestel) {4} (hier|nu)", "koop nu", "klik hier voor de beste deal", "beste deal",
                              "*ziekte", "vitamine*"])
    blocks = ["Menu hartziekte", "Koop nu bij Amazon", "Klik hier voor de beste deal", "vitamine"]
    text = fold(" ".join(blocks))
    lo = len(blocks[0]) + 1
    for hi in (lo + len(blocks[1]), lo + len(blocks[1]) + 1 + len(blocks[2])):
        alone = [(s + lo, e + lo, i) for s, e, i in PhraseSet("t", phrases.phrases).hits(text[lo:hi])]
        assert phrases.hits_in_part(text, lo, hi) == alone
    # the whole text runs the gap phrase on into the next block; cut at the
    # part's end, it is matched again and finds the shorter "koop nu"
    assert [text[s:e] for s, e, _ in phrases.hits(text)] == [
        "hartziekte", "koop nu bij amazon klik hier", "beste deal", "vitamine"]
    part = phrases.hits_in_part(text, lo, lo + len(blocks[1]))
    assert [text[s:e] for s, e, _ in part] == ["koop nu"]


def test_fullmatch_and_which():
    ps = PhraseSet("t", ["klik hier", "lees meer"])
    assert ps.fullmatch("Klik hier!") and not ps.fullmatch("klik hier voor de deal")
    assert ps.which("lees meer") == [1]


@pytest.mark.parametrize("bad", ["*", "a*b", "(a|(b))", "(a|b", "{9} x", "x " * 120,
                                 "(a|b|c|d|e|f|g|h) (a|b|c|d|e|f|g|h) (a|b)"])
def test_invalid_phrases_are_rejected(bad):
    with pytest.raises(PhraseSyntaxError):
        parse_phrase(bad)


def test_bundled_packs_load_and_have_both_languages():
    packs = load_packs()
    for name in ("evidence", "disease_verbs", "disclosure", "cta", "faq_headings", "stopwords"):
        assert packs.phrases("nl", name) and packs.phrases("en", name), name
    assert packs.neutral["networks"] and packs.neutral["nutrients"]


def test_broken_pack_names_file_and_json_path(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text("version: 1\nname: house\nlang: nl\nlists:\n  evidence:\n    rules: [claim-unknown]\n    phrases: [a]\n")
    with pytest.raises(PackError, match=r"house\.yaml: /lists/evidence/rules/0"):
        load_pack_file(pack)
    pack.write_text("version: 1\nname: house\nlang: nl\nlists:\n  evidence:\n    rules: [claim-absolute]\n    phrases: ['a*b']\n")
    with pytest.raises(PackError, match=r"/lists/evidence/phrases/0"):
        load_pack_file(pack)
    pack.write_text("version: 1\nname: house\nlang: nl\nextra: 1\n")
    with pytest.raises(PackError, match="extra"):
        load_pack_file(pack)
    pack.write_text("version: 1\nname: [\n")
    with pytest.raises(PackError, match=r"house\.yaml:\d+:\d+: invalid YAML"):
        load_pack_file(pack)


def test_extra_pack_from_config_adds_phrases(tmp_path):
    from helpers import findings, lint

    pack = tmp_path / "house.yaml"
    pack.write_text("version: 1\nname: house\nlang: nl\nlists:\n  absolute:\n    rules: [claim-absolute]\n"
                    "    phrases: ['superfood van de eeuw']\n")
    text = '<html lang="nl"><body><h1>T</h1><p>Dit is het superfood van de eeuw.</p></body></html>'
    assert not findings(lint(text, select=("claim-absolute",)), "claim-absolute")
    result = lint(text, select=("claim-absolute",), extra_packs=(str(pack),))
    assert findings(result, "claim-absolute")


def _sources(node, where=""):
    """Every `source` value in a pack, with its JSON path."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                yield f"{where}/source", value
            else:
                yield from _sources(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _sources(value, f"{where}/{i}")


def test_pack_sources_cite_what_a_reader_can_open():
    """A source names a regulation, a URL or says it is a heuristic; it never
    points at a file outside this repository (research notes, a search tool)."""
    from pathlib import Path

    import yaml

    rules = Path(__file__).resolve().parent.parent / "rules"
    outside = ("shared/", "facts/", "regulatory.md", "find_string", "/work/")
    problems = []
    for path in sorted(rules.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        problems += [f"{path.name}: mentions {word!r}" for word in outside if word in text]
        for where, source in _sources(data):
            legal = path.name == "claims-register.yaml" or "Reg." in source or "art." in source
            if legal and "https://" not in source:
                problems.append(f"{path.name}{where}: a legal source without the URL of its text: {source!r}")
    assert not problems, "\n".join(problems)


def test_one_pack_can_hold_a_list_per_language(tmp_path):
    """A rule's lists side by side in one file (what `healthlint.dev new-rule` writes)."""
    pack = tmp_path / "superlatives.yaml"
    pack.write_text("version: 1\nname: superlatives\nlang: any\nlists:\n  absolute:\n    rules: [claim-absolute]\n"
                    "    phrases:\n      nl: ['beste ter wereld']\n      en: ['best in the world', 'unbeatable']\n")
    packs = load_packs([pack])
    assert "beste ter wereld" in packs.phrases("nl", "absolute").phrases
    assert "beste ter wereld" not in packs.phrases("en", "absolute").phrases
    assert {"best in the world", "unbeatable"} <= set(packs.phrases("en", "absolute").phrases)
    assert str(pack) in packs.list_files["en"]["absolute"]


def test_phrases_per_language_need_a_lang_any_pack_and_valid_phrases(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text("version: 1\nname: house\nlang: nl\nlists:\n  absolute:\n    rules: [claim-absolute]\n"
                    "    phrases:\n      nl: [a]\n")
    with pytest.raises(PackError, match=r"house\.yaml: /lists/absolute/phrases: phrases per language need lang: any"):
        load_pack_file(pack)
    pack.write_text("version: 1\nname: house\nlang: any\nlists:\n  absolute:\n    rules: [claim-absolute]\n"
                    "    phrases:\n      nl: [a]\n      en: [b, 'c*d']\n")
    with pytest.raises(PackError, match=r"house\.yaml: /lists/absolute/phrases/en/1: '\*' must stand"):
        load_pack_file(pack)
    pack.write_text("version: 1\nname: house\nlang: any\nlists:\n  absolute:\n    rules: [claim-absolute]\n"
                    "    phrases:\n      de: [a]\n")
    with pytest.raises(PackError, match=r"house\.yaml: /lists/absolute/phrases"):
        load_pack_file(pack)

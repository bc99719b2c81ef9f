"""Readability core: syllable counting and the Flesch reading-ease formulas.

English: Flesch reading ease. Dutch: Flesch-Douma. Both are computed here from counts,
without textstat (textstat >= 0.7.9 imports nltk and fetches the CMU dictionary at run time,
which fails offline and costs ~180 ms to import; see shared/perf-limits.md, section 4).

* Dutch syllables come from pyphen hyphenation points + 1 (what textstat does for ``nl``).
  The Pyphen dictionary is loaded lazily, once, on the first Dutch word (~50 ms).
* English syllables come from a deterministic rule-based counter (vowel groups plus
  corrections for silent e, -le/-re, -ed/-es endings, y as a vowel and vowel hiatus). It is
  tuned against CMU dictionary counts and Yoast SEO's English counter; see
  docs/comparison/yoast/yoast-figures.md for the measured agreement.

The engine is expected to call :func:`count_syllables` over the words of a text and then
:func:`flesch` with the totals. Nothing here imports nltk or textstat.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from typing import Iterable

__all__ = ["FORMULAS", "count_syllables", "flesch", "syllables"]

# (base, weight of words per sentence, weight of syllables per word)
FORMULAS: dict[str, tuple[float, float, float]] = {
    # Flesch, R. (1948). "A new readability yardstick". Journal of Applied Psychology 32(3):
    # 221-233. RE = 206.835 - 1.015 * (words/sentences) - 84.6 * (syllables/word).
    # Yoast SEO uses the same constants (languages/en/helpers/calculateFleschReadingScore.js).
    "en": (206.835, 1.015, 84.6),
    # Douma, W.H. (1960). "De leesbaarheid van landbouwbladen", Wageningen: the Dutch
    # adaptation, RE = 206.835 - 0.93 * (words/sentences) - 77 * (syllables/word).
    # textstat's LANG_CONFIGS["nl"] ("Flesch-Douma") uses these values; Yoast SEO uses
    # 206.84 - 0.77 * (syllables per 100 words) - 0.93 * (words/sentence), the same formula
    # (languages/nl/helpers/calculateFleschReadingScore.js).
    "nl": (206.835, 0.93, 77.0),
}


def flesch(words: int, sentences: int, syllable_total: int, lang: str) -> float | None:
    """Flesch reading ease (``en``) or Flesch-Douma (``nl``) from counts.

    Returns None when there are no words or no sentences. The value is not clamped
    (Yoast clamps to 0..100 for display; the caller may do the same).
    """
    if words <= 0 or sentences <= 0:
        return None
    base, per_sentence, per_syllable = FORMULAS[_lang(lang)]
    return base - per_sentence * (words / sentences) - per_syllable * (syllable_total / words)


def count_syllables(words: Iterable[str], lang: str) -> int:
    """Total syllables of already-lowercased words (cached per word)."""
    lang = _lang(lang)
    return sum(map(_syllables_cached, words, repeat(lang)))


def syllables(word: str, lang: str) -> int:
    """Syllables in one lowercase word; >= 1 if it contains a letter, 0 otherwise."""
    return _syllables_cached(word, _lang(lang))


def _lang(lang: str) -> str:
    code = lang[:2].lower()
    if code not in FORMULAS:
        raise ValueError(f"unsupported language {lang!r}; expected 'nl' or 'en'")
    return code


@lru_cache(maxsize=65536)
def _syllables_cached(word: str, lang: str) -> int:
    parts = _LETTER_RUN.findall(word)
    if not parts:
        return 0
    count = _dutch if lang == "nl" else _english
    return sum(count(p) for p in parts)


# Runs of letters: hyphens, apostrophes, digits and slashes separate parts
# ("evidence-based" = evidence + based, "vitamine-d" = vitamine + d).
_LETTER_RUN = re.compile(r"[^\W\d_]+")

# --------------------------------------------------------------------------- Dutch

_pyphen_nl = None


def _hyphenator():
    global _pyphen_nl
    if _pyphen_nl is None:
        import pyphen  # deferred: importing and loading the nl dictionary costs ~80 ms

        _pyphen_nl = _cached_dictionary(pyphen) or pyphen.Pyphen(lang="nl_NL")
    return _pyphen_nl


def _cached_dictionary(pyphen):
    """pyphen's Dutch patterns from a JSON copy in the user cache: parsing the
    .dic file is most of a one-file run's readability cost. The copy is keyed
    by pyphen's version and the dictionary file, checked for shape before use,
    and rebuilt whenever anything about it is off; it only ever holds data."""
    import json

    from healthlint.cache import make_private_folder
    from healthlint.resources import user_cache_dir
    from healthlint.safe_write import atomic_write_bytes

    try:
        source = pyphen.LANGUAGES["nl_NL"]
        stat = source.stat()
        version = getattr(pyphen, "__version__", "0")
        cache = user_cache_dir() / f"pyphen-nl_NL-{version}-{stat.st_size}-{stat.st_mtime_ns}.json"
        hd = object.__new__(pyphen.HyphDict)
        try:
            data = json.loads(cache.read_bytes())
            patterns = {key: (start, tuple(values)) for key, (start, values) in data.items()}
            if not all(isinstance(k, str) and isinstance(v[0], int) and all(isinstance(x, int) for x in v[1])
                       for k, v in patterns.items()):
                raise ValueError("unexpected pattern data")
        except (OSError, ValueError, TypeError, AttributeError):
            real = pyphen.Pyphen(lang="nl_NL")
            patterns = real.hd.patterns
            if all(type(x) is int for _, values in patterns.values() for x in values):
                make_private_folder(cache.parent)
                atomic_write_bytes(cache, json.dumps(patterns).encode(), keep_mode=False, durable=False)
            return real
        hd.patterns = patterns
        hd.cache = {}
        hd.maxlen = max(len(key) for key in patterns)
        pyphen.hdcache[source] = hd  # Pyphen() takes a parsed dictionary from this cache
        return pyphen.Pyphen(lang="nl_NL")
    except Exception:  # noqa: BLE001 - any surprise in pyphen's internals: load it the normal way
        return None


def _dutch(part: str) -> int:
    return len(_hyphenator().positions(part)) + 1


# --------------------------------------------------------------------------- English
#
# Vowel groups of [aeiouy] (y only after a consonant or inside a word), then corrections.
# Each correction is a pattern whose matches add or remove one syllable. They were checked
# against the CMU Pronouncing Dictionary (docs/comparison/yoast/eval_syllables.py).

_EN_VOWEL_GROUP = re.compile(r"[aeiouy]+")

# Two vowels in one group that are spoken as two syllables (hiatus): +1 per match.
_EN_SPLIT = re.compile(
    r"[^cgstx]ia(?!ge)|^ia|[cst]iat"       # media, bacteria, trial, initiate (not social, marriage)
    r"|[^g]iu|^iu"                         # calcium, magnesium, sodium (not Belgium)
    r"|[^cgstxlnh]io|^io|tio$"             # period, radio, previous, biotin, ratio (not nation, fashion)
    r"|ie(?=rs?$|st$|ty|t(?!h))"           # easier, easiest, variety, diet, quiet
    r"|[^ctsq]ien[ct]|scien"               # ingredient, nutrient, experience, science
    r"|(?!^eye)[aeiou]y[aeiou]"             # player, royal, mayor, beyond (not eye)
    r"|[^gq]ua|[^gq]ue[nl]|[^gq]uid|uity$|uou"  # actual, usual, fluent, cruel, fluid, continuous
    r"|(?<![pg])eo(?!u)|^geo|[aeiouy]ing"  # video, osteo-, being, going, studying (not people, pigeon)
    r"|oe[mt]|[aeiouy]sms?$|[^ao]ires?$|[^ao]ired$"  # poem, poet, metabolism, spasm, tired, desire
    r"|^rea(?:ct|lis|lit|liz)|^creat|^prea|(?<=...)[^r]ea$|eal$"  # react, create, nausea, ideal
)
# Every pattern above needs two adjacent vowels or ends in -sm(s) / -ire(s/d); checking that
# first skips the long alternation for most words (3x faster on article text).
_EN_SPLIT_GATE = re.compile(r"[aeiouy][aeiouy]|sms?$|ire[sd]?$")
# "eal$" above is +1 for ideal, cereal, ...; the common one-syllable words ending in -eal are
# corrected back here (meal, real, deal, heal, seal, steal, zeal, appeal, ...).
_EN_EAL_ONE = re.compile(r"(?:^|[^e])(?:m|r|d|h|s|t|z|v|p|w|n|st|squ)eals?$")

# Silent e at the end (make, whole, because) unless it is the only vowel (the, be) or
# syllabic after a consonant + l/r (table, fibre, centre).
_EN_SILENT_E = re.compile(r"[^aeiouy]e$")
_EN_SYLLABIC_E = re.compile(r"(?:[^aeiouyl]le|[^aeiouyr]re)$")
# -es after a consonant is silent (makes, types) except after a sibilant (places, boxes,
# changes, wishes) or a syllabic l/r (tables, fibres).
_EN_SILENT_ES = re.compile(r"[^aeiouy]es$")
_EN_SOUNDED_ES = re.compile(r"(?:[sxzcg]|[cs]h|[^aeiouyl]l|[^aeiouyr]r)es$")
# -ed after a consonant other than t/d is silent (used, called, caused) except a syllabic
# l/r (tackled, hundred).
_EN_SILENT_ED = re.compile(r"[^aeiouytd]ed$")
_EN_SOUNDED_ED = re.compile(r"(?:[^aeiouyl]l|[^aeiouyr]r)ed$")
# Silent u(e) in -gue/-que (fatigue, league, unique, technique): -1.
_EN_SILENT_UE = re.compile(r"[gq]ues?$")
# Silent e before a suffix: lately, management, careful, useless, awareness: -1.
_EN_INNER_SILENT_E = re.compile(r"[aeiouy][^aeiouy]e(?:ly|ments?|ful|fully|less|ness)$")
# Compound heads that end in a silent e (or are read shorter in compounds), counted apart
# from the rest of the word: someone, anything, everyday, lifestyle, baseline, therefore.
_EN_HEADS = {
    "some": 1, "any": 2, "every": 2, "there": 1, "where": 1, "else": 1, "life": 1,
    "home": 1, "house": 1, "time": 1, "like": 1, "base": 1, "care": 1, "safe": 1,
    "nine": 1, "whole": 1, "grape": 1, "bare": 1, "rose": 1, "horse": 1, "police": 2,
}
_EN_HEAD_RE = re.compile(r"^(%s)(?=one|[^aeiouy].)" % "|".join(sorted(_EN_HEADS, key=len, reverse=True)))

# Tiny exception table: frequent words (or health terms) no rule above gets right.
_EN_EXCEPTIONS = {
    "business": 2, "diabetes": 4, "recipe": 3, "recipes": 3, "every": 3, "acne": 2,
    "area": 3, "areas": 3, "idea": 3, "ideas": 3, "vegetable": 3, "vegetables": 3,
}


def _english(w: str) -> int:
    exc = _EN_EXCEPTIONS.get(w)
    if exc is not None:
        return exc
    if not w.isascii():
        # café, naïve, façade: fold Latin accents so the rules can apply.
        import unicodedata

        folded = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode()
        if not folded.isalpha():
            return max(1, len(_EN_VOWEL_GROUP.findall(w)))
        w = folded
    m = _EN_HEAD_RE.match(w)
    if m:
        head = m.group(1)
        return _EN_HEADS[head] + _english(w[len(head):])
    # y at the start of a word before a vowel is a consonant: yes, you, year.
    n = len(_EN_VOWEL_GROUP.findall(w[1:] if w[0] == "y" else w))
    if w[0] == "y" and (len(w) == 1 or w[1] not in "aeiou"):
        n += 1  # "y" before a consonant is a vowel (ytterbium)
    if n == 0:
        return 1  # "hmm", "nth", "mr"
    if _EN_SPLIT_GATE.search(w):
        n += len(_EN_SPLIT.findall(w))
    if n > 1:
        if w.endswith("e"):
            if _EN_SILENT_E.search(w) and not _EN_SYLLABIC_E.search(w):
                n -= 1
        elif w.endswith("es"):
            if _EN_SILENT_ES.search(w) and not _EN_SOUNDED_ES.search(w):
                n -= 1
        elif w.endswith("ed"):
            if _EN_SILENT_ED.search(w) and not _EN_SOUNDED_ED.search(w):
                n -= 1
        elif w.endswith(("eal", "eals")) and _EN_EAL_ONE.search(w):
            n -= 1
    if n > 1 and _EN_SILENT_UE.search(w):
        n -= 1
    if n > 1 and _EN_INNER_SILENT_E.search(w):
        n -= 1
    return max(1, n)

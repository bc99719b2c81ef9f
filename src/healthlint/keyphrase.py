"""The one focus-keyphrase matcher every keyword rule uses.

How a keyphrase matches (Dutch and English):

* Case- and accent-insensitive (``healthlint.text.fold``).
* The keyphrase is split into *units*: its words minus function words (the
  pack list ``stopwords``), so "tekort aan magnesium" and "magnesium tekort"
  have the same units. A single letter after another word stays a unit
  ("vitamin A", "vitamine C") and is matched together with the word before it
  ("vitamine C", "vitamine-C", "vitamin D3"). A hyphenated word of two alphabetic parts is
  two units ("iron-rich" = iron + rich, so "foods rich in iron" matches);
  one with a digit stays one unit ("omega-3", also found as "omega 3").
* A unit matches its inflected forms, generated from the keyphrase word (no
  dictionary): Dutch plural -s / -'s / -en / -n, adjective -e, consonant
  doubling (vet/vetten), vowel undoubling (vetzuur/vetzuren), f/v and s/z
  (brief/brieven, kaas/kazen); English -s / -es / -ies / -'s. It works in
  both directions: a plural keyphrase ("vitamines") also finds the singular.
* The keyphrase *occurs* in a sentence when every unit is found in that
  sentence, in any order (Yoast's rule). Its count there is the smallest
  count of any unit, so "Wil je een magnesium tekort voorkomen, eet dan
  magnesiumrijk" counts once.
* Dutch closed compounds count for the units they join: "magnesiumtekort",
  "magnesiumtekorten", "vitaminetekort" (linking -s-/-e-/-en- allowed).
  Hyphens are word boundaries, so "magnesium-tekort" and "omega-3-vetzuren"
  need nothing special.
* A one-word Dutch compound keyphrase ("ijzertekort") also matches its parts
  written apart ("ijzer tekort", "tekort aan ijzer", up to three function
  words between) when both parts occur as words in the document; the split is
  found per document.

Compiled once per keyphrase and language (and per document only when a
compound split applies); all occurrences in the body come from one regex pass
over the body text index, cached on ``doc._cache``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from healthlint.model import Block, Document
from healthlint.stagetimes import stage
from healthlint.text import WORD, Sentence, fold, index

if TYPE_CHECKING:
    from healthlint.context import Context

_VOWELS = "aeiouy"
_LB = r"(?<![^\W_])"
_RB = r"(?![^\W_])"


# --------------------------------------------------------------------------- inflection

def _nl_stems(w: str) -> set[str]:
    stems = {w}
    if w.endswith("'s") and len(w) > 3:
        stems.add(w[:-2])
    elif w.endswith("en") and len(w) > 4:
        s = w[:-2]
        stems.add(s)
        if len(s) > 2 and s[-1] == s[-2] and s[-1] not in _VOWELS:
            stems.add(s[:-1])  # katten -> kat
        base = s
        if base.endswith("z"):
            base = base[:-1] + "s"  # huizen -> huis
            stems.add(base)
        elif base.endswith("v"):
            base = base[:-1] + "f"  # brieven -> brief
            stems.add(base)
        if re.search(r"(?:^|[^aeiouy])[aeou][^aeiouy]$", base):
            stems.add(base[:-2] + base[-2] + base[-2:])  # vetzuren -> vetzuur, kazen -> kaas
    elif w.endswith("s") and len(w) > 4 and re.search(r"(?:e|el|er|em|en|je|um|ie|[aiouy])s$", w):
        stems.add(w[:-1])  # vitamines -> vitamine, supplements -> ...
    elif w.endswith("e") and len(w) > 4 and w[-2] not in _VOWELS:
        stems.add(w[:-1])  # gezonde -> gezond
    return stems


def _nl_forms(stem: str) -> set[str]:
    forms = {stem, stem + "s", stem + "'s"}
    if stem.endswith("e"):
        forms |= {stem + "n"}
    else:
        forms |= {stem + "e", stem + "en"}
    m = re.search(r"(?:^|[^aeiouy])([aeiou])([bdfgklmnprst])$", stem)
    if m and not stem.endswith("e"):
        forms |= {stem + stem[-1] + "en", stem + stem[-1] + "e"}  # vet -> vetten
    m = re.search(r"([aeou])\1([^aeiouy])$", stem)
    if m:
        short = stem[:-2] + stem[-1]
        last = {"s": "z", "f": "v"}.get(short[-1], short[-1])
        short = short[:-1] + last
        forms |= {short + "en", short + "e"}  # vetzuur -> vetzuren, kaas -> kazen
    elif stem.endswith("f") and len(stem) > 3:
        forms |= {stem[:-1] + "ven", stem[:-1] + "ve"}
    elif re.search(r"[aeiouy]s$", stem) and len(stem) > 3:
        forms |= {stem[:-1] + "zen", stem[:-1] + "ze"}
    return forms


def _en_stems(w: str) -> set[str]:
    stems = {w}
    if w.endswith(("'s", "s'")) and len(w) > 3:
        w = w[:-2] if w.endswith("'s") else w[:-1]
        stems.add(w)
    if w.endswith("ies") and len(w) > 4:
        stems.add(w[:-3] + "y")
    elif w.endswith(("ses", "xes", "zes", "ches", "shes")) and len(w) > 4:
        stems.add(w[:-2])
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        stems.add(w[:-1])
    return stems


def _en_forms(stem: str) -> set[str]:
    forms = {stem, stem + "s", stem + "'s", stem + "s'"}
    if re.search(r"[^aeiou]y$", stem):
        forms.add(stem[:-1] + "ies")
    if stem.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(stem + "es")
    return forms


@lru_cache(maxsize=4096)
def word_forms(word: str, lang: str) -> frozenset[str]:
    """Inflected forms of one folded keyphrase word (including the word)."""
    if not word.isalpha() or len(word) < 3:
        return frozenset({word, word + "'s"} if word.isalpha() and len(word) > 1 else {word})
    if lang == "nl":
        return frozenset(f for s in _nl_stems(word) for f in _nl_forms(s))
    return frozenset(f for s in _en_stems(word) for f in _en_forms(s))


def _stems(word: str, lang: str) -> set[str]:
    return _nl_stems(word) if lang == "nl" else _en_stems(word)


def _alternation(forms: set[str] | frozenset[str]) -> str:
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))) + ")"


# --------------------------------------------------------------------------- keyphrase

@dataclass(frozen=True, slots=True)
class Unit:
    word: str  # folded keyphrase word (or hyphen part)
    pattern: str  # regex of its forms, without boundaries
    alpha: bool


@dataclass(frozen=True, slots=True)
class Keyphrase:
    text: str
    lang: str
    units: tuple[Unit, ...]
    compounds: tuple[tuple[int, int, str], ...]  # (unit i, unit j, pattern of the closed compound)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(u.word for u in self.units)


def _unit(word: str, lang: str) -> Unit:
    if word.isalpha():
        pattern = _alternation(word_forms(word, lang))
        if len(word) == 1:
            pattern = f"(?:{re.escape(word)}\\d{{0,2}})"  # vitamine D, D3
        return Unit(word, pattern, True)
    # a code or a hyphenated word with digits: omega-3 (also omega 3, omega3), b12
    parts = re.split(r"['\-]", word)
    pattern = "(?:" + r"[\- ]?".join(re.escape(p) for p in parts) + ")"
    return Unit(word, pattern, False)


@lru_cache(maxsize=256)
def parse_keyphrase(keyword: str, lang: str, stopwords: frozenset[str]) -> Keyphrase:
    tokens = WORD.findall(fold(keyword))
    words: list[str] = []
    for i, token in enumerate(tokens):
        if "-" in token:
            parts = token.split("-")
            if all(p.isalpha() and len(p) > 1 for p in parts):
                words.extend(p for p in parts if p not in stopwords)
                continue
        if token in stopwords and not (len(token) == 1 and i > 0):
            continue
        words.append(token)
    if not words:  # only function words: use them all
        words = [t for t in tokens]
    unique = list(dict.fromkeys(words))  # first occurrences, in order
    built: list[Unit] = []
    for w in unique:
        if len(w) == 1 and w.isalpha() and built and built[-1].alpha:
            # a letter names the thing before it: "vitamin A", "vitamine C" (and D3):
            # one unit, so the article "a" or a "C" elsewhere in the sentence does not count
            prev = built.pop()
            built.append(Unit(f"{prev.word} {w}", f"(?:{prev.pattern}[ \\-]?{re.escape(w)}\\d{{0,2}})", False))
            continue
        built.append(_unit(w, lang))
    units = tuple(built)
    compounds: list[tuple[int, int, str]] = []
    if lang == "nl":
        for i in range(len(units) - 1):
            a, b = units[i], units[i + 1]
            if a.alpha and b.alpha and len(a.word) > 2 and len(b.word) > 2:
                mods = {s for s in _stems(a.word, lang)}
                mod = _alternation(mods)
                compounds.append((i, i + 1, f"{mod}(?:s|e|en)?{b.pattern}"))
    return Keyphrase(keyword, lang, units, tuple(compounds))


# --------------------------------------------------------------------------- matching

@dataclass(slots=True, eq=False)
class Hit:
    start: int  # offsets in the text searched (index text, or a short text)
    end: int
    units: tuple[int, ...]


@dataclass(slots=True, eq=False)
class Occurrence:
    """A sentence that holds the keyphrase `count` times."""

    sentence: Sentence
    count: int
    hits: list[Hit]  # every unit hit in the sentence, offsets in sentence.block.text

    @property
    def block(self) -> Block:
        return self.sentence.block

    @property
    def start(self) -> int:
        return min(h.start for h in self.hits)

    @property
    def end(self) -> int:
        return max(h.end for h in self.hits)


_STOP_RX_CACHE: dict[frozenset[str], str] = {}


def _stop_alternation(stopwords: frozenset[str]) -> str:
    cached = _STOP_RX_CACHE.get(stopwords)
    if cached is None:
        cached = _STOP_RX_CACHE[stopwords] = _alternation(stopwords)
    return cached


class Matcher:
    """The compiled keyphrase for one document."""

    def __init__(self, keyphrase: Keyphrase, regex: re.Pattern[str], groups: dict[str, tuple[int, ...]]):
        self.keyphrase = keyphrase
        self.regex = regex
        self.groups = groups
        self.n_units = len(keyphrase.units)

    def hits(self, folded: str) -> list[Hit]:
        groups = self.groups
        return [Hit(m.start(), m.end(), groups[m.lastgroup]) for m in self.regex.finditer(folded)]  # type: ignore[index]

    def count_hits(self, hits: list[Hit]) -> int:
        counts = [0] * self.n_units
        for hit in hits:
            for u in hit.units:
                counts[u] += 1
        return min(counts) if counts else 0

    def count_in(self, text: str) -> int:
        """How often the keyphrase occurs in a short text taken as one sentence
        (a title, a heading, an alt text)."""
        return self.count_hits(self.hits(fold(text)))

    def found_in(self, text: str) -> bool:
        return self.count_in(text) > 0

    def units_in(self, text: str) -> set[int]:
        return {u for h in self.hits(fold(text)) for u in h.units}


def _compile(keyphrase: Keyphrase, splits: dict[int, list[tuple[str, str]]], stopwords: frozenset[str]) -> Matcher:
    alts: list[str] = []
    groups: dict[str, tuple[int, ...]] = {}
    for n, (i, j, pattern) in enumerate(keyphrase.compounds):
        groups[f"c{n}"] = (i, j)
        alts.append(f"(?P<c{n}>{_LB}{pattern}{_RB})")
    stop = _stop_alternation(stopwords) if splits else ""
    for i, pairs in splits.items():
        for n, (mod, head) in enumerate(pairs):
            mod_rx = _alternation({mod} | ({mod[:-1]} if mod.endswith("s") else set()))
            head_rx = _alternation(word_forms(head, keyphrase.lang))
            groups[f"s{i}_{n}"] = (i,)
            alts.append(f"(?P<s{i}_{n}>{_LB}(?:{mod_rx}[ \\-]{head_rx}|{head_rx}(?: {stop}){{1,3}} {mod_rx}){_RB})")
    for i, unit in enumerate(keyphrase.units):
        groups[f"u{i}"] = (i,)
        alts.append(f"(?P<u{i}>{_LB}{unit.pattern}{_RB})")
    return Matcher(keyphrase, re.compile("|".join(alts)), groups)


_COMPILED: dict[tuple[Keyphrase, frozenset[str]], Matcher] = {}


def _compound_splits(doc: Document, keyphrase: Keyphrase) -> dict[int, list[tuple[str, str]]]:
    """Dutch one-word compound units whose two parts both occur as words in
    the document body: ijzertekort -> (ijzer, tekort)."""
    if keyphrase.lang != "nl":
        return {}
    candidates = [(i, u.word) for i, u in enumerate(keyphrase.units) if u.alpha and len(u.word) >= 7]
    if not candidates:
        return {}
    vocab = doc._cache.get("vocab")
    if vocab is None:
        vocab = doc._cache["vocab"] = frozenset(re.findall(r"[^\W\d_]+", index(doc, "body").text))
    splits: dict[int, list[tuple[str, str]]] = {}
    for i, word in candidates:
        for cut in range(3, len(word) - 2):
            mod, head = word[:cut], word[cut:]
            if head in vocab and (mod in vocab or (mod.endswith("s") and mod[:-1] in vocab and len(mod) > 4)):
                splits.setdefault(i, []).append((mod, head))
    return splits


@stage("keyphrase")
def matcher(doc: Document, ctx: Context) -> Matcher | None:
    """The compiled matcher for the document's keyphrase (None without one)."""
    if not doc.keyword:
        return None
    key = ("keyphrase:matcher", doc.keyword, doc.lang)
    cached = doc._cache.get(key)
    if cached is None:
        stopwords = ctx.words("stopwords")
        keyphrase = parse_keyphrase(doc.keyword, doc.lang, stopwords)
        splits = _compound_splits(doc, keyphrase)
        if splits:
            cached = _compile(keyphrase, splits, stopwords)
        else:
            cached = _COMPILED.get((keyphrase, stopwords))
            if cached is None:
                if len(_COMPILED) > 256:
                    _COMPILED.clear()
                cached = _COMPILED[(keyphrase, stopwords)] = _compile(keyphrase, {}, stopwords)
        doc._cache[key] = cached
    return cached


def body_sentences(doc: Document, ctx: Context) -> list[Sentence]:
    """Sentences of the body blocks, in order."""
    cached = doc._cache.get("body_sentences")
    if cached is None:
        body = {id(b) for b in doc.body_blocks}
        cached = doc._cache["body_sentences"] = [s for s in ctx.sentences() if id(s.block) in body]
    return cached


@stage("keyphrase")
def occurrences(doc: Document, ctx: Context) -> list[Occurrence]:
    """Every body sentence holding the keyphrase, in document order."""
    m = matcher(doc, ctx)
    if m is None:
        return []
    key = ("keyphrase:occurrences", doc.keyword, doc.lang)
    cached = doc._cache.get(key)
    if cached is None:
        sentences = body_sentences(doc, ctx)
        cached = []
        for k, hits in sorted(unit_hits(doc, ctx).items()):
            count = m.count_hits(hits)
            if count:
                cached.append(Occurrence(sentences[k], count, hits))
        doc._cache[key] = cached
    return cached


@stage("keyphrase")
def unit_hits(doc: Document, ctx: Context) -> dict[int, list[Hit]]:
    """Every unit hit per body sentence (index into body_sentences), also in
    sentences without the whole keyphrase (used by keyword-stuffing)."""
    m = matcher(doc, ctx)
    if m is None:
        return {}
    key = ("keyphrase:unit_hits", doc.keyword, doc.lang)
    cached = doc._cache.get(key)
    if cached is not None:
        return cached
    idx = index(doc, "body")
    block_start = {id(b): s for b, s in zip(idx.blocks, idx.starts, strict=True)}
    sentences = body_sentences(doc, ctx)
    starts = [block_start[id(s.block)] + s.start for s in sentences]
    cached = {}
    for hit in m.hits(idx.text):
        k = bisect_right(starts, hit.start) - 1
        if k >= 0:
            base = block_start[id(sentences[k].block)]
            cached.setdefault(k, []).append(Hit(hit.start - base, hit.end - base, hit.units))
    doc._cache[key] = cached
    return cached

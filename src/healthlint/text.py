"""Text analysis shared by every rule: folding, words, sentences, the search index.

Everything here is computed once per document and cached on it, so rules
never split or fold the same text twice.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from healthlint.model import Block, Document
from healthlint.stagetimes import stage

if TYPE_CHECKING:
    from healthlint.packs import PhraseSet


def _build_fold_table() -> dict[int, str]:
    """Lower-case and strip accents with a length-preserving table, so offsets
    in folded text are offsets in the original."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x2000):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1:
            continue
        base = unicodedata.normalize("NFD", lower)[0]
        if unicodedata.category(base).startswith("L") and base != char:
            table[code] = base
        elif lower != char:
            table[code] = lower
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for quote in "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060":
        table[ord(quote)] = "'"
    for quote in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033":
        table[ord(quote)] = '"'
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2212":
        table[ord(dash)] = "-"
    for space in "\u00a0\u2002\u2003\u2009\u202f\t\n\r":
        table[ord(space)] = " "
    table[ord("\u2026")] = "."
    return table


FOLD_TABLE = _build_fold_table()


@stage("fold + text index")
def fold(text: str) -> str:
    """Case- and accent-insensitive form of text, same length as the input."""
    if len(text) > 2000:  # long texts are folded once by their caller; do not pin them in the cache
        return _fold(text)
    return _fold_cached(text)


def _fold(text: str) -> str:
    folded = text.translate(FOLD_TABLE)
    return folded if len(folded) == len(text) else text.lower()


# rules fold the same block and sentence texts many times per document
_fold_cached = lru_cache(maxsize=16384)(_fold)


WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_LONGEST_ABBREVIATION = 12  # characters before the dot; longer words are never abbreviations
_SENTENCE_END = re.compile(r"[.!?:;]*[.!?]+[\"'\u2019\u201d)\]]*(?=\s|$)")


@dataclass(slots=True, eq=False)
class Sentence:
    block: Block
    start: int  # offsets in block.text
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


def _initial(text: str, start: int, word_start: int) -> bool:
    """Whether the single letter at word_start, before a full stop, is an
    initial ("dr. A. Jansen", "J. de Vries") rather than a word that ends a
    sentence ("vitamine D."): after a lower-case word without a dot it is not."""
    before = text[start:word_start].rstrip()
    previous = before[before.rfind(" ") + 1:]
    return not previous or previous.endswith(".") or not previous[:1].islower()


def split_sentences(block: Block, abbreviations: frozenset[str]) -> list[Sentence]:
    """Sentences of a block. A heading or a list item without a full stop is
    one sentence; a full stop after a known abbreviation or a single letter
    does not end a sentence."""
    text = block.text
    sentences: list[Sentence] = []
    start = 0
    length = len(text)
    while start < length and text[start].isspace():
        start += 1
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        stop = m.start()
        if text[stop] == ".":
            following = text[end : end + 3].lstrip()[:1]
            if following.islower() or following.isdigit():
                continue
            word_start = text.rfind(" ", start, stop) + 1
            if stop - word_start <= _LONGEST_ABBREVIATION:
                word = fold(text[word_start : stop + 1])
                if word in abbreviations or (len(word) == 2 and word[0].isalpha()
                                             and _initial(text, start, word_start)):
                    continue
        if end > start:
            sentences.append(Sentence(block, start, end))
        start = end
        while start < length and text[start].isspace():
            start += 1
    if start < length:
        sentences.append(Sentence(block, start, length))
    return sentences


@dataclass(slots=True, eq=False)
class Match:
    """A phrase found in one block."""

    block: Block
    start: int
    end: int
    text: str


class TextIndex:
    """All body blocks' folded text joined by newlines: one regular expression
    pass over it finds a phrase list in the whole document."""

    __slots__ = ("blocks", "starts", "text")

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        starts = []
        parts = []
        pos = 0
        for block in blocks:
            starts.append(pos)
            parts.append(block.text)
            pos += len(block.text) + 1
        self.starts = starts
        self.text = fold("\n".join(parts))

    def locate(self, start: int, end: int) -> Match:
        i = bisect_right(self.starts, start) - 1
        block = self.blocks[i]
        base = self.starts[i]
        local_start, local_end = start - base, min(end - base, len(block.text))
        return Match(block, local_start, local_end, block.text[local_start:local_end])

    def find(self, phrases: PhraseSet) -> list[Match]:
        return [self.locate(s, e) for s, e in phrases.spans(self.text)]


@stage("fold + text index")
def index(doc: Document, scope: str = "all") -> TextIndex:
    """The search index over all blocks ("all") or the article body ("body")."""
    key = "index:" + scope
    cached = doc._cache.get(key)
    if cached is None:
        blocks = doc.blocks if scope == "all" else doc.body_blocks
        cached = doc._cache[key] = TextIndex(blocks)
    return cached


@stage("phrase scan")
def find(doc: Document, phrases: PhraseSet, scope: str = "all") -> list[Match]:
    key = ("find", id(phrases), scope)
    cached = doc._cache.get(key)
    if cached is None:
        cached = doc._cache[key] = index(doc, scope).find(phrases)
    return cached


@stage("sentences")
def sentences(doc: Document, abbreviations: frozenset[str]) -> list[Sentence]:
    cached = doc._cache.get("sentences")
    if cached is None:
        cached = []
        for block in doc.blocks:
            cached.extend(split_sentences(block, abbreviations))
        doc._cache["sentences"] = cached
    return cached


def block_sentences(doc: Document, block: Block, abbreviations: frozenset[str]) -> list[Sentence]:
    by_block = doc._cache.get("sentences_by_block")
    if by_block is None:
        by_block = {}
        for sentence in sentences(doc, abbreviations):
            by_block.setdefault(sentence.block.index, []).append(sentence)
        doc._cache["sentences_by_block"] = by_block
    return by_block.get(block.index, [])


def sentence_at(doc: Document, block: Block, offset: int, abbreviations: frozenset[str]) -> Sentence:
    for sentence in block_sentences(doc, block, abbreviations):
        if sentence.start <= offset < sentence.end or offset == sentence.end == len(block.text):
            return sentence
    return Sentence(block, 0, len(block.text))


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


@lru_cache(maxsize=16384)
def word_count(text: str) -> int:
    """Words in text; cached because rules count the same blocks again and again."""
    return len(WORD.findall(text))  # findall: ~5x faster than counting finditer matches


@lru_cache(maxsize=4096)
def normalise_heading(text: str) -> str:
    return " ".join(WORD.findall(fold(text)))


def detect_language(doc: Document, stopwords: dict[str, frozenset[str]]) -> str | None:
    """Dutch or English by counting each language's function words in the
    first few thousand words; None when the text gives no signal."""
    counts = language_counts(doc, stopwords)
    if not any(counts.values()):
        return None
    return max(sorted(counts), key=lambda lang: counts[lang])


def language_counts(doc: Document, stopwords: dict[str, frozenset[str]]) -> dict[str, int]:
    """How many of each language's function words the first few thousand words hold."""
    counts = {lang: 0 for lang in stopwords}
    seen = 0
    for block in doc.blocks:
        for word in WORD.findall(fold(block.text)):
            for lang, words_of_lang in stopwords.items():
                if word in words_of_lang:
                    counts[lang] += 1
            seen += 1
        if seen > 3000:
            break
    return counts

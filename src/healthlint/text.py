"""Text analysis shared by every rule: words, sentences, the search index (folding is healthlint.fold).

Everything here is computed once per document and cached on it, so rules
never split or fold the same text twice.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from healthlint.fold import fold
from healthlint.model import Block, Document
from healthlint.stagetimes import stage

if TYPE_CHECKING:
    from healthlint.packs import PhraseSet


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

    def __init__(self, blocks: list[Block], folded: str | None = None):
        """folded: the blocks' joined text already folded (a slice of a larger index)."""
        self.blocks = blocks
        starts = []
        parts = []
        pos = 0
        for block in blocks:
            starts.append(pos)
            parts.append(block.text)
            pos += len(block.text) + 1
        self.starts = starts
        self.text = fold("\n".join(parts)) if folded is None else folded

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
        if scope == "all":
            cached = TextIndex(doc.blocks)
        else:
            run = _body_run(doc)  # a run of the page's blocks: its text is a slice of the page's, folded once
            cached = TextIndex(doc.body_blocks, None if run is None else index(doc, "all").text[run[0] : run[1]])
        doc._cache[key] = cached
    return cached


@stage("phrase scan")
def find(doc: Document, phrases: PhraseSet, scope: str = "all") -> list[Match]:
    """Matches of a phrase list in all blocks or the body. When the body is
    one run of consecutive blocks, its matches are read from the page's scan
    (PhraseBook.scan_part: the same matches as scanning the body alone)."""
    key = ("find", id(phrases), scope)
    cached = doc._cache.get(key)
    if cached is None:
        run = _body_run(doc) if scope == "body" else None
        if run is not None:
            page = index(doc, "all")
            cached = [page.locate(s, e) for s, e, _ in phrases.hits_in_part(page.text, *run)]
        else:
            cached = index(doc, scope).find(phrases)
        doc._cache[key] = cached
    return cached


def block_offsets(doc: Document) -> dict[int, int]:
    """Where each block's folded text starts in the page index's text (by id
    of the block): rules read a block's folded words there, without folding
    the block again."""
    cached = doc._cache.get("block_offsets")
    if cached is None:
        page = index(doc, "all")
        cached = doc._cache["block_offsets"] = {id(block): start for block, start in zip(page.blocks, page.starts, strict=True)}
    return cached


def _body_run(doc: Document) -> tuple[int, int] | None:
    """(start, end) of the body in the page index's text when the body
    blocks are consecutive blocks of the page, else None."""
    key = "body_run"
    if key not in doc._cache:
        body = doc.body_blocks
        run = None
        if body:
            first = next(i for i, block in enumerate(doc.blocks) if block is body[0])
            if all(a is b for a, b in zip(body, doc.blocks[first : first + len(body)], strict=False)) \
                    and first + len(body) <= len(doc.blocks):
                page = index(doc, "all")
                last = first + len(body) - 1
                run = (page.starts[first], page.starts[last] + len(doc.blocks[last].text))
        doc._cache[key] = run
    return doc._cache[key]


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

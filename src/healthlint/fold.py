"""Folding: the case- and accent-insensitive form of a text, the same length
as the text, so an offset in folded text is an offset in the original.

Packs fold their phrases and the text analysis folds the document with the same
table, so folding sits below both (core layer: it imports nothing from healthlint).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from healthlint.stagetimes import stage


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


# runs of non-ASCII characters; written as "not ASCII" because the same class as a
# range up to U+10FFFF takes re ~10 ms to compile, a tenth of a one-file run's imports
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# the ASCII characters the table maps to something else than their lower case
_ASCII_FOLDS = [(char, FOLD_TABLE[ord(char)]) for char in "\t\n\r`"]


def _fold(text: str) -> str:
    if text.isascii():
        folded = text.translate(FOLD_TABLE)  # CPython's ASCII fast path
    else:
        # translate() with a dict looks every character up (~50 ns each); lower()
        # and replace() are C loops over the whole text, and only the non-ASCII
        # runs, which lower() may fold differently, go through the table
        lowered = text.lower()
        if len(lowered) != len(text):  # a character lower-cases to two ("İ"): offsets would shift
            folded = text.translate(FOLD_TABLE)
        else:
            parts = []
            done = 0
            for run in NON_ASCII.finditer(text):
                start = run.start()
                parts.append(lowered[done:start])
                parts.append(run.group().translate(FOLD_TABLE))
                done = run.end()
            parts.append(lowered[done:])
            folded = "".join(parts)
            for char, replacement in _ASCII_FOLDS:
                if char in folded:
                    folded = folded.replace(char, replacement)
    return folded if len(folded) == len(text) else text.lower()


# rules fold the same block and sentence texts many times per document
_fold_cached = lru_cache(maxsize=16384)(_fold)

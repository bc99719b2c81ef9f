from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

# a word (letters only) that contains a Cyrillic or Greek letter
_CANDIDATE = re.compile(r"[^\W\d_]*[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f][^\W\d_]*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# micro as a unit prefix (μg, µmol) is how Greek letters legitimately meet Latin ones
_UNIT = re.compile(r"^[\u03bc\u00b5](?:g|mg|mol|l|m|s|iu|ie)$", re.I)


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0].capitalize() if name else "Unknown"


class IntegrityMixedScript(Rule):
    """## What it does
    Flags a word that mixes alphabets: Latin letters with Cyrillic or Greek
    look-alikes ("energiеhuishouding" with a Cyrillic "е"). Words written
    wholly in another alphabet, such as a Russian quotation, are fine, and so
    are unit symbols such as "μg".

    ## Why it matters
    Look-alike letters come from bad copy-paste or machine translation. They
    are invisible to the editor but break search (the word no longer matches
    its spelling), spell checking and screen readers.

    ## Example
    `botgezondheidsketен` (the last two letters are Cyrillic)

    ## Instead
    Retype the word with Latin letters: `botgezondheidsketen`.
    """

    id = "integrity-mixed-script"
    category = "integrity"
    severity = "error"
    summary = "A word mixing alphabets (Latin with Cyrillic or Greek)"

    def check(self, doc: Document, ctx: Context) -> None:
        for block in doc.blocks:
            text = block.text
            if text.isascii():
                continue
            for m in _CANDIDATE.finditer(text):
                word = m.group()
                if not _LATIN.search(word) or _UNIT.match(word):
                    continue
                foreign = sorted({f"{c} (U+{ord(c):04X}, {_script(c)})" for c in word if not _LATIN.match(c)})
                ctx.report(f"\"{word}\" mixes Latin with other alphabets: {', '.join(foreign)}; retype it",
                           block=block, start=m.start(), end=m.end())

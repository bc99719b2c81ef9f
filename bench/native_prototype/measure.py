#!/usr/bin/env python3
"""Measure the compiled text-core prototype against healthlint's Python passes on
the benchmark's new articles (CPU time of this process), and check that both give the same outputs.

    cd bench/native_prototype && python setup.py build_ext --inplace && python measure.py [--copies N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent.parent / "src")]

import corpus  # noqa: E402
import textcore  # noqa: E402
from healthlint import readability  # noqa: E402
from healthlint.config import Settings  # noqa: E402
from healthlint.engine import Context, _choose_keyword, _choose_language  # noqa: E402
from healthlint.keyphrase import matcher  # noqa: E402
from healthlint.loader import parse_text  # noqa: E402
from healthlint.packs import load_packs  # noqa: E402
from healthlint.text import FOLD_TABLE, WORD, _SENTENCE_END, fold, split_sentences  # noqa: E402

LITERAL = re.compile(r"[^\W_]+(?:[ '\-][^\W_]+)*")
COMBOS = [("nl", "html"), ("nl", "markdown"), ("en", "html"), ("en", "markdown")]


def heads_of(phrases: list[str]) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Literal phrases (plain words) keyed by their first word: the part of the phrase
    syntax the prototype implements (wildcards and alternatives stay in Python)."""
    heads: dict[str, list] = {}
    for phrase_id, phrase in enumerate(phrases):
        if LITERAL.fullmatch(phrase.strip()):
            words = WORD.findall(fold(phrase.strip().replace(" - ", " ")))
            if words:
                heads.setdefault(words[0], []).append((tuple(words[1:]), phrase_id))
    return heads


def reference(text: str, syllables: dict, heads: dict):
    """The prototype's outputs computed with the Python passes, for the equality check."""
    folded = fold(text)
    spans = [m.span() for m in WORD.finditer(folded)]
    words = [folded[a:b] for a, b in spans]
    ends = [m.end() for m in _SENTENCE_END.finditer(folded)]
    total = sum(syllables[w] for w in words if w in syllables)
    unknown = [w for w in words if w not in syllables]
    hits = []
    for j, word in enumerate(words):
        for rest, phrase_id in heads.get(word, ()):
            k = len(rest)
            if j + k < len(words) and tuple(words[j + 1:j + 1 + k]) == rest:
                hits.append((spans[j][0], spans[j + k][1], phrase_id))
    return folded, spans, ends, total, unknown, hits


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()
    packs = load_packs()
    table = textcore.FoldTable(FOLD_TABLE)
    print(f"{'':14} {'python passes':>14} {'native pass':>12} {'+ fallback':>13} {'saved':>9}  same outputs")
    for lang, fmt in COMBOS:
        book = next(iter(packs.lists[lang].values())).book  # one automaton serves all lists of a language
        phrases = [p for s in book.sets for p in s.phrases]
        heads = heads_of(phrases)
        # a per-language syllable table from other copies (what a shipped table of frequent words would do)
        syllables: dict[str, int] = {}
        for copy in range(1000, 1006):
            doc = parse_text(corpus.fresh_article(args.seed, lang, fmt, copy).text, "warm." + fmt[:2])
            for w in WORD.findall(fold("\n".join(b.text for b in doc.blocks))):
                syllables[w] = readability.syllables(w, lang)
        python_ms, native_ms, fallback_ms, missing, same = [], [], [], [], True
        for copy in [2000, *range(args.copies)]:  # 2000: a warm-up (automaton built, patterns compiled)
            article = corpus.fresh_article(args.seed, lang, fmt, copy)
            doc = parse_text(article.text, article.name)
            settings = Settings(keyword=article.keyword, lang=lang)
            _choose_language(doc, settings, None, packs)
            _choose_keyword(doc, settings, None)
            ctx = Context(doc, settings, packs)
            text = "\n".join(b.text for b in doc.blocks)
            abbreviations = packs.words(lang, "abbreviations")
            keyphrase = matcher(doc, ctx)
            kp_heads = heads_of([doc.keyword])
            all_heads = {**heads}
            for word, items in kp_heads.items():
                all_heads[word] = [*all_heads.get(word, []), *[(rest, -1) for rest, _ in items]]

            book._recent.clear()
            t0 = time.process_time()
            folded = fold(text)  # a whole page: longer than fold's cache takes
            WORD.findall(folded)
            for block in doc.blocks:
                split_sentences(block, abbreviations)
            readability.count_syllables(WORD.findall(folded), lang)
            book.scan(folded)
            keyphrase.hits(folded)
            python_ms.append((time.process_time() - t0) * 1000)

            t0 = time.process_time()
            out = textcore.analyse(text, table, syllables, all_heads)
            t1 = time.process_time()
            readability.count_syllables(out[4], lang)  # words missing from the table: Python's count
            native_ms.append((t1 - t0) * 1000)
            fallback_ms.append((time.process_time() - t1) * 1000)
            missing.append(len(out[4]) / max(1, len(out[1])))
            same = same and out == reference(text, syllables, all_heads)
            if copy == 2000:
                python_ms.clear(), native_ms.clear(), fallback_ms.clear(), missing.clear()
        p, n, f = statistics.median(python_ms), statistics.median(native_ms), statistics.median(fallback_ms)
        print(f"{lang + ' ' + fmt:14} {p:11.2f} ms {n:9.2f} ms {f:10.2f} ms {p - n - f:6.2f} ms  {'yes' if same else 'NO'}"
              f"  ({len(text) / 1024:.0f} KB text, {statistics.median(missing):.0%} words not in the table, "
              f"{sum(len(v) for v in heads.values())} of {len(phrases)} phrases literal)")


if __name__ == "__main__":
    main()

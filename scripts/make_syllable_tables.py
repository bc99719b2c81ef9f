"""Write src/healthlint/syllable_tables/{nl,en}.json: the syllable counts of
the words health articles use most, so a run looks them up instead of asking
pyphen (Dutch) or the English rules for each one.

The words come from the project's own texts in each language: the bench
reference articles (bench/corpus.py), the labelled evaluation snippets
(eval/corpus/) and the examples. Each count is what healthlint.readability
computes for the word, so a table changes no figure; the Dutch table records
the pyphen dictionary it was computed with and is ignored under another one
(tests/test_readability.py checks both tables against the live counters).

Run from a checkout after changing the syllable rules or upgrading pyphen:

    python scripts/make_syllable_tables.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402  (bench/corpus.py)
import yaml  # noqa: E402

from healthlint import readability  # noqa: E402
from healthlint.analysis import _LETTER_WORD  # noqa: E402
from healthlint.loader import parse_text  # noqa: E402
from healthlint.text import fold  # noqa: E402

# words of letters only (an inner hyphen or apostrophe allowed): no codes, numbers or URL pieces
_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
TABLE_SIZE = 4000  # most frequent words per language; the table loads in about a millisecond
BENCH_ARTICLES = 48


def _strings(data: object) -> list[str]:
    """Every string in a YAML document (the snippets and their labels alike)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


def texts_by_language() -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {"nl": [], "en": []}
    for index in range(BENCH_ARTICLES):
        article = corpus.article(2025, index)
        doc = parse_text(article.text, article.name)
        texts[article.lang].extend(block.text for block in doc.blocks)
    for lang in texts:
        for path in sorted((ROOT / "eval" / "corpus" / lang).glob("*.yaml")):
            texts[lang].extend(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in sorted((ROOT / "eval" / "corpus").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("items") or []:
            if isinstance(item, dict) and item.get("lang") in texts:
                texts[item["lang"]].extend(_strings(item))
    examples = {"nl": "magnesium-tekort.html", "en": "vitamin-d-deficiency.md"}
    for lang, name in examples.items():
        path = ROOT / "examples" / name
        doc = parse_text(path.read_text(encoding="utf-8"), name)
        texts[lang].extend(block.text for block in doc.blocks)
    return texts


def table(lang: str, texts: list[str]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w for w in _LETTER_WORD.findall(fold(text)) if _PLAIN_WORD.fullmatch(w))
    words = sorted(counts, key=lambda w: (-counts[w], w))[:TABLE_SIZE]
    count = readability.uncached_syllables
    return {word: count(word, lang) for word in sorted(words)}


def main() -> None:
    out = ROOT / "src" / "healthlint" / "syllable_tables"
    out.mkdir(exist_ok=True)
    for lang, texts in texts_by_language().items():
        data = {"computed_with": readability.table_key(lang), "syllables": table(lang, texts)}
        path = out / f"{lang}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                        encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(data['syllables'])} words")


if __name__ == "__main__":
    main()

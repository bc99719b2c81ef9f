"""Precision and recall of affiliate-link detection on eval/corpus/links.yaml.

Each corpus item is a short passage with one link, labelled ``affiliate``
(a link the disclosure rules must cover: affiliate or sales link) or
``plain``. The passage is linted as a small page of its own (HTML or
Markdown, in its language, with the item's ``footer`` text in the page
footer), and the link counts as detected when healthlint's commercial-link
check (``evidence.commercial_links``, which drives affiliate-link-rel and the
disclosure rules) returns it.

``score()`` is imported by eval/score.py; run this file alone to print the
table per split (``dev`` is what the patterns were tuned on, ``heldout`` was
written with it but never tuned on, ``blind`` was written after the patterns
were frozen and scored once) and, with ``-v``, every misclassified item.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import yaml

from healthlint.config import Settings
from healthlint.context import Context
from healthlint.evidence import commercial_links
from healthlint.links import reason
from healthlint.loader import parse_text
from healthlint.packs import load_packs

CORPUS = Path(__file__).resolve().parent / "corpus" / "links.yaml"
RULE = "affiliate-link"


def load_items(path: Path = CORPUS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def _page(item: dict) -> tuple[str, str]:
    lang, footer = item["lang"], item.get("footer", "")
    if item["fmt"] == "md":
        return f"---\nlang: {lang}\n---\n# Titel\n\n{item['text']}\n\n{footer}\n", "item.md"
    return (f'<!doctype html>\n<html lang="{lang}">\n<head><title>Titel</title></head>\n<body>\n<main>\n'
            f"<h1>Titel</h1>\n{item['text']}\n</main>\n<footer><p>{footer}</p></footer>\n</body>\n</html>\n",
            "item.html")


def detect(item: dict, packs=None) -> tuple[bool, str]:
    """Whether the item's link is detected as commercial, and why (the
    classifier's reason, or the host)."""
    packs = packs or load_packs()
    text, name = _page(item)
    doc = parse_text(text, name)
    doc.lang = item["lang"]
    settings = replace(Settings(), own_domains=(item["site"],) if item.get("site") else ())
    ctx = Context(doc, settings, packs)
    if len(doc.links) != 1:
        raise ValueError(f"{item['id']}: expected one link, found {len(doc.links)}")
    link = doc.links[0]
    return link in commercial_links(doc, ctx), reason(link, ctx)


def score(split: str | None = None, items: list[dict] | None = None) -> list[dict]:
    """One row per language: rule, lang, tp, fp, fn (split None = all items)."""
    packs = load_packs()
    rows: dict[str, dict] = {}
    for item in items if items is not None else load_items():
        if split and item["split"] != split:
            continue
        row = rows.setdefault(item["lang"], {"rule": RULE, "lang": item["lang"], "tp": 0, "fp": 0, "fn": 0})
        found, _ = detect(item, packs)
        positive = item["label"] == "affiliate"
        if found and positive:
            row["tp"] += 1
        elif found:
            row["fp"] += 1
        elif positive:
            row["fn"] += 1
    return [rows[lang] for lang in sorted(rows)]


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    items = load_items()
    print(f"| split | rule | lang | tp | fp | fn | precision | recall |\n|---|---|---|---|---|---|---|---|")
    for split in ("dev", "heldout", "blind", None):
        for row in score(split, items):
            p, r = ratio(row["tp"], row["tp"] + row["fp"]), ratio(row["tp"], row["tp"] + row["fn"])
            print(f"| {split or 'all'} | {row['rule']} | {row['lang']} | {row['tp']} | {row['fp']} | {row['fn']} "
                  f"| {p:.2f} | {r:.2f} |")
    if verbose:
        packs = load_packs()
        for item in items:
            found, why = detect(item, packs)
            if found != (item["label"] == "affiliate"):
                kind = "FP" if found else "FN"
                print(f"{kind} {item['id']} ({item['split']}, {item['why']}): {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

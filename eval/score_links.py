"""Precision and recall of affiliate-link detection on eval/corpus/links*.yaml.

Each corpus item is a short passage with one link, labelled ``affiliate``
(a link the disclosure rules must cover: affiliate or sales link) or
``plain``. The passage is linted as a small page of its own (HTML or
Markdown, in its language, with the item's ``footer`` text in the page
footer), and the link counts as detected when healthlint's commercial-link
check (``evidence.commercial_links``, which drives affiliate-link-rel and the
disclosure rules) returns it.

Splits: ``dev`` is what the patterns were tuned on, ``heldout`` was written
with it but never tuned on, ``blind`` was written after the patterns were
frozen and scored once, ``independent`` (links-independent.yaml) was written
by another author from other networks' documented URL forms before the
detector was run on it. eval/score.py reports these rows; run this file alone
for the links only, with ``-v`` for every misclassified item.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import yaml

if __package__ in (None, ""):  # python eval/score_links.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval import metrics  # noqa: E402
from healthlint.config import Settings  # noqa: E402
from healthlint.context import Context  # noqa: E402
from healthlint.evidence import commercial_links  # noqa: E402
from healthlint.links import reason  # noqa: E402
from healthlint.loader import parse_text  # noqa: E402
from healthlint.packs import load_packs  # noqa: E402

CORPORA = sorted((Path(__file__).resolve().parent / "corpus").glob("links*.yaml"))
RULE = "affiliate-link"


def load_items(paths: list[Path] = CORPORA) -> list[dict]:
    return [item for path in paths for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]]


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


def score(items: list[dict] | None = None) -> list[dict]:
    """Rows {rule, lang, split, tp, fp, fn, tn} per split and for "all"."""
    packs = load_packs()
    rows: dict[tuple, dict] = {}
    for item in load_items() if items is None else items:
        found, _ = detect(item, packs)
        metrics.tally(rows, RULE, item["lang"], ("all", item["split"]), item["label"] == "affiliate", found)
    return metrics.sorted_rows(rows)


def print_misses(items: list[dict] | None = None) -> None:
    packs = load_packs()
    for item in load_items() if items is None else items:
        found, why = detect(item, packs)
        if found != (item["label"] == "affiliate"):
            print(f"{'FP' if found else 'FN'} {item['id']} ({item['split']}, {item['why']}): {why}")


def main(argv: list[str]) -> int:
    for row in score():
        print(metrics.summary(row))
    if "-v" in argv:
        print_misses()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

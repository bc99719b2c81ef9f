"""Precision and recall of keyword-stuffing on eval/corpus/stuffing.yaml.

Each item is linted as a one-paragraph page with its focus keyphrase;
``score()`` returns one row per language (rule, lang, tp, fp, fn) like
eval/score_links.py. Run alone to print the table and, with ``-v``, every
misclassified item. keyword-stuffing stays a preview rule until precision
reaches 0.9 on natural articles (issue 12); this corpus is one part of that
evidence, not all of it.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import yaml

from healthlint.config import Settings
from healthlint.engine import Linter

CORPUS = Path(__file__).resolve().parent / "corpus" / "stuffing.yaml"
RULE = "keyword-stuffing"


def load_items(path: Path = CORPUS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def fires(item: dict) -> bool:
    page = (f'<!doctype html>\n<html lang="{item["lang"]}">\n<head><title>Titel</title></head>\n'
            f"<body>\n<p>{item['text']}</p>\n</body>\n</html>\n")
    linter = Linter(Settings(), cli_lang=item["lang"], cli_keyword=item["keyword"], explicit_config=True)
    result = linter.lint_text(page, "item.html", replace(Settings(), select=(RULE,), preview=True))
    return any(f["rule"] == RULE for f in result["findings"])


def score(items: list[dict] | None = None) -> list[dict]:
    rows: dict[str, dict] = {}
    for item in items if items is not None else load_items():
        row = rows.setdefault(item["lang"], {"rule": RULE, "lang": item["lang"], "tp": 0, "fp": 0, "fn": 0})
        fired, stuffed = fires(item), item["label"] == "stuffed"
        if fired and stuffed:
            row["tp"] += 1
        elif fired:
            row["fp"] += 1
        elif stuffed:
            row["fn"] += 1
    return [rows[lang] for lang in sorted(rows)]


def main(argv: list[str]) -> int:
    items = load_items()
    print("| rule | lang | tp | fp | fn | precision | recall |\n|---|---|---|---|---|---|---|")
    for row in score(items):
        p = row["tp"] / ((row["tp"] + row["fp"]) or 1)
        r = row["tp"] / ((row["tp"] + row["fn"]) or 1)
        print(f"| {row['rule']} | {row['lang']} | {row['tp']} | {row['fp']} | {row['fn']} | {p:.2f} | {r:.2f} |")
    if "-v" in argv:
        for item in items:
            if fires(item) != (item["label"] == "stuffed"):
                print(f"{'FP' if item['label'] == 'natural' else 'FN'} {item['id']}: {item['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

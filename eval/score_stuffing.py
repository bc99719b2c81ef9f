"""Precision and recall of keyword-stuffing on eval/corpus/stuffing.yaml.

Each item is linted as a one-paragraph page with its focus keyphrase and
counts as flagged when keyword-stuffing reports anything. keyword-stuffing
stays a preview rule until precision reaches 0.9 on natural articles (issue
12); this corpus is one part of that evidence, not all of it. eval/score.py
reports these rows; run this file alone for them only, with ``-v`` for every
misclassified item.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import yaml

if __package__ in (None, ""):  # python eval/score_stuffing.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval import metrics  # noqa: E402
from healthlint.config import Settings  # noqa: E402
from healthlint.engine import Linter  # noqa: E402

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
    """Rows {rule, lang, split: "all", tp, fp, fn, tn} per language."""
    rows: dict[tuple, dict] = {}
    for item in load_items() if items is None else items:
        metrics.tally(rows, RULE, item["lang"], ("all",), item["label"] == "stuffed", fires(item))
    return metrics.sorted_rows(rows)


def print_misses(items: list[dict] | None = None) -> None:
    for item in load_items() if items is None else items:
        if fires(item) != (item["label"] == "stuffed"):
            print(f"{'FP' if item['label'] == 'natural' else 'FN'} {item['id']}: {item['text']}")


def main(argv: list[str]) -> int:
    for row in score():
        print(metrics.summary(row))
    if "-v" in argv:
        print_misses()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

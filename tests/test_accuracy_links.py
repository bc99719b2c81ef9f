"""Affiliate-link detection stays above its floor on the labelled corpus
(eval/corpus/links*.yaml, scored by eval/score_links.py)."""

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval import metrics, score_links  # noqa: E402

PRECISION, RECALL = 0.95, 0.90


@pytest.fixture(scope="module")
def rows():
    return score_links.score()


def test_corpus_size_and_labels():
    items = score_links.load_items()
    assert len({item["id"] for item in items}) == len(items)
    counts = Counter(item["label"] for item in items)
    assert counts["affiliate"] >= 150 and counts["plain"] >= 150
    independent = Counter(item["label"] for item in items if item["split"] == "independent")
    assert independent["affiliate"] >= 60 and independent["plain"] >= 60
    for lang in ("nl", "en"):
        for fmt in ("html", "md"):
            for split in ("dev", "heldout", "independent"):
                assert any(i["lang"] == lang and i["fmt"] == fmt and i["split"] == split for i in items)


@pytest.mark.parametrize("split", ["all", "heldout", "blind", "independent"])
def test_precision_and_recall_per_language(rows, split):
    chosen = [row for row in rows if row["split"] == split]
    assert {row["lang"] for row in chosen} == {"nl", "en"}
    for row in chosen:
        assert metrics.precision(row) >= PRECISION and metrics.recall(row) >= RECALL, row

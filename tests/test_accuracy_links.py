"""Affiliate-link detection stays above its floor on the labelled corpus
(eval/corpus/links.yaml, scored by eval/score_links.py)."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
PRECISION, RECALL = 0.95, 0.90


@pytest.fixture(scope="module")
def score_links():
    spec = importlib.util.spec_from_file_location("score_links", EVAL / "score_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_size_and_labels(score_links):
    items = score_links.load_items()
    assert len({item["id"] for item in items}) == len(items)
    counts = Counter(item["label"] for item in items)
    assert counts["affiliate"] >= 150 and counts["plain"] >= 150
    for lang in ("nl", "en"):
        for fmt in ("html", "md"):
            for split in ("dev", "heldout"):
                assert any(i["lang"] == lang and i["fmt"] == fmt and i["split"] == split for i in items)


@pytest.mark.parametrize("split", [None, "heldout", "blind"])
def test_precision_and_recall_per_language(score_links, split):
    rows = score_links.score(split)
    assert {row["lang"] for row in rows} == {"nl", "en"}
    for row in rows:
        assert set(row) >= {"rule", "lang", "tp", "fp", "fn"}
        precision = row["tp"] / ((row["tp"] + row["fp"]) or 1)
        recall = row["tp"] / ((row["tp"] + row["fn"]) or 1)
        assert precision >= PRECISION and recall >= RECALL, (split, row)

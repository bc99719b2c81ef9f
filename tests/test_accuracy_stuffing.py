"""keyword-stuffing on eval/corpus/stuffing.yaml: real stuffing must fire, and
natural articles (product guides that repeat product names, comparisons,
Dutch sentences with verbs after the keyphrase) must mostly stay quiet.
The precision floor is the figure in docs/accuracy.md; issue 12 asks 0.9
before the rule leaves preview."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval import metrics, score_stuffing  # noqa: E402


def test_stuffing_precision_and_recall_per_language():
    rows = score_stuffing.score()
    assert {row["lang"] for row in rows} == {"nl", "en"}
    for row in rows:
        assert metrics.precision(row) >= 0.9, row
        assert metrics.recall(row) >= 0.9, row

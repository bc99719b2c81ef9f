"""keyword-stuffing stays above its floor on eval/corpus/stuffing.yaml:
product guides that repeat product names, comparisons and Dutch sentences
with verbs after the keyphrase must stay quiet, real stuffing must fire."""

import importlib.util
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent / "eval"


def test_stuffing_precision_and_recall_per_language():
    spec = importlib.util.spec_from_file_location("score_stuffing", EVAL / "score_stuffing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.score()
    assert {row["lang"] for row in rows} == {"nl", "en"}
    for row in rows:
        assert row["tp"] / ((row["tp"] + row["fp"]) or 1) >= 0.9, row
        assert row["tp"] / ((row["tp"] + row["fn"]) or 1) >= 0.9, row

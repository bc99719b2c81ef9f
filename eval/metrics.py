"""Counting and ratios shared by every scorer in eval/.

A row is a dict with the counts ``tp``, ``fp``, ``fn`` and ``tn`` of one rule,
language and split. An empty denominator counts as 1.0 for both ratios: no
flagged item means no false alarm, no positive item means nothing missed.
"""

from __future__ import annotations

from collections.abc import Iterable


def new_row(rule: str, lang: str, split: str) -> dict:
    return {"rule": rule, "lang": lang, "split": split, "tp": 0, "fp": 0, "fn": 0, "tn": 0}


def tally(rows: dict, rule: str, lang: str, splits: Iterable[str], label: bool, hit: bool) -> None:
    """Count one labelled item (label: it should be flagged; hit: it was) in
    the row of each named split."""
    outcome = "tp" if label and hit else "fn" if label else "fp" if hit else "tn"
    for split in splits:
        row = rows.get((rule, lang, split))
        if row is None:
            row = rows[(rule, lang, split)] = new_row(rule, lang, split)
        row[outcome] += 1


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def precision(row: dict) -> float:
    return ratio(row["tp"], row["tp"] + row["fp"])


def recall(row: dict) -> float:
    return ratio(row["tp"], row["tp"] + row["fn"])


def sorted_rows(rows: dict) -> list[dict]:
    return [rows[key] for key in sorted(rows)]


def summary(row: dict) -> str:
    return (f"{row['rule']:<28} {row['lang']} {row['split']:<11} precision {precision(row):.3f}  "
            f"recall {recall(row):.3f}  (tp {row['tp']}, fp {row['fp']}, fn {row['fn']}, tn {row['tn']})")

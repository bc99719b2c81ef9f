"""Helpers for the performance-feature tests: a small varied corpus."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "bench") not in sys.path:
    sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402  (bench/corpus.py)


def make_corpus(folder: Path, count: int = 12, seed: int = 7) -> list[Path]:
    """count files in sub-folders, nl and en, HTML and Markdown, with a config."""
    return corpus.write_corpus(folder, seed, count, distinct=8)

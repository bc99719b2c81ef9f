#!/usr/bin/env python3
"""Parse-only timing: healthlint's HTML reader against C-backed and spec parsers.

    python bench/parse_speed.py [--repeat N]

Times building the Document from each HTML article of the reference set
(bench/corpus.py) and, when they are installed, the tree builders of
selectolax (lexbor, C), lxml.html (libxml2, C) and html5lib (pure Python, the
differential test's oracle). Only healthlint's reader gives exact line and
column offsets; the others are here to show what a C-backed parser would cost
(docs/decisions.md, "HTML conformance").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if (HERE.parent / "src").is_dir():
    sys.path.insert(0, str(HERE.parent / "src"))

import corpus  # noqa: E402


def _median_ms(fn, pages: list[str], repeat: int) -> float:
    per_page = []
    for page in pages:
        runs = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn(page)
            runs.append(time.perf_counter() - t)
        per_page.append(statistics.median(runs))
    return statistics.median(per_page) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=21)
    args = ap.parse_args()
    pages = [a.text for a in corpus.reference_set(1, 16) if a.fmt == "html"]

    from healthlint.loader import parse_text

    parsers = {"healthlint (exact offsets)": lambda page: parse_text(page, "a.html")}
    try:
        from selectolax.lexbor import LexborHTMLParser
        parsers["selectolax/lexbor (no offsets)"] = LexborHTMLParser
    except ImportError:
        pass
    try:
        import lxml.html
        parsers["lxml.html (lines only)"] = lxml.html.document_fromstring
    except ImportError:
        pass
    try:
        import html5lib
        parsers["html5lib (no offsets)"] = html5lib.parse
    except ImportError:
        pass
    size = statistics.median(len(p.encode()) for p in pages) / 1024
    print(f"{len(pages)} HTML articles, median {size:.1f} KB, median of {args.repeat} runs each")
    for name, fn in parsers.items():
        print(f"  {name:34} {_median_ms(fn, pages, args.repeat):7.3f} ms")


if __name__ == "__main__":
    main()

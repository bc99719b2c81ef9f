#!/usr/bin/env python3
"""Markdown parse: markdown-it-py (what healthlint uses) against markdown-it-pyrs (Rust).

    pip install markdown-it-pyrs        # bench only; healthlint does not depend on it
    python bench/markdown_parsers.py [--copies N]

On the benchmark's new Markdown articles, times (CPU) markdown-it-py's token stream, healthlint's
whole Markdown reader (tokens + document model with exact columns), and markdown-it-pyrs's
tree plus a small block builder over it (character offsets from its byte source maps). Checks
that the builder's block texts and spans equal healthlint's for these articles. The decision
is in docs/performance.md ("Markdown parser").
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

BLOCKS = {"heading": "heading", "paragraph": "paragraph", "tcell": "cell"}
INLINE_TEXT = {"text", "text_special"}


def rust_blocks(md, text: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of headings, paragraphs and table cells from markdown-it-pyrs,
    offsets in characters (its source maps are UTF-8 byte offsets)."""
    data = text.encode()
    ascii_only = len(data) == len(text)

    def char(offset: int) -> int:
        return offset if ascii_only else len(data[:offset].decode())

    out = []

    def inline(node, parts):
        for child in node.children:
            if child.name in INLINE_TEXT:
                parts.append(child.meta["content"])
            elif child.name == "softbreak":
                parts.append("\n")
            elif child.name == "hardbreak":
                parts.append("\n")
            else:
                inline(child, parts)

    def walk(node):
        for child in node.children:
            kind = BLOCKS.get(child.name)
            if kind:
                parts: list[str] = []
                inline(child, parts)
                start, end = child.srcmap
                if child.name == "heading":  # the text, not the '#' marker
                    first = child.children[0].srcmap[0] if child.children else end
                    start = first
                out.append((kind, "".join(parts), char(start), char(end)))
            else:
                walk(child)

    walk(md.tree(text))
    return out


def median_ms(fn, texts: list[str]) -> float:
    runs = []
    for text in texts:
        t0 = time.process_time()
        fn(text)
        runs.append((time.process_time() - t0) * 1000)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    from healthlint.loader import parse_text

    try:
        import markdown_it_pyrs
    except ImportError:
        raise SystemExit("markdown-it-pyrs is not installed: pip install markdown-it-pyrs")
    python_md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    rust_md = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "front_matter"])
    for lang in ("nl", "en"):
        texts = [corpus.fresh_article(args.seed, lang, "markdown", copy).text for copy in range(args.copies)]
        warm = corpus.fresh_article(args.seed, lang, "markdown", 5000).text
        python_md.parse(warm), parse_text(warm, "warm.md"), rust_blocks(rust_md, warm)
        same = 0
        for text in texts:
            ours = [(b.kind, b.text, b.span.start, b.span.end) for b in parse_text(text, "a.md").blocks
                    if b.kind in ("heading", "paragraph")]
            theirs = [b for b in rust_blocks(rust_md, text) if b[0] in ("heading", "paragraph")]
            same += ours == theirs
        print(f"{lang}: markdown-it-py tokens {median_ms(python_md.parse, texts):.2f} ms, "
              f"healthlint reader (tokens + model) {median_ms(lambda t: parse_text(t, 'a.md'), texts):.2f} ms, "
              f"markdown-it-pyrs tree {median_ms(rust_md.tree, texts):.2f} ms, "
              f"tree + block builder {median_ms(lambda t: rust_blocks(rust_md, t), texts):.2f} ms; "
              f"same heading and paragraph texts and spans in {same} of {len(texts)} articles")


if __name__ == "__main__":
    main()

"""healthlint's Markdown headings against markdownlint's (micromark, CommonMark).

    python eval/markdownlint/compare_headings.py FOLDER [--node-path DIR]

Reads every .md file in FOLDER as `healthlint check` reads it, and the same
files with headings.mjs (node, with the npm package markdownlint installed in
--node-path or on NODE_PATH). Compares per heading: level, line, the line and
column of its first visible character, and the text (entities decoded,
white space collapsed); then checks that every word of a heading reads back
from the source at the span healthlint maps it to. Prints the counts and each
difference. docs/parsing.md records a run.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from healthlint.loader import decode, parse_text

HERE = Path(__file__).resolve().parent


def _norm(text: str) -> str:
    return " ".join(html.unescape(text).split())


def healthlint_headings(path: Path) -> tuple[str, list[dict]]:
    text = decode(path.read_bytes(), str(path))
    doc = parse_text(text, path.name)
    headings = []
    for block in doc.blocks:
        if block.kind != "heading":
            continue
        first = list(doc.source.position(block.tmap.span(0, 1).start)) if block.text else None
        headings.append({"level": block.level, "line": doc.source.position(block.span.start)[0], "first": first,
                         "text": _norm(block.text), "block": block})
    return text, headings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--node-path", help="folder holding node_modules/markdownlint")
    args = parser.parse_args(argv)
    files = sorted(args.folder.rglob("*.md"))
    env = dict(os.environ)
    if args.node_path:
        env["NODE_PATH"] = str(Path(args.node_path) / "node_modules")
    # ESM imports ignore NODE_PATH: run from a copy beside the installed package
    script = Path(args.node_path) / "headings.mjs" if args.node_path else HERE / "headings.mjs"
    if args.node_path:
        script.write_text((HERE / "headings.mjs").read_text(encoding="utf-8"), encoding="utf-8")
    out = subprocess.run(["node", str(script), *map(str, files)], capture_output=True, text=True, env=env, check=True)
    reference = json.loads(out.stdout)
    compared = identical = words = exact = 0
    for path in files:
        text, ours = healthlint_headings(path)
        theirs = [dict(h, text=_norm(h["text"])) for h in reference[str(path)]]
        for index in range(max(len(ours), len(theirs))):
            a = {k: v for k, v in ours[index].items() if k != "block"} if index < len(ours) else None
            b = theirs[index] if index < len(theirs) else None
            compared += 1
            if a == b:
                identical += 1
            else:
                print(f"{path.name}: healthlint {a}\n{' ' * len(path.name)}  markdownlint {b}")
        for heading in ours:
            block = heading["block"]
            for word in re.finditer(r"\S+", block.text):
                words += 1
                span = block.tmap.span(word.start(), word.end())
                if text[span.start:span.end] == word.group():
                    exact += 1
                else:  # an entity or a backslash escape stands for its character
                    print(f"{path.name}: {word.group()!r} maps to {text[span.start:span.end]!r}")
    print(f"{len(files)} files, {compared} headings compared, {identical} identical; "
          f"{words} heading words, {exact} read back exactly at their span")
    return 0 if compared == identical else 1


if __name__ == "__main__":
    sys.exit(main())

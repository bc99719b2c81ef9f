"""healthlint's Flesch figures for the comparison articles (quick stand-alone extractor).

    PYTHONPATH=src python docs/comparison/yoast/healthlint_counts.py MANIFEST.jsonl > counts.jsonl

Body text = text of p / li / h1-h6 / td / th blocks inside <body> (html.parser, stdlib only);
blockquote/q/cite/code/pre/script/style are skipped, as Yoast does. Sentences are split on
[.!?] followed by whitespace + capital letter (or a digit) or the end of the block; every block is
at least one sentence (headings and list items end a sentence, as in Yoast). Words are runs of
letters (digits-only tokens are dropped, as Yoast's stripNumbers does); a hyphenated word is one
word. Syllables from healthlint.readability.count_syllables.
"""
from __future__ import annotations

import json
import os
import re
import sys
from html.parser import HTMLParser

from healthlint.readability import count_syllables, flesch

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"}
SKIP = {"blockquote", "q", "cite", "code", "pre", "script", "style", "form", "head", "title"}


class Blocks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.cur, self.depth, self.skip = [], None, 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCKS:
            if self.cur is not None and self.cur.strip():  # nested block (li > p): flush outer text
                self.blocks.append(self.cur)
            self.cur = ""
            self.depth += 1
        elif tag == "br" and self.cur is not None:
            self.cur += " "

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS and self.depth:
            self.depth -= 1
            if self.cur is not None and self.cur.strip():
                self.blocks.append(self.cur)
            self.cur = "" if self.depth else None

    def handle_data(self, data):
        if self.cur is not None and not self.skip:
            self.cur += data


SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9À-Ý])")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)*(?:[-'’]?[^\W\d_]+)+")


def counts(path, lang):
    html = open(path, encoding="utf-8").read()
    m = re.search(r"<body[^>]*>(.*)</body>", html, re.S | re.I)
    p = Blocks()
    p.feed(m.group(1) if m else html)
    sentences = words = syl = long_sent = 0
    tokens = []
    for block in p.blocks:
        for s in SENT_END.split(" ".join(block.split())):
            ws = [w.lower() for w in WORD.findall(s)]
            if not ws:
                continue
            sentences += 1
            words += len(ws)
            long_sent += len(ws) > 20
            tokens += ws
    syl = count_syllables(tokens, lang)
    return {"sentences": sentences, "words": words, "syllables": syl,
            "syllables_per_word": round(syl / words, 3) if words else None,
            "long_sentences_pct": round(100 * long_sent / sentences, 1) if sentences else None,
            "flesch": flesch(words, sentences, syl, lang)}


def main():
    for line in open(sys.argv[1], encoding="utf-8"):
        if not line.strip():
            continue
        job = json.loads(line)
        lang = job.get("locale", "en_US")[:2]
        out = {"file": job["file"], "locale": job.get("locale"), **counts(job["file"], lang)}
        print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()

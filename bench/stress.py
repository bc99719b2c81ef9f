#!/usr/bin/env python3
"""Stress benchmark: hostile shapes of input up to the 10 MB file-size limit.

    python bench/stress.py                      # every case at 0.1, 0.5, 2 and 10 MB
    python bench/stress.py --sizes 0.05,0.2     # other sizes (MB)
    python bench/stress.py --case md-table      # one case (repeatable)
    python bench/stress.py --json out.json      # the figures as JSON too

Each case is one shape that used to cost more than linear time or memory
(issue 14, "Linear time and bounded memory"): it is generated at each size,
linted in a fresh child process with every rule (preview included), and
reported as seconds (wall clock, and CPU time of the child), seconds per MB
and the child's peak RSS. The goal is under 2 s per MB and under 500 MB at
every size up to 10 MB, judged on CPU time: on a shared machine the wall
clock also counts the turns of other processes. A case that
takes longer than --timeout seconds is stopped and reported as such, so one
superlinear case cannot hang the run.

This is a measurement, not a test; tests/test_linear_time.py checks the same
shapes at small sizes for superlinear growth.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

MB = 1_000_000
GOAL_SECONDS_PER_MB = 2.0
GOAL_PEAK_MB = 500
WARM_UP_SIZE = 2_000  # characters of the same case linted first, untimed (packs, hyphenation dictionaries)


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """head + unit repeated until the text is about `size` characters + tail."""
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * count + tail


def claims_paragraph(size: int) -> str:
    """One Markdown paragraph of claim sentences: no line break, no end."""
    unit = ("Magnesium geneest migraine en voorkomt kanker volgens 87% van de artsen. "
            "This supplement cures arthritis and is clinically proven to boost immunity. ")
    return _repeat(unit, size, "# Magnesium\n\n", "\n")


def markdown_link_paragraph(size: int) -> str:
    """One Markdown paragraph made of inline links."""
    return _repeat("[magnesium kopen](https://www.example.com/p?tag=x-21) en ", size, "# Links\n\n", "\n")


def reference_links(size: int) -> str:
    """Reference-style links in one paragraph, their definitions below."""
    count = max(1, size // 90)
    uses = " ".join(f"[bron {i}][r{i}]" for i in range(count))
    defs = "\n".join(f"[r{i}]: https://example.com/{i}" for i in range(count))
    return f"# Bronnen\n\n{uses}\n\n{defs}\n"


def html_faq_headings(size: int) -> str:
    """An HTML page whose FAQ heading, question and answer repeat."""
    unit = ("<h2>Veelgestelde vragen</h2>\n<h3>Is magnesium veilig?</h3>\n"
            "<p>Ja, in normale hoeveelheden is het veilig.</p>\n")
    return _repeat(unit, size, '<html lang="nl"><body>\n', "</body></html>\n")


def faq_markup_unclosed_noscript(size: int) -> str:
    """FAQPage JSON-LD that matches nothing, then unclosed <noscript> tags:
    every question is looked for in the page's text."""
    questions = ",".join(
        '{"@type":"Question","name":"Vraag %d over magnesium?","acceptedAnswer":'
        '{"@type":"Answer","text":"Antwoord %d."}}' % (i, i) for i in range(20))
    head = ('<html lang="nl"><head><script type="application/ld+json">{"@context":"https://schema.org",'
            '"@type":"FAQPage","mainEntity":[' + questions + ']}</script></head><body>\n')
    return _repeat("<noscript><p>Schakel JavaScript in.</p>\n", size, head, "</body></html>\n")


def faq_markup_mismatch(size: int) -> str:
    """An HTML FAQ and FAQPage JSON-LD of as many questions, none alike: each
    marked-up question is looked for among the visible ones, and its finding
    located in the script."""
    count = max(1, size // 190)
    questions = ",".join(
        '{"@type":"Question","name":"Markup vraag %d over zink?","acceptedAnswer":'
        '{"@type":"Answer","text":"x"}}' % i for i in range(count))
    visible = "".join(f"<h3>Zichtbare vraag {i} over magnesium?</h3><p>Antwoord {i}.</p>\n" for i in range(count))
    return ('<html lang="nl"><head><script type="application/ld+json">{"@context":"https://schema.org",'
            '"@type":"FAQPage","mainEntity":[' + questions + ']}</script></head><body>\n'
            "<h2>Veelgestelde vragen</h2>\n" + visible + "</body></html>\n")


def markdown_table(size: int) -> str:
    """One long Markdown table."""
    head = "# Tabel\n\n| stof | dosis | bron |\n|---|---|---|\n"
    return _repeat("| magnesium | 300 mg | EFSA |\n", size, head)


def setext_headings(size: int) -> str:
    """Setext headings (text underlined with = or -), one after another."""
    return _repeat("Magnesium en slaap\n==================\n\nTekst.\n\nMeer\n----\n\n", size)


def markdown_faq_fences(size: int) -> str:
    """A Markdown FAQ without markup (so the fix looks for where to add it)
    followed by short code fences, opened and closed."""
    head = ("# Magnesium\n\n## Veelgestelde vragen\n\n### Is magnesium veilig?\n\nJa, in normale doses.\n\n"
            "### Hoeveel per dag?\n\nOngeveer 300 mg.\n\n")
    return _repeat("```\nx\n```\n", size, head)


def many_attributes(size: int) -> str:
    """One element carrying ~size/10 attributes."""
    count = max(1, size // 10)
    attrs = "".join(f" a{i}=x" for i in range(count))
    return f'<html lang="nl"><body><p{attrs}>Magnesium.</p></body></html>\n'


CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "claims-paragraph": ("x.md", claims_paragraph),
    "md-link-paragraph": ("x.md", markdown_link_paragraph),
    "reference-links": ("x.md", reference_links),
    "html-faq-headings": ("x.html", html_faq_headings),
    "faq-markup-noscript": ("x.html", faq_markup_unclosed_noscript),
    "faq-markup-mismatch": ("x.html", faq_markup_mismatch),
    "md-table": ("x.md", markdown_table),
    "setext-headings": ("x.md", setext_headings),
    "md-faq-fences": ("x.md", markdown_faq_fences),
    "many-attributes": ("x.html", many_attributes),
}

# Runs in the child: lint one file with every rule, print seconds and peak RSS.
_CHILD = """
import json, resource, sys, time
from dataclasses import replace
from healthlint.config import Settings
from healthlint.engine import Linter
text = open(sys.argv[1], encoding="utf-8").read()
linter = Linter(Settings(), explicit_config=True)
settings = replace(Settings(), preview=True, select=("ALL",))
linter.lint_text(open(sys.argv[3], encoding="utf-8").read(), sys.argv[2], settings)  # one-off loads out of the timing
start, cpu_start = time.perf_counter(), time.process_time()
result = linter.lint_text(text, sys.argv[2], settings)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak_kb / 1024,
                  "findings": len(result.get("findings", [])), "error": result.get("error")}))
"""


def run_case(name: str, size_mb: float, timeout: float) -> dict:
    display, make = CASES[name]
    text = make(int(size_mb * MB))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / display
        path.write_text(text, encoding="utf-8")
        warm_up = Path(tmp) / ("warm-up-" + display)
        warm_up.write_text(make(WARM_UP_SIZE), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
        row = {"case": name, "mb": round(len(text.encode()) / MB, 3)}
        start = time.perf_counter()
        try:
            proc = subprocess.run([sys.executable, "-c", _CHILD, str(path), display, str(warm_up)], capture_output=True,
                                  text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            row.update(seconds=None, timed_out=timeout, wall=round(time.perf_counter() - start, 1))
            return row
    if proc.returncode != 0:
        row.update(seconds=None, failed=proc.stderr.strip().splitlines()[-1:] or ["no output"])
        return row
    row.update(json.loads(proc.stdout.strip().splitlines()[-1]))
    row["seconds_per_mb"] = row["seconds"] / row["mb"]
    row["cpu_seconds_per_mb"] = row["cpu_seconds"] / row["mb"]
    # judged on CPU time: on a shared machine the wall clock also counts other processes' turns
    row["meets_goal"] = row["cpu_seconds_per_mb"] < GOAL_SECONDS_PER_MB and row["peak_mb"] < GOAL_PEAK_MB
    return row


def _show(row: dict) -> str:
    if row.get("seconds") is None:
        why = f"stopped after {row['timed_out']} s" if "timed_out" in row else f"failed: {row['failed']}"
        return f"{row['case']:<22} {row['mb']:>7.2f} MB  {why}"
    return (f"{row['case']:<22} {row['mb']:>7.2f} MB  {row['seconds']:>8.2f} s  {row['seconds_per_mb']:>6.2f} s/MB  "
            f"(CPU {row['cpu_seconds']:>7.2f} s, {row['cpu_seconds_per_mb']:>5.2f} s/MB)  "
            f"{row['peak_mb']:>7.0f} MB peak  {'ok' if row['meets_goal'] else 'MISSES GOAL'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0.1,0.5,2,10", help="comma-separated sizes in MB (default 0.1,0.5,2,10)")
    ap.add_argument("--case", action="append", choices=sorted(CASES), help="only this case (repeatable)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is stopped (default 120)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    rows = []
    for name in args.case or list(CASES):
        for size in sizes:
            row = run_case(name, size, args.timeout)
            rows.append(row)
            print(_show(row), flush=True)
            if row.get("seconds") is None:
                break  # larger sizes of a case that already failed would only fail longer
    if args.json:
        Path(args.json).write_text(json.dumps({"goal": {"seconds_per_mb": GOAL_SECONDS_PER_MB,
                                                        "peak_mb": GOAL_PEAK_MB}, "rows": rows}, indent=2) + "\n")
    return 0 if all(row.get("meets_goal") for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

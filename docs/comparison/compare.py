#!/usr/bin/env python3
"""healthlint vs Yoast SEO: keyphrase count/density, Flesch and long-sentence share side by side.

    python docs/comparison/compare.py            # runs healthlint, prints the Markdown table
    python docs/comparison/compare.py --json hl.json   # use a saved `healthlint check --format json` report

Inputs: docs/comparison/articles/manifest.jsonl (file, keyphrase, locale), the examples, and Yoast's
figures in docs/comparison/yoast/yoast-results.jsonl (re-run Yoast with docs/comparison/yoast/run_yoast.sh).
healthlint is run once per file with --keyword (the JSON report's `stats`). A relative difference over
10 % is marked with "!" (differences are explained in docs/yoast-comparison.md).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "docs/comparison/articles/manifest.jsonl"
YOAST = ROOT / "docs/comparison/yoast/yoast-results.jsonl"
EXAMPLES = [("examples/magnesium-tekort.html", "magnesium tekort", "nl_NL"),
            ("examples/vitamin-d-deficiency.md", "vitamin D deficiency", "en_US")]


def jobs() -> list[tuple[str, str, str]]:
    out = []
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.strip():
            j = json.loads(line)
            out.append((f"docs/comparison/articles/{j['file']}", j["keyphrase"], j["locale"]))
    return out + EXAMPLES


def run_healthlint(files: list[tuple[str, str, str]]) -> dict[str, dict]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    stats = {}
    for path, keyphrase, locale in files:
        proc = subprocess.run([sys.executable, "-m", "healthlint", "check", "--no-cache", "--format", "json",
                               "--keyword", keyphrase, "--lang", locale[:2], path],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        if not proc.stdout.strip():  # older CLI without --no-cache
            proc = subprocess.run([sys.executable, "-m", "healthlint", "check", "--format", "json", "--keyword",
                                   keyphrase, "--lang", locale[:2], path],
                                  cwd=ROOT, env=env, capture_output=True, text=True)
        report = json.loads(proc.stdout)
        stats[path] = report["files"][0]["stats"]
    return stats


def load_report(path: str) -> dict[str, dict]:
    report = json.loads(Path(path).read_text(encoding="utf-8"))
    return {os.path.relpath(os.path.abspath(f["path"]), ROOT): f["stats"] for f in report["files"]}


def load_yoast() -> dict[str, dict]:
    out = {}
    for line in YOAST.read_text(encoding="utf-8").splitlines():
        j = json.loads(line)
        if j.get("type") == "result":
            out[j["file"]] = j["metrics"]
    return out


def rel(a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return ""
    if b == 0:
        return "" if a == 0 else "!"
    return "!" if abs(a - b) / abs(b) > 0.10 else ""


def fmt(v, digits=2) -> str:
    return "–" if v is None else (f"{v:.{digits}f}" if isinstance(v, float) else str(v))


def table(files, hl, yoast) -> str:
    rows = ["| file | keyphrase | words H / Y | count H / Y | density % H / Y | Flesch H / Y | long % H / Y |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for path, keyphrase, _ in files:
        h = hl.get(path)
        y = yoast.get(path)
        if h is None:
            continue
        hd, hf = h["keyword_density"], h["flesch"]
        hl_long = None if h["long_sentence_share"] is None else round(100 * h["long_sentence_share"], 1)
        if y is None:
            rows.append(f"| {path} | {keyphrase} | {h['words']} / – | {h['keyword_count']} / – | {fmt(hd)} / – | "
                        f"{fmt(hf, 1)} / – | {fmt(hl_long, 1)} / – |")
            continue
        yd, yf, yl = y["keyphrase_density_pct"], y["flesch_reading_ease"], y["sentences_over_limit_pct"]
        rows.append(
            f"| {path} | {keyphrase} | {h['words']} / {y['word_count']} | "
            f"{h['keyword_count']} / {y['keyphrase_count']}{rel(h['keyword_count'], y['keyphrase_count'])} | "
            f"{fmt(hd)} / {fmt(float(yd))}{rel(hd, yd)} | {fmt(hf, 1)} / {fmt(float(yf), 1)}{rel(hf, yf)} | "
            f"{fmt(hl_long, 1)} / {fmt(float(yl), 1)} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="a saved healthlint JSON report instead of running healthlint")
    args = parser.parse_args()
    files = jobs()
    hl = load_report(args.json) if args.json else run_healthlint(files)
    print(table(files, hl, load_yoast()))


if __name__ == "__main__":
    main()

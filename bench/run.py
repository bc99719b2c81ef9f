#!/usr/bin/env python3
"""healthlint benchmark: one command, every figure next to its target.

    python bench/run.py                 # full run (~10,000-file folder; a few minutes)
    python bench/run.py --quick         # tiny corpus, seconds (what CI runs)
    python bench/run.py --json out.json # also write the figures as JSON
    python bench/run.py --yoast         # also time Yoast (../shared/peers/yoast) when node/npm exist

Figures:
  per_article_ms     median ms to lint one reference article in-process (all stable rules),
                     median over the reference set of the median of --repeat runs each
  articles_per_s_jobs1 / _jobsN   CLI throughput over a folder (`check DIR --jobs J --no-cache`),
                     process start included
  one_file_s_nl / _en            wall time of `healthlint check FILE --no-cache` (start-up included)
  rss_mb_10k         peak RSS of `healthlint check` over the big folder (--jobs 1, JSON report to a file),
                     read with getrusage(RUSAGE_CHILDREN) in a helper process
  cache_rerun_s_10k  wall time of a second run over the big folder with the cache warm
  yoast_*            Yoast's runner on the same Dutch HTML articles, and the ratio
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
if (ROOT / "src").is_dir():
    sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402

TARGETS = {
    "per_article_ms": ("<=", 6.5, "ms"),
    "articles_per_s_per_core": (">=", 150, "art/s"),
    "one_file_s_nl": ("<=", 0.5, "s"),
    "one_file_s_en": ("<=", 0.5, "s"),
    "rss_mb_10k": ("<", 300, "MB"),
    "cache_rerun_s_10k": ("<", 2.0, "s"),
}


_SRC = ROOT / "src"


def snapshot(work: Path) -> None:
    """Run the CLI from a copy of the code, rules and schemas, so that edits to the
    checkout during a long run cannot change (or invalidate the cache of) later steps."""
    global _SRC
    if not (ROOT / "src" / "healthlint").is_dir():
        return  # an installed healthlint: nothing to copy
    snap = work / "snapshot"
    shutil.copytree(ROOT / "src" / "healthlint", snap / "src" / "healthlint",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("rules", "schemas"):
        shutil.copytree(ROOT / name, snap / name)
    _SRC = snap / "src"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_SRC), env.get("PYTHONPATH")]))
    env.pop("CI", None)
    return env


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "healthlint", *args]


def timed(cmd: list[str], **kw) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), **kw)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    return elapsed


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


# ------------------------------------------------------------------ measurements

def per_article(articles: list[corpus.Article], repeat: int) -> dict[str, float]:
    from healthlint.config import Settings
    from healthlint.engine import Linter

    linter = Linter(Settings(), explicit_config=True)
    per: dict[str, float] = {}
    for a in articles:
        settings = replace(Settings(), keyword=a.keyword, lang=a.lang)
        linter.lint_text(a.text, a.name, settings)  # warm-up: packs, regexes, syllable caches
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            linter.lint_text(a.text, a.name, settings)
            runs.append(time.perf_counter() - t0)
        per[a.name] = statistics.median(runs) * 1000
    return per


def rss_and_time(cmd: list[str]) -> tuple[float, float]:
    """(wall s, peak RSS MB of the command and its workers) via a helper process,
    so RUSAGE_CHILDREN counts only this command."""
    helper = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "w = time.perf_counter() - t\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'rc': p.returncode, 'wall': w, 'rss_kb': r, 'err': p.stderr.decode()[-1500:]}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", helper, *cmd], capture_output=True, text=True, env=_env())
    data = json.loads(proc.stdout)
    if data["rc"] not in (0, 1):
        raise SystemExit(f"benchmark command failed ({data['rc']}): {' '.join(cmd)}\n{data['err']}")
    return data["wall"], data["rss_kb"] / 1024


def yoast(folder: Path, files: list[Path], keyword: str) -> dict[str, float] | None:
    peer = ROOT.parent / "shared" / "peers" / "yoast"
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm and (peer / "yoast.mjs").is_file()):
        print("yoast: skipped (node/npm or ../shared/peers/yoast missing)", file=sys.stderr)
        return None
    work = folder / "yoast"
    shutil.copytree(peer, work, ignore=shutil.ignore_patterns("node_modules"))
    install = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=work, capture_output=True, text=True)
    if install.returncode:
        print(f"yoast: skipped (npm ci failed: {install.stderr.strip()[-300:]})", file=sys.stderr)
        return None
    proc = subprocess.run([node, "yoast.mjs", "--many", keyword, "nl_NL", *map(str, files)], cwd=work,
                          capture_output=True, text=True)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    summary = next((line for line in lines if line.get("type") == "summary"), None)
    if summary is None:
        print(f"yoast: skipped (no summary line; {proc.stderr.strip()[-300:]})", file=sys.stderr)
        return None
    ms = 1000 * summary["analysis_s"] / summary["files"]
    return {"yoast_files": summary["files"], "yoast_articles_per_s": 1000 / ms, "yoast_ms_per_article": ms}


# ------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="tiny corpus, few repeats (CI smoke run)")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--files", type=int, help="size of the big folder (default 10,000; --quick 40)")
    ap.add_argument("--throughput-files", type=int, help="folder size for the --jobs runs (default 1,000; --quick 40)")
    ap.add_argument("--repeat", type=int, help="runs per article for the median (default 21; --quick 3)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N for the --jobs N figure")
    ap.add_argument("--yoast", action="store_true", help="also time the Yoast peer (needs node and npm)")
    ap.add_argument("--keep", metavar="DIR", help="build the corpus in DIR and keep it")
    args = ap.parse_args(argv)
    big = args.files or (40 if args.quick else 10_000)
    mid = args.throughput_files or (40 if args.quick else 1_000)
    repeat = args.repeat or (3 if args.quick else 21)

    import healthlint

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="healthlint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict = {
        "machine": {"nproc": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version(),
                    "platform": platform.platform(), "date": date.today().isoformat(),
                    "healthlint": healthlint.__version__, "loadavg_before": _loadavg()},
        "corpus": {"seed": args.seed, "big_folder_files": big, "throughput_files": mid, "repeat": repeat,
                   "quick": args.quick},
    }
    try:
        snapshot(work)
        refs = corpus.reference_set(args.seed, 8)
        figures["reference"] = {a.name: {"bytes": len(a.text.encode()), "lang": a.lang, "format": a.fmt} for a in refs}
        per = per_article(refs, repeat)
        figures["per_article_ms_each"] = {k: round(v, 3) for k, v in per.items()}
        figures["per_article_ms"] = round(statistics.median(per.values()), 3)
        figures["per_article_ms_html"] = round(statistics.median(v for k, v in per.items() if k.endswith(".html")), 3)
        figures["per_article_ms_markdown"] = round(statistics.median(v for k, v in per.items() if k.endswith(".md")), 3)
        figures["articles_per_s_per_core"] = round(1000 / figures["per_article_ms"], 1)

        one = work / "one"
        one.mkdir(exist_ok=True)
        for a in refs[:2]:  # nl html, en html
            path = one / a.name
            path.write_text(a.text, encoding="utf-8")
            runs = [timed(cli("check", str(path), "--keyword", a.keyword, "--no-cache")) for _ in range(3 if args.quick else 7)]
            figures[f"one_file_s_{a.lang}"] = round(statistics.median(runs), 3)

        mid_dir = work / "mid"
        corpus.write_corpus(mid_dir, args.seed, mid)
        report = str(work / "report.json")
        for jobs in sorted({1, args.jobs}):
            wall = timed(cli("check", str(mid_dir), "--format", "json", "-o", report, "--no-cache", "--jobs", str(jobs)))
            figures[f"articles_per_s_jobs{jobs}"] = round(mid / wall, 1)
        figures["articles_per_s_jobsN"] = figures[f"articles_per_s_jobs{args.jobs}"]
        figures["jobs_N"] = args.jobs

        big_dir = work / "big"
        t0 = time.perf_counter()
        corpus.write_corpus(big_dir, args.seed, big)
        figures["corpus_write_s"] = round(time.perf_counter() - t0, 2)
        cache = work / "cache"
        first_wall, rss = rss_and_time(cli("check", str(big_dir), "--format", "json", "-o", report,
                                           "--cache-dir", str(cache), "--jobs", "1"))
        figures["big_first_run_s"] = round(first_wall, 2)
        figures["rss_mb_10k"] = round(rss, 1)
        reruns = [timed(cli("check", str(big_dir), "--format", "json", "-o", report, "--cache-dir", str(cache),
                            "--jobs", "1")) for _ in range(3)]
        figures["cache_rerun_s_10k"] = round(statistics.median(reruns), 3)
        text_rerun = timed(cli("check", str(big_dir), "-q", "--cache-dir", str(cache), "--jobs", "1"))
        figures["cache_rerun_s_10k_text"] = round(text_rerun, 3)

        if args.yoast:
            nl_html = [p for p in sorted(mid_dir.rglob("nl-*.html"))][: (3 if args.quick else 40)]
            # one keyphrase per run: use the files of the first topic
            topic = nl_html[0].name.rsplit("-", 1)[0]
            same = [p for p in nl_html if p.name.startswith(topic + "-")] or nl_html
            keyword = next(t[0] for t in corpus.TOPICS["nl"] if f"nl-{t[1]}" == topic)
            peer = yoast(work, same, keyword)
            if peer:
                figures.update({k: round(v, 2) for k, v in peer.items()})
                ours = per_article([a for a in refs if a.lang == "nl" and a.fmt == "html"], repeat)
                figures["healthlint_ms_nl_html"] = round(statistics.median(ours.values()), 3)
                figures["yoast_ratio"] = round(figures["yoast_ms_per_article"] / figures["healthlint_ms_nl_html"], 1)
        figures["loadavg_after"] = _loadavg()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print_table(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


def _loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ")[:3].__str__()
    except OSError:
        return "n/a"


def print_table(f: dict) -> None:
    m = f["machine"]
    print(f"healthlint {m['healthlint']} benchmark, {m['date']}: {m['nproc']} CPU ({m['cpu']}), Python {m['python']}"
          + (" [quick]" if f["corpus"]["quick"] else ""))
    rows = [
        ("per article, single process (median)", "per_article_ms", f"{f['per_article_ms']:.2f} ms"),
        ("  = articles/s per core", "articles_per_s_per_core", f"{f['articles_per_s_per_core']:.0f}"),
        ("  HTML / Markdown", None, f"{f['per_article_ms_html']:.2f} / {f['per_article_ms_markdown']:.2f} ms"),
        (f"CLI folder of {f['corpus']['throughput_files']}, --jobs 1", None, f"{f['articles_per_s_jobs1']:.0f} art/s"),
        (f"CLI folder of {f['corpus']['throughput_files']}, --jobs {f['jobs_N']}", None,
         f"{f['articles_per_s_jobsN']:.0f} art/s"),
        ("one file, nl (start-up included)", "one_file_s_nl", f"{f['one_file_s_nl']:.3f} s"),
        ("one file, en (start-up included)", "one_file_s_en", f"{f['one_file_s_en']:.3f} s"),
        (f"peak RSS, {f['corpus']['big_folder_files']} files", "rss_mb_10k", f"{f['rss_mb_10k']:.0f} MB"),
        (f"cache re-run, {f['corpus']['big_folder_files']} files (json)", "cache_rerun_s_10k",
         f"{f['cache_rerun_s_10k']:.2f} s"),
        ("  same, text -q", None, f"{f['cache_rerun_s_10k_text']:.2f} s"),
    ]
    if "yoast_ratio" in f:
        rows.append((f"Yoast (node, 1 thread, {f['yoast_files']} nl files)", None,
                     f"{f['yoast_ms_per_article']:.0f} ms/article = {f['yoast_ratio']}x healthlint"))
    print(f"{'figure':44} {'measured':>22}  {'target':>10}  ok")
    for label, key, value in rows:
        target, ok = "", ""
        if key:
            op, limit, unit = TARGETS[key]
            v = f[key]
            met = {"<=": v <= limit, ">=": v >= limit, "<": v < limit}[op]
            target, ok = f"{op} {limit:g} {unit}", "yes" if met else "NO"
            f.setdefault("targets", {})[key] = {"target": f"{op} {limit:g} {unit}", "value": v, "met": met}
        print(f"{label:44} {value:>22}  {target:>10}  {ok}")


if __name__ == "__main__":
    main()

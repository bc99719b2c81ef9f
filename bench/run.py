#!/usr/bin/env python3
"""healthlint benchmark: one command, every figure next to its target.

    python bench/run.py                 # full run (a 10,000-file folder, articles up to 10 MB; several minutes)
    python bench/run.py --quick         # small corpus, seconds (tests/test_bench.py runs this)
    python bench/run.py --json out.json # also write the figures as JSON

What it measures (docs/performance.md explains each figure):
  new articles        ms of CPU to lint one reference article (~25 KB, ~30 headings, 15 links, an FAQ
                      with JSON-LD) that the process has not seen: every copy is new in every paragraph
                      (bench/corpus.py fresh_article), so no cache keyed by text can serve it. Median per
                      language x format, with a per-stage table from a second process that runs with
                      HEALTHLINT_STAGE_TIMES=1 (healthlint/stagetimes.py).
  same text           the old figure: one article linted again and again (caches by text warm), labelled.
  size                ms per KB for 2 KB ... 10 MB articles; the spread is the largest per-KB cost over
                      the smallest.
  one file            wall time of `healthlint check FILE --no-cache`, process start included,
                      repeated like hyperfine (a warm-up run, then the best run, judged, with the
                      median and the CPU time beside it); which heavy modules the run imported
                      (python -X importtime).
  folder, RSS, cache  CLI throughput over a folder, peak RSS and a cached re-run of the big folder.
  yoast               bench/yoast (yoastseo, installed with `npm ci` there) on the same new HTML
                      articles, as a ratio of CPU ms per article (Yoast / healthlint) per language;
                      skipped with a note when node or bench/yoast/node_modules is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
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

COMBOS = [("nl", "html"), ("nl", "markdown"), ("en", "html"), ("en", "markdown")]
SIZES_KB = [2, 25, 250, 2_500, 10_000]
QUICK_SIZES_KB = [2, 25, 250]
TEN_MB_LIMIT = 10 * 1024 * 1024  # the default --max-file-size: the 10 MB article stays just under it
# modules a plain `check FILE` must not import (tests/test_cli_imports.py asserts the same)
HEAVY_MODULES = ["jsonschema", "jinja2", "httpx", "bs4", "pygls", "markdown_it", "pyphen"]

TARGETS = {
    **{f"new_article_ms_{lang}_{fmt}": ("<=", 8.0, "ms") for lang, fmt in COMBOS},
    "one_file_s_nl": ("<=", 0.3, "s"),
    "one_file_s_en": ("<=", 0.3, "s"),
    "size_per_kb_spread": ("<=", 1.5, "x"),
    "cache_rerun_s_10k": ("<", 2.0, "s"),
    "rss_mb_10k": ("<", 300, "MB"),
}

STAGES = ["parse + document model", "fold + text index", "phrase scan", "sentences", "readability words + syllables",
          "keyphrase", "rules' own code", "report"]

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


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_SRC), env.get("PYTHONPATH")]))
    env.pop("CI", None)
    env.pop("HEALTHLINT_STAGE_TIMES", None)
    # an installed healthlint has its bytecode (pip compiles it); without this, a shell that sets
    # PYTHONDONTWRITEBYTECODE makes every run of the snapshot compile its ~200 modules from source
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "healthlint", *args]


def timed(cmd: list[str], **kw) -> float:
    """Wall seconds of a command."""
    return timed_cpu(cmd, **kw)[0]


def timed_cpu(cmd: list[str], **kw) -> tuple[float, float]:
    """(wall, CPU) seconds of a command and its worker processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), **kw)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    return elapsed, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split(" ")[:3])
    except OSError:
        return "n/a"


# ------------------------------------------------------------------ in-process measurements

def _linter():
    from healthlint.config import Settings
    from healthlint.engine import Linter

    return Linter(Settings(), explicit_config=True), Settings()


def _lint_timed(linter, base, article: corpus.Article) -> tuple[float, float]:
    """(CPU ms, wall ms) of linting one article in this process."""
    settings = replace(base, keyword=article.keyword, lang=article.lang)
    c0, w0 = time.process_time(), time.perf_counter()
    result = linter.lint_text(article.text, article.name, settings)
    cpu, wall = (time.process_time() - c0) * 1000, (time.perf_counter() - w0) * 1000
    if result.get("error"):
        raise SystemExit(f"benchmark article failed to lint: {result['error']}")
    return cpu, wall


def _warm_up(linter, base, seed: int) -> None:
    """Load packs, build automata and syllable tables: what every run pays once."""
    for lang, fmt in COMBOS:
        for copy in (10_000, 10_001):  # copy numbers the measured runs never use
            _lint_timed(linter, base, corpus.fresh_article(seed, lang, fmt, copy))


def new_articles(seed: int, copies: int) -> dict:
    """Median CPU and wall ms per new article per language x format."""
    linter, base = _linter()
    _warm_up(linter, base, seed)
    out: dict = {}
    for lang, fmt in COMBOS:
        cpu, wall = [], []
        for copy in range(copies):
            article = corpus.fresh_article(seed, lang, fmt, copy)
            c, w = _lint_timed(linter, base, article)
            cpu.append(c)
            wall.append(w)
        out[f"{lang}_{fmt}"] = {"cpu_ms": round(statistics.median(cpu), 3), "wall_ms": round(statistics.median(wall), 3),
                                "kb": round(len(article.text.encode()) / 1024, 1), "copies": copies}
    return out


def same_text(seed: int, repeat: int) -> dict:
    """The old figure: the same reference text linted `repeat` times (caches by text warm)."""
    linter, base = _linter()
    out = {}
    for article in corpus.reference_set(seed, 4):  # nl html, en html, nl md, en md
        _lint_timed(linter, base, article)
        runs = [_lint_timed(linter, base, article)[0] for _ in range(repeat)]
        out[f"{article.lang}_{article.fmt}"] = round(statistics.median(runs), 3)
    return out


def sizes(seed: int, sizes_kb: list[int], combos: list[tuple[str, str]]) -> dict:
    """CPU ms per KB of fresh articles of each size (median over a few copies for small ones)."""
    linter, base = _linter()
    _warm_up(linter, base, seed)
    out: dict = {}
    for lang, fmt in combos:
        row = {}
        for kb in sizes_kb:
            target = min(kb * 1000, TEN_MB_LIMIT - 200_000)
            runs = []
            size = 0
            for copy in range(max(1, min(15, 2_000 // kb))):
                article = corpus.sized_article(seed, lang, fmt, 20_000 + copy, target)
                size = len(article.text.encode())
                runs.append(_lint_timed(linter, base, article)[0] / (size / 1024))
            row[str(kb)] = {"kb": round(size / 1024, 1), "ms_per_kb": round(statistics.median(runs), 4),
                            "ms": round(statistics.median(runs) * size / 1024, 2)}
        out[f"{lang}_{fmt}"] = row
    return out


def stage_worker(seed: int, copies: int) -> None:
    """Run with HEALTHLINT_STAGE_TIMES=1: per new article, ms of each stage (JSON on stdout)."""
    from healthlint import stagetimes

    if not stagetimes.ENABLED:
        raise SystemExit("--stage-worker needs HEALTHLINT_STAGE_TIMES=1 in the environment")
    linter, base = _linter()
    _warm_up(linter, base, seed)
    out = {}
    for lang, fmt in COMBOS:
        stagetimes.reset()
        cpu = 0.0
        for copy in range(copies):
            cpu += _lint_timed(linter, base, corpus.fresh_article(seed, lang, fmt, copy))[0]
        per = {name: round(1000 * stagetimes.totals.get(name, 0.0) / copies, 3) for name in STAGES}
        per["(not in a stage)"] = round(cpu / copies - sum(per.values()), 3)
        per["total"] = round(cpu / copies, 3)
        out[f"{lang}_{fmt}"] = per
    print(json.dumps(out))


def stages(seed: int, copies: int) -> dict:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--stage-worker", "--seed", str(seed),
                           "--copies", str(copies)], capture_output=True, text=True,
                          env=_env(HEALTHLINT_STAGE_TIMES="1", PYTHONPATH=os.pathsep.join(
                              filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))))
    if proc.returncode:
        raise SystemExit(f"stage worker failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


# ------------------------------------------------------------------ command-line measurements

def one_file(work: Path, seed: int, runs: int) -> dict:
    """hyperfine-style: one warm-up run, then `runs` timed runs of `check FILE`; and the heavy
    modules that run imported (python -X importtime)."""
    one = work / "one"
    one.mkdir(exist_ok=True)
    out: dict = {}
    floor = [timed([sys.executable, "-c", "pass"]) for _ in range(runs)]
    out["python_start_s"] = round(statistics.median(floor), 3)
    for lang in ("nl", "en"):
        article = corpus.fresh_article(seed, lang, "html", 30_000)
        path = one / article.name
        path.write_text(article.text, encoding="utf-8")
        cmd = cli("check", str(path), "--keyword", article.keyword, "--no-cache")
        timed(cmd)
        walls, cpus = zip(*(timed_cpu(cmd) for _ in range(runs)))
        # judged on the best run, as hyperfine's min: on a shared machine the median measures the neighbours
        out[f"one_file_s_{lang}"] = round(min(walls), 3)
        out[f"one_file_median_s_{lang}"] = round(statistics.median(walls), 3)
        out[f"one_file_cpu_s_{lang}"] = round(statistics.median(cpus), 3)
        out[f"imports_{lang}"] = importtime(cmd)
    return out


def importtime(cmd: list[str]) -> dict:
    """Import cost of a command: total ms, the heavy modules it imported, and where the time
    went by self time (healthlint's modules one by one, other packages whole)."""
    proc = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True, env=_env())
    buckets: dict[str, int] = {}
    imported = set()
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, _cumulative, raw = line[len("import time:"):].split("|")
        name = raw.strip()
        imported.add(name.split(".")[0])
        bucket = name if name.startswith("healthlint") else name.split(".")[0]
        buckets[bucket] = buckets.get(bucket, 0) + int(own)
    costliest = dict(sorted(buckets.items(), key=lambda kv: -kv[1])[:10])
    return {"total_ms": round(sum(buckets.values()) / 1000, 1), "heavy": [m for m in HEAVY_MODULES if m in imported],
            "costliest_self_ms": {k: round(v / 1000, 1) for k, v in costliest.items()}}


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


def folders(work: Path, seed: int, mid: int, big: int, jobs: int) -> dict:
    out: dict = {}
    report = str(work / "report.json")
    mid_dir = work / "mid"
    corpus.write_corpus(mid_dir, seed, mid)
    for j in sorted({1, jobs}):
        wall = timed(cli("check", str(mid_dir), "--format", "json", "-o", report, "--no-cache", "--jobs", str(j)))
        out[f"articles_per_s_jobs{j}"] = round(mid / wall, 1)
    out["articles_per_s_jobsN"] = out[f"articles_per_s_jobs{jobs}"]
    out["jobs_N"] = jobs
    big_dir = work / "big"
    corpus.write_corpus(big_dir, seed, big)
    cache = work / "cache"
    first_wall, rss = rss_and_time(cli("check", str(big_dir), "--format", "json", "-o", report,
                                       "--cache-dir", str(cache), "--jobs", "1"))
    out["big_first_run_s"] = round(first_wall, 2)
    out["rss_mb_10k"] = round(rss, 1)
    reruns = [timed_cpu(cli("check", str(big_dir), "--format", "json", "-o", report, "--cache-dir", str(cache),
                            "--jobs", "1")) for _ in range(3)]
    out["cache_rerun_s_10k"] = round(statistics.median(wall for wall, _ in reruns), 3)
    out["cache_rerun_cpu_s_10k"] = round(statistics.median(cpu for _, cpu in reruns), 3)
    out["cache_rerun_s_10k_text"] = round(timed(cli("check", str(big_dir), "-q", "--cache-dir", str(cache),
                                                    "--jobs", "1")), 3)
    return out


# ------------------------------------------------------------------ Yoast side by side

YOAST = HERE / "yoast"
YOAST_LOCALES = {"nl": "nl_NL", "en": "en_US"}


def yoast(work: Path, seed: int, copies: int, ours: dict) -> dict:
    """yoastseo on the same new HTML articles as healthlint, per language: CPU ms per article
    over healthlint's. Node's CPU time for a run of the warm-up file plus `copies` articles,
    less that of a run of the warm-up file alone, divided by `copies` (start-up, loading
    yoastseo and the first, cold file cancel out; CPU against CPU, as a busy machine slows
    wall times unevenly). Yoast's own per-file wall timing is kept beside it."""
    node = shutil.which("node")
    if not node or not (YOAST / "node_modules" / "yoastseo").is_dir():
        return {"skipped": "node or bench/yoast/node_modules missing: run `npm ci` in bench/yoast (docs/performance.md)"}
    folder = work / "yoast"
    folder.mkdir(exist_ok=True)
    out: dict = {}
    for lang in ("nl", "en"):
        lines = []
        for copy in [10_000, *range(copies)]:  # 10,000: the warm-up file
            article = corpus.fresh_article(seed, lang, "html", copy)
            path = folder / article.name
            path.write_text(article.text, encoding="utf-8")
            lines.append(json.dumps({"file": str(path), "keyphrase": article.keyword, "locale": YOAST_LOCALES[lang]}))
        cpu = {}
        for name, jobs in (("warm-up", lines[:1]), ("all", lines)):
            manifest = folder / f"{lang}-{name}.jsonl"
            manifest.write_text("\n".join(jobs) + "\n", encoding="utf-8")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            proc = subprocess.run([node, "yoast.mjs", "--many", "--manifest", str(manifest)], cwd=YOAST,
                                  capture_output=True, text=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{"type":"result"')]
        ok = [r for r in results[1:] if not r.get("error")]
        if len(ok) != copies:
            return {"skipped": f"the yoast runner failed on {copies - len(ok)} files ({proc.stderr.strip()[-300:]})"}
        summary = next((json.loads(line) for line in proc.stdout.splitlines() if '"type":"summary"' in line), {})
        yoast_ms = 1000 * (cpu["all"] - cpu["warm-up"]) / copies
        healthlint_ms = ours[f"{lang}_html"]["cpu_ms"]
        out[lang] = {"files": copies, "yoast_ms": round(yoast_ms, 1), "healthlint_ms": healthlint_ms,
                     "ratio": round(yoast_ms / healthlint_ms, 1),
                     "yoast_wall_ms": round(statistics.median(r["timing_ms"]["total"] for r in ok), 1)}
        out["yoastseo"] = summary.get("yoastseo")
        out["node"] = summary.get("node")
    return out


# ------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small corpus, few repeats (the test's smoke run)")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--copies", type=int, help="new articles per language x format (default 30; --quick 3)")
    ap.add_argument("--files", type=int, help="size of the big folder (default 10,000; --quick 40)")
    ap.add_argument("--throughput-files", type=int, help="folder size for the --jobs runs (default 1,000; --quick 20)")
    ap.add_argument("--repeat", type=int, help="runs for medians: same text, one file (default 11; --quick 3)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N for the --jobs N figure")
    ap.add_argument("--keep", metavar="DIR", help="build the corpus in DIR and keep it")
    ap.add_argument("--stage-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    copies = args.copies or (3 if args.quick else 30)
    if args.stage_worker:
        stage_worker(args.seed, copies)
        return {}
    big = args.files or (40 if args.quick else 10_000)
    mid = args.throughput_files or (20 if args.quick else 1_000)
    repeat = args.repeat or (3 if args.quick else 11)

    import healthlint

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="healthlint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    f: dict = {
        "machine": {"nproc": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version(),
                    "platform": platform.platform(), "date": date.today().isoformat(),
                    "healthlint": healthlint.__version__, "loadavg_before": _loadavg()},
        "corpus": {"seed": args.seed, "copies": copies, "big_folder_files": big, "throughput_files": mid,
                   "repeat": repeat, "quick": args.quick},
    }
    try:
        snapshot(work)
        f["new_articles"] = new_articles(args.seed, copies)
        for combo, row in f["new_articles"].items():
            f[f"new_article_ms_{combo}"] = row["cpu_ms"]
        f["same_text_ms"] = same_text(args.seed, repeat)
        f["stages_ms"] = stages(args.seed, copies)
        f["sizes"] = sizes(args.seed, QUICK_SIZES_KB if args.quick else SIZES_KB,
                           COMBOS[:1] if args.quick else COMBOS)
        per_kb = [cell["ms_per_kb"] for row in f["sizes"].values() for cell in row.values()]
        f["size_per_kb_spread"] = round(max(per_kb) / min(per_kb), 2)
        f.update(one_file(work, args.seed, repeat))
        f.update(folders(work, args.seed, mid, big, args.jobs))
        f["yoast"] = yoast(work, args.seed, 2 if args.quick else 12, f["new_articles"])
        f["machine"]["loadavg_after"] = _loadavg()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    judge(f)
    print_report(f)
    if args.json:
        Path(args.json).write_text(json.dumps(f, indent=2) + "\n", encoding="utf-8")
    return f


def judge(f: dict) -> None:
    f["targets"] = {}
    for key, (op, limit, unit) in TARGETS.items():
        value = f[key]
        met = {"<=": value <= limit, "<": value < limit}[op]
        f["targets"][key] = {"target": f"{op} {limit:g} {unit}", "value": value, "met": met}


def _target(f: dict, key: str) -> str:
    t = f["targets"][key]
    return f"{t['target']:>10}  {'met' if t['met'] else 'NOT MET'}"


def print_report(f: dict) -> None:
    m, c = f["machine"], f["corpus"]
    print(f"healthlint {m['healthlint']} benchmark, {m['date']}: {m['nproc']} CPU ({m['cpu']}), Python {m['python']}, "
          f"load {m['loadavg_before']} -> {m.get('loadavg_after', '?')}" + (" [quick]" if c["quick"] else ""))
    print(f"\nNew articles (each copy new in every paragraph), ms of CPU per article, median of {c['copies']} copies:")
    print(f"  {'':14} {'new article':>12} {'wall':>8} {'same text*':>11}  {'target':>10}")
    for lang, fmt in COMBOS:
        key = f"{lang}_{fmt}"
        row = f["new_articles"][key]
        print(f"  {lang + ' ' + fmt:14} {row['cpu_ms']:>9.2f} ms {row['wall_ms']:>5.1f} ms {f['same_text_ms'][key]:>8.2f} ms"
              f"  {_target(f, 'new_article_ms_' + key)}")
    print("  * same text: the old figure, one reference article linted again and again (caches by text warm)")

    print("\nPer stage, ms of CPU per new article (own time; a second process with HEALTHLINT_STAGE_TIMES=1):")
    names = [*STAGES, "(not in a stage)", "total"]
    print(f"  {'stage':32}" + "".join(f"{lang + ' ' + fmt[:2]:>9}" for lang, fmt in COMBOS))
    for name in names:
        print(f"  {name:32}" + "".join(f"{f['stages_ms'][f'{lang}_{fmt}'][name]:>9.2f}" for lang, fmt in COMBOS))

    print("\nSize (fresh articles), ms of CPU per KB:")
    sizes_kb = list(next(iter(f["sizes"].values())))
    print(f"  {'':14}" + "".join(f"{_kb(int(kb)):>10}" for kb in sizes_kb))
    for combo, row in f["sizes"].items():
        print(f"  {combo.replace('_', ' '):14}" + "".join(f"{row[kb]['ms_per_kb']:>10.3f}" for kb in sizes_kb))
    print(f"  largest / smallest per-KB cost: {f['size_per_kb_spread']:.2f}x {'':8}{_target(f, 'size_per_kb_spread')}")

    print("\nCommand line:")
    for lang in ("nl", "en"):
        imports = f[f"imports_{lang}"]
        print(f"  one file {lang} (check FILE --no-cache, best of {c['repeat']}; median "
              f"{f[f'one_file_median_s_{lang}']:.3f} s, CPU {f[f'one_file_cpu_s_{lang}']:.3f} s)"
              f" {f[f'one_file_s_{lang}']:>7.3f} s  {_target(f, 'one_file_s_' + lang)}")
        print(f"      imports {imports['total_ms']:.0f} ms; heavy modules imported: {', '.join(imports['heavy']) or 'none'}")
    print(f"  python -c pass (the floor) {f['python_start_s']:>7.3f} s")
    print(f"  folder of {c['throughput_files']}, --jobs 1 / --jobs {f['jobs_N']}: "
          f"{f['articles_per_s_jobs1']:.0f} / {f['articles_per_s_jobsN']:.0f} articles/s (start-up included, no cache)")
    print(f"  cached re-run, {c['big_folder_files']} files (json) {f['cache_rerun_s_10k']:>7.2f} s  "
          f"{_target(f, 'cache_rerun_s_10k')}  CPU {f['cache_rerun_cpu_s_10k']:.2f} s"
          + ("  (quick: not the 10,000-file figure)" if c["quick"] else ""))
    print(f"  same, text -q {f['cache_rerun_s_10k_text']:.2f} s")
    print(f"  peak RSS, {c['big_folder_files']} files {f['rss_mb_10k']:>7.0f} MB  {_target(f, 'rss_mb_10k')}")

    y = f["yoast"]
    if "skipped" in y:
        print(f"\nYoast: skipped ({y['skipped']})")
    else:
        print(f"\nYoast (yoastseo {y['yoastseo']}, node {y['node']}, one thread), same new HTML articles:")
        for lang in ("nl", "en"):
            r = y[lang]
            print(f"  {lang}: {r['yoast_ms']:.0f} ms of CPU per article vs healthlint {r['healthlint_ms']:.2f} ms = "
                  f"Yoast {r['ratio']}x slower ({r['files']} files; Yoast's own wall timing {r['yoast_wall_ms']:.0f} ms)")
    unmet = [k for k, t in f["targets"].items() if not t["met"]]
    print(f"\nTargets: {len(f['targets']) - len(unmet)} of {len(f['targets'])} met"
          + (f"; not met: {', '.join(unmet)}" if unmet else ""))


def _kb(kb: int) -> str:
    return f"{kb / 1000:g} MB" if kb >= 1000 else f"{kb} KB"


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How long after the debounce the language server's diagnostics arrive.

    python bench/lsp_latency.py                   # 30 edits per reference article, HTML and Markdown
    python bench/lsp_latency.py --runs 60 --json lsp.json

Starts `python -m healthlint lsp` as a subprocess and talks to it over stdio
with pygls' LanguageClient, as an editor does. It opens a ~25 KB reference
article from bench/corpus.py (HTML, then Markdown) in a scratch workspace with
the benchmark's healthlint.toml, then types: each sample is a word typed one
keystroke at a time (one didChange per character, KEYSTROKE_GAP apart) into a
paragraph. The server lints once typing pauses for its debounce; the figure is

    latency = (arrival of publishDiagnostics for the last keystroke's version)
              - (time the last keystroke was sent) - debounce

i.e. the time from the end of the debounce to the diagnostics in the client:
linting, building the diagnostics and the round trip over the pipe. Target:
150 ms (issue 16), judged on the 95th percentile so that nearly every pause in
typing meets it. Next to it, `server_cpu_ms` is the CPU time the server process
spent per typed word (all its threads, from /proc on Linux): taking the keystrokes,
one lint and the publish. On a shared machine the wall figures grow with the load
while the CPU figure does not, so the two together tell a slow server from a busy
machine. Needs the `lsp` extra (pygls).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402
from healthlint.lsp.server import DEFAULT_DEBOUNCE_MS  # noqa: E402

TARGET_MS = 150.0
KEYSTROKE_GAP = 0.04  # seconds between two keystrokes of a word: ~25 characters a second
WAIT = 30.0  # seconds before a sample is given up as lost (a hang guard)


def server_command() -> list[str]:
    return [sys.executable, "-m", "healthlint", "lsp"]


def server_env() -> dict[str, str]:
    """The checkout's src/ first on the path, so the bench measures this tree."""
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def paragraph_lines(text: str) -> list[int]:
    """0-based lines of body prose where typing a word changes no structure."""
    lines = text.split("\n")
    prose = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        if (len(stripped) > 80 and stripped[0].isalpha()) or (line.startswith("<p>") and line.endswith("</p>")):
            prose.append(number)
    return prose


class Session:
    """One server process and the client that drives it."""

    def __init__(self, debounce_ms: int):
        from lsprotocol import types
        from pygls.lsp.client import LanguageClient

        self.types = types
        self.debounce_ms = debounce_ms
        self.client = LanguageClient("healthlint-bench", "1")
        self.published: dict[tuple[str, int | None], float] = {}
        self.arrived = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published[(params.uri, params.version)] = time.perf_counter()
            self.arrived.set()

    async def start(self, root: Path) -> None:
        types = self.types
        command = server_command()
        await self.client.start_io(command[0], *command[1:], env=server_env(), cwd=str(root))
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=root.as_uri(),
            initialization_options={"debounceMs": self.debounce_ms}))
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def cpu_seconds(self) -> float | None:
        """CPU time of the server process so far (every thread), or None off Linux."""
        tasks = Path(f"/proc/{self.client._server.pid}/task")
        try:
            return sum(int((task / "schedstat").read_text().split()[0]) for task in tasks.iterdir()) / 1e9
        except (OSError, ValueError, IndexError):
            return None

    async def published_for(self, uri: str, version: int) -> float:
        async def wait() -> float:
            while (uri, version) not in self.published:
                self.arrived.clear()
                await self.arrived.wait()
            return self.published[(uri, version)]

        return await asyncio.wait_for(wait(), WAIT)

    def open(self, uri: str, language: str, text: str) -> None:
        types = self.types
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))

    def insert(self, uri: str, version: int, line: int, character: int, text: str) -> None:
        types = self.types
        at = types.Position(line, character)
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangePartial(range=types.Range(at, at), text=text)]))


async def measure_article(article: corpus.Article, root: Path, runs: int, warmup: int, debounce_ms: int) -> dict:
    """Latencies in ms of `runs` typed words into one open article."""
    session = Session(debounce_ms)
    await session.start(root)
    try:
        uri = (root / article.name).as_uri()  # never written to disk: the buffer is what is linted
        session.open(uri, "html" if article.fmt == "html" else "markdown", article.text)
        await session.published_for(uri, 1)
        lines = article.text.split("\n")
        targets = paragraph_lines(article.text)
        version = 1
        latencies, cpu = [], []
        for sample in range(warmup + runs):
            line = targets[sample % len(targets)]
            # before the closing </p> in HTML, at the end of the line in Markdown
            at = len(lines[line]) - (len("</p>") if lines[line].endswith("</p>") else 0)
            character = len(lines[line][:at].encode("utf-16-le")) // 2  # LSP counts UTF-16 units
            word = f" gewoon{sample}"
            cpu_before = session.cpu_seconds()
            for offset, char in enumerate(word):
                version += 1
                session.insert(uri, version, line, character + offset, char)
                sent = time.perf_counter()
                if offset < len(word) - 1:
                    await asyncio.sleep(KEYSTROKE_GAP)
            lines[line] = lines[line][:at] + word + lines[line][at:]
            arrived = await session.published_for(uri, version)
            cpu_after = session.cpu_seconds()
            if sample >= warmup:
                latencies.append((arrived - sent) * 1000 - debounce_ms)
                if cpu_before is not None and cpu_after is not None:
                    cpu.append((cpu_after - cpu_before) * 1000)
        return summary(latencies) | {
            "server_cpu_ms": round(statistics.median(cpu), 1) if cpu else None,
            "article": article.name, "bytes": len(article.text.encode("utf-8"))}
    finally:
        await session.stop()


def summary(latencies: list[float]) -> dict:
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"samples": len(ordered), "median_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1),
            "max_ms": round(ordered[-1], 1), "met": p95 <= TARGET_MS}


def pick_articles(seed: int) -> list[corpus.Article]:
    """The first HTML and the first Markdown reference article (~25 KB and ~20 KB)."""
    articles = corpus.reference_set(seed)
    return [next(a for a in articles if a.fmt == fmt) for fmt in ("html", "markdown")]


async def run(args: argparse.Namespace) -> dict:
    results = []
    with tempfile.TemporaryDirectory(prefix="healthlint-lsp-bench-") as folder:
        root = Path(folder)
        (root / "healthlint.toml").write_text(corpus.config_text(), encoding="utf-8")
        for article in pick_articles(args.seed):
            results.append(await measure_article(article, root, args.runs, args.warmup, args.debounce_ms))
    return {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "loadavg": os.getloadavg()},
        "debounce_ms": args.debounce_ms, "keystroke_gap_ms": KEYSTROKE_GAP * 1000, "target_ms": TARGET_MS,
        "articles": results, "met": all(r["met"] for r in results),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="typed words measured per article (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="typed words before measuring (default 3)")
    parser.add_argument("--debounce-ms", type=int, default=DEFAULT_DEBOUNCE_MS,
                        help=f"the server's debounce (default {DEFAULT_DEBOUNCE_MS})")
    parser.add_argument("--seed", type=int, default=2025, help="corpus seed (default 2025, as bench/run.py)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    figures = asyncio.run(run(args))
    print(f"language server latency after a {args.debounce_ms} ms debounce (target <= {TARGET_MS:.0f} ms at p95)")
    for r in figures["articles"]:
        print(f"  {r['article']:<32} {r['bytes'] / 1000:5.1f} KB  median {r['median_ms']:6.1f} ms  "
              f"p95 {r['p95_ms']:6.1f} ms  max {r['max_ms']:6.1f} ms  ({r['samples']} edits)  "
              f"server CPU {r['server_cpu_ms'] if r['server_cpu_ms'] is not None else '?'} ms/edit  "
              f"{'met' if r['met'] else 'NOT met'}")
    print(f"target {'met' if figures['met'] else 'NOT met'} (load average before the run: "
          f"{' '.join(f'{x:.1f}' for x in figures['machine']['loadavg'])})")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()

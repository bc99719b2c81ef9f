"""The `check` loop for many files: sharding, the cache, worker processes,
results streamed in input order to the report writer, and a progress bar.

Memory stays flat in the number of files: results are handed to the writer
one by one and dropped (text, json and github are written as they come; sarif
and html need every result and keep them until the end).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TextIO

from healthlint.files import Missing, Target

PARALLEL_THRESHOLD = 30  # files; below this one process is faster than starting workers


# ----------------------------------------------------------------- sharding

def shard_of(display: str, count: int) -> int:
    """0-based shard of a path: sha1 of the normalised path, stable across
    machines and Python versions (unlike hash())."""
    normal = os.path.normpath(display).replace("\\", "/")
    return int(hashlib.sha1(normal.encode("utf-8", "surrogatepass")).hexdigest(), 16) % count


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' (1-based K) -> (K, N)."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"--shard takes K/N, e.g. 2/4, not {text!r}") from None
    if n < 1 or not 1 <= k <= n:
        raise ValueError(f"--shard {text}: K must be between 1 and N")
    return k, n


def select_shard(targets: Iterable[Target | Missing], k: int, n: int) -> list[Target | Missing]:
    return [t for t in targets if shard_of(t.display, n) == k - 1]


def walk_order_key(path: str) -> tuple:
    """Sort key giving the order a single run over one folder lints files in:
    a folder's files (by name) before its sub-folders (by name)."""
    parts = os.path.normpath(path).replace("\\", "/").split("/")
    return tuple((1, p) for p in parts[:-1]) + ((0, parts[-1]),)


# ----------------------------------------------------------------- linting one file

class FileLinter:
    """Lints one target with the cache; one per process (workers build their own)."""

    def __init__(self, linter_args: dict[str, Any], cache_root: str | None, linter: Any = None):
        from healthlint.engine import Linter

        self.linter = linter if linter is not None else Linter(**linter_args)
        self.cache = None
        if cache_root is not None:
            from healthlint.cache import Cache

            try:
                self.cache = Cache(Path(cache_root), cli_keyword=linter_args.get("cli_keyword"),
                                   cli_lang=linter_args.get("cli_lang"))
            except OSError:  # not the user's own (the CLI warned) or cannot be made: lint without it
                self.cache = None

    def __call__(self, target: Target | Missing) -> dict[str, Any]:
        from healthlint.engine import internal_error_result
        from healthlint.errors import HealthlintError

        try:
            return self._lint(target)
        except HealthlintError:
            raise  # config and pack errors stop the run
        except Exception as exc:  # noqa: BLE001 - one file's crash is that file's error, the run goes on
            return internal_error_result(target.display, exc)

    def _lint(self, target: Target | Missing) -> dict[str, Any]:
        from healthlint.engine import error_result
        from healthlint.errors import InputError
        from healthlint.loader import decode, read_source

        if isinstance(target, Missing):
            return error_result(target.display, target.message)
        display = target.display
        linter = self.linter
        settings = linter.settings_for(target.path)
        cache = self.cache
        data = None
        key = None
        if cache is not None:
            digest = None
            try:
                absolute = os.path.abspath(target.path)
                status = os.stat(absolute)
                digest = cache.known_digest(absolute, status)
            except OSError:
                status = None
            if digest is None:
                try:
                    data = read_source(target.path, settings.max_file_size)
                except InputError as exc:
                    return error_result(display, str(exc))
                digest = hashlib.sha256(data).hexdigest()
                if status is not None:
                    cache.note_digest(absolute, status, digest)
            key = cache.key_for_digest(digest, display, settings)
            hit = cache.get(key)
            if hit is not None:
                return hit
        if data is None:
            try:
                data = read_source(target.path, settings.max_file_size)
            except InputError as exc:
                return error_result(display, str(exc))
        try:
            text = decode(data, display)
        except InputError as exc:
            return error_result(display, str(exc))
        result = linter.lint_text(text, display, settings)
        if cache is not None and key is not None:
            cache.put(key, result)
        return result


_WORKER: FileLinter | None = None


def _init_worker(linter_args: dict[str, Any], cache_root: str | None) -> None:
    global _WORKER
    _WORKER = FileLinter(linter_args, cache_root)


def _lint_chunk(targets: list[Target | Missing]) -> list[dict[str, Any]]:
    assert _WORKER is not None
    return [_WORKER(target) for target in targets]


def default_jobs(count: int) -> int:
    if count <= PARALLEL_THRESHOLD:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


def lint_all(targets: list[Target | Missing], linter_args: dict[str, Any], cache_root: str | None,
             jobs: int, linter: Any = None) -> Iterator[dict[str, Any]]:
    """Results in the order of targets, from one process (reusing `linter`,
    whose settings the caller asks for again) or `jobs` workers."""
    jobs = max(1, min(jobs, len(targets)))
    if jobs == 1:
        one = FileLinter(linter_args, cache_root, linter)
        try:
            for target in targets:
                yield one(target)
        finally:
            if one.cache is not None:
                one.cache.close()  # workers only read the stat index; one process keeps it current
        return
    chunksize = max(1, min(32, len(targets) // (jobs * 8)))
    chunks = [targets[i : i + chunksize] for i in range(0, len(targets), chunksize)]
    with _Workers(jobs, linter_args, cache_root) as workers:
        yield from workers.run(chunks)


class _Workers:
    """A process pool that survives a worker's death. multiprocessing.Pool
    waits forever for the results of a worker killed by the OOM killer or
    kill -9; concurrent.futures notices (BrokenProcessPool). Then a fresh pool
    lints the chunk that was first in line one file at a time, with nothing
    else running, so the file that kills its worker again is the one reported
    as an error; the other chunks that were in flight are sent again."""

    def __init__(self, jobs: int, linter_args: dict[str, Any], cache_root: str | None):
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.jobs = jobs
        self.initargs = (linter_args, cache_root)
        self.pool = self._new_pool()

    def _new_pool(self) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.jobs, mp_context=self.context, initializer=_init_worker,
                                   initargs=self.initargs)

    def _restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new_pool()

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def run(self, chunks: list[list[Target | Missing]]) -> Iterator[dict[str, Any]]:
        """Results in order, keeping a few chunks per worker in flight."""
        from collections import deque
        from concurrent.futures.process import BrokenProcessPool

        window = self.jobs * 4
        upcoming = deque(chunks)
        in_flight: deque[tuple[list[Target | Missing], Any]] = deque()
        while upcoming or in_flight:
            while upcoming and len(in_flight) < window:
                try:
                    future = self.pool.submit(_lint_chunk, upcoming[0])
                except BrokenProcessPool:
                    break  # a chunk in flight killed its worker; handled when it comes up
                in_flight.append((upcoming.popleft(), future))
            if not in_flight:
                self._restart()
                continue
            chunk, future = in_flight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                self._restart()
                results = [self._alone(target) for target in chunk]
                upcoming.extendleft(reversed([c for c, _ in in_flight]))
                in_flight.clear()
            yield from results

    def _alone(self, target: Target | Missing) -> dict[str, Any]:
        from concurrent.futures.process import BrokenProcessPool

        from healthlint.engine import error_result

        try:
            return self.pool.submit(_lint_chunk, [target]).result()[0]
        except BrokenProcessPool:
            self._restart()
            return error_result(target.display, f"{target.display}: the worker process linting this file died "
                                "(killed, or out of memory); not linted")


# ----------------------------------------------------------------- output

class Output:
    """stdout, or a file written atomically (safe_write.AtomicFile: a temporary
    file renamed over the report at the end)."""

    def __init__(self, path: str | None, stream: TextIO | None = None):
        self.path = None if path in (None, "-") else Path(path)
        self._file: Any = None
        if self.path is None:
            self.handle: TextIO = stream or sys.stdout
        else:
            from healthlint.safe_write import AtomicFile, check_replaceable

            check_replaceable(self.path)
            self._file = AtomicFile(self.path, text=True)
            self.handle = self._file.handle

    def write(self, text: str) -> None:
        self.handle.write(text)

    def commit(self) -> None:
        if self._file is None:
            self.handle.flush()
            return
        from healthlint.safe_write import mode_for

        mode = mode_for(self._file.path)  # keep the permissions of the report being replaced
        self._file.commit(prepare=lambda fd: os.fchmod(fd, mode))

    def abort(self) -> None:
        if self._file is not None:
            self._file.abort()


class Writer:
    """Streams results into one report format."""

    def __init__(self, fmt: str, out: Output, rules: Callable[[], list[dict[str, Any]]], options: dict[str, Any]):
        self.fmt = fmt
        self.out = out
        self.rules = rules
        self.options = options
        self.kept: list[dict[str, Any]] = []  # sarif / html: every result; github: compact ones
        self.count = 0
        self.any_lines = False
        if fmt == "github":
            from healthlint.report.github import Annotations

            self.annotations = Annotations(options.get("max_annotations", 50))
        elif fmt == "json":
            from healthlint.report import header

            self._json_head = json.dumps(header(), ensure_ascii=False, indent=2)[:-2]

    def add(self, result: dict[str, Any]) -> None:
        from healthlint.report.escape import json_text

        fmt = self.fmt
        if fmt == "text":
            from healthlint.report.text import file_lines

            lines = file_lines(result, colour=bool(self.options.get("colour")), quiet=bool(self.options.get("quiet")),
                               errors=self.options.get("file_errors", True))
            if lines:
                self.any_lines = True
                self.out.write("\n".join(lines) + "\n")
        elif fmt == "json":
            if self.options.get("compact_json"):
                # one line per file: the C encoder is ~10x faster than indenting, which matters for whole sites
                body = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
            else:
                body = json.dumps(result, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            body = json_text(body)
            if self.count == 0:
                self.out.write(self._json_head + ',\n  "files": [\n    ' + body)
            else:
                self.out.write(",\n    " + body)
        elif fmt == "github":
            self.annotations.add(result)
            self.kept.append(compact_for_summary(result))
        else:
            self.kept.append(result)
        self.count += 1

    def finish(self, summary: dict[str, Any]) -> dict[str, Any] | None:
        """Write the end of the report; returns the (compact for github) report
        dict when a caller needs it (the GitHub step summary)."""
        fmt = self.fmt
        if fmt == "text":
            from healthlint.report.text import summary_line

            if self.any_lines and not self.options.get("quiet"):
                self.out.write("\n")
            self.out.write(summary_line(summary, colour=bool(self.options.get("colour"))) + "\n")
            return None
        if fmt == "json":
            tail = json.dumps(summary, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            if self.count == 0:
                self.out.write(self._json_head + ',\n  "files": [],\n  "summary": ' + tail + "\n}\n")
            else:
                self.out.write('\n  ],\n  "summary": ' + tail + "\n}\n")
            return None
        from healthlint.report import envelope, render
        from healthlint.report.escape import for_output

        report = envelope(self.kept, summary)
        if fmt == "github":
            self.out.write(self.annotations.text())
            return report
        self.out.write(for_output(fmt, render(fmt, report, self.rules(), self.options)))
        return report


def compact_for_summary(result: dict[str, Any]) -> dict[str, Any]:
    """What the GitHub step summary reads of a result, nothing more."""
    return {
        "path": result["path"],
        "error": result.get("error"),
        "scores": {"overall": (result.get("scores") or {}).get("overall")},
        "findings": [{"rule": f["rule"], "severity": f["severity"]} for f in result.get("findings") or []],
        "suppressed": [None] * len(result.get("suppressed") or []),
    }


# ----------------------------------------------------------------- progress

class Progress:
    """`[#####     ] 120/2000` on stderr, redrawn in place; only on a terminal
    and never in CI (the CI variable is set) or for a handful of files."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO | None = None, *, min_files: int = PARALLEL_THRESHOLD):
        self.stream = stream or sys.stderr
        self.total = total
        isatty = getattr(self.stream, "isatty", lambda: False)()
        self.enabled = total > min_files and isatty and not os.environ.get("CI")
        self.done = 0
        self._last = -1

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        filled = self.WIDTH * self.done // self.total
        if filled == self._last and self.done != self.total and self.done % 50:
            return
        self._last = filled
        bar = "#" * filled + " " * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (self.WIDTH + 2 * len(str(self.total)) + 4) + "\r")
            self.stream.flush()

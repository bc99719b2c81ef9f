"""Helpers for the hostile-input tests: run healthlint in a child process
with a hard timeout (so a hang fails the test instead of freezing the suite)
and report its peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"

# Runs the CLI in-process in the child and prints its peak RSS (KiB) to
# stderr as the last line, after the CLI's own output.
_CLI_WITH_RSS = """
import resource, sys
sys.argv = ["healthlint", *sys.argv[1:]]
from healthlint.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
sys.stderr.write("\\nPEAK_RSS_KIB=%d\\n" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


def child_env(tmp: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HEALTHLINT_", "GITHUB_", "PYTEST_", "COV_"))}
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    if tmp is not None:
        env["HEALTHLINT_CACHE_DIR"] = str(tmp.parent / f"{tmp.name}-cache")  # beside, not inside, the content
    env.update(extra)
    return env


def run_cli(args: list[str], *, cwd: Path, timeout: float = 120, env: dict[str, str] | None = None,
            stdin: bytes | None = None) -> tuple[int, str, str, int]:
    """(exit code, stdout, stderr, peak RSS in MiB) of `healthlint ARGS`."""
    proc = subprocess.run([sys.executable, "-c", _CLI_WITH_RSS, *args], cwd=cwd, capture_output=True,
                          timeout=timeout, env=env or child_env(), input=stdin)
    err = proc.stderr.decode("utf-8", "replace")
    rss = 0
    if "PEAK_RSS_KIB=" in err:
        err, _, tail = err.rpartition("PEAK_RSS_KIB=")
        rss = int(tail.split()[0]) // 1024
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), err, rss


# Lints one text with every rule (preview too) in a child and prints a JSON summary.
_LINT_ONE = """
import json, resource, sys, time
from dataclasses import replace
from healthlint.config import Settings
from healthlint.engine import Linter
text = open(sys.argv[1], encoding="utf-8", errors="surrogatepass").read()
linter = Linter(Settings(), explicit_config=True)
t0 = time.perf_counter()
result = linter.lint_text(text, sys.argv[2], replace(Settings(), preview=True))
elapsed = time.perf_counter() - t0
print(json.dumps({
    "elapsed": elapsed,
    "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    "error": result["error"],
    "internal": [f["message"] for f in result["findings"] if f["rule"] == "internal-error"],
    "rules": sorted({f["rule"] for f in result["findings"]}),
    "findings": [[f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["message"][:200]]
                 for f in result["findings"]][:200],
}))
"""


def lint_isolated(tmp: Path, text: str, path: str = "x.html", timeout: float = 120) -> dict[str, Any]:
    """Lint text in a child process with a hard timeout; its JSON summary."""
    src = tmp / "input.txt"
    src.write_text(text, encoding="utf-8", errors="surrogatepass")
    proc = subprocess.run([sys.executable, "-c", _LINT_ONE, str(src), path], capture_output=True,
                          timeout=timeout, env=child_env(tmp))
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-3000:]
    return json.loads(proc.stdout)

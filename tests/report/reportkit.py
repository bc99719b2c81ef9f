"""Shared helpers for the report-writer tests (payloads, golden files)."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
ROOT = HERE.parent.parent
SARIF_SCHEMA = ROOT / "schemas" / "sarif-schema-2.1.0.json"

try:  # run from a checkout without installing
    import healthlint  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(ROOT / "src"))

PWN = "document.title='PWNED'"
PAYLOADS = [
    f"<script>{PWN}</script>",
    f"<img src=x onerror=\"{PWN}\">",
    f"</textarea><script>{PWN}</script>",
    f"--><script>{PWN}</script><!--",
    f"</style><script>{PWN}</script><style>",
    f"]]><script>{PWN}</script>",
    f"</script><script>{PWN}</script>",
    f"<svg onload=\"{PWN}\"></svg>",
    f"</title><script>{PWN}</script>",
    "\u2028\u2029 & &amp; \"quoted\" 'single'",
]
HOSTILE = " ".join(PAYLOADS)


def load_json(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def make_hostile(report: dict, rules: list[dict]) -> tuple[dict, list[dict]]:
    """Put the payloads in every string a writer shows: paths, keyphrase,
    messages, excerpts, suggestions, fix descriptions, suppression reasons,
    input errors and the rule docs."""
    report = copy.deepcopy(report)
    rules = copy.deepcopy(rules)
    nl, en, bad = report["files"]
    nl["path"] = f"content/{PAYLOADS[0]}/a, b: c%.html"
    nl["keyword"] = PAYLOADS[1]
    for f in nl["findings"] + nl["suppressed"]:
        f["message"] = f"{f['message']} {HOSTILE}"
        if f["excerpt"] is not None:
            f["excerpt"] = f"{f['excerpt']} {HOSTILE}"
        if f.get("suggestion"):
            f["suggestion"] = f"{f['suggestion']}\n{HOSTILE}"
        if f.get("fix"):
            f["fix"]["description"] = HOSTILE
        if f.get("suppression"):
            f["suppression"]["reason"] = HOSTILE
    nl["findings"].append({
        "rule": "x-<script>document.title='PWNED'</script>", "category": "engine", "severity": "error",
        "message": HOSTILE, "line": 3, "column": 1, "end_line": 3, "end_column": 5,
        "excerpt": PAYLOADS[2], "fix": None, "suggestion": None, "fingerprint": "ffff", "approximate": True})
    en["path"] = PAYLOADS[4] + ".md"
    bad["path"] = PAYLOADS[3] + ".md"
    bad["error"] = HOSTILE
    for r in rules:
        r["summary"] = r["summary"] + " " + PAYLOADS[5]
        r["docs"]["example"] = HOSTILE
        r["docs"]["why"] = PAYLOADS[7]
    return report, rules


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``golden/<name>`` (one of the derived files of
    healthlint.dev.derived); rewrite it when HEALTHLINT_UPDATE_GOLDEN=1."""
    from healthlint.dev.derived import assert_current

    assert_current(f"tests/report/golden/{name}", ROOT, text)

"""Real-browser check: hostile report content must not execute in Chromium.

Skipped when no ``chromium`` / ``chromium-browser`` binary is on PATH
(install it with ``apt-get install -y chromium`` on Debian).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from reportkit import PWN

from healthlint.report import html

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT = 90


def _chromium(tmp_path, url, *extra):
    if CHROMIUM is None:
        pytest.skip("no chromium binary on PATH (apt-get install -y chromium)")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", *extra, url]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium did not finish within {TIMEOUT}s: {' '.join(cmd)}")
    return proc


def _dom_title(tmp_path, path):
    proc = _chromium(tmp_path, path.as_uri(), "--dump-dom")
    m = re.search(r"<title>(.*?)</title>", proc.stdout, re.S)
    assert m, f"no <title> in dumped DOM; stderr: {proc.stderr[-2000:]}"
    return m.group(1)


def test_harness_detects_script_execution(tmp_path):
    """Control: a page whose script does run must show PWNED, or the checks below prove nothing."""
    page = tmp_path / "control.html"
    page.write_text(f"<!doctype html><title>clean</title><script>{PWN}</script>", encoding="utf-8")
    assert _dom_title(tmp_path, page) == "PWNED"


@pytest.mark.parametrize("csp", [False, True], ids=["escaping-only", "with-csp"])
def test_hostile_report_does_not_execute(tmp_path, hostile, csp):
    report, rules = hostile
    page = tmp_path / "report.html"
    page.write_text(html.render(report, rules, options={"csp": csp}), encoding="utf-8")
    title = _dom_title(tmp_path, page)
    assert "PWNED" not in title
    assert title.startswith("healthlint report")

    shot = tmp_path / "shot.png"
    proc = _chromium(tmp_path, page.as_uri(), f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.exists() and shot.stat().st_size > 0, proc.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

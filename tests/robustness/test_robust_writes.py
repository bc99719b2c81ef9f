"""Writes: `--fix`, the result cache and `--output` replace files atomically,
keep permissions, never write through a symlink out of the project, leave no
partial file when the process is killed mid-write, and the cache is never
written inside the linted content unless configured there."""

from __future__ import annotations

import json
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path


from robustkit import ROOT, child_env, run_cli

ARTICLE = ('<html lang="nl"><head><title>Magnesium</title></head><body><h1>Magnesium</h1>\n'
           '<p>Koop <a href="https://www.amazon.nl/dp/B000TEST?tag=healthlint-21">magnesium bij Amazon</a>.</p>\n'
           "</body></html>\n")


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_fix_is_atomic_and_keeps_permissions(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE, encoding="utf-8")
    page.chmod(0o640)
    before = _files(tmp_path)
    code, _, err, _ = run_cli(["check", "--fix", "page.html"], cwd=tmp_path, env=child_env(tmp_path))
    assert "fixed" in err, err
    text = page.read_text(encoding="utf-8")
    assert 'rel="sponsored' in text or "rel='sponsored" in text
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert _files(tmp_path) == before  # no temporary or cache file left in the content


def test_fix_refuses_a_symlinked_article_pointing_out_of_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.html"
    victim.write_text(ARTICLE, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "page.html").symlink_to(victim)
    code, _, err, _ = run_cli(["check", "--fix", str(project)], cwd=project, env=child_env(tmp_path))
    assert "symlink" in err and "fix not applied" in err, err
    assert victim.read_text(encoding="utf-8") == ARTICLE
    assert (project / "page.html").is_symlink()


def test_output_refuses_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "precious.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "page.html").write_text(ARTICLE, encoding="utf-8")
    (project / "report.json").symlink_to(victim)
    code, _, err, _ = run_cli(["check", "--no-cache", "--format", "json", "--output", "report.json", "page.html"],
                              cwd=project, env=child_env(tmp_path))
    assert code == 2 and "symlink" in err, err
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_output_keeps_the_mode_of_the_report_it_replaces(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(ARTICLE, encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text("{}", encoding="utf-8")
    report.chmod(0o600)
    run_cli(["check", "--no-cache", "--format", "json", "--output", "report.json", "page.html"], cwd=tmp_path,
            env=child_env(tmp_path))
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["files"] == 1
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


# -- killed while writing -----------------------------------------------------------
OLD = '{"old": true}\n'

# The CLI in a child whose fsync is slow (a slow disk): the write window is
# long enough to be hit on purpose. Prints nothing; the test polls the folder.
_SLOW_FSYNC = """
import os, sys, time
real = os.fsync
def slow(fd):
    time.sleep(float(os.environ["SLOW_FSYNC"]))
    real(fd)
os.fsync = slow
sys.argv = ["healthlint", *sys.argv[1:]]
from healthlint.cli import main
main()
"""


def _content(tmp: Path, copies: int) -> Path:
    folder = tmp / "content"
    folder.mkdir(exist_ok=True)
    examples = sorted((ROOT / "examples").glob("*.htm*")) + sorted((ROOT / "examples").glob("*.md"))
    for i in range(copies):
        src = examples[i % len(examples)]
        (folder / f"{i:04d}{src.suffix}").write_bytes(src.read_bytes())
    return folder


def _assert_old_or_complete(target: Path) -> str:
    text = target.read_text(encoding="utf-8")
    if text == OLD:
        return "old"
    report = json.loads(text)  # a partial file would fail here
    assert report["summary"]["files"] > 0
    return "new"


def test_killed_inside_the_write_leaves_the_old_report(tmp_path: Path) -> None:
    content = _content(tmp_path, 20)
    target = tmp_path / "report.json"
    target.write_text(OLD, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_FSYNC, "check", "--no-cache", "--format", "json",
                             "--output", str(target), str(content)], cwd=tmp_path,
                            env=child_env(tmp_path, SLOW_FSYNC="30"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not any(p.name.endswith(".healthlint-tmp") for p in tmp_path.iterdir()):
            assert proc.poll() is None and time.monotonic() < deadline, "the write never started"
            time.sleep(0.01)
        time.sleep(0.2)  # the temporary file is written and being synced
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    assert _assert_old_or_complete(target) == "old"


def test_killed_at_random_moments_never_leaves_a_partial_report(tmp_path: Path) -> None:
    content = _content(tmp_path, 60)
    target = tmp_path / "report.json"
    rng = random.Random(8)
    outcomes = []
    for _ in range(6):
        target.write_text(OLD, encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-c", _SLOW_FSYNC, "check", "--no-cache", "--jobs", "1",
                                 "--format", "json", "--output", str(target), str(content)], cwd=tmp_path,
                                env=child_env(tmp_path, SLOW_FSYNC="0.3"), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        outcomes.append(_assert_old_or_complete(target))
    # and left alone it completes
    code, _, err, _ = run_cli(["check", "--no-cache", "--format", "json", "--output", str(target), str(content)],
                              cwd=tmp_path, timeout=300, env=child_env(tmp_path))
    assert _assert_old_or_complete(target) == "new", err


# -- the cache ------------------------------------------------------------------------
def test_cache_is_never_written_inside_the_linted_content(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "page.html").write_text(ARTICLE, encoding="utf-8")
    (project / "content" / "notes.md").write_text("# Kop\n\nTekst.\n", encoding="utf-8")
    before = _files(project)
    env = child_env(None, HOME=str(home))
    env.pop("XDG_CACHE_HOME", None)
    for _ in range(2):  # a miss that writes, then a hit
        code, _, err, _ = run_cli(["check", "--format", "json", "content"], cwd=project, env=env)
        assert code in (0, 1), err
    assert _files(project) == before
    assert list((home / ".cache" / "healthlint").rglob("*.json")), "the default cache lives in the user's cache"


def test_cache_goes_inside_the_project_only_when_configured(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "page.html").write_text(ARTICLE, encoding="utf-8")
    (project / "healthlint.toml").write_text('cache-dir = ".healthlint-cache"\n', encoding="utf-8")
    env = child_env(None, HOME=str(tmp_path / "home"))
    code, _, err, _ = run_cli(["check", "page.html"], cwd=project, env=env)
    assert code in (0, 1), err
    assert list((project / ".healthlint-cache").rglob("*.json"))


def test_cache_entry_symlink_is_not_written_through(tmp_path: Path) -> None:
    """A planted symlink in the cache folder cannot redirect a cache write."""
    cache = tmp_path / "cache"
    project = tmp_path / "project"
    project.mkdir()
    (project / "page.html").write_text(ARTICLE, encoding="utf-8")
    env = child_env(None, HOME=str(tmp_path / "home"), HEALTHLINT_CACHE_DIR=str(cache))
    run_cli(["check", "page.html"], cwd=project, env=env)
    entries = list(cache.rglob("*.json"))
    assert entries
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    for entry in entries:
        entry.unlink()
        entry.symlink_to(victim)
    code, _, err, _ = run_cli(["check", "page.html"], cwd=project, env=env)  # same key: read, then rewrite
    assert code in (0, 1), err
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert "Traceback" not in err

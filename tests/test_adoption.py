"""Adopting healthlint on a site with a back catalogue: --write-baseline /
--baseline, --changed-since / --new-only and --format rdjson, on a scratch
git repository with history."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CONFIG = 'select = ["claim-absolute", "content-too-short", "affiliate-link-rel"]\nfail-on = "warning"\n'
ARTICLE = "# Magnesium\n\nHet is 100% natuurlijk.\n\nMagnesium zit in noten en volkorenbrood.\n"
OTHER = "# Vitamine D\n\nDit is een wondermiddel.\n"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str, **files: str) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    """main: two articles with findings; then a branch `feature` checked out."""
    root = tmp_path / "site"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "site", **{"healthlint.toml": CONFIG, "content/magnesium.md": ARTICLE,
                            "content/vitamine-d.md": OTHER})
    git(root, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(root)
    # the environment of a CI job must not leak into a test (GITHUB_STEP_SUMMARY, the cache)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return root


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args], catch_exceptions=False)


def reported(result) -> list[tuple[str, str, int | None]]:
    report = json.loads(result.stdout)
    return [(file["path"], f["rule"], f["line"]) for file in report["files"] for f in file["findings"]]


def suppressed_kinds(result) -> list[str]:
    report = json.loads(result.stdout)
    return [f["suppression"]["kind"] for file in report["files"] for f in file["suppressed"]]


# ----------------------------------------------------------------- baseline


def test_write_baseline_records_findings_and_exits_0(repo):
    result = check("content", "--write-baseline", "healthlint-baseline.json")
    assert result.exit_code == 0
    data = json.loads((repo / "healthlint-baseline.json").read_text(encoding="utf-8"))
    assert {(e["path"], e["rule"]) for e in data["findings"]} == {
        ("content/magnesium.md", "claim-absolute"), ("content/magnesium.md", "content-too-short"),
        ("content/vitamine-d.md", "claim-absolute"), ("content/vitamine-d.md", "content-too-short")}
    assert "wrote healthlint-baseline.json: 4 finding(s) in 2 file(s)" in result.stderr
    # without the baseline the same run fails
    assert check("content").exit_code == 1


def test_baseline_survives_a_paragraph_inserted_above_a_finding(repo):
    check("content", "--write-baseline", "baseline.json")
    page = repo / "content" / "magnesium.md"
    page.write_text(ARTICLE.replace("# Magnesium\n\n", "# Magnesium\n\nEen nieuwe alinea.\n\nEn nog een.\n\n"),
                    encoding="utf-8")
    result = check("content", "--baseline", "baseline.json")
    assert reported(result) == []
    assert result.exit_code == 0
    assert suppressed_kinds(result) == ["baseline"] * 4


def test_a_new_finding_is_reported_despite_the_baseline(repo):
    check("content", "--write-baseline", "baseline.json")
    page = repo / "content" / "magnesium.md"
    page.write_text("# Magnesium\n\nEen wondermiddel, echt.\n\n" + ARTICLE.split("\n", 2)[2], encoding="utf-8")
    result = check("content", "--baseline", "baseline.json")
    assert reported(result) == [("content/magnesium.md", "claim-absolute", 3)]
    assert result.exit_code == 1


def test_editing_the_quoted_text_makes_it_a_new_finding(repo):
    check("content", "--write-baseline", "baseline.json")
    page = repo / "content" / "magnesium.md"
    page.write_text(ARTICLE.replace("Het is 100% natuurlijk.", "Het werkt zonder bijwerkingen."), encoding="utf-8")
    assert reported(check("content", "--baseline", "baseline.json")) == [
        ("content/magnesium.md", "claim-absolute", 3)]


def test_identical_findings_are_counted_not_merged(repo):
    check("content", "--write-baseline", "baseline.json")
    page = repo / "content" / "vitamine-d.md"
    page.write_text(OTHER + "\nNogmaals: een wondermiddel.\n", encoding="utf-8")
    assert [r[1:] for r in reported(check("content", "--baseline", "baseline.json"))] == [("claim-absolute", 5)]


def test_a_document_level_finding_whose_count_changed_stays_known(repo):
    # content-too-short quotes a word count; adding words changes its message and fingerprint
    check("content", "--write-baseline", "baseline.json")
    page = repo / "content" / "magnesium.md"
    page.write_text(ARTICLE + "\nMeer woorden over voeding en slaap.\n", encoding="utf-8")
    result = check("content", "--baseline", "baseline.json")
    assert reported(result) == []


def test_a_baseline_that_is_not_one_is_a_one_line_error(repo):
    (repo / "baseline.json").write_text('{"findings": 3}', encoding="utf-8")
    result = check("content", "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("healthlint: error: baseline.json: not a healthlint baseline "
                                     "(write one with `healthlint check --write-baseline FILE`)")
    result = check("content", "--baseline", "missing.json")
    assert result.exit_code == 2 and "missing.json: cannot read baseline" in result.stderr


# ----------------------------------------------------------------- changed since / new only


def test_changed_since_lints_only_files_changed_since_the_merge_base(repo):
    commit(repo, "edit vitamine d", **{"content/vitamine-d.md": OTHER + "\nZonlicht helpt ook.\n"})
    # main moves on after the branch point: its change is not this branch's
    git(repo, "checkout", "-q", "main")
    commit(repo, "edit magnesium on main", **{"content/magnesium.md": ARTICLE + "\nNieuw op main.\n"})
    git(repo, "checkout", "-q", "feature")
    result = check("content", "--changed-since", "main")
    assert {r[0] for r in reported(result)} == {"content/vitamine-d.md"}
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_new_only_reports_just_the_finding_on_a_changed_line(repo):
    text = ARTICLE.replace("Magnesium zit in noten", "Het is een wondermiddel. Magnesium zit in noten")
    commit(repo, "edit", **{"content/magnesium.md": text})
    result = check("content", "--changed-since", "main", "--new-only")
    assert reported(result) == [("content/magnesium.md", "claim-absolute", 5)]
    # without --new-only the old finding on line 3 and the document-level one are reported as well
    assert len(reported(check("content", "--changed-since", "main"))) == 3


def test_new_only_sees_uncommitted_edits_and_untracked_files(repo):
    (repo / "content" / "magnesium.md").write_text(ARTICLE + "\nEen wondermiddel.\n", encoding="utf-8")
    (repo / "content" / "nieuw.md").write_text("# Nieuw\n\nZonder bijwerkingen.\n", encoding="utf-8")
    result = check("content", "--changed-since", "main", "--new-only")
    assert sorted(reported(result), key=str) == sorted([
        ("content/magnesium.md", "claim-absolute", 7),
        # an added file is new as a whole, its document-level finding included
        ("content/nieuw.md", "claim-absolute", 3), ("content/nieuw.md", "content-too-short", None)], key=str)


def test_nothing_changed_lints_nothing(repo):
    result = check("content", "--changed-since", "main")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["files"] == 0


def test_changed_since_from_a_subfolder(repo, monkeypatch):
    commit(repo, "edit", **{"content/vitamine-d.md": OTHER + "\nNog een wondermiddel.\n"})
    monkeypatch.chdir(repo / "content")
    result = check(".", "--changed-since", "main", "--new-only")
    assert reported(result) == [("vitamine-d.md", "claim-absolute", 5)]


@pytest.mark.parametrize(("args", "message"), [
    (["--new-only"], "--new-only needs --changed-since REF"),
    (["--changed-since", "no-such-ref"], "--changed-since no-such-ref: no merge base with HEAD"),
    (["--write-baseline", "b.json", "--changed-since", "main"], "--write-baseline records every finding"),
])
def test_usage_errors_are_one_line(repo, args, message):
    result = check("content", *args)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"healthlint: error: {message}")


def test_changed_since_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(OTHER, encoding="utf-8")
    result = check("a.md", "--changed-since", "main")
    assert result.exit_code == 2 and "is not inside a git repository" in result.stderr


def test_baseline_and_new_only_together(repo):
    check("content", "--write-baseline", "baseline.json")
    text = ARTICLE.replace("Magnesium zit in noten", "Een wondermiddel. Magnesium zit in noten")
    commit(repo, "edit", **{"content/magnesium.md": text})
    result = check("content", "--changed-since", "main", "--new-only", "--baseline", "baseline.json")
    assert reported(result) == [("content/magnesium.md", "claim-absolute", 5)]


# ----------------------------------------------------------------- rdjson


def test_rdjson_columns_are_utf8_bytes_and_fixes_are_suggestions(repo):
    page = repo / "content" / "magnesium.md"
    link = '<a href="https://amzn.to/3abc">hier</a>'
    page.write_text(f"# Magnesium\n\nAffiliate links. 😀 é {link}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "rdjson", "--select",
                                       "affiliate-link-rel", "content/magnesium.md"])
    (diagnostic,) = json.loads(result.stdout)["diagnostics"]
    line = page.read_text(encoding="utf-8").splitlines()[2]
    start = line.index("https://")
    # 😀 is 4 bytes and é 2 where the report counts one code point each
    assert diagnostic["location"]["range"]["start"] == {"line": 3, "column": len(line[:start].encode()) + 1}
    assert diagnostic["location"]["range"]["start"]["column"] == start + 1 + 3 + 1
    assert diagnostic["code"]["value"] == "affiliate-link-rel"
    (suggestion,) = diagnostic["suggestions"]
    assert suggestion["range"]["start"] == suggestion["range"]["end"] and "sponsored" in suggestion["text"]


def test_rdjson_leaves_out_suppressed_findings_and_reports_unreadable_files(repo):
    (repo / "content" / "binary.md").write_bytes(b"\x00\x01\x02" * 10)
    check("content", "--write-baseline", "baseline.json")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "rdjson", "--baseline", "baseline.json",
                                       "content"])
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert [(d["location"]["path"], d["severity"]) for d in diagnostics] == [("content/binary.md", "ERROR")]


# ----------------------------------------------------------------- the GitHub Action


def test_action_reporter_pipes_rdjson_to_reviewdog(repo, tmp_path):
    """The action's run step with `reporter` set, run by bash with a stand-in
    reviewdog that keeps what it is given."""
    import sys

    import yaml

    action = yaml.safe_load((Path(__file__).resolve().parent.parent / "action.yml").read_text(encoding="utf-8"))
    assert {"reporter", "filter-mode", "baseline"} <= set(action["inputs"])
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "run"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "reviewdog"
    fake.write_text(f'#!/bin/sh\necho "$@" > "{tmp_path}/args"\ncat > "{tmp_path}/input"\n', encoding="utf-8")
    fake.chmod(0o755)
    (tmp_path / "list").write_text("content/vitamine-d.md\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "LIST": str(tmp_path / "list"), "KEYWORD": "", "CONFIG": "", "FAIL_ON": "warning", "FORMAT": "github",
           "SARIF_FILE": "x.sarif", "REPORTER": "github-pr-review", "FILTER_MODE": "added", "BASELINE": "",
           "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "output"), "HEALTHLINT_CACHE_DIR":
           str(tmp_path / "cache")}
    run = subprocess.run(["bash", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr  # the findings fail the step at fail-on warning
    assert "-f=rdjson" in (tmp_path / "args").read_text() and "-reporter=github-pr-review" in (
        tmp_path / "args").read_text()
    rules = {d["code"]["value"] for d in json.loads((tmp_path / "input").read_text())["diagnostics"]}
    assert rules == {"claim-absolute", "content-too-short"}
    assert "exit-code=1" in (tmp_path / "output").read_text()

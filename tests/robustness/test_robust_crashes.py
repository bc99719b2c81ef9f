"""Issue 14, crashes: input that once ended the whole run with a traceback and
exit 1 (the code for "findings") is now an error for that one file or a
one-line error, exit 2, and the other files are still linted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from robustkit import SRC, child_env, run_cli

OK_ARTICLE = "# Magnesium\n\nMagnesium zit in noten en groene groenten.\n"


def _entry(args: list[str], cwd: Path, stdin: bytes | None = None) -> tuple[int, str, str]:
    """Run the real console entry point (healthlint.entry.main) in a child."""
    code = "import sys; sys.argv = ['healthlint', *sys.argv[1:]]; from healthlint.entry import main; main()"
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, timeout=120,
                          env=child_env(cwd), input=stdin)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("front", [
    "date: 2024-02-30",
    "updated: 2023-13-45 10:00:00",
    "views: " + "9" * 5000,
    "weight: -" + "1" * 4400,
    "date: !!timestamp 'off'",  # found by the fuzzer: AttributeError inside PyYAML
    "ratio: !!float abc",
    "draft: !!bool maybe",
    "score: !!float ''",
    "date: 0" + "1" * 5000,  # YAML 1.1 octal: built without the digit limit, str() of it raised
])
def test_front_matter_values_python_cannot_build_do_not_end_the_run(tmp_path: Path, front: str) -> None:
    (tmp_path / "a-bad.md").write_text(f"---\ntitle: Magnesium en slaap\n{front}\n---\n{OK_ARTICLE}", encoding="utf-8")
    (tmp_path / "b-ok.md").write_text(OK_ARTICLE, encoding="utf-8")
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", "json", "a-bad.md", "b-ok.md"], cwd=tmp_path,
                                env=child_env(tmp_path))
    assert "Traceback" not in err, err
    report = json.loads(out)  # whole, not truncated
    assert [f["path"] for f in report["files"]] == ["a-bad.md", "b-ok.md"]
    assert report["files"][0]["error"] is None  # the value is kept as text, the article is linted
    assert code in (0, 1)


def test_an_unexpected_exception_is_one_files_error_and_exit_2(tmp_path: Path, monkeypatch) -> None:
    from healthlint.engine import Linter
    from healthlint.parse import markdown

    def broken(doc):
        raise KeyError("parser bug")

    monkeypatch.setattr(markdown, "parse_markdown", broken)
    result = Linter().lint_text(OK_ARTICLE, "x.md")
    assert result["error"].startswith("x.md: internal error (KeyError: 'parser bug' at ")
    assert result["error"].endswith("please report this")
    assert "\n" not in result["error"]


def test_a_crash_outside_the_linting_of_a_file_is_exit_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(OK_ARTICLE, encoding="utf-8")
    # a report writer that fails: exercised through the console entry point's last-resort handler
    code = ("import sys; sys.argv = ['healthlint', 'check', '--no-cache', 'a.md'];"
            "import healthlint.runner as r;"
            "r.Writer.add = lambda self, result: 1 / 0;"
            "from healthlint.entry import main; main()")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, timeout=120,
                          env=child_env(tmp_path))
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("healthlint: error: internal error (ZeroDivisionError")


def test_deeply_nested_toml_and_huge_integers_in_a_config_are_config_errors(tmp_path: Path) -> None:
    for name, body in (("deep", "[tool.healthlint]\nx = " + "[" * 5000 + "]" * 5000 + "\n"),
                       ("digits", "[tool.healthlint]\nmax-file-size = " + "9" * 5000 + "\n")):
        project = tmp_path / name
        project.mkdir()
        (project / "pyproject.toml").write_text(body, encoding="utf-8")
        (project / "a.md").write_text(OK_ARTICLE, encoding="utf-8")
        code, out, err = _entry(["check", "--no-cache", "a.md"], project)
        assert code == 2, (out, err)
        assert "Traceback" not in err
        assert "pyproject.toml: invalid TOML" in err


def test_a_max_file_size_larger_than_memory_is_no_crash(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.healthlint]\nmax-file-size = " + "9" * 60 + "\n",
                                             encoding="utf-8")
    (tmp_path / "a.md").write_text(OK_ARTICLE, encoding="utf-8")
    code, out, err = _entry(["check", "--no-cache", "a.md"], tmp_path)
    assert code in (0, 1), err
    assert "Checked 1 file" in out
    code, out, err = _entry(["check", "--no-cache", "--max-file-size", "9" * 30, "a.md"], tmp_path)
    assert code in (0, 1), err


def test_stdin_has_the_file_size_limit(tmp_path: Path) -> None:
    code, out, err = _entry(["check", "--no-cache", "--max-file-size", "1000", "-"], tmp_path,
                            stdin=b"<p>" + b"a" * 5000 + b"</p>")
    assert code == 2
    assert "stdin: larger than the size limit of 1,000 bytes" in err


def test_merge_of_deeply_nested_json_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "deep2.json").write_text('{"files": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    for name in ("deep.json", "deep2.json"):
        code, _, err = _entry(["merge", name], tmp_path)
        assert code == 2 and "Traceback" not in err, err
        assert f"{name}:" in err


def _deep_folders(root: Path, depth: int) -> str:
    """A chain of folders of 201 characters a step, built with relative steps
    (a path to the bottom would be longer than PATH_MAX); an article on every
    level. Returns the relative path of the chain's first step."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d" * 200, dir_fd=fd)
            new = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
            with open(os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as handle:
                handle.write(OK_ARTICLE)
    finally:
        os.close(fd)
    return "d" * 200


def test_folders_deeper_than_path_max_do_not_crash_the_walk(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    _deep_folders(base, 40)
    # start the run 15 levels down: relative paths are short, absolute ones pass PATH_MAX (4096)
    code = ("import os, sys; [os.chdir('d' * 200) for _ in range(15)];"
            "sys.argv = ['healthlint', 'check', '--format', 'json', '.'];"
            "from healthlint.entry import main; main()")
    proc = subprocess.run([sys.executable, "-c", code], cwd=base, capture_output=True, timeout=300,
                          env=child_env(tmp_path))
    err = proc.stderr.decode()
    assert "Traceback" not in err and "internal error" not in err, err[-3000:]
    report = json.loads(proc.stdout)
    linted = [f["path"] for f in report["files"] if f["error"] is None]
    assert "deep.md" in linted and len(linted) >= 5
    errors = [f["error"] for f in report["files"] if f["error"]]
    assert errors and all("folder nested too deeply to read" in e for e in errors)
    assert proc.returncode == 2


@pytest.mark.skipif(sys.platform != "linux", reason="needs fork")
def test_a_killed_worker_is_that_files_error_and_the_run_goes_on(tmp_path: Path, monkeypatch) -> None:
    from healthlint import runner
    from healthlint.files import collect

    for i in range(12):
        (tmp_path / f"a{i:02}.md").write_text(OK_ARTICLE, encoding="utf-8")
    (tmp_path / "a05-killer.md").write_text(OK_ARTICLE, encoding="utf-8")
    original = runner.FileLinter.__call__

    def dies_on_killer(self, target):
        if target.display.endswith("killer.md"):
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
        return original(self, target)

    monkeypatch.setattr(runner.FileLinter, "__call__", dies_on_killer)  # forked workers inherit it
    targets = list(collect([str(tmp_path)]))
    results = list(runner.lint_all(targets, {}, None, 2))
    assert [r["path"] for r in results] == [t.display for t in targets]
    errors = {r["path"]: r["error"] for r in results if r["error"]}
    assert list(errors) == [str(tmp_path / "a05-killer.md")]
    assert "worker process linting this file died" in errors[str(tmp_path / "a05-killer.md")]


def test_internal_error_line_in_the_cli_is_exit_2(tmp_path: Path) -> None:
    """A parser crash inside a real CLI run: exit 2, one line naming the file, later files linted."""
    (tmp_path / "a.md").write_text(OK_ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(OK_ARTICLE, encoding="utf-8")
    code = ("import sys; sys.argv = ['healthlint', 'check', '--no-cache', '-q', 'a.md', 'b.md'];"
            "import healthlint.parse.markdown as m; real = m.parse_markdown;"
            "m.parse_markdown = lambda doc: (_ for _ in ()).throw(IndexError('boom')) if doc.path == 'a.md' "
            "else real(doc);"
            "from healthlint.entry import main; main()")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, timeout=120,
                          env={**child_env(tmp_path), "PYTHONPATH": str(SRC)})
    err, out = proc.stderr.decode(), proc.stdout.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert "healthlint: error: a.md: internal error (IndexError: boom" in err
    assert "b.md:" in out

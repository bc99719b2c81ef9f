"""--jobs: worker processes give the same report, in the same order, as one process."""

import json

import pytest

from helpers import run_cli as run
from perfkit import make_corpus


@pytest.mark.parametrize("fmt", ["json", "text", "github", "sarif"])
def test_jobs_1_and_2_give_identical_reports(tmp_path, fmt):
    folder = tmp_path / "site"
    make_corpus(folder, 12)
    (folder / "broken.html").write_bytes(b"\x00\x01binary")
    one = run("check", str(folder), "--format", fmt, "--jobs", "1", "--no-cache")
    two = run("check", str(folder), "--format", fmt, "--jobs", "2", "--no-cache")
    assert one == two
    assert one[0] == 2  # the binary file is an input error in both
    if fmt == "json":
        report = json.loads(one[1])
        assert report["summary"]["files"] == 13
        paths = [f["path"] for f in report["files"]]
        assert paths.index(str(folder / "broken.html")) == 0  # a folder's files before its sub-folders


def test_streamed_json_is_byte_identical_to_the_report_renderer(tmp_path):
    from healthlint.report import envelope
    from healthlint.report import json_report

    folder = tmp_path / "site"
    make_corpus(folder, 4)
    code, out, _ = run("check", str(folder), "--format", "json", "--no-cache")
    report = json.loads(out)
    assert out == json_report.render(envelope(report["files"]))


def test_empty_report_is_valid_json(tmp_path):
    folder = tmp_path / "site"
    make_corpus(folder, 4)
    code, out, _ = run("check", str(folder), "--format", "json", "--shard", "1/1000", "--no-cache")
    report = json.loads(out)
    assert report["summary"]["files"] == len(report["files"])


def test_default_jobs():
    from healthlint.runner import default_jobs

    assert default_jobs(1) == 1
    assert default_jobs(30) == 1
    assert default_jobs(5000) >= 1


def test_progress_only_on_a_terminal_and_not_in_ci(monkeypatch):
    import io

    from healthlint.runner import Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    tty = Tty()
    bar = Progress(100, tty)
    for _ in range(100):
        bar.step()
    bar.close()
    assert "100/100" in tty.getvalue() and "[" in tty.getvalue()
    piped = io.StringIO()
    bar = Progress(100, piped)
    bar.step()
    assert piped.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    tty = Tty()
    bar = Progress(100, tty)
    bar.step()
    assert tty.getvalue() == ""

"""--fix can never corrupt a file: edits only reach the text they were
computed from; standard input is fixed to standard output; --diff writes
nothing; the report after a fix is of the file as written; files a rename
cannot replace faithfully are refused; reports never replace a device, FIFO
or input article."""

import codecs
import fcntl
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint import fixes
from healthlint.cli import main
from helpers import html_page

RULES = ("--select", "affiliate-link-rel")
PAGE = html_page('<h1>Magnesium</h1>\n<p>Dit artikel bevat affiliate links.</p>\n<h2>Bronnen</h2>\n'
                 '<p><a href="https://amzn.to/3abc">Koop hier</a></p>')
FIXED = PAGE.replace('amzn.to/3abc">', 'amzn.to/3abc" rel="sponsored">')


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def page(tmp_path, text=PAGE, name="z.html"):
    target = tmp_path / name
    target.write_bytes(text.encode() if isinstance(text, str) else text)
    return target


# -- standard input ---------------------------------------------------------------------
def test_fix_on_stdin_writes_the_document_to_stdout_and_never_the_file(tmp_path, monkeypatch):
    on_disk = page(tmp_path)
    monkeypatch.chdir(tmp_path)
    piped = "<!-- unsaved -->\n" + PAGE
    code, out, err = run("check", "-", "--stdin-filename", "z.html", "--fix", *RULES, input=piped)
    assert on_disk.read_text() == PAGE  # the file on disk was not linted, so it is not touched
    assert out.decode() == "<!-- unsaved -->\n" + FIXED
    assert "fixed 1 finding in z.html (written to standard output)" in err
    assert "Checked 1 file" in err  # the report goes to standard error
    assert code == 0


def test_fix_on_stdin_without_fixes_echoes_the_document_unchanged():
    text = FIXED.replace("\n", "\r\n")
    code, out, err = run("check", "-", "--fix", *RULES, input=text.encode())
    assert out == text.encode() and code == 0


def test_fix_on_stdin_with_report_to_output_file(tmp_path):
    report = tmp_path / "report.json"
    code, out, err = run("check", "-", "--fix", "--format", "json", "-o", str(report), *RULES, input=PAGE)
    assert out.decode() == FIXED
    assert '"findings": []' in report.read_text()


def test_diff_on_stdin_prints_only_the_diff():
    code, out, err = run("check", "-", "--diff", *RULES, input=PAGE)
    assert code == 1
    assert out.decode().startswith("--- a/stdin.html\n+++ b/stdin.html\n")
    assert '+<p><a href="https://amzn.to/3abc" rel="sponsored">Koop hier</a></p>' in out.decode()


# -- --diff ------------------------------------------------------------------------------
def test_diff_writes_nothing_and_exits_1(tmp_path):
    target = page(tmp_path)
    before = target.stat()
    code, out, err = run("check", "--diff", *RULES, str(target))
    assert code == 1
    text = out.decode()
    assert text.startswith(f"--- a/{target}\n+++ b/{target}\n@@ ")
    assert '-<p><a href="https://amzn.to/3abc">Koop hier</a></p>' in text
    assert target.read_text() == PAGE and target.stat().st_mtime_ns == before.st_mtime_ns
    assert "1 finding in 1 file would be fixed" in err


def test_diff_without_fixes_exits_0(tmp_path):
    target = page(tmp_path, FIXED)
    code, out, err = run("check", "--diff", *RULES, str(target))
    assert code == 0 and out == b""


# -- the report after --fix ---------------------------------------------------------------
def test_report_after_fix_is_of_the_file_as_written(tmp_path):
    body = ("<h1>Magnesium</h1>\n<p>Dit artikel bevat affiliate links.</p>\n<h2>Veelgestelde vragen</h2>\n"
            "<h3>Hoeveel magnesium per dag?</h3>\n<p>Ongeveer 300 mg.</p>\n<h2>Bronnen</h2>\n"
            '<p><a href="https://amzn.to/3abc">Koop hier</a> <a href="https://example.org/x">bron</a></p>\n'
            "<h2>Tot slot</h2>\n<p>Magnesium geneest kanker.</p>")  # a reference list holds no claims: a new section
    target = page(tmp_path, html_page(body))
    code, out, err = run("check", "--fix", "--format", "json", "--select", "affiliate-link-rel,faq,claim-disease",
                         str(target))
    import json

    report = json.loads(out)["files"][0]
    assert {f["rule"] for f in report["findings"]} == {"claim-disease"}
    (claim,) = report["findings"]
    written = target.read_text().splitlines()
    assert "geneest kanker" in written[claim["line"] - 1]  # a line of the fixed file, not of the old one
    assert "fixed 2 findings in" in err and "fixed 2 findings in 1 file" in err


def test_exit_code_counts_only_what_remains(tmp_path):
    target = page(tmp_path)
    code, out, err = run("check", "--fix", "--fail-on", "info", *RULES, str(target))
    assert code == 0 and "affiliate-link-rel" not in out.decode()
    assert target.read_text() == FIXED


# -- a file that changes between lint and fix ------------------------------------------------
def test_file_changed_after_the_lint_is_fixed_from_its_new_text(tmp_path, monkeypatch):
    """The runner lints one text; the file then changes; the fix must not
    apply the old offsets to the new text (it used to write
    `<h2>Bronn rel="sponsored"en</h2>`)."""
    from healthlint import runner

    target = page(tmp_path)
    real = runner.FileLinter.__call__

    def lint_then_edit(self, t):
        result = real(self, t)
        target.write_text("<!-- saved in an editor meanwhile -->\n" + PAGE)
        return result

    monkeypatch.setattr(runner.FileLinter, "__call__", lint_then_edit)
    run("check", "--fix", *RULES, str(target))
    assert target.read_text() == "<!-- saved in an editor meanwhile -->\n" + FIXED


@pytest.mark.parametrize("how", ["in place", "renamed over"])
def test_file_changed_during_the_fix_is_refused_and_left_alone(tmp_path, monkeypatch, how):
    target = page(tmp_path)
    real = fixes.fix_text
    edited = "<!-- saved -->\n" + PAGE

    def fix_then_edit(text, result):
        out = real(text, result)
        if how == "in place":
            with open(target, "r+") as handle:
                handle.write(edited)
        else:
            (tmp_path / "new").write_text(PAGE)
            os.replace(tmp_path / "new", target)
        return out

    monkeypatch.setattr(fixes, "fix_text", fix_then_edit)
    code, out, err = run("check", "--fix", *RULES, str(target))
    assert code == 2
    assert target.read_text() == (edited if how == "in place" else PAGE)
    (line,) = [m for m in err.splitlines() if "fix not applied" in m]
    assert f"{target}: fix not applied: it changed after it was linted" in line
    assert not list(tmp_path.glob(".*healthlint-tmp"))


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs /proc/locks to see a waiting lock")
def test_fix_waits_for_the_lock_and_then_fixes_the_current_text(tmp_path):
    """Another --fix holds the lock and replaces the file; this one waits,
    then fixes the text that is there, not the one it linted."""
    target = page(tmp_path)
    holder = os.open(target, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    inode = os.fstat(holder).st_ino
    proc = subprocess.Popen([sys.executable, "-m", "healthlint", "check", "--fix", *RULES, str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        waiting = threading.Event()

        def blocked() -> bool:
            return any(f":{inode} " in line and "->" in line for line in Path("/proc/locks").read_text().splitlines())

        for _ in range(600):  # up to a minute for the child to start, lint and block
            if blocked() or proc.poll() is not None:
                break
            waiting.wait(0.1)
        assert proc.poll() is None, "the fix did not wait for the lock"
        (tmp_path / "new").write_text("<!-- fixed by the other run -->\n" + PAGE)
        os.replace(tmp_path / "new", target)
    finally:
        os.close(holder)
    proc.communicate(timeout=120)
    assert target.read_text() == "<!-- fixed by the other run -->\n" + FIXED


# -- files a rename cannot replace faithfully --------------------------------------------------
def test_hard_linked_file_is_refused(tmp_path):
    target = page(tmp_path)
    os.link(target, tmp_path / "other-name.html")
    code, out, err = run("check", "--fix", *RULES, str(target))
    assert code == 2
    assert target.read_text() == PAGE and os.stat(target).st_nlink == 2
    assert f"{target}: fix not applied: it has 2 hard links" in err


def test_read_only_file_is_refused(tmp_path):
    target = page(tmp_path)
    target.chmod(0o444)
    code, out, err = run("check", "--fix", *RULES, str(target))
    assert code == 2
    assert target.read_text() == PAGE
    assert f"{target}: fix not applied: it is read-only" in err


def test_mode_is_kept(tmp_path):
    target = page(tmp_path)
    target.chmod(0o640)
    run("check", "--fix", *RULES, str(target))
    assert target.read_text() == FIXED and (target.stat().st_mode & 0o7777) == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_owner_and_group_are_kept_as_root(tmp_path):
    target = page(tmp_path)
    os.chown(target, 1234, 1234)
    target.chmod(0o664)
    run("check", "--fix", *RULES, str(target))
    status = target.stat()
    assert target.read_text() == FIXED
    assert (status.st_uid, status.st_gid, status.st_mode & 0o7777) == (1234, 1234, 0o664)


def test_symlink_is_refused(tmp_path):
    real = page(tmp_path, name="real.html")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    code, out, err = run("check", "--fix", *RULES, str(link))
    assert code == 2 and real.read_text() == PAGE and link.is_symlink()
    assert "symlink" in err


# -- encodings -------------------------------------------------------------------------------
def _with_charset(charset):
    return PAGE.replace("<head>\n", f'<head>\n<meta charset="{charset}">\n')


@pytest.mark.parametrize("charset", ["unicode_escape", "raw_unicode_escape"])
def test_escape_codecs_are_refused(tmp_path, charset):
    data = _with_charset(charset).replace("Magnesium</h1>", "Magn\\u00e9sium \xe9</h1>").encode("latin-1")
    target = page(tmp_path, data)
    code, out, err = run("check", "--fix", *RULES, str(target))
    assert code == 2 and target.read_bytes() == data
    assert "not a character set" in err


def test_declared_utf8_sig_gets_no_bom(tmp_path):
    target = page(tmp_path, _with_charset("utf-8-sig"))
    code, out, err = run("check", "--fix", *RULES, str(target))
    assert target.read_bytes() == _with_charset("utf-8-sig").replace(
        'amzn.to/3abc">', 'amzn.to/3abc" rel="sponsored">').encode()


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_utf16_keeps_its_byte_order(tmp_path, bom, codec):
    target = page(tmp_path, bom + PAGE.encode(codec))
    code, out, err = run("check", "--fix", *RULES, str(target))
    assert target.read_bytes() == bom + FIXED.encode(codec), err


def test_encode_like_refuses_text_that_does_not_round_trip():
    data = _with_charset("unicode_escape").replace("<h1>", "<h1>\\n").encode()
    with pytest.raises(fixes.FixRefused):
        fixes.encode_like(data, data.decode("unicode_escape"), data.decode("unicode_escape") + "x")


def test_cr_only_and_bom_files_are_fixed_byte_exactly(tmp_path):
    data = codecs.BOM_UTF8 + PAGE.replace("\n", "\r").encode()
    target = page(tmp_path, data)
    run("check", "--fix", *RULES, str(target))
    assert target.read_bytes() == codecs.BOM_UTF8 + FIXED.replace("\n", "\r").encode()


# -- --output ----------------------------------------------------------------------------------
def test_output_refuses_a_fifo(tmp_path):
    target = page(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = run("check", *RULES, "-o", str(fifo), str(target))
    assert code == 2 and "not a regular file" in err
    assert fifo.is_fifo()


def test_report_paths_refuse_device_nodes():
    from healthlint.safe_write import RefusedWrite, check_replaceable

    with pytest.raises(RefusedWrite, match="not a regular file"):
        check_replaceable(Path("/dev/null"))


@pytest.mark.parametrize("named", ["file", "folder"])
def test_output_refuses_an_input_article(tmp_path, named):
    target = page(tmp_path)
    code, out, err = run("check", *RULES, "-o", str(target), str(target if named == "file" else tmp_path))
    assert code == 2 and target.read_text() == PAGE
    assert "is one of the articles being linted" in err

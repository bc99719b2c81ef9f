"""Hostile input: huge files and lines, deep nesting, entity and alias bombs,
NUL bytes, mixed line endings, invalid surrogates, huge folders, symlink
loops, unreadable files and files that vanish during a run.

Every case that could hang runs in a child process with a hard timeout (a
generous one: these are not benchmarks), so a regression fails the test
instead of freezing the suite.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tracemalloc
from pathlib import Path

import pytest

from fuzzkit import check_result, lint, lines_of, render_all
from robustkit import child_env, lint_isolated, run_cli

MIB = 1024 * 1024


# -- size limits ---------------------------------------------------------------
def test_100_mb_file_is_a_clear_size_error_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    with open(big, "wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.truncate(100 * MIB)
    small = tmp_path / "ok.md"
    small.write_text("# Magnesium\n\nTekst.\n", encoding="utf-8")
    code, out, err, rss = run_cli(["check", "--no-cache", str(big), str(small)], cwd=tmp_path,
                                  env=child_env(tmp_path))
    assert code == 2, (out, err)
    assert "big.html: larger than the size limit of 10,485,760 bytes" in err
    assert "--max-file-size" in err
    assert "ok.md" in out  # the other file is still linted
    assert rss < 400, f"peak RSS {rss} MiB while refusing a 100 MB file"


def test_size_limit_reads_at_most_one_byte_past_it(tmp_path: Path) -> None:
    from healthlint.errors import InputError
    from healthlint.loader import read_source

    big = tmp_path / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(100 * MIB)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="larger than the size limit of 1,048,576 bytes"):
            read_source(big, 1 * MIB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * MIB


def test_one_line_of_10_mb_over_the_limit_and_the_limit_is_configurable(tmp_path: Path) -> None:
    line = tmp_path / "line.md"
    line.write_bytes(b"woord " * (10 * MIB // 6 + 10))  # one line, just over 10 MiB
    code, _, err, rss = run_cli(["check", "--no-cache", str(line)], cwd=tmp_path, env=child_env(tmp_path))
    assert code == 2 and "larger than the size limit" in err
    # --max-file-size on the command line
    small = tmp_path / "small.md"
    small.write_text("# Kop\n\n" + "tekst " * 100 + "\n", encoding="utf-8")
    code, _, err, _ = run_cli(["check", "--no-cache", "--max-file-size", "100", str(small)], cwd=tmp_path,
                              env=child_env(tmp_path))
    assert code == 2 and "larger than the size limit of 100 bytes" in err
    # max-file-size in the config
    (tmp_path / "healthlint.toml").write_text("max-file-size = 200\n", encoding="utf-8")
    code, _, err, _ = run_cli(["check", "--no-cache", str(small)], cwd=tmp_path, env=child_env(tmp_path))
    assert code == 2 and "larger than the size limit of 200 bytes" in err


def test_a_10_mb_single_line_just_under_the_limit_is_linted_in_bounded_time_and_memory(tmp_path: Path) -> None:
    """No separate line-length limit: every stage is linear in the text, and
    excerpts are cut to 400 characters around the finding."""
    unit = "Magnesium helpt je spieren en energiеhuishouding. "  # one mixed-script word per sentence
    text = "<p>" + "woord " * ((10 * MIB - 40_000) // 6) + unit * 20 + "</p>"
    assert "\n" not in text and len(text.encode()) < 10 * MIB
    path = tmp_path / "one-line.html"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "report.json"
    code, _, err, rss = run_cli(["check", "--no-cache", "--format", "json", "--output", str(out), str(path)],
                                cwd=tmp_path, timeout=300, env=child_env(tmp_path))
    assert code in (0, 1), err
    report = json.loads(out.read_text(encoding="utf-8"))
    findings = report["files"][0]["findings"]
    mixed = [f for f in findings if f["rule"] == "integrity-mixed-script"]
    assert len(mixed) == 20
    assert all(len(f["excerpt"]) <= 400 for f in findings if f["excerpt"])
    assert all(f["line"] == 1 for f in mixed)
    assert rss < 1500, f"peak RSS {rss} MiB for a 10 MB line"


# -- deep nesting and bombs -------------------------------------------------------
DEEP_HTML = {
    "div": lambda: "<div>" * 100_000 + "Tekst over magnesium." + "</div>" * 100_000,
    "unclosed-span": lambda: "<p>" + "<span>woord " * 100_000,
    "stray-end-tags": lambda: "<div>" * 100_000 + "</span>" * 100_000,
    "list-items": lambda: "<ul><li><ul>" + "<div>" * 100_000 + "<li></li>" * 50_000,
    "nested-links": lambda: "<p>" + '<a href="https://www.amazon.nl/dp/X?tag=y-21">koop nu ' * 100_000,
    "nested-blockquote": lambda: "<blockquote>" * 100_000 + "studies tonen aan",
}


@pytest.mark.parametrize("name", list(DEEP_HTML))
def test_html_nested_100000_levels(tmp_path: Path, name: str) -> None:
    summary = lint_isolated(tmp_path, DEEP_HTML[name](), "deep.html", timeout=120)
    assert summary["error"] is None and not summary["internal"], summary


def test_markdown_nested_deeply(tmp_path: Path) -> None:
    text = "> " * 5_000 + "tekst\n\n" + "".join("  " * i + "- item\n" for i in range(2_000)) + "[" * 50_000
    summary = lint_isolated(tmp_path, text, "deep.md", timeout=120)
    assert not summary["internal"], summary


def test_billion_laughs_entities_are_not_expanded(tmp_path: Path) -> None:
    """HTML has no user-defined entities: a DTD-style bomb is inert text, and
    a million real entities cost linear time."""
    bomb = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
        + "]>\n<p>&lol9; &lol9; magnesium</p>\n" + "<p>" + "&amp;&eacute;&#x1F48A;" * 300_000 + "</p>\n")
    summary = lint_isolated(tmp_path, bomb, "bomb.html", timeout=120)
    assert summary["error"] is None and not summary["internal"], summary
    assert summary["rss_mib"] < 1500


def test_yaml_alias_bomb_in_front_matter_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    text = "---\n" + "\n".join(lines) + "\nauthor: [*a8]\ntitle: *a8\ndate: *a8\nhealthlint: {disable: *a8}\n---\n# Kop\n"
    summary = lint_isolated(tmp_path, text, "bomb.md", timeout=60)
    assert not summary["internal"], summary
    fm = [f for f in summary["findings"] if f[0] == "front-matter-invalid"]
    assert fm and "more than 10,000 values through YAML aliases" in fm[0][5]
    assert summary["rss_mib"] < 1000


def test_recursive_yaml_alias_is_refused() -> None:
    result = lint("---\na: &a [*a]\nauthor: *a\n---\n# Kop\n", "x.md")
    messages = [f["message"] for f in result["findings"] if f["rule"] == "front-matter-invalid"]
    assert messages == ["front matter has a recursive YAML alias; healthlint does not read it"]


def test_yaml_python_tags_in_front_matter_do_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n# Kop\n"
    result = lint(text, "x.md")
    assert not marker.exists()
    assert [f["rule"] for f in result["findings"] if f["rule"] == "front-matter-invalid"]


@pytest.mark.parametrize("opener,closer", [("[", "]"), ('{"a":', "}"), ('{"@graph":[', "]}")])
def test_jsonld_nested_10000_levels(tmp_path: Path, opener: str, closer: str) -> None:
    text = ('<html lang="nl"><head><title>FAQ</title><script type="application/ld+json">'
            + opener * 10_000 + "1" + closer * 10_000 + "</script></head><body><h1>Vragen</h1>"
            "<h2>Wat doet magnesium?</h2><p>Het helpt je spieren.</p></body></html>")
    summary = lint_isolated(tmp_path, text, "deep-jsonld.html", timeout=60)
    assert summary["error"] is None and not summary["internal"], summary


# -- bytes and characters ------------------------------------------------------------
def test_nul_bytes(tmp_path: Path) -> None:
    early = tmp_path / "early.html"
    early.write_bytes(b"<p>magnesium\x00</p>")
    late = tmp_path / "late.md"
    late.write_bytes(b"# Kop\n\n" + b"tekst " * 2000 + b"\x00 energi\xd0\xb5huishouding\n")
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", "json", str(early), str(late)],
                                cwd=tmp_path, env=child_env(tmp_path))
    assert code == 2
    assert "early.html: binary file (contains NUL bytes)" in err
    report = json.loads(out)
    late_result = [r for r in report["files"] if r["path"].endswith("late.md")][0]
    assert late_result["error"] is None
    assert not [f for f in late_result["findings"] if f["rule"] == "internal-error"]
    # and NUL inside text handed to the API
    text = "<p>a\x00b energi\u0435\x00huishouding</p>\n"
    result = lint(text, "x.html")
    assert not check_result(text, "x.html", result) and not render_all(result)


def _expected_positions(text: str, word: str) -> list[tuple[int, int]]:
    out = []
    lines = lines_of(text)
    for n, line in enumerate(lines, start=1):
        for m in re.finditer(re.escape(word), line):
            out.append((n, m.start() + 1))
    return out


@pytest.mark.parametrize("path", ["endings.html", "endings.md"])
def test_mixed_line_endings_keep_positions_exact(path: str) -> None:
    word = "energi\u0435huishouding"
    rows = [f"Regel {i} over {word} en meer." for i in range(9)]
    breaks = ["\r", "\r\n", "\n", "\r\n", "\r", "\n", "\r\r\n", "\n\r", "\r\n"]
    if path.endswith(".html"):
        body = "".join(f"<p>{row}</p>{br}" for row, br in zip(rows, breaks))
        text = "<html lang=\"nl\"><body>\r\n" + body + "</body></html>"
    else:
        body = "".join(f"{row}{br}{br}" for row, br in zip(rows, breaks))
        text = "# Kop\r\n\r\n" + body
    result = lint(text, path)
    assert not check_result(text, path, result)
    got = sorted((f["line"], f["column"]) for f in result["findings"] if f["rule"] == "integrity-mixed-script")
    assert got == _expected_positions(text, word)
    for f in result["findings"]:
        if f["rule"] == "integrity-mixed-script":
            assert f["end_line"] == f["line"] and f["end_column"] == f["column"] + len(word)


def test_lone_surrogates_in_text_given_to_lint_text() -> None:
    for path in ("x.html", "x.md"):
        text = "# Kop \ud800\n\n<p>Tekst \udc80 met energi\u0435huishouding \udfff en \ud83d.</p>\n"
        result = lint(text, path)
        assert not check_result(text, path, result), path
        assert not render_all(result)


@pytest.mark.parametrize("data", [
    b"<p>CESU-8 surrogate \xed\xa0\xbd\xed\xb2\x8a</p>",  # U+1F48A as two encoded surrogates
    b"<p>lone surrogate \xed\xb2\x80</p>",
    b"<p>truncated \xf0\x9f\x92</p>",
    b"<p>overlong \xc0\xaf</p>",
    b"# Markdown \xff\xfe broken\n",
])
def test_invalid_utf8_and_encoded_surrogates_are_a_clear_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / ("bad.md" if data.startswith(b"#") else "bad.html")
    path.write_bytes(data)
    code, _, err, _ = run_cli(["check", "--no-cache", str(path)], cwd=tmp_path, env=child_env(tmp_path))
    assert code == 2
    assert "cannot decode as utf-8 (byte 0x" in err and "save the file as UTF-8" in err


# -- folders and the file system ---------------------------------------------------------
@pytest.mark.parametrize("count", [
    pytest.param(20_000, id="20000"),
    pytest.param(100_000, id="100000", marks=[pytest.mark.fuzz, pytest.mark.skipif(
        not os.environ.get("HEALTHLINT_FUZZ_EXAMPLES"), reason="100,000 files run in the dedicated robustness "
        "run (HEALTHLINT_FUZZ_EXAMPLES set; ~20 s); the normal suite walks 20,000")]),
])
def test_folder_with_many_empty_files(tmp_path: Path, count: int) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(count):
        os.close(os.open(folder / f"f{i:06d}.md", os.O_CREAT | os.O_WRONLY, 0o644))
    out = tmp_path / "r.json"
    code, _, err, rss = run_cli(["check", "--no-cache", "--select", "integrity-mixed-script", "--format", "json",
                                 "--output", str(out), str(folder)], cwd=tmp_path, timeout=300,
                                env=child_env(tmp_path))
    assert code == 0, err[-2000:]
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == count


def test_symlink_loops(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "page.md").write_text("# Kop\n\nTekst.\n", encoding="utf-8")
    (root / "a" / "b" / "up").symlink_to("../..", target_is_directory=True)  # folder loop
    (root / "self").symlink_to(".", target_is_directory=True)
    (root / "loop.md").symlink_to("loop.md")  # a file symlink to itself (ELOOP)
    (root / "ping.md").symlink_to("pong.md")
    (root / "pong.md").symlink_to("ping.md")
    (root / "dangling.md").symlink_to("nowhere.md")
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", "json", str(root)], cwd=tmp_path, timeout=60,
                                env=child_env(tmp_path))
    assert code in (0, 1), err
    paths = [r["path"] for r in json.loads(out)["files"]]
    assert paths == [str(root / "a" / "b" / "page.md")]
    # named directly, a looping symlink is a clear per-file error
    code, _, err, _ = run_cli(["check", "--no-cache", str(root / "loop.md"), str(root / "a" / "b" / "page.md")],
                              cwd=tmp_path, timeout=60, env=child_env(tmp_path))
    assert code == 2 and "loop.md" in err and "Traceback" not in err


def test_fifo_named_like_an_article_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    (tmp_path / "ok.md").write_text("# Kop\n\nTekst.\n", encoding="utf-8")
    code, _, err, _ = run_cli(["check", "--no-cache", str(fifo), str(tmp_path / "ok.md")], cwd=tmp_path,
                              timeout=60, env=child_env(tmp_path))
    assert code == 2 and "pipe.md: not a regular file" in err
    # in a folder walk it is skipped, not opened
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", "json", str(tmp_path)], cwd=tmp_path,
                                timeout=60, env=child_env(tmp_path))
    assert [Path(r["path"]).name for r in json.loads(out)["files"]] == ["ok.md"]


def test_directory_named_like_an_article(tmp_path: Path) -> None:
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "folder.md" / "inside.html").write_text("<h1>Kop</h1><p>Tekst.</p>", encoding="utf-8")
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", "json", str(tmp_path / "folder.md")],
                                cwd=tmp_path, timeout=60, env=child_env(tmp_path))
    assert code in (0, 1), err
    assert [Path(r["path"]).name for r in json.loads(out)["files"]] == ["inside.html"]


@pytest.mark.skipif(os.geteuid() == 0, reason="runs as root (CI does): chmod 000 does not stop root from "
                    "reading; the FIFO and folder tests above cover files that cannot be read as articles")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.md"
    locked.write_text("# Geheim\n", encoding="utf-8")
    locked.chmod(0)
    try:
        code, _, err, _ = run_cli(["check", "--no-cache", str(locked)], cwd=tmp_path, env=child_env(tmp_path))
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert code == 2 and "locked.md: permission denied" in err


def test_unreadable_file_as_seen_by_the_loader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path for root: the open fails with EACCES."""
    from healthlint import lint_paths

    target = tmp_path / "locked.md"
    target.write_text("# Kop\n", encoding="utf-8")
    real_open = os.open

    def deny(path, *args, **kwargs):
        if str(path) == str(target):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = lint_paths([target])["files"][0]
    assert result["error"] == f"{target}: permission denied"


def test_file_deleted_while_the_run_is_going_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """collect() finds three files; the second is deleted before it is read."""
    from click.testing import CliRunner

    import healthlint.files as files
    from healthlint.cli import main

    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text("# Kop\n\nTekst over magnesium.\n", encoding="utf-8")
    real_collect = files.collect

    def racing_collect(paths):
        for target in real_collect(paths):
            yield target
        (tmp_path / "b.md").unlink()  # gone after the walk, before the lint

    monkeypatch.setattr(files, "collect", racing_collect)
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / ".cache-outside"))
    result = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", "--format", "json", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "b.md: no such file (was it deleted during the run?)" in result.output

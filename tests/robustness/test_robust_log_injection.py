"""Issue 14, workflow-command injection and file names that are not UTF-8:
nothing from a file name or an article can start a CI command, and every
report format stays valid UTF-8."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from robustkit import child_env, run_cli

ARTICLE = "# Magnesium\n\n##[error]gevaar\n\n::add-mask::geheim\n\nTekst ##vso[task.setvariable]x.\n"


def _command_lines(text: str) -> list[str]:
    """Lines a GitHub or Azure runner would read as a command other than
    healthlint's own annotations (which the runner parses as one command, so
    "##[" inside their escaped data is inert)."""
    return [line for line in text.splitlines()
            if not line.startswith(("::error ", "::warning ", "::notice "))
            and (line.lstrip().startswith("::") or "##[" in line or "##vso[" in line)]


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_article_text_and_file_names_cannot_start_ci_commands(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "a\n::add-mask::x.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c\n##[error]boom.md").write_bytes(b"\x00binary")  # a per-file error naming the file
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", fmt, "."], cwd=tmp_path,
                                env=child_env(tmp_path))
    assert code == 2, err
    assert not _command_lines(out), _command_lines(out)
    assert not _command_lines(err), _command_lines(err)
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "json":
        paths = [f["path"] for f in json.loads(out)["files"]]
        assert "./a\n::add-mask::x.md" in paths or "a\n::add-mask::x.md" in paths  # the value itself is kept


def test_log_text_escapes() -> None:
    from healthlint.report.escape import log_text

    assert log_text("a\nb\rc\x1b[31m") == "a\\x0ab\\x0dc\\x1b[31m"
    assert log_text("  ::add-mask::x") == "  \\::add-mask::x"
    assert log_text("x ##[error] ##vso[task]") == "x ##\\[error] ##vso\\[task]"
    assert log_text("caf\udce9") == "caf\\udce9"
    assert log_text("gewone tekst: 5 mg") == "gewone tekst: 5 mg"


@pytest.mark.skipif(os.name != "posix", reason="byte file names")
@pytest.mark.parametrize("fmt", ["json", "sarif", "html", "text", "github"])
def test_a_file_name_that_is_not_utf8_keeps_every_report_valid(tmp_path: Path, fmt: str) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.md"), "w", encoding="utf-8") as handle:
        handle.write("# Magnesium\n\nTekst.\n")
    out_file = tmp_path.parent / f"{tmp_path.name}-report.{fmt}"
    code, _, err, _ = run_cli(["check", "--no-cache", "--format", fmt, "-o", str(out_file), "."], cwd=tmp_path,
                              env=child_env(tmp_path))
    assert code in (0, 1), err
    text = out_file.read_bytes().decode("utf-8")  # valid UTF-8
    if fmt in ("json", "sarif"):
        data = json.loads(text)
        if fmt == "sarif":
            assert "caf%E9.md" in data["runs"][0]["artifacts"][0]["location"]["uri"]

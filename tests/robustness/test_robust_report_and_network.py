"""The HTML report stays inert with hostile file names, hostile article text
and hostile phrases from custom packs (end to end through the CLI), and a
lint makes no network connection."""

from __future__ import annotations

import json
import re
import socket
from html.parser import HTMLParser
from pathlib import Path

import pytest

from robustkit import ROOT, child_env, run_cli

PAYLOAD = "<script>document.title='PWNED'</script>"
HOSTILE_NAME = '"><script>document.title=\'PWNED\'</script><img src=x onerror=alert(1)>.md'
HOSTILE_PHRASE = "pwned<img src=x onerror=alert(2)>"


class _Scripts(HTMLParser):
    """Counts executable things in a page: script elements (other than the
    embedded JSON data), event-handler attributes and javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "script":
            self.scripts.append(attr)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.handlers.append((tag, name))


def test_html_report_escapes_hostile_file_names_text_and_pack_phrases(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "packs").mkdir(parents=True)
    (project / "packs" / "house.yaml").write_text(
        "version: 1\nname: house\nlang: nl\ndescription: hostile phrases\nlists:\n  artifacts:\n"
        "    rules: [integrity-generation-artifact]\n    description: x\n    phrases:\n"
        f"      - {json.dumps(HOSTILE_PHRASE)}\n      - \"</script><script>alert(3)\"\n", encoding="utf-8")
    (project / "healthlint.toml").write_text('extra-packs = ["packs"]\n', encoding="utf-8")
    article = (f"---\ntitle: \"{PAYLOAD}\"\nlang: nl\nkeyword: \"<b onmouseover=alert(4)>\"\n---\n"
               f"# Kop {PAYLOAD}\n\nTekst met {HOSTILE_PHRASE.replace('<', '&lt;').replace('>', '&gt;')} en </script><script>alert(3) en "
               f"energi\u0435huishouding {PAYLOAD}.\n\n<a href=\"javascript:alert(5)\">klik</a>\n")
    hostile = project / HOSTILE_NAME  # the '/' of '</script>' makes it a folder and a file
    hostile.parent.mkdir(parents=True)
    hostile.write_text(article, encoding="utf-8")
    out = project / "report.html"
    code, _, err, _ = run_cli(["check", "--no-cache", "--preview", "--format", "html", "--output", str(out), "."],
                              cwd=project, env=child_env(tmp_path))
    assert code in (0, 1), err
    page = out.read_text(encoding="utf-8")
    assert "PWNED" in page  # the name and the text are shown ...
    assert PAYLOAD not in page and "<img src=x" not in page  # ... but never as markup
    parser = _Scripts()
    parser.feed(page)
    assert [s for s in parser.scripts if s.get("type") != "application/json"] == []
    assert parser.handlers == []
    # the embedded report data cannot end its <script> element early
    data = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert data is not None
    embedded = json.loads(data.group(1))
    assert any(HOSTILE_NAME in f["path"] for f in embedded["files"])
    messages = " ".join(f["message"] for r in embedded["files"] for f in r["findings"])
    assert HOSTILE_PHRASE in messages  # the pack phrase did reach a message, and was escaped


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_other_formats_survive_hostile_file_names(tmp_path: Path, fmt: str) -> None:
    name = tmp_path / "x\u202egnp.md"
    name.write_text("# Kop\n\nVolgens de PDF.\n", encoding="utf-8")
    weird = tmp_path / "a%0Ab::error::c,d:e.md"  # GitHub annotation metacharacters
    weird.write_text("# Kop\n\nVolgens de PDF.\n", encoding="utf-8")
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", fmt, str(tmp_path)], cwd=tmp_path,
                                env=child_env(tmp_path))
    assert code in (0, 1), err
    if fmt == "github":
        for line in out.splitlines():
            if line.startswith("::"):
                assert "\n" not in line and line.count("::") == 2, line


# -- no network during a lint -------------------------------------------------------
def test_no_network_access_during_a_full_lint_of_the_examples(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    from click.testing import CliRunner

    from healthlint.cli import main

    attempts: list[tuple] = []

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            attempts.append(("socket", args))
            raise OSError("network access during a lint")

    def refuse(*args, **kwargs):
        attempts.append(("resolve/connect", args))
        raise OSError("network access during a lint")

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "report.html"
    for args in (["--format", "json"], ["--format", "sarif"], ["--format", "html", "--output", str(out)],
                 ["--keyword", "magnesium tekort", "--preview", "--jobs", "1"]):
        result = CliRunner().invoke(main, ["check", *args, str(ROOT / "examples")])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert attempts == []

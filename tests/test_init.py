"""`healthlint init` (issue 11 §9): a commented config from flags or
answers, healthlint.toml or [tool.healthlint] in pyproject.toml, never
overwriting one."""

import tomllib

import pytest
from click.testing import CliRunner

from healthlint import init
from healthlint.cli import main
from healthlint.config import find_config, load_settings


def run(*args, input=None):
    result = CliRunner().invoke(main, ["init", *args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    find_config.cache_clear()
    return tmp_path


def test_flags_write_a_commented_healthlint_toml(folder):
    code, out, _ = run("--lang", "nl", "--select", "claims,affiliate", "--fail-on", "warning",
                       "--keyword", "magnesium tekort")
    assert code == 0 and "healthlint.toml" in out
    text = (folder / "healthlint.toml").read_text()
    assert text.count("\n# ") >= 5  # commented
    settings = load_settings(folder / "healthlint.toml")
    assert settings.lang == "nl" and settings.select == ("claims", "affiliate") and settings.fail_on == "warning"
    assert settings.for_file("content/a.md").keyword == "magnesium tekort"


def test_defaults_without_a_terminal_detect_language_and_read_keyphrases_from_front_matter(folder):
    code, _, _ = run()
    assert code == 0
    settings = load_settings(folder / "healthlint.toml")
    assert settings.lang is None and settings.select == ("ALL",) and settings.fail_on == "error"
    assert settings.for_file("a.md").keyword is None
    assert "front matter" in (folder / "healthlint.toml").read_text()


def test_prompts_when_interactive(folder, monkeypatch):
    monkeypatch.setattr(init, "interactive", lambda: True)
    code, out, _ = run(input="en\nvitamin d deficiency\ntrust,claims\ninfo\n")
    assert code == 0, out
    assert "Language" in out and "keyphrase" in out
    settings = load_settings(folder / "healthlint.toml")
    assert settings.lang == "en" and settings.select == ("trust", "claims") and settings.fail_on == "info"
    assert settings.for_file("a.md").keyword == "vitamin d deficiency"


def test_flags_are_not_asked_again(folder, monkeypatch):
    monkeypatch.setattr(init, "interactive", lambda: True)
    code, out, _ = run("--detect-lang", "--front-matter-keyword", "--select", "ALL", "--fail-on", "error")
    assert code == 0 and "Language" not in out


def test_pyproject_gets_a_tool_healthlint_table(folder):
    original = '[project]\nname = "site"\n\n[tool.black]\nline-length = 100\n'
    (folder / "pyproject.toml").write_text(original)
    code, _, _ = run("--lang", "en")
    assert code == 0
    assert not (folder / "healthlint.toml").exists()
    text = (folder / "pyproject.toml").read_text()
    assert text.startswith(original)  # nothing of the existing file changes
    data = tomllib.loads(text)
    assert data["tool"]["black"] == {"line-length": 100} and data["tool"]["healthlint"]["lang"] == "en"
    assert find_config(folder) == folder / "pyproject.toml"


def test_refuses_to_overwrite(folder):
    (folder / "healthlint.toml").write_text('lang = "nl"\n')
    code, _, err = run("--lang", "en")
    assert code == 2 and "already exists" in err
    assert (folder / "healthlint.toml").read_text() == 'lang = "nl"\n'


def test_refuses_to_overwrite_a_pyproject_table(folder):
    original = '[tool.healthlint]\nlang = "nl"\n'
    (folder / "pyproject.toml").write_text(original)
    code, _, err = run("--lang", "en")
    assert code == 2 and "already has [tool.healthlint]" in err
    assert (folder / "pyproject.toml").read_text() == original


def test_unknown_category_is_refused_with_a_suggestion(folder):
    code, _, err = run("--select", "claimz")
    assert code == 2 and 'did you mean "claims"' in err
    assert not (folder / "healthlint.toml").exists()


def test_written_config_is_what_check_uses(folder):
    run("--lang", "nl", "--select", "heading")
    (folder / "a.md").write_text("## Alleen een tussenkop\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "a.md"])
    assert '"heading-h1-missing"' in result.stdout and '"trust-' not in result.stdout

"""Small helpers shared by the rule tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from click.testing import CliRunner

from healthlint.cli import main
from healthlint.config import Settings
from healthlint.engine import Linter

_LINTERS: dict[tuple, Linter] = {}


def lint(text: str, path: str = "article.html", *, keyword: str | None = None, lang: str | None = None,
         select: tuple[str, ...] = ("ALL",), preview: bool = True, **settings: Any) -> dict[str, Any]:
    """Lint text as if it were the file `path` (format by suffix)."""
    key = (keyword, lang)
    linter = _LINTERS.get(key)
    if linter is None:
        linter = _LINTERS[key] = Linter(Settings(), cli_lang=lang, cli_keyword=keyword, explicit_config=True)
    base = replace(Settings(), select=select, preview=preview, **settings)
    return linter.lint_text(text, path, base)


def run_cli(*args: str, input: str | bytes | None = None, binary: bool = False) -> tuple[int, Any, str]:
    """`healthlint ARGS` in this process: (exit code, stdout, stderr); stdout
    as bytes with binary=True. Exceptions propagate, so a crash shows its traceback."""
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes if binary else result.stdout, result.stderr


def findings(result: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in result["findings"] if f["rule"] == rule]


def rules_fired(result: dict[str, Any]) -> set[str]:
    return {f["rule"] for f in result["findings"]}


def quoted(text: str, finding: dict[str, Any]) -> str:
    """The source text a finding's line:col range covers (single-line findings)."""
    lines = text.splitlines(keepends=True)
    if finding["line"] is None:
        return ""
    if finding["end_line"] == finding["line"]:
        return lines[finding["line"] - 1][finding["column"] - 1 : finding["end_column"] - 1]
    first = lines[finding["line"] - 1][finding["column"] - 1 :]
    middle = "".join(lines[finding["line"] : finding["end_line"] - 1])
    last = lines[finding["end_line"] - 1][: finding["end_column"] - 1]
    return first + middle + last


def html_page(body: str, lang: str = "nl", title: str = "Magnesium: wat het doet voor je lichaam", head: str = "") -> str:
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<title>{title}</title>\n{head}</head>\n'
            f"<body>\n{body}\n</body>\n</html>\n")


def assert_example_findings(path, select: tuple[str, ...], expected: list[tuple[str, int, int, str]],
                            preview: bool = False) -> None:
    """Exactly the expected (rule, line, column, quoted-text prefix) findings
    of the selected rules on an example file."""
    text = path.read_text(encoding="utf-8")
    result = lint(text, path.name, select=select, preview=preview)
    got = sorted((f["rule"], f["line"], f["column"]) for f in result["findings"])
    assert got == sorted((rule, line, col) for rule, line, col, _ in expected)
    by_position = {(f["rule"], f["line"], f["column"]): f for f in result["findings"]}
    for rule, line, col, snippet in expected:
        assert quoted(text, by_position[(rule, line, col)]).startswith(snippet)

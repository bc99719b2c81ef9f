"""Per-rule fixture files with inline expectations, as markdownlint's
`{MD045}` and pylint's `# [symbol]`.

tests/fixtures/rules/<rule-id>/ holds Dutch (`nl-*.html`, `nl-*.md`) and
English (`en-*`) files. A line that must fire carries a comment naming the
rule, at the column where the finding starts:

    <p>Dit is een wondermiddel. <!-- expect: claim-absolute@15 --></p>

`expect: rule-id` without `@col` checks the line only; `@page` expects a
finding of the whole document (no line). Several on one line are separated
by commas. Every finding of the rule must be expected and every expectation
found, so each line without a comment is a case that must not fire, and a
file without any comment is a must-not-fire file. The file is linted with
only its folder's rule selected (preview rules included) in the language of
its name; Markdown front matter can set the focus keyphrase (`keyword:`).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import lint

from healthlint.registry import all_rules

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rules"
FIXTURE_NAME = re.compile(r"^(?P<lang>nl|en)-[a-z0-9-]+\.(?:html|md)$")
EXPECT = re.compile(r"<!--\s*expect:\s*(?P<items>[^>]*?)\s*-->")
ITEM = re.compile(r"^(?P<rule>[a-z0-9-]+)(?:@(?P<where>\d+|page))?$")
PAGE = "page"


def fixture_files(root: Path = FIXTURES) -> list[Path]:
    return sorted(p for p in root.glob("*/*") if p.is_file())


def expectations(text: str) -> list[tuple[str, int | None, int | str | None]]:
    """(rule, line, column) per expectation: column None checks the line only;
    line None and column "page" is a finding of the whole document."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for comment in EXPECT.finditer(line):
            for item in filter(None, (part.strip() for part in comment.group("items").split(","))):
                m = ITEM.match(item)
                assert m, f"line {number}: cannot read the expectation {item!r} (rule-id, rule-id@col or rule-id@page)"
                where = m.group("where")
                if where == PAGE:
                    found.append((m.group("rule"), None, PAGE))
                else:
                    found.append((m.group("rule"), number, int(where) if where else None))
    return found


def unmatched(expected, got) -> tuple[list, list]:
    """(expectations not found, findings not expected); got holds (line, column, message)."""
    left = list(got)
    missing = []
    # exact positions first, so a line-only expectation cannot take a finding an exact one needs
    for line, column in sorted(((l, c) for _, l, c in expected), key=lambda e: e[1] is None or e[1] == PAGE):
        if column == PAGE:
            match = next((f for f in left if f[0] is None), None)
        elif column is None:
            match = next((f for f in left if f[0] == line), None)
        else:
            match = next((f for f in left if (f[0], f[1]) == (line, column)), None)
        if match is None:
            missing.append((line, column))
        else:
            left.remove(match)
    return missing, left


def check_fixture(path: Path) -> None:
    rule_id = path.parent.name
    name = FIXTURE_NAME.match(path.name)
    assert name, f"{path.name}: name rule fixtures nl-*.html, nl-*.md, en-*.html or en-*.md"
    text = path.read_text(encoding="utf-8")
    expected = expectations(text)
    assert all(rule == rule_id for rule, _, _ in expected), f"{path.name}: expectations name only {rule_id}"
    result = lint(text, path.name, lang=name.group("lang"), select=(rule_id,))
    assert result["error"] is None, result["error"]
    got = [(f["line"], f["column"], f["message"]) for f in result["findings"] if f["rule"] == rule_id]
    missing, unexpected = unmatched(expected, got)
    where = f"tests/fixtures/rules/{rule_id}/{path.name}"
    assert not missing and not unexpected, "\n".join(
        [f"{where}:{line or ''}:{'' if column in (None, PAGE) else column}: expected {rule_id}, not found"
         for line, column in missing]
        + [f"{where}:{line or PAGE}:{column or ''}: unexpected {rule_id}: {message}"
           for line, column, message in unexpected])


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_fixture(path):
    check_fixture(path)


def test_every_fixture_folder_is_a_rule_with_both_languages_and_a_case_that_fires():
    folders = sorted({p.parent for p in fixture_files()})
    assert folders
    for folder in folders:
        assert folder.name in all_rules(), f"{folder}: no rule with this id"
        names = [p.name for p in folder.iterdir()]
        assert {n[:2] for n in names} == {"nl", "en"}, f"{folder}: Dutch and English fixtures"
        assert any(expectations(p.read_text(encoding="utf-8")) for p in folder.iterdir()), \
            f"{folder}: no line with <!-- expect: {folder.name} -->"


def test_fixtures_cover_every_category():
    covered = {all_rules()[p.parent.name].category for p in fixture_files()}
    assert covered >= {cls.category for cls in all_rules().values() if cls.category != "engine"}


def test_the_checker_reports_a_missing_and_an_unexpected_finding():
    expected = [("r", 3, 5), ("r", 7, None), ("r", None, PAGE)]
    got = [(3, 5, "a"), (7, 1, "b"), (9, 2, "c")]
    missing, unexpected = unmatched(expected, got)
    assert missing == [(None, PAGE)]
    assert unexpected == [(9, 2, "c")]
    assert Counter(map(str, expectations("<p>x <!-- expect: r@4, r --></p>\n<!-- expect: r@page -->"))) == Counter(
        map(str, [("r", 1, 4), ("r", 1, None), ("r", None, PAGE)]))

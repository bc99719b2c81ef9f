"""The public API (docs/api.md): lint_text and lint_paths, their typed
results, and the examples of docs/api.md, run as doctests."""

from __future__ import annotations

import doctest
import json
import re
import typing
from pathlib import Path

import pytest

import healthlint
from healthlint import results

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"


def _examples() -> list[tuple[int, str]]:
    """(line, text) of every ```pycon block of docs/api.md."""
    text = DOC.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1))
            for m in re.finditer(r"^```pycon\n(.*?)^```$", text, re.M | re.S)]


def test_api_doc_has_examples():
    assert len(_examples()) >= 4


def test_api_doc_examples_run():
    """Every example of docs/api.md gives the output the page shows. The
    blocks share one namespace, as a reader typing them in order would."""
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict[str, object] = {}
    for line, block in _examples():
        test = parser.get_doctest(block, globs, f"docs/api.md:{line}", str(DOC), line)
        runner.run(test, clear_globs=False)
        globs.update(test.globs)  # get_doctest works on a copy
    assert runner.summarize(verbose=False).failed == 0


def test_exported_from_the_package():
    assert healthlint.lint_text is healthlint.api.lint_text
    assert set(healthlint.__all__) >= {"lint_text", "lint_paths"}


def _typed_keys(cls: type) -> tuple[set[str], set[str]]:
    hints = typing.get_type_hints(cls, include_extras=True)
    optional = {k for k, v in hints.items() if typing.get_origin(v) is typing.NotRequired}
    return set(hints) - optional, optional


@pytest.mark.parametrize(("typed", "pointer"), [
    (results.Report, ()),
    (results.Summary, ("properties", "summary")),
    (results.Tool, ("properties", "tool")),
    (results.FileResult, ("properties", "files", "items")),
    (results.RulesRun, ("properties", "files", "items", "properties", "rules")),
    (results.Stats, ("properties", "files", "items", "properties", "stats", "oneOf", 1)),
    (results.Finding, ("$defs", "finding")),
    (results.Fix, ("$defs", "finding", "properties", "fix", "oneOf", 1)),
    (results.Edit, ("$defs", "finding", "properties", "fix", "oneOf", 1, "properties", "edits", "items")),
    (results.Suppression, ("$defs", "finding", "properties", "suppression")),
])
def test_result_types_mirror_the_report_schema(typed, pointer):
    """Each TypedDict has the schema object's keys; required ones are
    required, the others NotRequired."""
    node = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    for step in pointer:
        node = node[step]
    required, optional = _typed_keys(typed)
    assert required == set(node.get("required", ())), typed.__name__
    assert required | optional == set(node["properties"]), typed.__name__


def test_lint_text_result_has_the_typed_keys():
    result = healthlint.lint_text("# Kop\n\nStudies tonen aan dat het werkt.\n", "a.md", lang="nl")
    required, optional = _typed_keys(results.FileResult)
    assert required <= set(result) <= required | optional
    finding_required, finding_optional = _typed_keys(results.Finding)
    for finding in result["findings"]:
        assert finding_required <= set(finding) <= finding_required | finding_optional


def test_lint_text_finds_the_config_of_its_path(tmp_path):
    """Without config, the config that governs `path` applies, as in `check`;
    text without a path gets the defaults."""
    (tmp_path / "healthlint.toml").write_text('select = ["claims"]\n', encoding="utf-8")
    text = "# Kop\n\nStudies tonen aan dat het werkt.\n"
    governed = healthlint.lint_text(text, str(tmp_path / "a.md"), lang="nl")
    assert {f["category"] for f in governed["findings"]} == {"claims"}
    ungoverned = healthlint.lint_text(text, lang="nl")
    assert {f["category"] for f in ungoverned["findings"]} > {"claims"}


def test_lint_text_takes_a_config_file(tmp_path):
    config = tmp_path / "elders.toml"
    config.write_text('select = ["heading-too-long"]\n[options.heading-too-long]\nmax_chars = 3\n', encoding="utf-8")
    result = healthlint.lint_text("# Magnesium\n", "a.md", config)
    assert [f["rule"] for f in result["findings"]] == ["heading-too-long"]


def test_lint_text_keyword_acts_as_the_option():
    html = "<h1>Magnesium</h1><p>Magnesium helpt.</p>"
    assert healthlint.lint_text(html, keyword="magnesium")["keyword"] == "magnesium"
    assert healthlint.lint_text(html)["keyword"] is None


def test_lint_text_rejects_an_unknown_language():
    from healthlint.errors import HealthlintError

    with pytest.raises(HealthlintError, match="lang"):
        healthlint.lint_text("# Kop\n", lang="de")


def test_lint_paths_reports_a_missing_path_and_goes_on(tmp_path):
    (tmp_path / "a.md").write_text("# Kop\n\nTekst.\n", encoding="utf-8")
    report = healthlint.lint_paths([tmp_path / "a.md", tmp_path / "weg.md"], {"select": ["heading"]})
    assert [bool(f["error"]) for f in report["files"]] == [False, True]
    assert report["summary"]["file_errors"] == 1


def test_lint_paths_report_is_a_valid_json_report(tmp_path):
    from jsonschema import Draft202012Validator

    (tmp_path / "a.html").write_text("<h1>Kop</h1><p>Studies tonen aan dat het werkt.</p>", encoding="utf-8")
    report = healthlint.lint_paths([tmp_path])
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(json.loads(json.dumps(report)))


def test_a_parser_failure_is_that_files_error_and_the_run_goes_on(tmp_path, monkeypatch):
    """Issue 18: a parser crash becomes the file's `error` (counted in
    file_errors, exit 2 on the command line: tests/robustness/
    test_robust_crashes.py), never the end of the run."""
    from healthlint.parse import html

    real = html.parse_html

    def parse(doc):
        if doc.path.endswith("a.html"):
            raise IndexError("parser bug")
        return real(doc)

    monkeypatch.setattr(html, "parse_html", parse)
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text("<h1>Kop</h1><p>Tekst.</p>", encoding="utf-8")
    report = healthlint.lint_paths([tmp_path], {"select": ["heading"]})
    first, second = report["files"]
    assert first["error"].startswith(f"{tmp_path / 'a.html'}: internal error (IndexError: parser bug")
    assert first["findings"] == [] and second["error"] is None and second["rules"]["run"]
    assert report["summary"]["file_errors"] == 1

"""GitHub annotations: format, escaping, order, cap, step summary."""

from __future__ import annotations

import copy

import pytest
from reportkit import check_golden

from healthlint.report import github


def _finding(**kw):
    f = {"rule": "claim-absolute", "category": "claims", "severity": "warning", "message": "msg",
         "line": 3, "column": 5, "end_line": 3, "end_column": 9, "excerpt": "x", "fix": None,
         "suggestion": None, "fingerprint": "f", "approximate": False}
    f.update(kw)
    return f


def _report(findings, path="a.md", **extra):
    fentry = {"path": path, "format": "markdown", "language": "nl", "keyword": None, "error": None,
              "stats": {}, "scores": {"overall": 50}, "rules": {"run": [], "not_applicable": []},
              "findings": findings, "suppressed": []}
    fentry.update(extra)
    return {"version": "1", "tool": {"name": "healthlint", "version": "0.1.0"}, "files": [fentry],
            "summary": {"files": 1, "errors": 0, "warnings": 0, "infos": 0, "suppressed": 0, "file_errors": 0}}


def test_golden(report, rules):
    check_golden("report.github.txt", github.render(report, rules))


def test_golden_step_summary(report):
    check_golden("step-summary.md", github.step_summary(report))


def test_escape_data_and_property():
    assert github.escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert github.escape_property("100% a\r\nb: c, d") == "100%25 a%0D%0Ab%3A c%2C d"
    # % first, so an existing escape is not decoded by the runner
    assert github.escape_data("%0A") == "%250A"


def test_escaping_in_annotation():
    out = github.render(_report([_finding(message="50% more\r\nline two: a, b")], path="dir, x/a:b%.md"))
    assert out == ("::warning file=dir%2C x/a%3Ab%25.md,line=3,endLine=3,col=5,endColumn=9,"
                   "title=healthlint (claim-absolute)::50%25 more%0D%0Aline two: a, b\n")
    # one line per annotation, whatever the message holds
    assert out.count("\n") == 1


def test_levels_and_order():
    fs = [_finding(severity="info", line=1), _finding(severity="warning", line=2),
          _finding(severity="error", line=3), _finding(severity="info", line=4, rule="readability-score"),
          _finding(severity="error", line=5)]
    lines = github.render(_report(fs)).splitlines()
    assert [ln.split(" ", 1)[0] for ln in lines] == ["::error", "::error", "::warning", "::notice", "::notice"]
    assert "line=3," in lines[0] and "line=5," in lines[1]


def test_columns_only_on_single_line():
    multi = github.render(_report([_finding(line=3, end_line=5, column=2, end_column=7)]))
    assert "line=3,endLine=5,title=" in multi and "col=" not in multi and "endColumn" not in multi
    doc = github.render(_report([_finding(line=None, column=None, end_line=None, end_column=None)]))
    assert doc == "::warning file=a.md,title=healthlint (claim-absolute)::msg\n"


def test_approximate_is_said():
    out = github.render(_report([_finding(approximate=True)]))
    assert out.endswith("::msg (approximate position)\n")


def test_input_error_and_suppressed(report, rules):
    out = github.render(report, rules)
    assert ("::error file=content/oud/kurkuma-latin1.md,title=healthlint (input error)::could not decode as UTF-8"
            in out)
    assert "gegarandeerd" not in out  # suppressed findings are not annotated
    assert len(out.splitlines()) == sum(len(f["findings"]) for f in report["files"]) + 1


def test_cap_with_more_line():
    fs = [_finding(severity="error", line=i) for i in range(1, 8)] + [_finding(severity="info", line=i) for i in range(1, 4)]
    lines = github.render(_report(fs), options={"max_annotations": 5}).splitlines()
    assert len(lines) == 5 + 3 + 1
    assert lines[-1].startswith("::notice title=healthlint::2 more findings not annotated (2 errors)")
    assert len(github.render(_report(fs), options={"max_annotations": 0}).splitlines()) == 10
    many = [_finding(line=i) for i in range(1, 61)]
    assert len(github.render(_report(many)).splitlines()) == github.DEFAULT_MAX_ANNOTATIONS + 1


def test_clean_report_renders_nothing(report, rules):
    clean = copy.deepcopy(report)
    clean["files"] = [clean["files"][1]]
    assert github.render(clean, rules) == ""


def test_render_does_not_touch_env(report, rules, tmp_path, monkeypatch):
    target = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    github.render(report, rules)
    assert not target.exists()


def test_write_step_summary_appends(report, tmp_path, monkeypatch):
    target = tmp_path / "summary.md"
    target.write_text("# earlier step\n", encoding="utf-8")
    github.write_step_summary(report, target)
    github.write_step_summary(report, str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n")
    assert text.count("| File | Score | Errors | Warnings | Infos | Suppressed |") == 2
    assert "| content/magnesium/wat-doet-magnesium.html | 45 | 6 | 12 | 4 | 3 |" in text
    assert "| content/oud/kurkuma-latin1.md | input error |" in text
    assert "| `claim-disease` | error | 2 |" in text
    # path=None reads the environment; unset means no-op
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    github.write_step_summary(report)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    github.write_step_summary(report)
    assert target.read_text(encoding="utf-8").count("| File |") == 3


@pytest.mark.parametrize("path, cell", [
    ("a|b.md", "a\\|b.md"),
    ("<img src=x onerror=alert(1)>.md", "&lt;img src=x onerror=alert(1)&gt;.md"),
    ("line\nbreak.md", "line break.md"),
])
def test_step_summary_escapes_cells(path, cell):
    text = github.step_summary(_report([], path=path))
    assert f"| {cell} | 50 |" in text

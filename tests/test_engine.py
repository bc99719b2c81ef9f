"""Engine behaviour: crashing rules, preview gating, severity overrides, scores."""


from click.testing import CliRunner

from healthlint.cli import main
from healthlint.registry import Rule, unregister
from helpers import findings, lint


def test_a_rule_that_raises_becomes_an_internal_error_and_the_run_goes_on():
    class Exploding(Rule):
        """## What it does
        Crashes.
        ## Why it matters
        Test.
        ## Example
        x
        ## Instead
        y
        """

        id = "heading-exploding-test"
        category = "heading"
        severity = "warning"
        summary = "test rule"

        def check(self, doc, ctx):
            raise ZeroDivisionError("boom")

    try:
        result = lint('<html lang="en"><body><h2>x</h2></body></html>', select=("heading",))
        internal = findings(result, "internal-error")
        assert len(internal) == 1 and "heading-exploding-test" in internal[0]["message"]
        assert "ZeroDivisionError" in internal[0]["message"]
        assert findings(result, "heading-h1-missing")  # the other rules still ran
    finally:
        unregister("heading-exploding-test")


def test_preview_rules_run_only_with_preview():
    text = "---\ntitle: t\nkeyword: magnesium tekort\nlang: nl\n---\n# T\n\nMagnesium tekort lichaam spieren signalen.\n"
    assert "keyword-stuffing" not in lint(text, "a.md", preview=False)["rules"]["run"]
    assert "keyword-stuffing" in lint(text, "a.md", preview=True)["rules"]["run"]


def test_severity_override_and_scores():
    text = '<html lang="en"><body><h2>x</h2></body></html>'
    result = lint(text, select=("heading",), severity=(("heading-h1-missing", "info"),))
    assert findings(result, "heading-h1-missing")[0]["severity"] == "info"
    scores = result["scores"]
    assert 0 <= scores["heading"] < 100 and scores["overall"] == scores["heading"]


def test_broken_extra_pack_stops_the_run_with_exit_2(tmp_path):
    pack = tmp_path / "packs" / "house.yaml"
    pack.parent.mkdir()
    pack.write_text("version: 1\nname: house\nlang: nl\nlists:\n  evidence:\n    rules: [claim-nope]\n    phrases: [x]\n")
    (tmp_path / "healthlint.toml").write_text('extra-packs = ["packs"]\n')
    page = tmp_path / "a.html"
    page.write_text("<h1>x</h1>")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(page)])
    assert result.exit_code == 2
    assert "house.yaml" in result.stderr and "/lists/evidence/rules/0" in result.stderr


def test_findings_are_sorted_and_carry_fingerprints():
    text = '<html lang="en"><body><h1>A</h1><h3>B</h3><h3>B</h3><h5>C</h5></body></html>'
    found = lint(text, select=("heading",))["findings"]
    positions = [(f["line"] or 0, f["column"] or 0) for f in found]
    assert positions == sorted(positions)
    assert len({f["fingerprint"] for f in found}) == len(found)


def test_findings_of_one_rule_are_capped_per_file():
    from healthlint.context import MAX_FINDINGS_PER_RULE

    word = "energi\u0435"
    text = "# T\n\n" + " ".join([word] * (MAX_FINDINGS_PER_RULE + 25)) + "\n"
    found = findings(lint(text, "a.md", select=("integrity-mixed-script",)), "integrity-mixed-script")
    assert len(found) == MAX_FINDINGS_PER_RULE + 1
    assert found[0]["line"] is None and "25 more findings" in found[0]["message"]

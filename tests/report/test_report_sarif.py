"""SARIF writer: schema validity, rules, locations, fingerprints, suppressions."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
from reportkit import SARIF_SCHEMA, check_golden

from healthlint.report import sarif


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _log(report, rules, **options):
    return json.loads(sarif.render(report, rules, options=options or None))


def _errors(validator, log):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def test_golden(report, rules):
    check_golden("report.sarif", sarif.render(report, rules))


def test_valid_against_official_schema(validator, report, rules):
    log = _log(report, rules, srcroot="file:///work/site/", automation_id="healthlint/content",
               information_uri="https://example.org/healthlint")
    assert _errors(validator, log) == []


def test_hostile_content_still_valid(validator, hostile):
    log = _log(*hostile)
    assert _errors(validator, log) == []


def test_run_shape(report, rules):
    log = _log(report, rules)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "healthlint" and driver["version"] == "0.1.0"
    ids = [r["id"] for r in driver["rules"]]
    assert ids[: len(rules)] == [r["id"] for r in rules]
    disease = driver["rules"][ids.index("claim-disease")]
    assert disease["name"] == "ClaimDisease"
    assert disease["shortDescription"]["text"].startswith("A food or supplement")
    assert "hartziekten" in disease["help"]["markdown"]
    assert "## Why it matters" in disease["help"]["markdown"]
    assert disease["help"]["text"]
    assert disease["defaultConfiguration"]["level"] == "error"
    assert disease["properties"]["category"] == "claims"
    assert "claims" in disease["properties"]["tags"]
    assert disease["properties"]["source"].startswith("EU Regulation 1169/2011")
    info_rule = driver["rules"][ids.index("readability-score")]
    assert info_rule["defaultConfiguration"]["level"] == "note"


def test_results_map_findings(report, rules):
    run = _log(report, rules)["runs"][0]
    results = run["results"]
    nl = report["files"][0]
    assert len(results) == len(nl["findings"]) + len(nl["suppressed"])
    driver_rules = run["tool"]["driver"]["rules"]
    for res, f in zip(results, nl["findings"]):
        assert res["ruleId"] == f["rule"]
        assert driver_rules[res["ruleIndex"]]["id"] == f["rule"]
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[f["severity"]]
        assert res["message"]["text"] == f["message"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": nl["path"], "uriBaseId": "%SRCROOT%", "index": 0}
        if f["line"] is None:
            assert "region" not in loc  # document-level: the artifact only
        else:
            region = loc["region"]
            assert region["startLine"] == f["line"] and region["startColumn"] == f["column"]
            assert region["endLine"] == f["end_line"] and region["endColumn"] == f["end_column"]
            assert region["startColumn"] >= 1
            assert loc["contextRegion"]["snippet"]["text"] == f["excerpt"]


def test_fingerprints_present_and_not_line_based(report, rules):
    results = _log(report, rules)["runs"][0]["results"]
    assert all(r["partialFingerprints"]["healthlint/v1"] for r in results)
    nl = report["files"][0]
    expected = [f["fingerprint"] for f in nl["findings"] + nl["suppressed"]]
    assert [r["partialFingerprints"]["healthlint/v1"] for r in results] == expected
    # Insert three lines at the top: every line moves, no fingerprint changes.
    moved = copy.deepcopy(report)
    for f in moved["files"][0]["findings"] + moved["files"][0]["suppressed"]:
        if f["line"]:
            f["line"] += 3
            f["end_line"] += 3
    moved_results = _log(moved, rules)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in moved_results] == [r["partialFingerprints"] for r in results]
    assert [r["locations"] for r in moved_results] != [r["locations"] for r in results]


def test_suppressions(report, rules):
    results = _log(report, rules)["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [s["suppressions"] for s in suppressed] == [
        [{"kind": "inSource", "state": "accepted", "justification": "citaat van de fabrikant, hieronder weerlegd"}],
        [{"kind": "inSource", "state": "accepted", "justification": "bronnen volgen in de volgende versie"}],
        [{"kind": "external", "state": "accepted"}],
    ]
    assert all("suppressions" not in r for r in results[: len(report["files"][0]["findings"])])


def test_input_error_is_a_notification(report, rules):
    run = _log(report, rules)["runs"][0]
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "could not decode as UTF-8" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/oud/kurkuma-latin1.md"
    clean = copy.deepcopy(report)
    clean["files"] = clean["files"][:2]
    inv = _log(clean, rules)["runs"][0]["invocations"][0]
    assert inv == {"executionSuccessful": True}


def test_fix_and_suggestion(report, rules):
    results = _log(report, rules)["runs"][0]["results"]
    rel = next(r for r in results if r["ruleId"] == "affiliate-link-rel")
    (fix,) = rel["fixes"]
    assert fix["description"]["text"] == 'Add rel="sponsored"'
    (rep,) = fix["artifactChanges"][0]["replacements"]
    assert rep["deletedRegion"]["charLength"] == 0
    assert rep["insertedContent"]["text"] == ' rel="sponsored"'
    faq = next(r for r in results if r["ruleId"] == "faq-schema-missing")
    assert '"@type": "FAQPage"' in faq["properties"]["suggestion"]


def test_unknown_rule_gets_a_descriptor(report, rules):
    report["files"][0]["findings"].append({
        "rule": "internal-error-x", "category": "engine", "severity": "error", "message": "boom",
        "line": None, "column": None, "end_line": None, "end_column": None, "excerpt": None,
        "fix": None, "suggestion": None, "fingerprint": "abc", "approximate": False})
    run = _log(report, rules)["runs"][0]
    last = next(r for r in run["results"] if r["ruleId"] == "internal-error-x")
    assert run["tool"]["driver"]["rules"][last["ruleIndex"]]["id"] == "internal-error-x"


@pytest.mark.parametrize("path, uri, relative", [
    ("content/a b/ü.md", "content/a%20b/%C3%BC.md", True),
    ("./docs/x.html", "docs/x.html", True),
    ("docs\\win.md", "docs/win.md", True),
    ("/abs/path/x.md", "file:///abs/path/x.md", False),
    ("C:\\site\\x.md", "file:///C:/site/x.md", False),
])
def test_artifact_uri(path, uri, relative):
    assert sarif.artifact_uri(path) == (uri, relative)


def test_region_edge_cases():
    f = {"line": 4, "column": None, "end_line": None, "end_column": None}
    assert sarif._region(f) == {"startLine": 4}
    f = {"line": 4, "column": 3, "end_line": 6, "end_column": 1}
    assert sarif._region(f) == {"startLine": 4, "startColumn": 3, "endLine": 6, "endColumn": 1}
    assert sarif._region({"line": None}) is None

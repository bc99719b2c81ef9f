"""Golden files: every report format, produced by the CLI on the bundled
examples, byte for byte. After an intended change to a rule or a writer,
regenerate with `python -m healthlint.dev generate` (or
HEALTHLINT_UPDATE_GOLDEN=1 pytest tests/test_golden_examples.py) and review
the diff like code."""

import json
from pathlib import Path

import pytest

from healthlint.dev.derived import EXAMPLE_REPORTS, assert_current

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "examples"


@pytest.mark.parametrize("fmt", sorted(EXAMPLE_REPORTS))
def test_report_matches_golden_file(fmt):
    assert_current(f"tests/golden/examples/{EXAMPLE_REPORTS[fmt]}")


def test_golden_json_and_sarif_are_valid():
    from jsonschema import Draft7Validator, Draft202012Validator

    from healthlint.resources import load_schema

    Draft202012Validator(load_schema("report.schema.json")).validate(
        json.loads((GOLDEN / "report.json").read_text(encoding="utf-8")))
    Draft7Validator(load_schema("sarif-schema-2.1.0.json")).validate(
        json.loads((GOLDEN / "report.sarif").read_text(encoding="utf-8")))
    Draft202012Validator(load_schema("rdjson.schema.json")).validate(
        json.loads((GOLDEN / "report.rdjson").read_text(encoding="utf-8")))

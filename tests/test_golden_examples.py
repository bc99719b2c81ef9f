"""Golden files: every report format, produced by the CLI on the bundled
examples, byte for byte. After an intended change to a rule or a writer,
regenerate with HEALTHLINT_UPDATE_GOLDEN=1 pytest tests/test_golden_examples.py
and review the diff like code."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint import __version__
from healthlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "examples"
FORMATS = {"text": "report.txt", "json": "report.json", "sarif": "report.sarif", "github": "report.github.txt",
           "html": "report.html", "rdjson": "report.rdjson"}


def produce(fmt: str, monkeypatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--no-color", "--format", fmt, "examples"])
    assert result.exit_code == 1, result.stderr
    # the version is the one thing allowed to change without a review of the golden files
    return result.stdout.replace(__version__, "<version>")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_report_matches_golden_file(fmt, monkeypatch):
    output = produce(fmt, monkeypatch)
    golden = GOLDEN / FORMATS[fmt]
    if os.environ.get("HEALTHLINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8"), f"{golden.name} differs; see this file's docstring"


def test_golden_json_and_sarif_are_valid():
    from jsonschema import Draft7Validator, Draft202012Validator

    from healthlint.resources import load_schema

    Draft202012Validator(load_schema("report.schema.json")).validate(
        json.loads((GOLDEN / "report.json").read_text(encoding="utf-8")))
    Draft7Validator(load_schema("sarif-schema-2.1.0.json")).validate(
        json.loads((GOLDEN / "report.sarif").read_text(encoding="utf-8")))
    Draft202012Validator(load_schema("rdjson.schema.json")).validate(
        json.loads((GOLDEN / "report.rdjson").read_text(encoding="utf-8")))

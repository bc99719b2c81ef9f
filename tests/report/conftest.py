"""Fixtures for the report-writer tests (SARIF, GitHub, HTML).

``fixtures/report.json`` is a realistic three-file report in the JSON wire
format: a Dutch HTML article with many findings (document-level ones, a
multi-line one, a fix, an FAQ JSON-LD suggestion and three suppressed
findings), a clean English Markdown file and a file with an input error.
``fixtures/rules.json`` is registry metadata for every catalog rule.

Golden files live in ``golden/``; regenerate them after an intended change
with ``python -m healthlint.dev generate`` (or ``HEALTHLINT_UPDATE_GOLDEN=1 pytest tests/report``)
and review the diff.
"""

from __future__ import annotations

import pytest

from reportkit import load_json, make_hostile


@pytest.fixture()
def report() -> dict:
    return load_json("report.json")


@pytest.fixture()
def rules() -> list[dict]:
    return load_json("rules.json")


@pytest.fixture()
def hostile(report, rules) -> tuple[dict, list[dict]]:
    return make_hostile(report, rules)

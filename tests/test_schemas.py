"""The schemas in schemas/ are valid, current and actually enforced."""

import pytest
from jsonschema import Draft202012Validator

from healthlint.dev.derived import assert_current
from healthlint.registry import all_rules
from healthlint.resources import data_path, load_schema

SCHEMAS = data_path("schemas")


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMAS.glob("*.schema.json") if "sarif" not in p.name))
def test_schema_is_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(load_schema(name))


@pytest.mark.parametrize("path", ["schemas/config.schema.json", "schemas/rulepack.schema.json",
                                  "schemas/thresholds.schema.json"])
def test_schema_file_is_generated_from_the_registry(path):
    """The rule ids and options in these schemas come from the registry and
    rules/thresholds.yaml; regenerate with `python -m healthlint.dev generate`
    (or HEALTHLINT_UPDATE_SCHEMAS=1 pytest tests/test_schemas.py)."""
    assert_current(path)


def test_rulepack_schema_rule_ids_are_the_catalog():
    enum = set(load_schema("rulepack.schema.json")["$defs"]["rule_id"]["enum"])
    catalog = {rid for rid, cls in all_rules().items() if cls.category != "engine"}
    assert enum == catalog


def test_every_rule_has_full_docs_and_the_rules_page_is_current():
    """docs/rules.md is `healthlint rules --markdown`; regenerate with
    `python -m healthlint.dev generate` (or HEALTHLINT_UPDATE_SCHEMAS=1 pytest tests/test_schemas.py)"""
    for cls in all_rules().values():
        docs = cls.metadata()["docs"]
        assert set(docs) >= {"what", "why", "example", "instead"}, cls.id
        assert all(docs[k].strip() for k in ("what", "why", "example", "instead")), cls.id
    assert_current("docs/rules.md")

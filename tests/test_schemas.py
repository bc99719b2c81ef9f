"""The schemas in schemas/ are valid, current and actually enforced."""

import json
import os

import pytest
from jsonschema import Draft202012Validator

from healthlint.config import config_schema
from healthlint.registry import all_rules
from healthlint.resources import data_path, load_schema

SCHEMAS = data_path("schemas")


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMAS.glob("*.schema.json") if "sarif" not in p.name))
def test_schema_is_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(load_schema(name))


def test_config_schema_file_is_current():
    """schemas/config.schema.json is generated from the registry and
    thresholds; regenerate with HEALTHLINT_UPDATE_SCHEMAS=1 pytest tests/test_schemas.py"""
    generated = config_schema()
    path = SCHEMAS / "config.schema.json"
    if os.environ.get("HEALTHLINT_UPDATE_SCHEMAS"):
        path.write_text(json.dumps(generated, indent=2) + "\n", encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == generated, "regenerate: HEALTHLINT_UPDATE_SCHEMAS=1 pytest tests/test_schemas.py"


def test_rulepack_schema_rule_ids_are_the_catalog():
    enum = set(load_schema("rulepack.schema.json")["$defs"]["rule_id"]["enum"])
    catalog = {rid for rid, cls in all_rules().items() if cls.category != "engine"}
    assert catalog <= enum, f"add to schemas/rulepack.schema.json: {sorted(catalog - enum)}"
    assert enum <= catalog, f"not implemented: {sorted(enum - catalog)}"


def test_every_rule_has_full_docs_and_the_rules_page_is_current():
    """docs/rules.md is `healthlint rules --markdown`; regenerate with
    HEALTHLINT_UPDATE_SCHEMAS=1 pytest tests/test_schemas.py"""
    from healthlint.registry import rules_markdown

    meta = [cls.metadata() for cls in all_rules().values()]
    for m in meta:
        assert set(m["docs"]) >= {"what", "why", "example", "instead"}, m["id"]
        assert all(m["docs"][k].strip() for k in ("what", "why", "example", "instead")), m["id"]
    path = data_path("schemas").parent / "docs" / "rules.md"
    if os.environ.get("HEALTHLINT_UPDATE_SCHEMAS"):
        path.write_text(rules_markdown(meta), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rules_markdown(meta), "regenerate: HEALTHLINT_UPDATE_SCHEMAS=1 pytest tests/test_schemas.py"

"""`python -m healthlint.dev new-rule RULE-ID --category CATEGORY`: a new
phrase rule in the four files its author edits by hand, each a working
placeholder so the suite runs green from the start:

- src/healthlint/rules/<category>/<rule_id>.py: the rule, a PhraseRule whose
  docstring is its documentation (docs/rules.md and `healthlint rule ID`);
- rules/<rule-id>.yaml: its phrase list, Dutch and English side by side;
- tests/fixtures/rules/<rule-id>/nl-<name>.html and en-<name>.md: a line
  that must fire (with its exact column) and a close case that must not.

The rule starts in preview (it runs with --preview only, as new rules do in
ruff), so the golden reports of the examples stay as they are until it is
promoted. The caller then regenerates the derived files.
"""

from __future__ import annotations

import re
from pathlib import Path

from healthlint.registry import CATEGORIES, get_rule

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
# The placeholder phrases say what to do with them; the fixtures quote them.
PLACEHOLDER = {"nl": "vervang deze voorbeeldzin", "en": "replace this example phrase"}


class ScaffoldError(Exception):
    """The rule cannot be scaffolded (the message says why)."""


def rule_files(root: Path, rule_id: str, category: str) -> dict[str, Path]:
    module = rule_id.replace("-", "_")
    name = rule_id.split("-", 1)[1]
    fixtures = root / "tests" / "fixtures" / "rules" / rule_id
    return {
        "rule": root / "src" / "healthlint" / "rules" / category / f"{module}.py",
        "pack": root / "rules" / f"{rule_id}.yaml",
        "nl fixture": fixtures / f"nl-{name}.html",
        "en fixture": fixtures / f"en-{name}.md",
    }


def new_rule(root: Path, rule_id: str, category: str, severity: str = "warning") -> list[str]:
    """Write the rule's four files; returns their paths relative to root."""
    if not RULE_ID.match(rule_id):
        raise ScaffoldError(f"{rule_id!r} is not a rule id: lower-case words joined by '-', such as claim-superlative")
    if category not in CATEGORIES:
        raise ScaffoldError(f"unknown category {category!r}; one of {', '.join(CATEGORIES)}")
    if get_rule(rule_id) is not None:
        raise ScaffoldError(f"a rule {rule_id} exists already")
    files = rule_files(root, rule_id, category)
    existing = [str(p.relative_to(root)) for p in files.values() if p.exists()]
    if existing:
        raise ScaffoldError(f"{', '.join(existing)} exists already; not overwriting")
    list_name = rule_id.replace("-", "_")
    texts = {
        "rule": _rule_module(rule_id, category, severity, list_name),
        "pack": _pack(rule_id, list_name),
        "nl fixture": _nl_fixture(rule_id),
        "en fixture": _en_fixture(rule_id),
    }
    for key, path in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[key], encoding="utf-8")
    return [str(files[key].relative_to(root)) for key in texts]


def _rule_module(rule_id: str, category: str, severity: str, list_name: str) -> str:
    class_name = "".join(part.capitalize() for part in rule_id.split("-"))
    return f'''from healthlint.rules.phrase import PhraseRule


class {class_name}(PhraseRule):
    """## What it does
    TODO: what the rule flags, with a Dutch and an English example, and what
    it leaves alone. Phrases: the `{list_name}` list in rules/{rule_id}.yaml.

    ## Why it matters
    TODO: why a reader or publisher should care; cite the legal source if
    there is one (and set `source` below).

    ## Example
    `TODO: a sentence that fires`

    ## Instead
    `TODO: the same sentence written well`
    """

    id = "{rule_id}"
    category = "{category}"
    severity = "{severity}"
    status = "preview"  # delete this line to promote the rule; then regenerate the golden files
    summary = "TODO: one line, no final full stop"

    # the kinds and filters: healthlint/rules/phrase.py
    kind = "existence"
    lists = ("{list_name}",)
    skip_quoted = True
    skip_questions = True
    message = '"{{match}}" TODO: what is wrong and what to write instead'
'''


def _pack(rule_id: str, list_name: str) -> str:
    return f'''version: 1
name: {rule_id}
lang: any
description: >-
  The phrases of {rule_id}, Dutch and English side by side (docs/rule-packs.md).
lists:
  {list_name}:
    rules: [{rule_id}]
    description: >-
      TODO: what the phrases have in common, and what is left out on purpose.
    phrases:
      nl:
        - {PLACEHOLDER["nl"]}
      en:
        - {PLACEHOLDER["en"]}
'''


def _expect_line(prefix: str, phrase: str, suffix: str, rule_id: str) -> str:
    """A fixture line whose finding starts where the phrase does."""
    column = len(prefix) + 1
    return f"{prefix}{phrase}{suffix} <!-- expect: {rule_id}@{column} -->"


def _nl_fixture(rule_id: str) -> str:
    fires = _expect_line("<p>Hier staat: ", PLACEHOLDER["nl"], " door een echte zin.", rule_id) + "</p>"
    return f'''<!doctype html>
<html lang="nl">
<head><title>TODO: een titel</title></head>
<body>
<main>
<h1>TODO: een kop</h1>
{fires}
<p>Deze voorbeeldzin vervang je later: een bijna-treffer die niet mag vuren.</p>
<p>Staat hier "{PLACEHOLDER["nl"]}" tussen aanhalingstekens?</p>
</main>
</body>
</html>
'''


def _en_fixture(rule_id: str) -> str:
    fires = _expect_line("Here it says: ", PLACEHOLDER["en"], " with a real sentence.", rule_id)
    return f'''---
title: "TODO: a title"
lang: en
---
# TODO: a heading

{fires}

This example phrase is one to replace: a near miss that must not fire.

Does it say "{PLACEHOLDER["en"]}" in quotation marks?
'''

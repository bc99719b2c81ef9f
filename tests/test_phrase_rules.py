"""Phrase rules declare their lists and kind (healthlint.rules.phrase); a
list a rule names but a language's packs lack is an error at pack load."""

import pytest
from helpers import findings, html_page, lint, quoted

from healthlint import registry
from healthlint.config import Settings
from healthlint.engine import Linter
from healthlint.errors import PackError
from healthlint.rules.phrase import PhraseRule


@pytest.fixture()
def throwaway_rules():
    """Rules registered for one test only."""
    made: list[str] = []
    yield made
    for rule_id in made:
        registry.unregister(rule_id)


def _cooccurrence_rule(throwaway_rules, window):
    cls = type("AbsoluteAboutDisease", (PhraseRule,), {
        "__doc__": "## What it does\n test", "id": f"test-absolute-near-disease-{window}", "category": "claims",
        "severity": "warning", "summary": "test", "kind": "cooccurrence", "lists": ("absolute", "disease_names"),
        "window": window, "message": '"{first}" near "{second}"'})
    throwaway_rules.append(cls.id)
    return cls.id


def test_cooccurrence_fires_within_the_window_only(throwaway_rules):
    rule_id = _cooccurrence_rule(throwaway_rules, 3)
    page = html_page("<p>Een wondermiddel tegen diabetes, zeggen ze.</p>\n"
                     "<p>Een wondermiddel, zo noemen sommige verkopers hun pil tegen diabetes.</p>")
    result = lint(page, select=(rule_id,))
    (found,) = findings(result, rule_id)
    assert quoted(page, found) == "wondermiddel tegen diabetes"
    assert found["message"] == '"wondermiddel" near "diabetes"'


def test_cooccurrence_window_is_counted_in_words(throwaway_rules):
    rule_id = _cooccurrence_rule(throwaway_rules, 10)
    page = html_page("<p>Een wondermiddel, zo noemen sommige verkopers hun pil tegen diabetes.</p>")
    assert len(findings(lint(page, select=(rule_id,)), rule_id)) == 1


def _rule_reading(throwaway_rules, rule_id, names):
    cls = type("ReadsLists", (registry.Rule,), {
        "__doc__": "## What it does\n test", "id": rule_id, "category": "claims", "severity": "info",
        "summary": "test", "lists": names, "check": lambda self, doc, ctx: None})
    throwaway_rules.append(cls.id)


def test_a_list_no_pack_defines_is_an_error_naming_rule_and_list(throwaway_rules):
    _rule_reading(throwaway_rules, "test-reads-missing-list", ("superlatives_nowhere",))
    with pytest.raises(PackError, match=r"rule test-reads-missing-list reads the phrase list 'superlatives_nowhere', "
                                        r"but no 'nl' rule pack defines it; add superlatives_nowhere: under lists: "
                                        r"in a pack in rules/nl/"):
        Linter(Settings()).lint_text("<p>x</p>", "a.html")


def test_a_list_one_language_lacks_names_the_pack_that_has_it(throwaway_rules):
    _rule_reading(throwaway_rules, "test-reads-dutch-only-list", ("not_nouns",))
    with pytest.raises(PackError, match=r"no 'en' rule pack defines it \(only \S*rules/nl/language.yaml defines it\)"):
        Linter(Settings()).lint_text("<p>x</p>", "a.html")


def test_every_declared_list_of_the_bundled_rules_is_in_the_packs():
    Linter(Settings()).lint_text("<p>x</p>", "a.html")  # raises PackError otherwise


@pytest.mark.parametrize(("kind", "lists"), [("sometimes", ("absolute",)), ("existence", ()),
                                             ("cooccurrence", ("absolute",))])
def test_a_phrase_rule_must_declare_a_known_kind_and_its_lists(kind, lists):
    with pytest.raises(AssertionError):
        type("Broken", (PhraseRule,), {"id": "test-broken", "category": "claims", "severity": "info",
                                       "summary": "x", "kind": kind, "lists": lists, "message": "x"})
    registry.unregister("test-broken")

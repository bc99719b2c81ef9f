"""The rule registry: every rule is one small class with its metadata and docs.

A rule module under healthlint/rules/<category>/ defines a subclass of Rule
with `id`, `category`, `severity`, `summary`, optionally `status`, `source`
and `fixable`, and a docstring with the sections "## What it does",
"## Why it matters", "## Example" and "## Instead". `check(doc, ctx)`
reports through `ctx.report(...)`.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
# An audit's weight in its category score, by its effective severity (engine.score).
SEVERITY_WEIGHT = {"error": 3, "warning": 2, "info": 1}
CATEGORIES = ("keyword", "heading", "faq", "affiliate", "claims", "trust", "integrity", "meta", "readability")
DOC_SECTIONS = {"what it does": "what", "why it matters": "why", "example": "example", "instead": "instead"}

_REGISTRY: dict[str, type[Rule]] = {}
_GENERATION = 0


class Rule:
    id: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[str]
    summary: ClassVar[str]
    status: ClassVar[str] = "stable"
    source: ClassVar[str | None] = None
    fixable: ClassVar[bool] = False
    # False for a rule that reports a missing input rather than judging the
    # article (keyword-missing): its audit is listed but never scored, so an
    # article without a known keyphrase has no keyword score ("–"), not 0.
    scored: ClassVar[bool] = True
    # True for a rule that judges what front matter may hold (title,
    # description, keyphrase, language, author, dates): when the front matter
    # cannot be read the rule is not applicable, since front-matter-invalid
    # already reports the cause and "no title" would be a follow-on finding.
    reads_front_matter: ClassVar[bool] = False
    # The phrase lists the rule reads (ctx.phrases / ctx.words): every
    # language's packs must define them, else loading the packs fails with the
    # list's name rather than the rule silently finding nothing. lang_lists:
    # lists of a check that runs in one language only ({"nl": ("not_nouns",)}).
    lists: ClassVar[tuple[str, ...]] = ()
    lang_lists: ClassVar[dict[str, tuple[str, ...]]] = {}

    @classmethod
    def lists_read(cls, lang: str) -> tuple[str, ...]:
        """Every pack list the rule reads on a page in `lang`."""
        return (*cls.lists, *cls.lang_lists.get(lang, ()))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "id" not in cls.__dict__:
            return  # an abstract helper base
        if cls.id in _REGISTRY and _REGISTRY[cls.id] is not cls:
            raise RuntimeError(f"rule id {cls.id} registered twice")
        global _GENERATION
        _GENERATION += 1
        assert cls.severity in SEVERITIES, cls.id
        assert cls.status in ("stable", "preview"), cls.id
        _REGISTRY[cls.id] = cls

    def applicable(self, doc: Document, ctx: Context) -> bool:
        """False when the rule has nothing to judge here (shown as 'not applicable')."""
        return True

    def check(self, doc: Document, ctx: Context) -> None:
        raise NotImplementedError

    @classmethod
    def docs(cls) -> dict[str, str]:
        return parse_docstring(cls.__doc__ or "")

    @classmethod
    def name(cls) -> str:
        return "".join(part.capitalize() for part in cls.id.split("-"))

    @classmethod
    def metadata(cls) -> dict[str, Any]:
        return {
            "id": cls.id,
            "name": cls.name(),
            "category": cls.category,
            "severity": cls.severity,
            "status": cls.status,
            "summary": cls.summary,
            "docs": cls.docs(),
            "source": cls.source,
            "fixable": cls.fixable,
        }


def parse_docstring(doc: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current: str | None = None
    lines = doc.expandtabs().splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()), default=0)
    for i, line in enumerate(lines):
        line = line[indent:] if i else line.strip()
        m = re.match(r"^##\s+(.*?)\s*$", line)
        if m and m.group(1).lower() in DOC_SECTIONS:
            current = DOC_SECTIONS[m.group(1).lower()]
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {key: "\n".join(lines_).strip() for key, lines_ in sections.items()}


@lru_cache(maxsize=1)
def _import_rules() -> None:
    import healthlint.rules as package

    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)


_SORTED: tuple[int, dict[str, type[Rule]]] = (-1, {})


def generation() -> int:
    """Changes whenever a rule registers or unregisters: a key for caches of
    anything derived from the registry."""
    return _GENERATION


def unregister(rule_id: str) -> None:
    """Remove a rule (tests that register throw-away rules)."""
    global _GENERATION
    if _REGISTRY.pop(rule_id, None) is not None:
        _GENERATION += 1


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by category then id. Called for every finding,
    so the sorted view is kept until a rule registers (the registry only grows).
    Callers must not modify the returned dict."""
    global _SORTED
    _import_rules()
    if _SORTED[0] != _GENERATION:
        order = {cat: i for i, cat in enumerate((*CATEGORIES, "engine"))}
        _SORTED = (_GENERATION, dict(sorted(_REGISTRY.items(), key=lambda kv: (order.get(kv[1].category, 99), kv[0]))))
    return _SORTED[1]



def get_rule(rule_id: str) -> type[Rule] | None:
    return all_rules().get(rule_id)


def resolve_selector(selector: str) -> set[str]:
    """A selector is a rule id, a category name or ALL."""
    rules = all_rules()
    if selector == "ALL":
        return set(rules)
    if selector in rules:
        return {selector}
    matched = {rid for rid, cls in rules.items() if cls.category == selector}
    return matched


_SECTION_TITLES = (("what", "What it does"), ("why", "Why it matters"), ("example", "Example"), ("instead", "Instead"))


def rules_markdown(meta: list[dict[str, Any]]) -> str:
    """Every rule's docs as one Markdown page, grouped by category."""
    lines = ["# healthlint rules", "",
             "Generated by `healthlint rules --markdown`; each section is also `healthlint rule ID`.", ""]
    lines += ["| id | category | default | status | summary |", "|---|---|---|---|---|"]
    lines += [f"| [{m['id']}](#{m['id']}) | {m['category']} | {m['severity']} | {m['status']} | {m['summary']} |"
              for m in meta]
    for m in meta:
        lines += ["", f"## {m['id']}", "",
                  f"*{m['category']}, default {m['severity']}, {m['status']}*" + (" · fixable" if m["fixable"] else ""),
                  "", m["summary"] + "."]
        for key, title in _SECTION_TITLES:
            if m["docs"].get(key):
                lines += ["", f"### {title}", "", m["docs"][key]]
        if m["source"]:
            lines += ["", f"Source: {m['source']}"]
    return "\n".join(lines) + "\n"


# Where docs/rules.md is published; each rule is a section whose anchor is its id.
RULE_DOCS_URL = "https://healthlint.dev/rules#{id}"


def docs_url(rule_id: str) -> str:
    """The web page of a rule's docs (LSP codeDescription, rdjson code.url)."""
    return RULE_DOCS_URL.format(id=rule_id)

"""FAQPage structured data on the page: every FAQPage node of the JSON-LD
(parsed once, by healthlint.structured) and of the microdata and RDFa Lite
the HTML parser collects, with its questions and answers, @id references
resolved, and checked against schemas/faqpage.schema.json by one reused
validator. Nothing here reads the source again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from healthlint import structured
from healthlint.faq_visible import article_faqs, is_visible, question_key, visible
from healthlint.model import Document, Script
from healthlint.packs import Packs
from healthlint.source import Span
from healthlint.structured import JsonLdError, Path, format_path


@dataclass(eq=False)
class MarkupQuestion:
    index: int
    name: str | None
    answer: str | None
    name_path: Path  # relative to the FAQPage node, after @id resolution
    answer_path: Path

    @cached_property
    def key(self) -> str:
        return question_key(self.name or "", markup=True)


@dataclass(eq=False)
class MarkupFaq:
    """One FAQPage node, from JSON-LD or microdata."""

    source: str  # json-ld | microdata
    value: dict[str, Any]  # with mainEntity references resolved
    path: Path  # where the node sits in its script (JSON-LD)
    script: Script | None
    root: Any = None
    questions: list[MarkupQuestion] = field(default_factory=list)
    origins: dict[Path, tuple[Script, Path]] = field(default_factory=dict)  # JSON-LD @id resolution
    spans: dict[Path, Span] = field(default_factory=dict)  # microdata
    unresolved: list[tuple[Path, str]] = field(default_factory=list)
    doc: Document | None = None

    def where(self, rel: Path) -> str:
        """The path people see in messages (from the script's top)."""
        if self.source == "microdata":
            return "microdata FAQPage" + ("." + format_path(rel) if rel else "")
        script, real = self._real(rel)
        return format_path(real)

    def _real(self, rel: Path) -> tuple[Script, Path]:
        for cut in range(len(rel), -1, -1):
            origin = self.origins.get(rel[:cut])
            if origin is not None:
                return origin[0], origin[1] + rel[cut:]
        assert self.script is not None
        return self.script, self.path + rel

    def locate(self, rel: Path, whole: bool = True) -> Span:
        if self.source == "microdata":
            for cut in range(len(rel), -1, -1):
                if rel[:cut] in self.spans:
                    return self.spans[rel[:cut]]
            return self.spans[()]
        script, real = self._real(rel)
        assert self.doc is not None
        return structured.locate(self.doc, script, real, whole)

    @property
    def span(self) -> Span:
        return self.locate((), whole=False)



# -- markup ----------------------------------------------------------------------
@lru_cache(maxsize=1)
def validator() -> Any:
    """One Draft 2020-12 validator for schemas/faqpage.schema.json, reused."""
    from jsonschema import Draft202012Validator

    from healthlint.resources import load_schema

    return Draft202012Validator(load_schema("faqpage.schema.json"))


_TYPE_RE = {name: re.compile(rf"^(?:(?:https?://)?(?:www\.)?schema\.org/|schema:)?{name}$")
            for name in ("FAQPage", "Question", "Answer")}


def _typed(node: Any, name: str) -> bool:
    if not isinstance(node, dict) or "@type" not in node:
        return False
    value = node["@type"]
    values = value if isinstance(value, list) else [value]
    if not isinstance(value, list) and not isinstance(value, str):
        return False
    return any(isinstance(v, str) and _TYPE_RE[name].match(v) for v in values)


def _text(value: Any) -> bool:
    return isinstance(value, str) and not value.isspace() and value != ""


def _one_or_more(value: Any) -> list[Any] | None:
    if isinstance(value, list):
        return value or None
    return [value]


def obviously_valid(node: dict[str, Any]) -> bool:
    """A quick check that mirrors schemas/faqpage.schema.json for the common,
    valid case, so the jsonschema validator (which also words the errors)
    only runs on markup that may be wrong. False means "ask jsonschema"."""
    if not _typed(node, "FAQPage"):
        return False
    questions = _one_or_more(node.get("mainEntity")) if "mainEntity" in node else None
    if questions is None:
        return False
    for q in questions:
        if not _typed(q, "Question") or not _text(q.get("name")) or "acceptedAnswer" not in q:
            return False
        answers = _one_or_more(q["acceptedAnswer"])
        if answers is None or not all(_typed(a, "Answer") and _text(a.get("text")) for a in answers):
            return False
    return True


def schema_errors(node: dict[str, Any]) -> list[Any]:
    """jsonschema errors of an FAQPage node, in path order."""
    if obviously_valid(node):
        return []
    return sorted(validator().iter_errors(node), key=lambda e: [str(p) for p in e.absolute_path])


def _is_ref(value: Any) -> bool:
    return isinstance(value, dict) and "@id" in value and not (set(value) - {"@id", "@type"})


def _resolve(doc: Document, faq: MarkupFaq, value: Any, rel: Path) -> Any:
    if not _is_ref(value):
        return value
    ident = value["@id"]
    target = structured.by_id(doc).get(ident) if isinstance(ident, str) else None
    if target is None:
        faq.unresolved.append((rel, str(ident)))
        return value
    faq.origins[rel] = (target.script, target.path)
    return target.value


def _questions(doc: Document, faq: MarkupFaq) -> None:
    node = dict(faq.value)
    main = node.get("mainEntity")
    entries: list[tuple[Path, Any]]
    if isinstance(main, list):
        entries = [(("mainEntity", i), q) for i, q in enumerate(main)]
    elif main is not None:
        entries = [(("mainEntity",), main)]
    else:
        entries = []
    resolved_main = []
    for rel, q in entries:
        q = _resolve(doc, faq, q, rel)
        if isinstance(q, dict):
            q = dict(q)
            accepted = q.get("acceptedAnswer")
            if isinstance(accepted, list):
                q["acceptedAnswer"] = [_resolve(doc, faq, a, rel + ("acceptedAnswer", k)) for k, a in enumerate(accepted)]
            elif accepted is not None:
                q["acceptedAnswer"] = _resolve(doc, faq, accepted, rel + ("acceptedAnswer",))
        resolved_main.append(q)
        if not isinstance(q, dict):
            continue
        name = q.get("name") if isinstance(q.get("name"), str) else None
        accepted = q.get("acceptedAnswer")
        answer_rel = rel + ("acceptedAnswer",)
        if isinstance(accepted, list) and accepted:
            accepted, answer_rel = accepted[0], answer_rel + (0,)
        text = accepted.get("text") if isinstance(accepted, dict) and isinstance(accepted.get("text"), str) else None
        faq.questions.append(MarkupQuestion(len(faq.questions), name, text, rel + ("name",), answer_rel + ("text",)))
    if isinstance(main, list):
        node["mainEntity"] = resolved_main
    elif resolved_main:
        node["mainEntity"] = resolved_main[0]
    faq.value = node


def markup(doc: Document) -> list[MarkupFaq]:
    """Every FAQPage node on the page, JSON-LD first, then microdata (cached)."""
    cached = doc._cache.get("faq:markup")
    if cached is not None:
        return cached
    out: list[MarkupFaq] = []
    for node in structured.nodes(doc):
        if "FAQPage" in node.types:
            faq = MarkupFaq("json-ld", node.value, node.path, node.script, node.root, doc=doc)
            _questions(doc, faq)
            out.append(faq)
    for item in _micro_faqpages(doc):
        value, spans = structured.microdata_dict(item)
        faq = MarkupFaq("microdata", value, (), None, spans=spans, doc=doc)
        _questions(doc, faq)
        out.append(faq)
    doc._cache["faq:markup"] = out
    return out


def _micro_faqpages(doc: Document) -> list:
    found = []
    stack = list(reversed(doc.microdata))
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if any(structured.short_type(t.rstrip("/")) == "FAQPage" for t in item.type.split()):
            found.append(item)
            continue
        stack.extend(reversed([v for _, v, _ in item.props if not isinstance(v, str)]))
    return found


def unreadable_faq_scripts(doc: Document, packs: Packs) -> list[tuple[Script, JsonLdError]]:
    """JSON-LD scripts that cannot be read and may be FAQ markup: they mention
    FAQPage or Question, the page shows an FAQ, or they are hostile (nested
    too deeply to read at all)."""
    has_faq = bool(article_faqs(doc, packs))
    out = []
    for script, value in structured.jsonld(doc):
        if not isinstance(value, JsonLdError):
            continue
        head = script.body[: structured.MAX_SCRIPT]
        if value.kind == "too-deep" or has_faq or re.search(r"faqpage|\"question\"", head, re.I):
            out.append((script, value))
    return out



def has_faqpage(doc: Document, packs: Packs) -> bool:
    return bool(markup(doc)) or bool(unreadable_faq_scripts(doc, packs))



def orphans(doc: Document, packs: Packs) -> list[MarkupFaq]:
    """FAQPage nodes on a page that shows no FAQ at all and none of whose
    questions appear anywhere on it."""
    if visible(doc, packs):
        return []
    return [faq for faq in markup(doc) if not any(is_visible(doc, q.key) for q in faq.questions)]

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from healthlint import structured
from healthlint.faq_generate import command_hint
from healthlint.faq_markup import markup, schema_errors, unreadable_faq_scripts
from healthlint.registry import Rule
from healthlint.source import Span

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

_UNREADABLE = {"syntax": "this JSON-LD script is not valid JSON", "too-deep": "this JSON-LD script cannot be read",
               "too-large": "this JSON-LD script cannot be read"}


class FaqSchemaInvalid(Rule):
    """## What it does
    Flags FAQPage markup that cannot be used: a JSON-LD script that is not
    valid JSON (at the exact line and column of the error), or an FAQPage
    that fails schemas/faqpage.schema.json (no `mainEntity`, a Question
    without `name` or `acceptedAnswer`, an Answer without `text`, a wrong
    `@type`, a missing `@context`, an `@id` that points nowhere). JSON-LD and
    microdata are both checked; the message names the JSON path.

    ## Why it matters
    Broken structured data is ignored by every consumer, and one syntax
    error hides every other node in the same script (author, dates, ...).

    ## Example
    ```json
    {"@context": "https://schema.org", "@type": "FAQPage",
     "mainEntity": [{"@type": "Question", "name": "Is magnesium veilig?"}]}
    ```
    (the Question has no acceptedAnswer).

    ## Instead
    Give every Question a `name` and an `acceptedAnswer` with `@type` Answer
    and `text`, or regenerate the markup with `healthlint faq-schema FILE`.
    """

    id = "faq-schema-invalid"
    category = "faq"
    severity = "error"
    summary = "FAQPage markup that is not valid JSON or not a valid FAQPage"

    def check(self, doc: Document, ctx: Context) -> None:
        for _script, error in unreadable_faq_scripts(doc, ctx.packs):
            ctx.report(f"{_UNREADABLE[error.kind]}: {error.message}; no search or answer engine reads any of its "
                       "structured data (FAQPage included). Fix the JSON (a validator such as `python -m json.tool` "
                       "shows the same position)", span=Span(error.offset, error.offset + 1))
        for faqpage in markup(doc):
            if faqpage.source == "json-ld" and not structured.has_context(faqpage.root, faqpage.path):
                ctx.report(f'FAQPage at {faqpage.where(())} has no "@context": "https://schema.org" on it or '
                           "around it, so it is not read as schema.org data; add the @context", span=faqpage.span)
            for rel, ident in faqpage.unresolved:
                ctx.report(f'{faqpage.where(rel)} refers to "@id": "{ident[:120]}", but no node with that @id '
                           "is on this page; put the Question (with name and acceptedAnswer) there or fix "
                           "the @id", span=faqpage.locate(rel, whole=False))
            unresolved = {rel for rel, _ in faqpage.unresolved}
            for error in schema_errors(faqpage.value):
                rel = tuple(error.absolute_path)
                if any(rel[: len(u)] == u for u in unresolved):
                    continue
                ctx.report(f"FAQPage markup at {faqpage.where(rel)}: {_explain(error)}; each Question needs "
                           '"name" and an "acceptedAnswer" Answer with "text" (see '
                           f"`{command_hint(doc)}`)", span=faqpage.locate(rel))


_JSON_TYPES = {"string": "a string", "object": "an object", "array": "a list"}


def _json_type(value: Any) -> str:
    return {str: "a string", dict: "an object", list: "a list", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def _explain(error: Any) -> str:
    """A jsonschema error in plain words."""
    v = error.validator
    path = list(error.absolute_path)
    if v == "required":
        prop = error.message.split("'")[1] if "'" in error.message else error.message
        what = {"mainEntity": "the list of Question items", "name": "the full question text",
                "acceptedAnswer": "the Answer", "text": "the full answer text", "@type": "the type"}.get(prop, prop)
        return f'"{prop}" ({what}) is missing'
    field_name = path[-1] if path else "@type"
    if field_name == "@type" and v in ("pattern", "contains", "type"):
        expected = re.search(r"\)\?(\w+)\$", json.dumps(error.schema))
        shown = json.dumps(error.instance, ensure_ascii=False)[:60]
        return f'"@type" is {shown}; it must be "{expected.group(1) if expected else "FAQPage"}"'
    if v == "pattern":
        return f'"{field_name}" is empty'
    if v == "type":
        wanted = _JSON_TYPES.get(str(error.validator_value), str(error.validator_value))
        return f'"{field_name}" must be {wanted}, not {_json_type(error.instance)}'
    if v == "minItems":
        return f'"{field_name}" is an empty list'
    return error.message

"""FAQ sections and FAQPage structured data: detect, validate, match, generate.

Visible FAQs (docs/rules/faq.md has the full story):

- a heading that opens an FAQ (the `faq_headings` lists of both languages,
  at the start of the heading, "Veelgestelde vragen – Wat doet magnesium?",
  or after a separator at its end, "Magnesium: FAQ") followed by question
  headings one or more levels deeper, by same-level headings ending in "?",
  or by paragraphs that are a question; each answer runs to the next
  question or the next heading of the FAQ's level or higher;
- `<details><summary>`, `<dl><dt><dd>`, and the Yoast (schema-faq-section /
  schema-faq-question / schema-faq-answer) and Rank Math (rank-math-faq-item
  / rank-math-question / rank-math-answer) FAQ blocks; without an FAQ
  heading, `<details>` and `<dl>` count only as two or more items that are
  questions (end in "?"), so a glossary or a "show sources" toggle is not
  an FAQ.

An FAQ outside the article body (sidebar, footer, `<aside>`, an element
whose class or id names a sidebar) is page furniture: it is visible (so
marking it up is not a mismatch), but healthlint asks neither for its
markup nor for it to be in the article's markup.

Structured data comes from healthlint.structured (JSON-LD parsed once per
document) and microdata; every FAQPage node, however nested, is checked
against schemas/faqpage.schema.json with one reused validator.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path as FilePath
from typing import Any

from healthlint import structured
from healthlint.model import CHROME_REGIONS, Block, Document, Script
from healthlint.parse.html import TAG_PATTERN
from healthlint.packs import LANGS, Packs, PhraseSet
from healthlint.source import Span
from healthlint.structured import JsonLdError, Path, format_path
from healthlint.text import WORD, fold

YOAST_ITEM, YOAST_Q, YOAST_A = "schema-faq-section", "schema-faq-question", "schema-faq-answer"
ITEM_CLASSES = frozenset({YOAST_ITEM, "rank-math-faq-item", "rank-math-list-item"})
QUESTION_CLASSES = frozenset({YOAST_Q, "rank-math-question"})
ANSWER_CLASSES = frozenset({YOAST_A, "rank-math-answer"})
SECTIONING = frozenset({"section", "article", "main", "aside", "nav", "header", "footer"})
_SIDEBAR = re.compile(r"(?:^|[-_])(?:sidebar|sidebars|secondary|widget-area)(?:$|[-_])", re.I)
_LEAD_WORDS = frozenset("de het onze enkele een paar meest the our some a few most top 5 7 10".split())
_SEPARATORS = ":–—-|(["
_QUESTION_PREFIX = re.compile(r"^\s*(?:(?:q|v|vraag|question)\s*\d{0,2}\s*[:.)]|\d{1,2}\s*[.)])\s*", re.I)
MAX_QUESTION_WORDS = 40
# -- data ----------------------------------------------------------------------
@dataclass(eq=False)
class FaqItem:
    """One visible question and its answer."""

    block: Block  # the block holding the question
    start: int  # the question's range in block.text
    end: int
    answer_blocks: list[Block]
    kind: str  # heading | paragraph | details | dl | yoast | rankmath

    @property
    def question(self) -> str:
        """As the reader sees it: inline code included."""
        return self.block.text[self.start : self.end].strip()

    @property
    def answer(self) -> str:
        return " ".join(b.text for b in self.answer_blocks)

    @cached_property
    def key(self) -> str:
        return question_key(self.question)

    @property
    def span(self) -> Span:
        return self.block.span_of(self.start, self.end)


@dataclass(eq=False)
class Faq:
    """A visible FAQ: its opening heading (if any) and its items."""

    heading: Block | None
    items: list[FaqItem]
    chrome: bool  # outside the article body (sidebar, footer, ...)

    @property
    def span(self) -> Span:
        if self.heading is not None:
            return self.heading.span
        return self.items[0].span


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


@dataclass(eq=False)
class Problem:
    """A finding computed here and reported by one of the faq rules."""

    rule: str
    message: str
    span: Span | None


# -- normalising ---------------------------------------------------------------------
_INLINE = frozenset("a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strong sub sup "
                    "time u var del ins".split())
_TAG = re.compile(r"<!--.*?-->|" + TAG_PATTERN, re.S)


def strip_tags(text: str) -> str:
    """HTML to text: inline tags vanish, block tags become a space."""
    if "<" not in text:
        return text
    return _TAG.sub(lambda m: "" if (m.group(2) or "").lower() in _INLINE else " ", text)


def normalise(text: str, markup: bool = False) -> str:
    """Words only, case- and accent-folded, one space apart; markup text
    (JSON-LD, microdata) loses its tags and entities first."""
    if markup:
        text = html.unescape(strip_tags(text))
    return " ".join(WORD.findall(fold(text)))


def question_key(text: str, markup: bool = False) -> str:
    if markup:
        text = html.unescape(strip_tags(text))
    return normalise(_QUESTION_PREFIX.sub("", text))


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


# -- visible FAQ detection -----------------------------------------------------------
def _heading_sets(doc: Document, packs: Packs) -> list[PhraseSet]:
    order = [doc.lang] + [lang for lang in LANGS if lang != doc.lang]
    return [ps for ps in (packs.phrases(lang, "faq_headings") for lang in order) if ps]


def _opens_faq(folded: str, start: int, end: int) -> bool:
    before = WORD.findall(folded[:start])
    if len(before) <= 2 and all(w in _LEAD_WORDS or w.isdigit() for w in before):
        return True
    if not WORD.findall(folded[end:]):
        return folded[:start].rstrip()[-1:] in _SEPARATORS or len(before) <= 2
    return False


def _faq_headings(doc: Document, sets: list[PhraseSet]) -> dict[int, tuple[int, int]]:
    """Block index -> FAQ phrase range, for every heading that opens an FAQ;
    one regular expression pass per language over all headings."""
    headings = [b for b in doc.headings if b.text]
    if not headings:
        return {}
    starts = []
    pos = 0
    for block in headings:
        starts.append(pos)
        pos += len(block.text) + 1
    joined = fold("\n".join(b.text for b in headings))
    found: dict[int, tuple[int, int]] = {}
    from bisect import bisect_right

    for phrases in sets:
        for start, end in phrases.spans(joined):
            k = bisect_right(starts, start) - 1
            block = headings[k]
            if block.index in found:
                continue
            local_start, local_end = start - starts[k], end - starts[k]
            if local_end <= len(block.text) and _opens_faq(joined[starts[k]: starts[k] + len(block.text)],
                                                            local_start, local_end):
                found[block.index] = (local_start, local_end)
    return found


def _ends_question(text: str) -> bool:
    return text.rstrip(" \"'\u201d\u2019)*_").endswith("?")


def _is_question_paragraph(block: Block) -> bool:
    return (block.kind in ("paragraph", "list_item") and _ends_question(block.text)
            and len(WORD.findall(block.text)) <= MAX_QUESTION_WORDS)


def _question_range(block: Block, start: int = 0) -> tuple[int, int]:
    text = block.text
    m = _QUESTION_PREFIX.match(text, start)
    if m and m.end() < len(text):
        start = m.end()
    while start < len(text) and text[start] in " :–—-|":
        start += 1
    return start, len(text.rstrip())


def _classes_and_id(el) -> list[str]:
    return [*el.classes, el.attrs.get("id", "")]


def _is_chrome(doc: Document, block: Block, body_ids: set[int]) -> bool:
    if id(block) not in body_ids or block.region in CHROME_REGIONS:
        return True
    el = block.element
    if el is None:
        return False
    for node in (el, *el.ancestors(24)):
        if node.tag in ("main", "article"):
            return False
        if any(_SIDEBAR.search(token) for token in _classes_and_id(node) if token):
            return True
    return False


def _enclosing(el, tags: frozenset[str] | set[str], limit: int = 24):
    if el is None:
        return None
    for node in (el, *el.ancestors(limit)):
        if node.tag in tags:
            return node
    return None


def _structural_items(doc: Document) -> list[FaqItem]:
    """<details>, <dl> and Yoast / Rank Math items, in document order."""
    blocks = doc.blocks
    items: list[FaqItem] = []
    consumed: set[int] = set()
    close_details = re.compile(r"</details\s*>", re.I)
    by_container: dict[int, tuple[Any, list[Block], list[Block], str]] = {}
    container_order: list[int] = []
    source = doc.source.text
    plugin_blocks = "schema-faq-section" in source or "rank-math-" in source
    for i, block in enumerate(blocks):
        el = block.element
        if el is None or (not plugin_blocks and block.kind not in ("summary", "dt")):
            continue
        # Yoast / Rank Math: classes on the block's element or its ancestors
        role = None
        container = None
        for node in (el, *el.ancestors(12)) if plugin_blocks else ():
            tokens = node.classes
            if not tokens:
                continue
            if role is None and ANSWER_CLASSES.intersection(tokens):
                role = "answer"
            elif role is None and QUESTION_CLASSES.intersection(tokens):
                role = "question"
            if ITEM_CLASSES.intersection(tokens):
                container = node
                break
        if container is not None:
            key = id(container)
            if key not in by_container:
                kind = "yoast" if YOAST_ITEM in container.classes else "rankmath"
                by_container[key] = (container, [], [], kind)
                container_order.append(key)
            entry = by_container[key]
            (entry[2] if role == "answer" else entry[1]).append(block)
            consumed.add(i)
            continue
        if i in consumed:
            continue
        if block.kind == "summary":
            details = _enclosing(el.parent, {"details"}, 4)
            if doc.format == "html" and details is not None and details.end is not None:
                limit = details.end
            else:
                m = close_details.search(doc.source.text, block.span.end)
                limit = m.start() if m else len(doc.source.text)
            answer = []
            for j in range(i + 1, len(blocks)):
                other = blocks[j]
                if other.span.start >= limit or (other.kind == "heading" and other.element is None):
                    break
                answer.append(other)
                consumed.add(j)
            if answer:
                start, end = _question_range(block)
                items.append(FaqItem(block, start, end, answer, "details"))
        elif block.kind == "dt":
            dl = _enclosing(el.parent, {"dl"}, 4)
            limit = dl.end if (doc.format == "html" and dl is not None and dl.end is not None) else None
            answer = []
            for j in range(i + 1, len(blocks)):
                other = blocks[j]
                if other.kind in ("dt", "heading") or (limit is not None and other.span.start >= limit):
                    break
                if limit is None and other.kind != "dd" and _enclosing(other.element, {"dd"}, 8) is None:
                    break
                answer.append(other)
            if answer:
                start, end = _question_range(block)
                items.append(FaqItem(block, start, end, answer, "dl"))
    for key in container_order:
        container, questions, answers, kind = by_container[key]
        if questions and answers:
            q = questions[0]
            start, end = _question_range(q)
            items.append(FaqItem(q, start, end, answers, kind))
    items.sort(key=lambda it: it.block.index)
    return items


def _heading_items(blocks: list[Block], heading: Block, match_end: int, lo: int, hi: int,
                   extend: int) -> tuple[list[FaqItem], int]:
    """Items of the FAQ section blocks[lo:hi] under `heading`; returns them and
    the index where the section really ends (same-level questions extend it
    up to `extend`)."""
    level = heading.level
    deeper = [b.level for b in blocks[lo:hi] if b.kind == "heading" and b.level > level]
    items: list[FaqItem] = []

    def collect(qs: list[int], stop: int, q_level: int | None) -> None:
        for n, qi in enumerate(qs):
            end = qs[n + 1] if n + 1 < len(qs) else stop
            answer = [b for b in blocks[qi + 1 : end] if b.text]
            if q_level is not None:
                cut = next((k for k, b in enumerate(answer) if b.kind == "heading" and b.level <= q_level), None)
                answer = answer[:cut]
            if answer:
                start, q_end = _question_range(blocks[qi])
                items.append(FaqItem(blocks[qi], start, q_end, answer, "heading" if blocks[qi].kind == "heading"
                                     else "paragraph"))

    if deeper:
        q_level = min(deeper)
        qs = [k for k in range(lo, hi) if blocks[k].kind == "heading" and blocks[k].level == q_level and blocks[k].text]
        collect(qs, hi, q_level)
        return items, hi
    # same-level question headings: "## FAQ", "## Is het veilig?", "## Hoeveel?"
    end = hi
    same: list[int] = []
    k = hi
    while k < extend and blocks[k].kind == "heading" and blocks[k].level == level and _ends_question(blocks[k].text):
        same.append(k)
        k += 1
        while k < extend and blocks[k].kind != "heading":
            k += 1
    own_question = _ends_question(heading.text) and heading.text[match_end:].strip(" :–—-|")
    if same or own_question:
        end = k if same else hi
        qs = ([heading.index] if own_question else []) + same
        for n, qi in enumerate(qs):
            stop = qs[n + 1] if n + 1 < len(qs) else end
            answer = [b for b in blocks[qi + 1 : stop] if b.text]
            if answer:
                q_start = match_end if qi == heading.index else 0
                if qi != heading.index:
                    # "FAQ – Is het veilig?" repeated on every question heading
                    sets_end = _repeated_prefix_end(blocks[qi].text, heading.text[:match_end])
                    q_start = sets_end
                start, q_end = _question_range(blocks[qi], q_start)
                items.append(FaqItem(blocks[qi], start, q_end, answer, "heading"))
        return items, end
    # questions as paragraphs (accordions, bold questions)
    qs = [k for k in range(lo, hi) if _is_question_paragraph(blocks[k])
          and k + 1 < hi and not _is_question_paragraph(blocks[k + 1])]
    collect(qs, hi, None)
    return items, hi


def _repeated_prefix_end(text: str, prefix: str) -> int:
    if prefix and fold(text).startswith(fold(prefix)):
        return len(prefix)
    return 0


def visible(doc: Document, packs: Packs) -> list[Faq]:
    """Every visible FAQ on the page, article and page furniture (cached)."""
    cached = doc._cache.get("faq:visible")
    if cached is not None:
        return cached
    blocks = doc.blocks
    sets = _heading_sets(doc, packs)
    body_ids = {id(b) for b in doc.body_blocks}
    structural = _structural_items(doc)
    faq_heads = _faq_headings(doc, sets)
    taken: set[int] = set()
    faqs: list[Faq] = []
    i = 0
    n = len(blocks)
    while i < n:
        if i not in faq_heads:
            i = next((k for k in sorted(faq_heads) if k > i), n)
            continue
        heading = blocks[i]
        match = faq_heads[i]
        if match is None:
            i += 1
            continue
        level = heading.level
        section = _enclosing(heading.element, SECTIONING) if doc.format == "html" else None
        limit = section.end if section is not None and section.end is not None else None

        def inside(b: Block, region: str = heading.region, limit: int | None = limit) -> bool:
            return b.region == region and (limit is None or b.span.start < limit)

        j = i + 1
        while j < n and inside(blocks[j]) and not (blocks[j].kind == "heading" and blocks[j].level <= level):
            j += 1
        extend = j
        while extend < n and inside(blocks[extend]) and not (
                blocks[extend].kind == "heading" and blocks[extend].level < level):
            extend += 1
        inner = [it for it in structural if i < it.block.index < j]
        items, end = _heading_items(blocks, heading, match[1], i + 1, j, extend)
        if inner:
            # question headings and <details> mixed under one FAQ heading: both are
            # items, and a heading's answer stops where a structural item starts
            in_structure = {id(b) for it in inner for b in (it.block, *it.answer_blocks)}
            for item in items:
                cut = next((k for k, b in enumerate(item.answer_blocks) if id(b) in in_structure), None)
                item.answer_blocks = item.answer_blocks[:cut]
            items = sorted([it for it in items if it.answer_blocks and id(it.block) not in in_structure] + inner,
                           key=lambda it: it.block.index)
            end = max(end, j)
        if items:
            taken.update(id(it) for it in inner)
            faqs.append(Faq(heading, items, _is_chrome(doc, heading, body_ids)))
        i = max(end, i + 1)
    # structural items outside any FAQ heading
    rest = [it for it in structural if id(it) not in taken]
    groups: dict[tuple[str, bool], list[FaqItem]] = {}
    for item in rest:
        groups.setdefault((item.kind, _is_chrome(doc, item.block, body_ids)), []).append(item)
    for (kind, chrome), items in groups.items():
        if kind in ("details", "dl"):
            questions = [it for it in items if _ends_question(it.question)]
            if len(questions) < 2 or (kind == "dl" and 2 * len(questions) < len(items)):
                continue
            items = questions
        faqs.append(Faq(None, items, chrome))
    faqs.sort(key=lambda f: f.span.start)
    doc._cache["faq:visible"] = faqs
    return faqs


def article_faqs(doc: Document, packs: Packs) -> list[Faq]:
    return [f for f in visible(doc, packs) if not f.chrome]


def article_items(doc: Document, packs: Packs) -> list[FaqItem]:
    return [item for f in article_faqs(doc, packs) for item in f.items]


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


def invalid_problems(doc: Document, packs: Packs) -> list[Problem]:
    cached = doc._cache.get("faq:invalid")
    if cached is not None:
        return cached
    problems: list[Problem] = []
    for _script, error in unreadable_faq_scripts(doc, packs):
        what = {"syntax": "this JSON-LD script is not valid JSON", "too-deep": "this JSON-LD script cannot be read",
                "too-large": "this JSON-LD script cannot be read"}[error.kind]
        problems.append(Problem("faq-schema-invalid",
                                f"{what}: {error.message}; no search or answer engine reads any of its structured "
                                "data (FAQPage included). Fix the JSON (a validator such as `python -m json.tool` "
                                "shows the same position)", Span(error.offset, error.offset + 1)))
    for faq in markup(doc):
        if faq.source == "json-ld" and not structured.has_context(faq.root, faq.path):
            problems.append(Problem("faq-schema-invalid",
                                    f'FAQPage at {faq.where(())} has no "@context": "https://schema.org" on it or '
                                    "around it, so it is not read as schema.org data; add the @context",
                                    faq.span))
        for rel, ident in faq.unresolved:
            problems.append(Problem("faq-schema-invalid",
                                    f'{faq.where(rel)} refers to "@id": "{ident[:120]}", but no node with that @id '
                                    "is on this page; put the Question (with name and acceptedAnswer) there or fix "
                                    "the @id", faq.locate(rel, whole=False)))
        unresolved = {rel for rel, _ in faq.unresolved}
        for error in schema_errors(faq.value):
            rel = tuple(error.absolute_path)
            if any(rel[: len(u)] == u for u in unresolved):
                continue
            problems.append(Problem("faq-schema-invalid",
                                    f"FAQPage markup at {faq.where(rel)}: {_explain(error)}; each Question needs "
                                    '"name" and an "acceptedAnswer" Answer with "text" (see '
                                    f"`{command_hint(doc)}`)", faq.locate(rel)))
    doc._cache["faq:invalid"] = problems
    return problems


# -- matching ------------------------------------------------------------------------
def _page_text(doc: Document) -> str:
    cached = doc._cache.get("faq:page_text")
    if cached is None:
        cached = doc._cache["faq:page_text"] = " ".join(normalise(b.text) for b in doc.blocks)
    return cached


_HIDDEN = re.compile(r"<(script|style|template|noscript|head)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)


def _raw_text(doc: Document) -> str:
    """All text of the source, tags removed: text our parser does not keep as
    prose (a <button> accordion title) is still on the page."""
    cached = doc._cache.get("faq:raw_text")
    if cached is None:
        text = doc.source.text
        if doc.format == "html" or "<" in text:
            text = _HIDDEN.sub(" ", text)
        cached = doc._cache["faq:raw_text"] = normalise(text, markup=True)
    return cached


def is_visible(doc: Document, key: str) -> bool:
    return bool(key) and (_contains(_page_text(doc), key) or _contains(_raw_text(doc), key))


def _answer_key(text: str) -> str:
    key = normalise(text, markup=True)
    if text.rstrip().endswith(("…", "...")) and " " in key:
        key = key.rsplit(" ", 1)[0]  # a shortened answer: the last word may be cut
    return key


def _similar(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def orphans(doc: Document, packs: Packs) -> list[MarkupFaq]:
    """FAQPage nodes on a page that shows no FAQ at all and none of whose
    questions appear anywhere on it."""
    if visible(doc, packs):
        return []
    return [faq for faq in markup(doc) if not any(is_visible(doc, q.key) for q in faq.questions)]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mismatch_problems(doc: Document, packs: Packs, advertising: frozenset[str] = frozenset()) -> list[Problem]:
    """advertising: keys of visible questions whose answers advertise; markup
    may leave them out (generated markup does)."""
    cached = doc._cache.get("faq:mismatch")
    if cached is not None:
        return cached
    problems: list[Problem] = []
    orphaned = {id(f) for f in orphans(doc, packs)}
    faqs = [f for f in markup(doc) if id(f) not in orphaned]
    items = [it for f in visible(doc, packs) for it in f.items]
    by_key: dict[str, FaqItem] = {}
    for it in items:
        by_key.setdefault(it.key, it)
    article = article_items(doc, packs)
    marked: set[str] = set()
    unmatched: list[tuple[MarkupFaq, MarkupQuestion]] = []
    for faq in faqs:
        for q in faq.questions:
            if q.name is None or not q.key:
                continue
            marked.add(q.key)
            item = by_key.get(q.key)
            if item is None and not is_visible(doc, q.key):
                unmatched.append((faq, q))
                continue
            if q.answer is None:
                continue
            answer = _answer_key(q.answer)
            if not answer:
                continue
            if item is not None and _contains(normalise(item.answer), answer):
                continue
            if is_visible(doc, answer):
                continue
            line = doc.source.position(item.span.start)[0] if item is not None else None
            where = f" under the visible question on line {line}" if line else ""
            problems.append(Problem(
                "faq-schema-mismatch",
                f'the marked-up answer to "{_short(q.name)}" ({faq.where(q.answer_path)}) is not the answer shown '
                f"on the page{where}: \"{_short(html.unescape(strip_tags(q.answer)))}\"; markup must repeat the "
                f"visible answer (regenerate it with `{command_hint(doc)}`)",
                faq.locate(q.answer_path)))
    paired: set[int] = set()
    for faq, q in unmatched:
        candidates = [it for it in article if it.key not in marked and id(it) not in paired]
        best = max(candidates, key=lambda it: _similar(it.key, q.key), default=None)
        if best is not None and _similar(best.key, q.key) >= 0.6:
            paired.add(id(best))
            line = doc.source.position(best.span.start)[0]
            problems.append(Problem(
                "faq-schema-mismatch",
                f'the marked-up question "{_short(q.name or "")}" ({faq.where(q.name_path)}) differs from the visible '
                f'question on line {line}, "{_short(best.question)}"; use the same wording in both',
                faq.locate(q.name_path)))
        else:
            problems.append(Problem(
                "faq-schema-mismatch",
                f'the marked-up question "{_short(q.name or "")}" ({faq.where(q.name_path)}) is not visible on the '
                "page; FAQPage markup may only describe questions the reader can see: show it or remove it from "
                "the markup", faq.locate(q.name_path)))
    if any(faq.questions for faq in faqs):
        for item in article:
            if item.key and item.key not in marked and id(item) not in paired and item.key not in advertising:
                problems.append(Problem(
                    "faq-schema-mismatch",
                    f'the visible question "{_short(item.question)}" is missing from the FAQPage markup; add it '
                    f"(regenerate the markup with `{command_hint(doc)}`) so the markup and the page agree",
                    item.span))
    doc._cache["faq:mismatch"] = problems
    return problems


# -- advertising in answers -------------------------------------------------------------
# Call-to-action matches made only of these words ("online kopen", "buy
# online") are descriptive on their own; they count with a link only.
WEAK_CTA_WORDS = frozenset("koop kopen bestel bestellen shop shoppen buy order purchase online hier here direct snel "
                           "get try today vandaag".split())


@dataclass(eq=False)
class Promotion:
    """An FAQ answer that advertises: the first block of it that does."""

    item: FaqItem
    block: Block
    ctas: list[Any]
    affiliate: list[Any]


def promotional(doc: Document, ctx: Any) -> list[Promotion]:
    """Article FAQ answers with a buy call to action (the `cta` phrases) or an
    affiliate link: what faq-promotional reports and generated markup leaves
    out (cached)."""
    cached = doc._cache.get("faq:promotional")
    if cached is not None:
        return cached
    from healthlint import links, text

    found: list[Promotion] = []
    items = article_items(doc, ctx.packs)
    by_block = {id(block): item for item in reversed(items) for block in item.answer_blocks}
    ctas: dict[int, list] = {}
    if items:
        for match in text.find(doc, ctx.phrases("cta"), scope="all"):
            if id(match.block) in by_block:
                ctas.setdefault(id(match.block), []).append(match)
    seen: set[int] = set()
    for item in items:
        if id(item) in seen:
            continue
        for block in item.answer_blocks:
            affiliate = [link for link in block.links if links.classify(link, ctx).affiliate]
            matches = ctas.get(id(block), [])
            if not block.links:
                matches = [m for m in matches if not set(text.words(m.text)) <= WEAK_CTA_WORDS]
            if affiliate or matches:
                found.append(Promotion(item, block, matches, affiliate))
                seen.add(id(item))
                break
    doc._cache["faq:promotional"] = found
    return found


def advertising(doc: Document, ctx: Any) -> frozenset[str]:
    """Keys of the questions generated markup leaves out."""
    return frozenset(p.item.key for p in promotional(doc, ctx))


# -- generation ------------------------------------------------------------------------
def _answer_value(item: FaqItem) -> str:
    """The answer as schema.org Answer.text, which may hold simple HTML: so
    every piece of text is HTML-escaped, one block or many, as are names
    (faq-schema-mismatch reads both back with their entities decoded)."""
    blocks = item.answer_blocks
    if len(blocks) == 1:
        return html.escape(blocks[0].text, quote=False)
    parts: list[str] = []
    open_list: str | None = None
    for block in blocks:
        if block.kind == "list_item":
            tag = "ol" if block.element is not None and block.element.parent is not None \
                and block.element.parent.tag == "ol" else "ul"
            if open_list != tag:
                if open_list:
                    parts.append(f"</{open_list}>")
                parts.append(f"<{tag}>")
                open_list = tag
            parts.append(f"<li>{html.escape(block.text, quote=False)}</li>")
            continue
        if open_list:
            parts.append(f"</{open_list}>")
            open_list = None
        parts.append(f"<p>{html.escape(block.text, quote=False)}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return "".join(parts)


def generate(doc: Document, packs: Packs, leave_out: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """FAQPage JSON-LD for the article's visible FAQ(s), or None without one;
    questions whose key is in leave_out (advertising answers) are left out."""
    items = article_items(doc, packs)
    seen: set[str] = set(leave_out)
    entities = []
    for item in items:
        if not item.key or item.key in seen or not item.question:
            continue
        seen.add(item.key)
        entities.append({"@type": "Question", "name": html.escape(item.question, quote=False),
                         "acceptedAnswer": {"@type": "Answer", "text": _answer_value(item)}})
    if not entities:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities}


def dumps(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: no "</script" and no "<!--" can close it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.I)
    return text.replace("<!--", "<\\u0021--")


def script_element(data: dict[str, Any], newline: str = "\n", indent: str = "") -> str:
    lines = ['<script type="application/ld+json">', *dumps(data).split("\n"), "</script>"]
    return newline.join(indent + line for line in lines)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
# Elements whose content is text up to their own end tag: a "</head>" in them is not a tag.
_TEXT_ONLY = frozenset({"script", "style", "textarea", "xmp", "noembed", "noframes", "title", "plaintext"})


def _ends_open(text: str) -> bool:
    """Whether an HTML text ends inside a comment or a text-only element
    (<title>, <style>, ...) that is never closed: markup added at its end
    would be text, not a script."""
    from healthlint.parse.html import _TOKEN

    pos, length = 0, len(text)
    while pos < length:
        m = _TOKEN.match(text, pos)
        assert m is not None
        pos = m.end()
        if m.lastgroup == "comment" and not m.group().endswith(">"):
            return True
        if m.lastgroup == "attrs" and not m.group("close") and m.group("tag").lower() in _TEXT_ONLY:
            close = re.compile(r"</" + m.group("tag") + r"(?=[\s/>])", re.I).search(text, pos)
            if close is None:
                return True
            pos = close.start()
    return False


def _end_tag(text: str, names: tuple[str, ...]) -> int | None:
    """Offset of the first real end tag of one of names: a tag token, not
    text inside an attribute value, a comment, <title>, <style> or <script>;
    </head> only before the body starts."""
    from healthlint.parse.html import _TOKEN

    pos, length = 0, len(text)
    found = None
    while pos < length:
        m = _TOKEN.match(text, pos)
        assert m is not None  # the last alternatives match any character
        pos = m.end()
        if m.lastgroup != "attrs":
            continue
        tag = m.group("tag").lower()
        if m.group("close"):
            if tag == "head" and tag in names:
                return m.start()
            if tag in names:
                found = m.start()  # the last </body>: text after an early stray one is still body
        elif tag == "body" and names == ("head",):
            return None
        elif tag in _TEXT_ONLY:
            close = re.compile(r"</" + tag + r"(?=[\s/>])", re.I).search(text, pos)
            pos = close.start() if close else length
    return found


def _unclosed_fence(text: str) -> bool:
    fence = None
    for m in _FENCE.finditer(text):
        mark = m.group(1)
        if fence is None:
            fence = mark
        elif mark[0] == fence[0] and len(mark) >= len(fence) and not text[m.end():].split("\n", 1)[0].strip():
            fence = None
    return fence is not None


def newline_of(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


def insertion(doc: Document, data: dict[str, Any]) -> dict[str, Any] | None:
    """The one edit that adds the JSON-LD: before the real </head> tag in
    HTML (else before the last real </body>, else at the end), at the end of
    a Markdown document. None when markup added at the end would not be
    read as a script: an HTML text that ends inside an unclosed comment or
    <title>/<style>/..., a Markdown text inside an unclosed code fence."""
    text = doc.source.text
    newline = newline_of(text)
    if doc.format == "html":
        for names in (("head",), ("body",)):
            pos = _end_tag(text, names)
            if pos is None:
                continue
            line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
            lead = text[line_start:pos]
            if not lead.strip():
                return {"start": line_start, "end": line_start,
                        "text": script_element(data, newline, lead) + newline}
            return {"start": pos, "end": pos, "text": newline + script_element(data, newline) + newline}
        if _ends_open(text):
            return None
    elif _unclosed_fence(text):
        return None
    if text.endswith(newline + newline) or not text:
        lead = ""
    elif text.endswith(("\n", "\r")):
        lead = newline
    else:
        lead = newline + newline
    return {"start": len(text), "end": len(text), "text": lead + script_element(data, newline) + newline}


def command_hint(doc: Document) -> str:
    import shlex  # only for an article that gets this hint

    return f"healthlint faq-schema {shlex.quote(doc.path)}"


def has_faqpage(doc: Document, packs: Packs) -> bool:
    return bool(markup(doc)) or bool(unreadable_faq_scripts(doc, packs))


# -- the command line ---------------------------------------------------------------------
def generate_for_file(path: FilePath, lang: str | None = None) -> tuple[Document, dict[str, Any] | None]:
    """Parse a file as `healthlint check` would and build its FAQPage JSON-LD."""
    from healthlint.engine import Linter, _choose_language
    from healthlint.loader import decode, parse_text, read_source

    linter = Linter(cli_lang=lang)
    settings = linter.settings_for(path)
    packs = linter.packs_for(settings)
    doc = parse_text(decode(read_source(path, settings.max_file_size), str(path)), str(path))
    _choose_language(doc, settings, lang, packs)
    from healthlint.context import Context

    return doc, generate(doc, packs, advertising(doc, Context(doc, settings, packs)))

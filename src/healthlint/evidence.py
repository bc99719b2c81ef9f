"""Shared logic of the claims, affiliate and trust rules.

Citations (is a statement backed by a source?), sentence and paragraph
windows, negation and quotation handling, and the document-level facts
(sources sections, affiliate links) several rules read. Everything is
computed once per document and cached on ``doc._cache``.

A statement is *cited* when its sentence or paragraph carries

- a link that ``healthlint.links.is_citation`` accepts (external, not
  affiliate, not a shop),
- a reference marker (``[1]``, ``[2, 3]``, ``¹``, ``[^1]``, or an in-page
  link such as ``<a href="#ref1">1</a>``) that resolves: the document has a
  sources section or a note that starts with the same marker,
- a named study: "Smith et al.", "(Smith, 2019)", "Smith (2019)", or a
  citation cue from the ``citation_cues`` list (journal, institute,
  "gepubliceerd in") together with a four-digit year.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Iterable

from healthlint import structured, text
from healthlint.links import classify, is_citation

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Block, Document, Link
    from healthlint.packs import PhraseSet
    from healthlint.text import Match, Sentence

YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
_NAME = r"[A-Z\u00c0-\u00de][\w'\u2019-]+"
# a Dutch or German surname may open with a particle: (De Vries, 2018), (van der Berg, 2020)
_PARTICLE = r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Vv]on|[Vv]an der|[Vv]an den|[Vv]an de) )?"
NAMED_STUDY = re.compile(
    rf"\b{_NAME}(?: (?:van|de|der|den|von|van der|van den))? et al\b"  # Smith et al.
    # (Smith, 2019), (Smith & Jones, 2019; ...), (De Vries et al., 2018)
    rf"|\({_PARTICLE}{_NAME}(?: (?:&|and|en|und) {_PARTICLE}{_NAME}| et al\.?)?,? (?:19|20)\d\d[a-z]?"
    rf"(?:[;,][^)]{{0,80}})?\)"
    rf"|\b{_NAME}(?: et al\.?)? \((?:19|20)\d\d[a-z]?\)"  # Smith (2019)
)
REF_MARKER = re.compile(
    r"\[\^?\w{1,4}\]|\[\d{1,3}(?:\s*[,;\u2013-]\s*\d{1,3})+\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+"
)
_MARKER_DIGITS = str.maketrans("\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079", "1230456789")
_NOTE_START = re.compile(r"^\s*(?:\[\^?(\w{1,4})\]|(\d{1,3})[.)]?\s|\^(\d{1,3})\s|([\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+))")
_OPEN_QUOTES = "\u201c\u201e\u2018\u00ab\u2039\u201a"
_CLOSE_QUOTES = "\u201d\u2019\u00bb\u203a"


# -- phrase matches per block -------------------------------------------------

class BlockMatches(list):
    """The matches of one phrase list in one block, in their found order,
    with an index by start offset: a page that is one long paragraph holds
    thousands of matches, and a scan of all of them per sentence would be
    quadratic."""

    def __init__(self, matches: Iterable[Match] = ()):
        super().__init__(matches)
        starts = [m.start for m in self]
        # phrase scans find matches in text order; only other orders need a permutation
        self._order: list[int] | None = None
        if any(a > b for a, b in zip(starts, starts[1:], strict=False)):
            self._order = sorted(range(len(self)), key=starts.__getitem__)
            starts = [starts[i] for i in self._order]
        self._starts = starts
        self._longest = max((m.end - m.start for m in self), default=0)

    def overlapping(self, start: int, end: int) -> list[Match]:
        """The matches with m.start < end and m.end > start, in found order."""
        lo = bisect_left(self._starts, start - self._longest)  # no match is longer than _longest
        hi = bisect_left(self._starts, end)
        if self._order is None:
            return [m for m in self[lo:hi] if m.end > start]
        found = sorted(i for i in self._order[lo:hi] if self[i].end > start)
        return [self[i] for i in found]


def matches_by_block(doc: Document, phrases: PhraseSet, scope: str = "body") -> dict[int, BlockMatches]:
    key = ("by_block", id(phrases), scope)
    cached = doc._cache.get(key)
    if cached is None:
        grouped: dict[int, list[Match]] = {}
        for match in text.find(doc, phrases, scope=scope):
            grouped.setdefault(match.block.index, []).append(match)
        cached = doc._cache[key] = {index: BlockMatches(found) for index, found in grouped.items()}
    return cached


def in_range(matches: Iterable[Match], start: int, end: int) -> list[Match]:
    if isinstance(matches, BlockMatches):
        return matches.overlapping(start, end)
    return [m for m in matches if m.start < end and m.end > start]


def sentence_of(doc: Document, ctx: Context, block: Block, offset: int) -> Sentence:
    """text.sentence_at through a bisection of the block's sentence starts,
    so a paragraph of thousands of sentences is not scanned once per match."""
    key = ("sentence_starts", block.index)
    starts = doc._cache.get(key)
    sentences = text.block_sentences(doc, block, ctx.abbreviations)
    if starts is None:
        starts = doc._cache[key] = [s.start for s in sentences]
    k = bisect_right(starts, offset) - 1
    if k >= 0:
        sentence = sentences[k]
        if sentence.start <= offset < sentence.end and (k == 0 or sentences[k - 1].end <= offset):
            return sentence
    return text.sentence_at(doc, block, offset, ctx.abbreviations)  # the edge cases keep their one definition


def trimmed(sentence: Sentence) -> tuple[int, int]:
    """(start, end) of a sentence without trailing white space."""
    body = sentence.block.text
    end = sentence.end
    while end > sentence.start and body[end - 1].isspace():
        end -= 1
    return sentence.start, end


def is_question(sentence: Sentence) -> bool:
    return sentence.block.text[sentence.start : sentence.end].rstrip().endswith("?")


def quoted_at(block: Block, sentence: Sentence, offset: int) -> bool:
    """True when offset sits inside quotation marks within its sentence
    ("some sites claim “studies show”")."""
    before = block.text[sentence.start : offset]
    if before.count('"') % 2 == 1:
        return True
    opened = sum(before.count(q) for q in _OPEN_QUOTES)
    closed = sum(before.count(q) for q in _CLOSE_QUOTES if q != "\u2019")
    # a closing curly single quote doubles as an apostrophe ('s nachts, don't):
    # count it only as a closer of an opening single quote
    if "\u2018" in before:
        closed += before.count("\u2019") - len(re.findall(r"\w\u2019\w|\u2019s\b", before))
    return opened > closed


def negated(doc: Document, ctx: Context, block: Block, start: int, end: int, lists: Iterable[str]) -> bool:
    """True when one of the phrase lists matches inside [start, end) of a body block."""
    for name in lists:
        found = matches_by_block(doc, ctx.phrases(name)).get(block.index)
        if found and in_range(found, start, end):
            return True
    return False


# -- negators and deficiencies ------------------------------------------------------

def negators(ctx: Context) -> frozenset[str]:
    """The pack's negation words (`negators`) in the page's language."""
    return ctx.words("negators")


def negator_before(ctx: Context, block: Block, start: int, words: int = 3) -> bool:
    """A negation word among the few words before offset start."""
    before = text.words(block.text[max(0, start - 60) : start])[-words:]
    found = negators(ctx)
    return any(w in found for w in before)


def mentions_deficiency(ctx: Context, passage: str) -> bool:
    """A deficiency or shortage (`deficiency`: "ijzertekort", "deficiency")
    is named in the passage: correcting one is a nutritional claim, not a disease claim."""
    return ctx.phrases("deficiency").search(passage) is not None


# -- citations ------------------------------------------------------------------

def _block_links(doc: Document) -> dict[int, list[Link]]:
    cached = doc._cache.get("links_by_block")
    if cached is None:
        cached = {}
        for link in doc.links:
            if link.block is not None:
                cached.setdefault(link.block.index, []).append(link)
        doc._cache["links_by_block"] = cached
    return cached


def _marker_key(marker: str) -> str:
    return marker.strip("[]^ ").translate(_MARKER_DIGITS).lower()


def _note_keys(doc: Document, ctx: Context) -> frozenset[str]:
    """Markers that start a note or reference line ("[1] Smith …", "1. …" in a
    sources section) plus the ids of in-page anchors: what a marker can
    resolve to."""
    cached = doc._cache.get("note_keys")
    if cached is None:
        keys: set[str] = set()
        for block in doc.blocks:
            if block.kind == "heading":
                continue
            m = _NOTE_START.match(block.text)
            if m and (m.group(1) or m.group(4) or block.index in sources_section_blocks(doc, ctx)):
                keys.add(_marker_key(next(g for g in m.groups() if g)))
        if sources_sections(doc, ctx) and any(b for b in sources_section_blocks(doc, ctx)):
            keys.add("*")  # a non-empty sources section: any numeric marker resolves
        cached = doc._cache["note_keys"] = frozenset(keys)
    return cached


def _marker_resolves(doc: Document, ctx: Context, marker: str) -> bool:
    keys = _note_keys(doc, ctx)
    key = _marker_key(marker)
    if key in keys:
        return True
    return "*" in keys and (key.isdigit() or bool(re.fullmatch(r"[\d,;\s\u2013-]+", key)))


def cited(doc: Document, ctx: Context, block: Block, start: int, end: int) -> bool:
    """Is there a citation inside [start, end) of block.text?"""
    for link in _block_links(doc).get(block.index, ()):
        if link.text_start < end and link.text_end > start:
            if is_citation(link, ctx):
                return True
            kind = classify(link, ctx)
            if kind.internal and link.href.startswith("#") and REF_MARKER.fullmatch(f"[{link.text.strip('[]')}]"):
                return True  # an in-page note link such as <a href="#fn1">1</a>
    window = block.text[start:end]
    for m in REF_MARKER.finditer(window):
        if _marker_resolves(doc, ctx, m.group()):
            return True
    if NAMED_STUDY.search(window):
        return True
    if YEAR.search(window):
        cues = matches_by_block(doc, ctx.phrases("citation_cues")).get(block.index)
        if cues and in_range(cues, start, end):
            return True
    return False


def names_source_body(doc: Document, ctx: Context, sentence: Sentence) -> bool:
    """Does the sentence name a public health body as its source (`source_bodies`:
    "volgens het Voedingscentrum", "research by the NIH")? Readers can check such a
    source, so it counts as a citation without a year or link."""
    found = matches_by_block(doc, ctx.phrases("source_bodies")).get(sentence.block.index)
    return bool(found and in_range(found, sentence.start, sentence.end))


def cited_near(doc: Document, ctx: Context, sentence: Sentence, scope: str = "paragraph") -> bool:
    """A citation in the sentence, or (scope "paragraph") in its block."""
    block = sentence.block
    if cited(doc, ctx, block, sentence.start, sentence.end):
        return True
    return scope != "sentence" and cited(doc, ctx, block, 0, len(block.text))


# -- sources sections -----------------------------------------------------------

def _is_source_heading(block: Block, ctx: Context) -> bool:
    heading_text = block.text.strip().rstrip(":").strip()
    if not heading_text or len(heading_text) > 60:
        return False
    phrases = ctx.phrases("source_headings")
    if phrases.fullmatch(heading_text):
        return True
    # other language's wording (an English "Sources" on a Dutch page)
    other = "en" if ctx.lang == "nl" else "nl"
    return ctx.phrases("source_headings", other).fullmatch(heading_text)


def sources_sections(doc: Document, ctx: Context) -> list[tuple[Block, list[Block]]]:
    """Each sources heading (or a short bold lead line such as "Bronnen:")
    with the blocks under it, up to the next heading of the same or a higher
    level, or to the end of the article body."""
    cached = doc._cache.get("sources_sections")
    if cached is not None:
        return cached
    blocks = doc.body_blocks or doc.blocks
    result: list[tuple[Block, list[Block]]] = []
    for i, block in enumerate(blocks):
        lead = block.kind == "paragraph" and block.text.rstrip().endswith(":") and len(block.text) <= 40
        if not (block.is_heading or lead) or not _is_source_heading(block, ctx):
            continue
        content: list[Block] = []
        for nxt in blocks[i + 1 :]:
            if nxt.is_heading and (lead or nxt.level <= block.level):
                break
            if lead and nxt.kind == "paragraph" and content:
                break
            if nxt.text.strip():
                content.append(nxt)
        result.append((block, content))
    doc._cache["sources_sections"] = result
    return result


def sources_section_blocks(doc: Document, ctx: Context) -> frozenset[int]:
    cached = doc._cache.get("sources_section_blocks")
    if cached is None:
        cached = doc._cache["sources_section_blocks"] = frozenset(
            b.index for _, content in sources_sections(doc, ctx) for b in content
        )
    return cached


def citation_links(doc: Document, ctx: Context) -> list[Link]:
    """Outbound links that can serve as a citation, anywhere in the body."""
    cached = doc._cache.get("citation_links")
    if cached is None:
        body = {b.index for b in doc.body_blocks}
        cached = doc._cache["citation_links"] = [
            link for link in doc.links
            if link.block is not None and link.block.index in body and is_citation(link, ctx)
        ]
    return cached


# -- spans of links in the raw source ------------------------------------------------

_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def href_span(doc: Document, link: Link) -> tuple[int, int]:
    """Raw (start, end) of a link's URL: the href value of an HTML start tag,
    or the destination of a Markdown link; the whole link when not found."""
    raw = doc.source.text
    if link.start_tag_end > link.span.start:
        tag = raw[link.span.start : link.start_tag_end]
        m = _HREF.search(tag)
        if m:
            group = next(i for i in (1, 2, 3) if m.group(i) is not None)
            return link.span.start + m.start(group), link.span.start + m.end(group)
    else:
        chunk = raw[link.span.start : link.span.end]
        pos = chunk.rfind("](")
        if pos >= 0:
            url_start = pos + 2
            url_end = chunk.find(")", url_start)
            inner = chunk[url_start : url_end if url_end >= 0 else len(chunk)]
            dest = inner.strip().split(" ")[0].strip("<>")
            offset = chunk.find(dest, url_start) if dest else -1
            if offset >= 0:
                return link.span.start + offset, link.span.start + offset + len(dest)
    return link.span.start, max(link.span.end, link.span.start + 1)


# -- commercial links and disclosures --------------------------------------------------

def link_at(doc: Document, block: Block, start: int, end: int) -> Link | None:
    """The link whose text contains [start, end) of block.text."""
    for link in _block_links(doc).get(block.index, ()):
        if link.text_start <= start and end <= link.text_end:
            return link
    return None


def commercial_links(doc: Document, ctx: Context) -> list[Link]:
    """Affiliate links, plus shop links whose text is a buy button ("Koop nu
    bij bol.com", "Bekijk prijs"): the links a disclosure must cover."""
    cached = doc._cache.get("commercial_links")
    if cached is None:
        from healthlint.links import affiliate_links, sales_link

        affiliate = {id(link) for link in affiliate_links(doc, ctx)}  # a set: `in` a list was O(links^2)
        cached = [link for link in doc.links if id(link) in affiliate or sales_link(link, ctx)]
        doc._cache["commercial_links"] = cached
    return cached


def disclosures(doc: Document, ctx: Context) -> list[Match]:
    """Disclosure statements anywhere on the page (footer included), in source order."""
    cached = doc._cache.get("disclosures")
    if cached is None:
        found = list(text.find(doc, ctx.phrases("disclosure"), scope="all"))
        if not found:  # an English disclosure on a Dutch page (or the reverse)
            other = "en" if ctx.lang == "nl" else "nl"
            found = list(text.find(doc, ctx.phrases("disclosure", other), scope="all"))
        cached = doc._cache["disclosures"] = sorted(found, key=lambda m: m.block.span_of(m.start, m.end).start)
    return cached


# -- JSON-LD ---------------------------------------------------------------------

def jsonld_values(doc: Document, keys: frozenset[str]) -> list[object]:
    """Every non-empty value of the given keys anywhere in the page's JSON-LD,
    as healthlint.structured parsed it (once per page; a script that cannot be
    read is skipped: faq-schema-invalid reports it)."""
    parsed = [value for _, value in structured.jsonld(doc) if not isinstance(value, structured.JsonLdError)]
    found: list[object] = []
    stack: list[object] = list(parsed)
    steps = 0
    while stack and steps < 20000:
        steps += 1
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in keys and value not in (None, "", [], {}):
                    found.append(value)
                if isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found


def top_blocks(doc: Document, limit: int = 8) -> list[Block]:
    """The page header and the first blocks of the article body: where a
    byline or a date is expected."""
    body = doc.body_blocks[:limit]
    header = [b for b in doc.blocks if b.region == "header"]
    return header + body

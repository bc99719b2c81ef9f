"""The one document model every parser produces and every rule reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from healthlint.source import SourceText, Span, TextMap

# Page regions outside the article body.
CHROME_REGIONS = frozenset({"nav", "header", "footer", "aside"})


@dataclass(slots=True, eq=False)
class Element:
    """An HTML element as the parser met it; blocks point at their element.

    Parents are pointers, never copied lists, so a page nested 100,000 levels
    deep costs linear memory.
    """

    tag: str
    attrs: dict[str, str]
    start: int
    parent: Element | None = None
    end: int | None = None

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(self.attrs.get("class", "").split())

    def ancestors(self, limit: int = 64) -> Iterator[Element]:
        node = self.parent
        while node is not None and limit > 0:
            yield node
            node = node.parent
            limit -= 1


@dataclass(slots=True, eq=False)
class Link:
    href: str
    rel: tuple[str, ...]
    text: str
    span: Span  # the whole element, start tag to end tag
    attrs: dict[str, str]
    block: Block | None = None
    text_start: int = 0  # range of the link text inside block.text
    text_end: int = 0
    start_tag_end: int = 0  # raw offset just after the start tag (for fixes)
    region: str = "body"


@dataclass(slots=True, eq=False)
class Image:
    src: str
    alt: str | None
    span: Span
    attrs: dict[str, str]
    region: str = "body"


@dataclass(slots=True, eq=False)
class Script:
    type: str
    body: str
    body_start: int
    span: Span

    @property
    def is_jsonld(self) -> bool:
        return self.type.split(";")[0].strip().lower() == "application/ld+json"


@dataclass(slots=True, eq=False)
class Comment:
    text: str
    span: Span  # the whole comment, including <!-- and -->
    text_start: int  # raw offset of the comment's content


@dataclass(slots=True, eq=False)
class MicroItem:
    type: str
    span: Span
    props: list[tuple[str, Any, Span]] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class TimeStamp:
    """A machine-readable date: <time>, a date meta tag or a front matter key."""

    value: str
    kind: str  # published | modified | time
    span: Span | None


@dataclass(slots=True, eq=False)
class Field:
    """A page-level value with the span of its text in the source."""

    value: str
    span: Span | None
    tmap: TextMap | None = None

    def sub_span(self, start: int, end: int) -> Span | None:
        if self.tmap is not None:
            return self.tmap.span(start, end)
        return self.span


@dataclass(slots=True, eq=False)
class Block:
    kind: str  # heading | paragraph | list_item | quote | cell | caption | dt | dd | summary
    text: str
    tmap: TextMap
    span: Span
    element: Element | None = None
    level: int = 0
    region: str = "body"  # body | main | nav | header | footer | aside
    lang: str | None = None  # an element-level lang="…" (a quotation in another language)
    links: list[Link] = field(default_factory=list)
    index: int = 0
    in_quote: bool = False
    # ranges of block.text inside <code>/<kbd>/<samp> or a Markdown code span: text
    # the reader sees, but which prose checks (artifacts, spelling) leave alone
    code: list[tuple[int, int]] = field(default_factory=list)

    def in_code(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.code)

    def span_of(self, start: int, end: int) -> Span:
        return self.tmap.span(start, end)

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass(slots=True, eq=False)
class Meta:
    title: Field | None = None
    description: Field | None = None
    lang: Field | None = None
    canonical: str | None = None
    author: Field | None = None
    keyword: Field | None = None  # front matter keyword / focus_keyword only
    dates: list[TimeStamp] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Document:
    path: str
    format: str  # html | markdown
    source: SourceText
    meta: Meta = field(default_factory=Meta)
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_error: tuple[str, Span] | None = None
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    microdata: list[MicroItem] = field(default_factory=list)
    has_main: bool = False  # an <article>, <main> or role=main marks the body
    lang: str = "en"
    lang_source: str = "detected"  # cli | document | config | detected
    keyword: str | None = None
    # the site renders meta.title as the page's H1 (a WordPress post's title)
    site_renders_title: bool = False
    # caches filled by healthlint.text on first use
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)  # keys: names or (name, ...) tuples

    @property
    def headings(self) -> list[Block]:
        cached = self._cache.get("headings")
        if cached is None:
            cached = self._cache["headings"] = [b for b in self.blocks if b.kind == "heading"]
        return cached

    @property
    def title_is_h1(self) -> bool:
        """A Markdown file's front-matter title is rendered by site generators
        as the page's H1 when the body has none (Docusaurus and many Hugo and
        Jekyll themes show a body `# heading` instead of the title), so the
        heading rules count it as the H1 then."""
        return (self.meta.title is not None
                and (self.site_renders_title or (self.format == "markdown" and bool(self.front_matter)))
                and not any(h.level == 1 for h in self.headings))

    @property
    def body_blocks(self) -> list[Block]:
        """Blocks of the article body: inside <main>/<article> when the page
        marks one, else everything outside navigation, header, footer and
        sidebars."""
        cached = self._cache.get("body_blocks")
        if cached is None:
            if self.has_main:
                cached = [b for b in self.blocks if b.region == "main"]
            else:
                cached = [b for b in self.blocks if b.region not in CHROME_REGIONS]
            self._cache["body_blocks"] = cached
        return cached

    @property
    def jsonld(self) -> list[Script]:
        return [s for s in self.scripts if s.is_jsonld]

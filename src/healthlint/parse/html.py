"""HTML to Document, with exact source offsets.

One compiled regular expression splits the page into tokens (tags,
comments, entities, text), each with its offset; a light element stack
(parent pointers, no recursion, so a page nested 100,000 levels deep is
fine) turns them into blocks, links, images, scripts and microdata. The
standard library's HTMLParser, which this started on, spent most of the
budget in its Python tokenising loop and in getpos(); bs4 costs ~3.8 ms per
25 KB page and lxml gives no columns (docs/decisions.md).
"""

from __future__ import annotations

import html
from html.entities import html5 as _ENTITIES
from bisect import bisect_right
import re
from typing import Callable

from healthlint.model import Block, Comment, Document, Element, Field, Image, Link, MicroItem, Script, TimeStamp
from healthlint.source import Span, TextBuilder

VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_KIND = {
    "p": "paragraph", "li": "list_item", "blockquote": "quote", "td": "cell", "th": "cell",
    "figcaption": "caption", "caption": "caption", "dt": "dt", "dd": "dd", "summary": "summary",
    **{h: "heading" for h in HEADINGS},
}
# Containers: opening or closing one ends the loose text before it.
CONTAINERS = frozenset(
    "div section article main aside header footer nav ul ol dl table thead tbody tfoot tr form "
    "figure details fieldset address hr br body html center menu hgroup search".split()
)
# Text inside these is not prose.
SKIP = frozenset("title script style noscript template pre textarea select svg math iframe object".split())
# Content a reader never sees: no blocks, links or images come from inside these
# (template content is an inert fragment; noscript is what scripting browsers hide).
INERT = frozenset({"template", "noscript"})
# The spec's "special" elements an end tag of an inline element cannot close across
# (the adoption agency and "any other end tag" steps of tree construction).
SPECIAL = frozenset(BLOCK_KIND) | CONTAINERS | frozenset(
    "applet button dir embed frame frameset iframe listing marquee noembed noframes noscript object "
    "plaintext pre script select style template textarea title xmp".split())
CODE = frozenset({"code", "kbd", "samp"})
FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
REGION_TAGS = {"nav": "nav", "header": "header", "footer": "footer", "aside": "aside"}
REGION_ROLES = {"navigation": "nav", "banner": "header", "contentinfo": "footer", "complementary": "aside"}
P_SCOPE_BOUNDARY = frozenset("table td th caption html template button".split())
DATE_META = {
    "article:published_time": "published", "date": "published", "dc.date": "published",
    "dc.date.issued": "published", "dcterms.created": "published", "pubdate": "published",
    "publish_date": "published", "datepublished": "published", "og:published_time": "published",
    "article:modified_time": "modified", "og:updated_time": "modified", "last-modified": "modified",
    "dcterms.modified": "modified", "datemodified": "modified", "revised": "modified",
}
AUTHOR_META = frozenset({"author", "article:author", "dc.creator", "twitter:creator"})

OffsetMap = Callable[[int], int]
# Nested captures (<a>, <time>, itemprop, <title>) each collect their text; past
# this depth inner ones stay empty, so 100,000 nested links cost linear time.
MAX_OPEN_CAPTURES = 8

# Tokens in the order the tokeniser tries them. Attribute values may hold '>'
# inside quotes; an unterminated comment runs to the end of the input.
_TOKEN = re.compile(
    r"""<!--(?:(?P<empty_comment>-?)>|(?P<comment>.*?)(?:--!?>|\Z))"""
    r"""|<(?P<close>/?)(?P<tag>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*+)>"""
    r"""|<[!?][^>]*>?"""
    r"""|(?P<entity>&(?:\#[0-9]{1,8};?|\#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?))"""
    r"""|(?P<text>[^<&]+|[<&])""",
    re.S,
)
# One start or end tag on its own (groups: "/" of an end tag, name, attributes):
# inline HTML in Markdown, and tags stripped from FAQ markup text.
TAG_PATTERN = r"""<(/?)([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*+)>"""
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
RAW_TEXT = frozenset({"script", "style", "textarea", "xmp", "noembed", "noframes"})


_ATTR_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|([A-Za-z][A-Za-z0-9]*)(;?))")


def _attr_ref(m: re.Match[str]) -> str:
    name, semicolon = m.group(1), m.group(2)
    if name is None or semicolon:
        return html.unescape(m.group())
    # a legacy reference without ';' followed by a letter, digit or '=' stays as
    # written in an attribute value (`&section=`, `&copy=2`): the spec's rule
    # that keeps query strings intact
    if name in _ENTITIES and m.end() < len(m.string) and m.string[m.end()] == "=":
        return m.group()
    if name in _ENTITIES:
        return _ENTITIES[name]
    return m.group()


def unescape_attr(value: str) -> str:
    """An attribute value with its character references decoded as browsers do."""
    return _ATTR_REF.sub(_attr_ref, value) if "&" in value else value


def _attributes(text: str) -> tuple[list[tuple[str, str | None]], bool]:
    """The attributes of a start tag, and whether it ends in a self-closing '/'
    (a '/' that ends an unquoted value belongs to the value)."""
    attrs: list[tuple[str, str | None]] = []
    last = 0
    for m in _ATTR.finditer(text):
        value = m.group(2)
        if value is not None:
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            value = unescape_attr(value)
        attrs.append((m.group(1).lower(), value))
        last = m.end()
    return attrs, text[last:].rstrip().endswith("/")


def _rdfa_as_microdata(attr: dict[str, str], parent: _Open) -> None:
    """RDFa Lite (`typeof`, `property`, as WordPress FAQ plugins emit for an
    FAQPage) read as the microdata it is equivalent to. A `property` counts
    only inside a typed item, so Open Graph `<meta property>` stays meta."""
    if "typeof" in attr and "itemscope" not in attr:
        attr["itemscope"] = ""
        attr.setdefault("itemtype", attr["typeof"])
    in_item = "itemscope" in attr or parent.item is not None or parent.item_owner is not None
    if "property" in attr and "itemprop" not in attr and in_item:
        attr["itemprop"] = " ".join(p.split(":")[-1] for p in attr["property"].split())


class _Open:
    """Per-element parse state kept on the stack."""

    __slots__ = ("el", "builder", "kind", "level", "region", "is_main", "lang", "item", "item_owner",
                 "capture", "link", "quote", "target", "specials", "closed", "code_start")

    def __init__(self, el: Element):
        self.el = el
        self.builder: TextBuilder | None = None
        self.kind: str | None = None
        self.level = 0
        self.region = "body"
        self.is_main = False
        self.lang: str | None = None
        self.item: MicroItem | None = None
        self.item_owner: MicroItem | None = None
        self.capture: TextBuilder | None = None  # text of an itemprop, <title>, <time>, <a>
        self.link: Link | None = None
        self.quote = False
        self.target: _Open | None = None  # where text inside this element goes (see _text_target)
        self.specials = 0  # special elements from the root to this one, itself included
        self.closed = False  # ended by a misnested end tag while blocks inside it stay open
        self.code_start = -1  # where a <code>'s text starts in its block's text


class HTMLDocumentBuilder:
    """Feeds one HTML string (a page, a fragment, or a raw block in Markdown)
    into a Document. `to_raw` turns an offset in the string into an offset in
    the file, for fragments that are not at the file's start."""

    def __init__(self, doc: Document, text: str, to_raw: OffsetMap | None = None):
        self._pos = 0
        self._tag_text = ""
        self.doc = doc
        self.text = text
        self.to_raw = to_raw
        root = _Open(Element("#root", {}, 0))
        self.stack: list[_Open] = [root]
        # stack indexes of the open elements of each tag, so implicit closes and
        # end tags never scan the stack (a page nested 100,000 deep stays linear)
        self._open_at: dict[str, list[int]] = {}
        self.loose: TextBuilder | None = None
        self.loose_parent: _Open | None = None
        self.skip_depth = 0
        self.inert = 0  # open <template>/<noscript> elements
        self.script: tuple[str, int, int] | None = None
        self.captures: list[_Open] = []
        self.blocks: list[Block] = []
        self._links_by_builder: dict[TextBuilder, list[Link]] = {}
        self._code_by_builder: dict[TextBuilder, list[tuple[int, int]]] = {}
        self._link_sinks: dict[Link, TextBuilder] = {}

    # -- positions -------------------------------------------------------
    def _here(self) -> int:
        return self.to_raw(self._pos) if self.to_raw else self._pos

    def _local(self) -> int:
        return self._pos

    def _raw(self, local: int) -> int:
        return self.to_raw(local) if self.to_raw else local

    def run(self) -> list[Block]:
        text = self.text
        length = len(text)
        pos = 0
        match = _TOKEN.match
        while pos < length:
            m = match(text, pos)
            assert m is not None  # the last alternatives match any character
            self._pos = pos
            end = m.end()
            kind = m.lastgroup
            if kind == "text":
                self.handle_data(m.group("text"))
            elif kind == "attrs":  # the last group of a tag token
                tag = m.group("tag").lower()
                if m.group("close"):
                    self.handle_endtag(tag)
                else:
                    self._tag_text = m.group()
                    attrs, self_closing = _attributes(m.group("attrs"))
                    # HTML ignores a self-closing '/' except on void and foreign (svg, math) elements
                    if self_closing and (tag in VOID or tag in ("svg", "math") or self._foreign()):
                        self.handle_startendtag(tag, attrs)
                    else:
                        self.handle_starttag(tag, attrs)
                        if tag in RAW_TEXT:
                            end = self._raw_text(tag, end)
            elif kind == "entity":
                self._entity_token(m.group("entity"))
            elif kind == "comment" or kind == "empty_comment":
                self.handle_comment(m.group(kind), end)
            pos = end
        while len(self.stack) > 1:
            self._pop(self._raw(len(self.text)))  # a raw offset, like every element's start
        self._flush_loose()
        return self.blocks

    # -- element stack -----------------------------------------------------
    def _top(self) -> _Open:
        return self.stack[-1]

    def _foreign(self) -> bool:
        return bool(self._open_at.get("svg") or self._open_at.get("math"))

    def _innermost(self, tags: frozenset[str] | set[str]) -> int:
        """Stack index of the innermost open element of one of tags (0: none)."""
        open_at = self._open_at
        return max((open_at[t][-1] for t in tags if open_at.get(t)), default=0)

    def _close_until(self, tags: frozenset[str] | set[str], boundary: frozenset[str], end: int) -> None:
        open_at = self._open_at
        if not any(open_at.get(t) for t in tags):
            return  # the common case: nothing to close
        i = self._innermost(tags)
        if i and i > self._innermost(boundary):
            while len(self.stack) > i:
                self._pop(end)

    def _implicit_closes(self, tag: str, start: int) -> None:
        if tag in BLOCK_KIND or tag in CONTAINERS:
            if tag != "br":
                self._close_until({"p"}, P_SCOPE_BOUNDARY, start)
        if tag == "li":
            self._close_until({"li"}, frozenset({"ul", "ol", "menu"}), start)
        elif tag in ("dt", "dd"):
            self._close_until({"dt", "dd"}, frozenset({"dl"}), start)
        elif tag in ("td", "th"):
            self._close_until({"td", "th"}, frozenset({"tr", "table"}), start)
        elif tag == "tr":
            self._close_until({"tr"}, frozenset({"table"}), start)
        elif tag in HEADINGS and self._top().el.tag in HEADINGS:
            self._pop(start)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        local_start = self._local()
        tag_text = self._tag_text
        start_tag_end = self._raw(local_start + len(tag_text))
        attr: dict[str, str] = {}
        for k, v in attrs:  # a repeated attribute is ignored: the first one counts
            attr.setdefault(k, v if v is not None else "")
        if tag == "a" and self._open_at.get("a"):
            self._end_inline("a", start)  # a link cannot hold a link: the new one ends the old
        if "typeof" in attr or "property" in attr:
            _rdfa_as_microdata(attr, self._top())
        self._implicit_closes(tag, start)
        parent = self._top()
        in_heading = parent.target is not None and parent.target.kind == "heading"
        if (tag in CONTAINERS or tag in BLOCK_KIND) and not in_heading:
            self._flush_loose()
        if tag in VOID:
            if not self.inert:
                self._void(tag, attr, start, start_tag_end, parent)
            return
        el = Element(tag, attr, start, parent.el)
        node = _Open(el)
        node.specials = parent.specials + (tag in SPECIAL)
        node.region = parent.region
        node.is_main = parent.is_main
        node.lang = parent.lang
        node.quote = parent.quote
        # everything inside a heading is the heading's text (its accessible name)
        node.target = None if tag in CONTAINERS and not in_heading else parent.target
        node.item_owner = parent.item if parent.item is not None else parent.item_owner
        role = attr.get("role", "").lower()
        region = REGION_TAGS.get(tag) or REGION_ROLES.get(role)
        if region and not node.is_main:
            node.region = region
        if tag in ("main", "article") or role == "main":
            node.is_main = True
            node.region = "main"
            self.doc.has_main = True
        if "lang" in attr and tag != "html":
            node.lang = attr["lang"].split("-")[0].lower() or None
        if tag in ("blockquote", "q"):
            node.quote = True
        self._open_at.setdefault(tag, []).append(len(self.stack))
        self.stack.append(node)
        if tag in INERT:
            self.inert += 1
        if tag in SKIP:
            self.skip_depth += 1
            if self.inert:
                return
            if tag == "script":
                self.script = (attr.get("type", ""), start, start_tag_end)
            elif tag == "title" and self.doc.meta.title is None and not self._foreign():
                self._begin_capture(node)
            return
        if self.inert:
            return
        kind = BLOCK_KIND.get(tag)
        if kind and not in_heading:
            node.kind = kind
            node.level = HEADINGS.get(tag, 0)
            node.builder = TextBuilder()
            node.target = node
        self._start_semantics(tag, attr, node, start, start_tag_end)

    def _start_semantics(self, tag: str, attr: dict[str, str], node: _Open, start: int, tag_end: int) -> None:
        doc = self.doc
        if tag == "html" and attr.get("lang"):
            doc.meta.lang = Field(attr["lang"], Span(start, tag_end))
        elif tag == "a" and "href" in attr:
            rel = tuple(attr.get("rel", "").lower().split())
            link = Link(attr["href"], rel, "", Span(start, start), attr, start_tag_end=tag_end, region=node.region)
            node.link = link
            sink = self._text_sink()
            if sink is not None:
                link.text_start = sink.map.length
                self._links_by_builder.setdefault(sink, []).append(link)
                self._link_sinks[link] = sink
            self._begin_capture(node)
        elif tag == "time":
            self._begin_capture(node)
        elif tag in CODE:
            sink = self._text_sink()
            if sink is not None:
                node.code_start = sink.map.length
        if "itemscope" in attr:
            item = MicroItem(attr.get("itemtype", ""), Span(start, start))
            node.item = item
            if "itemprop" not in attr:
                doc.microdata.append(item)
        if "itemprop" in attr and node.item is None:
            self._begin_capture(node)

    def _void(self, tag: str, attr: dict[str, str], start: int, end: int, parent: _Open) -> None:
        doc = self.doc
        if tag == "br":
            target = self._text_sink()
            if target is not None:
                target.space(start, end)
            return
        if tag == "img":
            doc.images.append(Image(attr.get("src", ""), attr.get("alt"), Span(start, end), attr,
                                    region=parent.region))
            block = parent.target
            if (block is not None and block.kind == "heading" and block.builder is not None and attr.get("alt")
                    and not self.skip_depth):
                # an image's alt is part of a heading's accessible name (`# ![Logo](logo.png)`)
                block.builder.add_decoded(attr["alt"], start, end)
        elif tag == "meta":
            self._meta(attr, Span(start, end))
        elif tag == "link":
            rels = attr.get("rel", "").lower().split()
            if "canonical" in rels:
                doc.meta.canonical = attr.get("href")
        if "itemprop" in attr:
            owner = parent.item if parent.item is not None else parent.item_owner
            if owner is not None:
                value = attr.get("content") or attr.get("href") or attr.get("src") or ""
                for name in attr["itemprop"].split():
                    owner.props.append((name, value, Span(start, end)))

    def _meta(self, attr: dict[str, str], span: Span) -> None:
        meta = self.doc.meta
        name = (attr.get("name") or attr.get("property") or attr.get("itemprop") or "").lower()
        content = attr.get("content", "")
        if not name or not content.strip():
            return
        if name in ("description", "og:description") and (meta.description is None or name == "description"):
            if name == "description" or meta.description is None:
                meta.description = Field(html.unescape(content), span)
        elif name in AUTHOR_META and meta.author is None:
            meta.author = Field(content, span)
        elif name in DATE_META:
            meta.dates.append(TimeStamp(content, DATE_META[name], span))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        end_local = self._local()
        # the end tag's own length: find its '>' (end tags carry no quoted '>')
        close = self.text.find(">", end_local)
        end = self._raw(close + 1 if close != -1 else len(self.text))
        open_at = self._open_at.get(tag)
        i = open_at[-1] if open_at else 0
        if i and tag not in SPECIAL and self._top().specials > self.stack[i].specials:
            if tag in FORMATTING:
                self._end_inline(tag, end)
            return  # any other inline end tag cannot close across a block: ignored
        if i and (tag not in ("p", "li") or i > self._innermost(P_SCOPE_BOUNDARY)):
            if tag in CONTAINERS or tag in BLOCK_KIND:
                self._flush_loose()
            while len(self.stack) > i + 1:
                self._pop(self._here())
            self._pop(end)
            return
        if tag == "p":  # a stray </p> is an empty paragraph in HTML; nothing to keep
            return

    def _end_inline(self, tag: str, end: int) -> None:
        """End the innermost open `tag`, a formatting element. Blocks opened
        inside it stay open (`<b><h2>Magnesium</b> en slaap</h2>` is one
        heading), as the spec's adoption agency leaves them; it stays on the
        stack, closed, until they end."""
        i = self._open_at[tag][-1]
        if self._top().specials == self.stack[i].specials:
            while len(self.stack) > i + 1:
                self._pop(end)
            self._pop(end)
            return
        node = self.stack[i]
        self._open_at[tag].pop()
        node.closed = True
        node.el.end = end
        if node.capture is not None:
            self._end_capture(node, end)
            node.capture = None

    def _pop(self, end: int) -> None:
        node = self.stack.pop()
        if node.closed:
            return
        el = node.el
        el.end = end
        tag = el.tag
        self._open_at[tag].pop()
        if tag in INERT:
            self.inert -= 1
        if tag in SKIP:
            self.skip_depth -= 1
            if tag == "script":
                self.script = None
            elif node.capture is not None:
                self._end_capture(node, end)
            return
        if node.capture is not None:
            self._end_capture(node, end)
        if node.code_start >= 0:
            sink = self._text_sink()
            if sink is not None and sink.map.length > node.code_start:
                self._code_by_builder.setdefault(sink, []).append((node.code_start, sink.map.length))
        if node.builder is not None:
            self._emit(node, node.builder, Span(el.start, end))
        if node.item is not None:
            node.item.span = Span(el.start, end)
            if "itemprop" in el.attrs:
                owner = node.item_owner
                if owner is not None:
                    for name in el.attrs["itemprop"].split():
                        owner.props.append((name, node.item, Span(el.start, end)))

    # -- text ----------------------------------------------------------------
    def _text_target(self) -> _Open | None:
        """The innermost open block element, unless a container is opened
        inside it (kept on each element when it opens: no stack scan)."""
        return self._top().target

    def _text_sink(self) -> TextBuilder | None:
        if self.skip_depth:
            return None
        target = self._text_target()
        if target is not None:
            return target.builder
        if self.loose is None:
            self.loose = TextBuilder()
            self.loose_parent = self._top()
        return self.loose

    def _flush_loose(self) -> None:
        loose = self.loose
        if loose is None:
            return
        parent = self.loose_parent
        self.loose = None
        self.loose_parent = None
        if loose.map.length and parent is not None:
            tmap = loose.map
            node = _Open(parent.el)
            node.kind = "paragraph"
            node.region, node.is_main, node.lang, node.quote = parent.region, parent.is_main, parent.lang, parent.quote
            self._emit(node, loose, tmap.span(0, tmap.length))

    def _emit(self, node: _Open, builder: TextBuilder, span: Span) -> None:
        text = builder.text()
        kind = node.kind or "paragraph"
        links = self._links_by_builder.pop(builder, ())
        code = self._code_by_builder.pop(builder, None)
        if not text and kind != "heading":
            return
        if node.quote and kind == "paragraph":
            kind = "quote"
        block = Block(kind, text, builder.map, span, element=node.el, level=node.level,
                      region="main" if node.is_main else node.region, lang=node.lang,
                      in_quote=node.quote)
        self.blocks.append(block)
        if code:
            # a range opened before a pending space starts one later (the space joined first)
            block.code = [(s + (text[s:s + 1] == " "), e) for s, e in code]
        for link in links:
            link.block = block
            if text[link.text_start : link.text_start + 1] == " ":
                link.text_start += 1
            link.text_end = max(link.text_start, min(link.text_end, len(text)))

    def _begin_capture(self, node: _Open) -> None:
        node.capture = TextBuilder()
        if len(self.captures) < MAX_OPEN_CAPTURES:
            self.captures.append(node)

    def _end_capture(self, node: _Open, end: int) -> None:
        captures = self.captures
        if captures and captures[-1] is node:
            captures.pop()
        elif node in captures:
            captures.remove(node)
        self._finish_capture(node, end)

    def _finish_capture(self, node: _Open, end: int) -> None:
        builder = node.capture
        text = builder.text() if builder else ""
        el = node.el
        doc = self.doc
        if node.link is not None:
            link = node.link
            link.text = text
            link.span = Span(el.start, end)
            sink = self._link_sinks.pop(link, None)
            link.text_end = sink.map.length if sink is not None else link.text_start
            doc.links.append(link)
        elif el.tag == "title" and doc.meta.title is None and builder is not None:
            doc.meta.title = Field(text, builder.map.span(0, builder.map.length) if text else Span(el.start, end),
                                   builder.map)
        elif el.tag == "time":
            value = el.attrs.get("datetime") or text
            if value.strip():
                kind = "published" if "published" in el.attrs.get("itemprop", "") else "time"
                doc.meta.dates.append(TimeStamp(value, kind, Span(el.start, end)))
        if "itemprop" in el.attrs and node.item is None:
            owner = node.item_owner
            if owner is not None:
                attrs = el.attrs
                value = attrs.get("content") or (attrs.get("href") if el.tag == "a" else None) or text
                for name in attrs["itemprop"].split():
                    owner.props.append((name, value, Span(el.start, end)))

    def handle_data(self, data: str) -> None:
        if self.to_raw is not None and "\n" in data[:-1] and not (
                self.skip_depth and self._top().el.tag in ("script", "style")):
            # a fragment's lines need not lie back to back in the file (CRLF, "> "
            # quote markers in Markdown): map the text one line at a time
            local, begin = self._pos, 0
            while begin < len(data):
                newline = data.find("\n", begin)
                end = len(data) if newline == -1 else newline + 1
                self._pos = local + begin
                self.handle_data(data[begin:end])
                begin = end
            self._pos = local
            return
        local = self._local()
        start = self._raw(local)
        if self.inert:
            return
        if self.skip_depth:
            top = self._top().el.tag
            script = self.script
            if script is not None and top == "script":
                self.doc.scripts.append(Script(script[0], data, start, Span(script[1], start + len(data))))
            elif top not in ("script", "style") and not self._foreign():  # an svg's <title> is no link text
                self._feed_captures(data, start, None)
            return
        if data.isspace() and self._text_target() is None and self.loose is None:
            # white space between blocks: only an open capture (a link, a title) can care
            if self.captures:
                self._feed_captures(data, start, None)
            return
        self._add_text(data, start, None)

    def _add_text(self, data: str, start: int, decoded: tuple[str, int] | None) -> None:
        sink = self._text_sink()
        if sink is not None:
            if decoded is None:
                sink.add_source(data, start)
            else:
                sink.add_decoded(decoded[0], start, decoded[1])
        self._feed_captures(data, start, decoded)

    def _feed_captures(self, data: str, start: int, decoded: tuple[str, int] | None) -> None:
        for node in self.captures:
            capture = node.capture
            assert capture is not None  # set by _begin_capture before the node joins captures
            if decoded is None:
                capture.add_source(data, start)
            else:
                capture.add_decoded(decoded[0], start, decoded[1])

    def _entity(self, decoded: str, local: int, raw_len: int) -> None:
        start = self._raw(local)
        decoded_at = (decoded, self._raw(local + raw_len))
        if self.inert:
            return
        if self.skip_depth:
            if self._top().el.tag not in ("script", "style") and not self._foreign():
                self._feed_captures("", start, decoded_at)
            return
        self._add_text("", start, decoded_at)

    def _raw_text(self, tag: str, content_start: int) -> int:
        """Script, style and the like hold text up to their end tag, never markup."""
        if tag == "script":
            content_end = _script_end(self.text, content_start)
        else:
            lowered_end = re.compile(r"</" + tag + r"(?=[\s/>])", re.I).search(self.text, content_start)
            content_end = lowered_end.start() if lowered_end else len(self.text)
        if content_end > content_start:
            self._pos = content_start
            self.handle_data(self.text[content_start:content_end])
        return content_end

    def _entity_token(self, raw: str) -> None:
        decoded = html.unescape(raw)
        if decoded == raw:  # not an entity after all: plain text
            self.handle_data(raw)
            return
        # a legacy entity decodes only its known prefix ("&copyVolgens" is "©Volgens",
        # "&notit;" is "¬it;"): what follows it is plain text with exact positions
        tail = 0
        while tail < len(decoded) - 1 and tail < len(raw) - 2 and raw[-1 - tail] == decoded[-1 - tail]:
            tail += 1
        if tail:
            local = self._pos
            self._entity(decoded[:-tail], local, len(raw) - tail)
            self._pos = local + len(raw) - tail
            self.handle_data(raw[-tail:])
            self._pos = local
            return
        self._entity(decoded, self._pos, len(raw))

    def handle_comment(self, data: str, end: int) -> None:
        start = self._here()
        local = self._local()
        self.doc.comments.append(Comment(data, Span(start, self._raw(end)), self._raw(local + 4)))


_SCRIPT_DATA = re.compile(r"</script(?=[\s/>])|<!--", re.I)
_SCRIPT_ESCAPED = re.compile(r"-->|</script(?=[\s/>])|<script(?=[\s/>])", re.I)
_SCRIPT_DOUBLE = re.compile(r"-->|</script(?=[\s/>])", re.I)


def _script_end(text: str, pos: int) -> int:
    """Where a script's text ends: the spec's script data states, in which a
    `<script>` written inside `<!-- ... -->` needs its own `</script>` first."""
    while True:
        m = _SCRIPT_DATA.search(text, pos)
        if m is None:
            return len(text)
        if m.group()[1] == "/":
            return m.start()
        pos = m.end() - 2  # "<!-->" closes at once: its dashes count for the "-->"
        while True:  # escaped: "-->" leaves, "</script" ends, "<script" double-escapes
            m = _SCRIPT_ESCAPED.search(text, pos)
            if m is None:
                return len(text)
            word = m.group().lower()
            if word == "-->":
                pos = m.end()
                break
            if word.startswith("</"):
                return m.start()
            d = _SCRIPT_DOUBLE.search(text, m.end())
            if d is None:
                return len(text)
            if d.group() == "-->":
                pos = d.end()
                break
            pos = d.end()


def parse_fragment(doc: Document, text: str, to_raw: OffsetMap | None = None) -> list[Block]:
    return HTMLDocumentBuilder(doc, text, to_raw).run()


def parse_html(doc: Document) -> None:
    blocks = parse_fragment(doc, doc.source.text)
    finish_blocks(doc, blocks)


def finish_blocks(doc: Document, blocks: list[Block]) -> None:
    """Order blocks as a reader meets them and number them."""
    blocks.sort(key=lambda b: b.tmap.raw_first if b.tmap.length else b.span.start)
    for i, block in enumerate(blocks):
        block.index = i
    doc.blocks = blocks
    for link in doc.links:
        if link.block is not None:
            link.block.links.append(link)


def offset_mapper(starts_local: list[int], starts_raw: list[int]) -> OffsetMap:
    """Map offsets of a fragment whose lines were cut out of the file (each
    fragment line at starts_local[i] begins at raw offset starts_raw[i])."""

    def to_raw(offset: int) -> int:
        i = bisect_right(starts_local, offset) - 1
        i = max(i, 0)
        return starts_raw[i] + offset - starts_local[i]

    return to_raw

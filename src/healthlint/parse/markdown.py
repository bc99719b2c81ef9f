"""Markdown (CommonMark + tables) with YAML front matter to Document.

markdown-it-py gives each block its source lines (`token.map`). Inline text
is aligned to the source line by line: every content line of a block is the
tail of its raw line once list markers, quote markers and indentation are
cut, so the column where it starts is known; inside a line, a cursor walks
the inline tokens in order. Raw HTML blocks and inline HTML go through the
HTML builder with the same offsets, so `<a rel="sponsored">` or a JSON-LD
`<script>` inside Markdown counts like it does in HTML.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from healthlint import yamlsafe
from healthlint.model import Block, Comment, Document, Image, Link
from healthlint.parse import frontmatter
from healthlint.parse.html import finish_blocks, offset_mapper, parse_fragment, unescape_attr
from healthlint.source import SourceText, Span, TextBuilder

_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)/?>", re.S)
_ATTR = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
MAX_FRONT_MATTER = 64 * 1024
# values the front matter may expand to once YAML aliases are followed: a
# "billion laughs" of nested aliases is tiny as text but huge as data
MAX_FRONT_MATTER_VALUES = 10_000


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    # keep entities and escapes as their own tokens: their source length differs
    md.disable("text_join")
    return md


def parse_attrs(text: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(text):
        value = m.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        attrs.setdefault(m.group(1).lower(), unescape_attr(value))
    return attrs


class _LineAligner:
    """Offsets in a block's content string to raw file offsets."""

    def __init__(self, source: SourceText, first_line: int, content: str, row_cursor: dict[int, int]):
        self.starts_local: list[int] = []
        self.starts_raw: list[int] = []
        self.exact = True
        pos = 0
        for i, line in enumerate(content.split("\n")):
            line_no = first_line + i + 1
            if line_no > len(source.line_starts):
                self.exact = False
                break
            raw_line = source.line_text(line_no)
            base = source.line_starts[line_no - 1]
            stripped = raw_line.rstrip()
            col = len(stripped) - len(line.rstrip())
            if col < 0 or not stripped.endswith(line.rstrip()):
                col = raw_line.find(line, row_cursor.get(line_no, 0)) if line else 0
                if col < 0:
                    col = 0
                    self.exact = False
                row_cursor[line_no] = col + len(line)
            self.starts_local.append(pos)
            self.starts_raw.append(base + col)
            pos += len(line) + 1
        self.to_raw = offset_mapper(self.starts_local or [0], self.starts_raw or [0])


def _closing(content: str, pos: int, opening: str, closing: str) -> int:
    """Index just after the `closing` that balances the first `opening` at or
    after pos (backslash escapes skipped), or the end of the content."""
    depth = 0
    i = pos
    while i < len(content):
        c = content[i]
        if c == "\\":
            i += 2
            continue
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(content)


def _matching_bracket(content: str, pos: int) -> int:
    """Index just after the ']' that closes the '[' at pos (or pos+1)."""
    return _closing(content, pos, "[", "]")


def _link_tail_end(content: str, pos: int) -> int:
    """After a link's ']' at pos-1: skip '(destination "title")' or '[ref]'."""
    if content.startswith("(", pos):
        return _closing(content, pos, "(", ")")
    if content.startswith("[", pos):
        end = content.find("]", pos)
        return end + 1 if end != -1 else pos
    return pos


class _InlineWalker:
    def __init__(self, doc: Document, aligner: _LineAligner, content: str, heading: bool = False):
        self.doc = doc
        self.to_raw = aligner.to_raw
        self.content = content
        self.cursor = 0
        self.builder = TextBuilder()
        if not aligner.exact:
            self.builder.map.mark_inexact()
        self.links: list[Link] = []
        self.open_links: list[tuple[Link, int]] = []
        self.heading = heading
        self.code: list[tuple[int, int]] = []

    def _found(self, needle: str) -> int:
        idx = self.content.find(needle, self.cursor)
        if idx < 0:
            self.builder.map.mark_inexact()
            return -1
        return idx

    def walk(self, children: list[Token]) -> TextBuilder:
        for tok in children:
            handler = getattr(self, "_" + tok.type, None)
            if handler is not None:
                handler(tok)
        return self.builder

    def _text(self, tok: Token) -> None:
        if not tok.content:
            return
        idx = self._found(tok.content)
        if idx < 0:
            raw = self.to_raw(self.cursor)
            self.builder.add_decoded(tok.content, raw, raw)
            return
        self.builder.add_source(tok.content, self.to_raw(idx))
        self.cursor = idx + len(tok.content)

    def _text_special(self, tok: Token) -> None:
        idx = self._found(tok.markup)
        if idx < 0:
            return
        if tok.content == tok.markup:  # a backslash before a letter is no escape: exact text
            self.builder.add_source(tok.content, self.to_raw(idx))
        else:
            self.builder.add_decoded(tok.content, self.to_raw(idx), self.to_raw(idx + len(tok.markup)))
        self.cursor = idx + len(tok.markup)

    def _softbreak(self, tok: Token) -> None:
        idx = self.content.find("\n", self.cursor)
        if idx >= 0:
            raw = self.to_raw(idx)
            self.builder.space(raw, raw + 1)
            self.cursor = idx + 1

    _hardbreak = _softbreak

    def _code_inline(self, tok: Token) -> None:
        # the reader sees a code span's text (`# Prettier `--tab-width``), not its backticks
        start = self._found(tok.markup)
        if start < 0:
            return
        code_start = self.builder.map.length
        idx = self.content.find(tok.content, start + len(tok.markup))
        if idx >= 0 and "\n" not in self.content[start:idx + len(tok.content)]:
            self.builder.add_source(tok.content, self.to_raw(idx))
            end = idx + len(tok.content) + len(tok.markup)
        else:  # a span over a line break: its text stands for the whole span
            close = self.content.find(tok.markup, start + len(tok.markup))
            end = close + len(tok.markup) if close >= 0 else start + len(tok.markup)
            self.builder.add_decoded(tok.content, self.to_raw(start), self.to_raw(end))
        self.cursor = end
        if self.builder.map.length > code_start:
            self.code.append((code_start, self.builder.map.length))

    def _image(self, tok: Token) -> None:
        start = self._found("![")
        if start < 0:
            return
        end = _link_tail_end(self.content, _matching_bracket(self.content, start + 1))
        span = Span(self.to_raw(start), self.to_raw(end))
        self.doc.images.append(Image(tok.attrs.get("src", "") or "", tok.content, span, dict(tok.attrs)))
        if self.heading and tok.content:  # the alt is part of a heading's accessible name
            if "\n" not in tok.content and self.content.startswith(tok.content, start + 2):  # as it reads
                self.builder.add_source(tok.content, self.to_raw(start + 2))
            else:
                self.builder.add_decoded(tok.content, span.start, span.end)
        else:
            self.builder.space(span.start, span.end)
        self.cursor = end

    def _link_open(self, tok: Token) -> None:
        needle = "<" if tok.markup == "autolink" else "["
        start = self._found(needle)
        if start < 0:
            start = self.cursor
        self.cursor = start + 1
        href = str(tok.attrs.get("href", ""))
        link = Link(href, (), "", Span(self.to_raw(start), self.to_raw(start)), {"href": href},
                    start_tag_end=self.to_raw(start))
        link.text_start = self.builder.map.length
        self.open_links.append((link, start))

    def _link_close(self, tok: Token) -> None:
        if not self.open_links:
            return
        link, start = self.open_links.pop()
        if tok.markup == "autolink":
            close = self.content.find(">", self.cursor)
            end = close + 1 if close >= 0 else self.cursor
        else:
            close = self.content.find("]", self.cursor)
            end = _link_tail_end(self.content, close + 1) if close >= 0 else self.cursor
        self._finish_link(link, Span(self.to_raw(start), self.to_raw(end)))
        self.cursor = end

    def _finish_link(self, link: Link, span: Span) -> None:
        link.span = span
        link.text_end = self.builder.map.length
        text = "".join(self.builder.map.parts)[link.text_start : link.text_end]
        if text.startswith(" "):
            link.text_start += 1
        link.text = text.strip()
        self.links.append(link)
        self.doc.links.append(link)

    def _html_inline(self, tok: Token) -> None:
        idx = self._found(tok.content)
        if idx < 0:
            return
        self.cursor = idx + len(tok.content)
        raw_start = self.to_raw(idx)
        raw_end = self.to_raw(idx + len(tok.content))
        piece = tok.content
        if piece.startswith("<!--"):
            body = piece[4:-3] if piece.endswith("-->") else piece[4:]
            self.doc.comments.append(Comment(body, Span(raw_start, raw_end), raw_start + 4))
            return
        m = _TAG.match(piece)
        if not m:
            return
        closing, tag = m.group(1) == "/", m.group(2).lower()
        attrs = {} if closing else parse_attrs(m.group(3))
        if tag == "br":
            self.builder.space(raw_start, raw_end)
        elif tag == "img" and not closing:
            self.doc.images.append(Image(attrs.get("src", ""), attrs.get("alt"), Span(raw_start, raw_end), attrs))
            if self.heading and attrs.get("alt"):
                self.builder.add_decoded(attrs["alt"], raw_start, raw_end)
        elif tag == "a" and not closing and "href" in attrs:
            link = Link(attrs["href"], tuple(attrs.get("rel", "").lower().split()), "",
                        Span(raw_start, raw_start), attrs, start_tag_end=raw_end)
            link.text_start = self.builder.map.length
            self.open_links.append((link, idx))
        elif tag == "a" and closing and self.open_links:
            link, start = self.open_links.pop()
            self._finish_link(link, Span(self.to_raw(start), raw_end))


def _front_matter(doc: Document, token: Token) -> None:
    content = token.content
    source = doc.source
    first_content_line = (token.map[0] if token.map else 0) + 2  # 1-based line after '---'

    def raw_at(line: int, column: int) -> int:
        line_no = min(first_content_line + line, len(source.line_starts))
        return source.line_starts[line_no - 1] + column

    if len(content) > MAX_FRONT_MATTER:
        doc.front_matter_error = (f"front matter larger than {MAX_FRONT_MATTER // 1024} KB", Span(0, 3))
        return
    try:
        node, data = yamlsafe.load_with_node(content, MAX_FRONT_MATTER_VALUES)
        if node is None:
            data = {}
    except yamlsafe.AliasLimitError as exc:
        doc.front_matter_error = (f"front matter {exc.problem}; healthlint does not read it", Span(0, 3))
        return
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        offset = raw_at(mark.line, mark.column) if mark else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        # PyYAML's context ("while scanning a simple key" and where) often names
        # the real mistake, a line or two above the place it gave up
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark is not None:
            where = source.position(raw_at(context_mark.line, context_mark.column))
            problem = f"{context} at line {where[0]}, column {where[1]}: {problem}"
        elif context:
            problem = f"{context}: {problem}"
        doc.front_matter_error = (f"invalid YAML front matter: {problem}", Span(offset, offset + 1))
        return
    except RecursionError:
        doc.front_matter_error = ("front matter nested too deeply", Span(0, 3))
        return
    if not isinstance(data, dict):
        doc.front_matter_error = ("front matter must be a mapping of keys to values", Span(0, 3))
        return
    doc.front_matter = data
    spans: dict[str, tuple[Span, bool]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                start = raw_at(value_node.start_mark.line, value_node.start_mark.column)
                end = raw_at(value_node.end_mark.line, value_node.end_mark.column)
                plain = isinstance(value_node, yaml.ScalarNode) and value_node.style in (None, "")
                quoted = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("'", '"')
                if quoted:
                    start, end = start + 1, max(start + 1, end - 1)
                spans[key_node.value] = (Span(start, end), plain or quoted)

    frontmatter.apply(doc, data, spans, (raw_at(0, 0), raw_at(content.count("\n"), 0)))


def _other_front_matter(doc: Document) -> str:
    """TOML or JSON front matter read into the Document; the text markdown-it
    should see (the front matter's lines left empty, so line numbers hold)."""
    text = doc.source.text
    found = frontmatter.split(text)
    if found is None:
        return text
    kind, content, length = found
    if len(content) > MAX_FRONT_MATTER:
        doc.front_matter_error = (f"front matter larger than {MAX_FRONT_MATTER // 1024} KB", Span(0, 3))
        return re.sub(r"[^\r\n]+", "", text[:length]) + text[length:]
    try:
        data = frontmatter.load(kind, content)
    except ValueError as exc:
        doc.front_matter_error = (str(exc), Span(0, 3))
        data = None
    if data is not None and not isinstance(data, dict):
        doc.front_matter_error = ("front matter must be a mapping of keys to values", Span(0, 3))
    elif data is not None:
        doc.front_matter = data
        frontmatter.apply(doc, data, {}, (0, length))
    return re.sub(r"[^\r\n]+", "", text[:length]) + text[length:]


def parse_markdown(doc: Document) -> None:
    source = doc.source
    tokens = _markdown().parse(_other_front_matter(doc))
    blocks: list[Block] = []
    containers: list[str] = []
    heading_level = 0
    cell = False
    row_cursor: dict[int, int] = {}
    html_until = 0  # lines up to here were read as HTML with an earlier block
    for tok in tokens:
        kind = tok.type
        if tok.map is not None and tok.map[0] < html_until and kind in ("inline", "html_block", "code_block"):
            continue
        if kind == "front_matter":
            _front_matter(doc, tok)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            containers.append("list")
        elif kind == "list_item_open":
            containers.append("li")
        elif kind == "blockquote_open":
            containers.append("blockquote")
        elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close"):
            if containers:
                containers.pop()
        elif kind == "heading_open":
            heading_level = int(tok.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("th_open", "td_open"):
            cell = True
        elif kind in ("th_close", "td_close"):
            cell = False
        elif kind == "inline" and tok.map is not None:
            blocks.append(_inline_block(doc, tok, containers, heading_level, cell, row_cursor))
        elif (kind == "html_block" or kind == "code_block" and _HTML_EXPORT.match(tok.content)) \
                and tok.map is not None:
            # inside a list or quote the raw lines carry markers: the block is read as it is
            content, html_until = (tok.content, 0) if containers else _rendered_html(source, tok)
            aligner = _LineAligner(source, tok.map[0], content.rstrip("\n"), row_cursor)
            fragment_blocks = parse_fragment(doc, content, aligner.to_raw)
            in_quote = "blockquote" in containers
            for block in fragment_blocks:
                block.in_quote = block.in_quote or in_quote
            blocks.extend(fragment_blocks)
    doc.has_main = False  # a Markdown file is all article
    finish_blocks(doc, blocks)


# An indented code block that starts with a block-level tag is HTML exported
# from WordPress into Markdown (re-indented by the export), not a code sample:
# it is read as the HTML it is (docs/decisions.md, "Markdown with HTML inside").
_HTML_EXPORT = re.compile(r"\s*<(?:p|div|h[1-6]|ul|ol|figure|table|section|article|blockquote|details)[\s>]",
                          re.I)
_OPEN_HEADING = re.compile(r"<(h[1-6])[\s>]", re.I)
# how far below an HTML block its heading's end tag is looked for
MAX_HTML_SPREAD_LINES = 50


def _rendered_html(source: SourceText, tok: Token) -> tuple[str, int]:
    """The HTML a block stands for once rendered, and the line after it.

    CommonMark ends an HTML block at a blank line, so `<h2>` + blank line +
    `Text</h2>` is an HTML block and a paragraph; the renderer writes both out
    and the browser puts the text in the heading. A block that opens a
    heading it does not close therefore runs on, as raw source lines, to the
    line holding the heading's end tag."""
    content = tok.content
    last = tok.map[1]
    opened = [m.group(1).lower() for m in _OPEN_HEADING.finditer(content)]
    if not opened or re.search(rf"</{opened[-1]}\s*>", content, re.I):
        return content, 0
    end_tag = re.compile(rf"</{opened[-1]}\s*>", re.I)
    lines = source.line_starts
    for line in range(last, min(last + MAX_HTML_SPREAD_LINES, len(lines))):
        if end_tag.search(source.line_text(line + 1)):
            extra = [source.line_text(n + 1) for n in range(last, line + 1)]
            return content + "\n".join(extra) + "\n", line + 1
    return content, 0


def _inline_block(doc: Document, tok: Token, containers: list[str], heading_level: int, cell: bool,
                  row_cursor: dict[int, int]) -> Block:
    source = doc.source
    first_line = tok.map[0] if tok.map else 0
    aligner = _LineAligner(source, first_line, tok.content, row_cursor)
    walker = _InlineWalker(doc, aligner, tok.content, heading=bool(heading_level))
    builder = walker.walk(tok.children or [])
    innermost = next((c for c in reversed(containers) if c in ("li", "blockquote")), None)
    if heading_level:
        kind = "heading"
    elif cell:
        kind = "cell"
    elif innermost == "li":
        kind = "list_item"
    elif innermost == "blockquote":
        kind = "quote"
    else:
        kind = "paragraph"
    text = builder.text()
    if text:
        span = builder.map.span(0, len(text))
    else:
        start = aligner.to_raw(0)
        span = Span(start, start + len(tok.content))
    block = Block(kind, text, builder.map, span, level=heading_level, in_quote="blockquote" in containers,
                  code=[(s + (text[s:s + 1] == " "), e) for s, e in walker.code])
    for link in walker.links:
        link.block = block
        link.text_end = min(link.text_end, len(text))
    return block

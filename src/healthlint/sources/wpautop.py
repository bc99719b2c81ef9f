"""Raw WordPress post content, rendered the way WordPress shows it, with a
map from every rendered offset back to the stored content.

WordPress stores what the editor typed: paragraphs as blank lines (its
`wpautop` filter adds the `<p>` tags when the page is shown), block comments
(`<!-- wp:paragraph -->`) and shortcodes (`[caption]`). healthlint lints the
rendered form, so paragraphs and captions are what a reader sees, while every
position points into the stored content, which is what an editor can find.

Like WordPress since 5.0, content made in the block editor (it has block
comments) is not run through wpautop: its blocks carry their own `<p>`.
Shortcodes are expanded in both cases. Only WordPress's own shortcodes are
known; a plugin's shortcode is left as text, as WordPress itself shows an
unregistered one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable

# WordPress's wpautop() `$allblocks`: these tags are never wrapped in <p>.
BLOCK_TAGS = frozenset(
    "table thead tfoot caption col colgroup tbody tr td th div dl dd dt ul ol li pre form map area blockquote "
    "address math style p h1 h2 h3 h4 h5 h6 hr fieldset legend section article aside hgroup header footer nav "
    "figure figcaption details menu summary main".split()
)
# Inside these, a stretch of text becomes paragraphs; inside any other block
# element (a list item, a cell, a heading) it stays that element's text.
PARAGRAPH_HOSTS = frozenset("div section article aside header footer nav blockquote details form fieldset "
                            "address main figure".split())
VOID_BLOCKS = frozenset({"hr", "col", "area"})
# Built-in media shortcodes render players or galleries, never prose.
MEDIA_SHORTCODES = ("embed", "audio", "video", "playlist", "gallery")

_TOKEN = re.compile(
    r"(?P<opaque><(?P<otag>pre|script|style|textarea|svg|math)\b.*?</(?P=otag)\s*>)"
    r"|(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<caption>\[(?:wp_)?caption\b(?P<cattrs>(?:[^\]\"']|\"[^\"]*\"|'[^']*')*)\](?P<cbody>.*?)\[/(?:wp_)?caption\])"
    r"|(?P<media>\[(?P<mname>" + "|".join(MEDIA_SHORTCODES) + r")\b[^\]]*\](?:.*?\[/(?P=mname)\])?)"
    r"|(?P<tag><(?P<close>/?)(?P<tname>[a-zA-Z][a-zA-Z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)"
    r"|(?P<sep>\n[ \t\r]*\n\s*)",
    re.S | re.I,
)
_CAPTION_MEDIA = re.compile(r"\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)", re.I | re.S)
_CAPTION_ATTR = re.compile(r"""\bcaption\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def has_blocks(content: str) -> bool:
    return "<!-- wp:" in content


class Rendered:
    """Rendered HTML built from pieces: copies of stored content (exact
    positions) and inserted markup (which maps to the point it stands for)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self._local: list[int] = []
        self._raw: list[int] = []
        self._exact: list[bool] = []
        self.length = 0

    def _add(self, text: str, raw: int, exact: bool) -> None:
        if not text:
            return
        self._local.append(self.length)
        self._raw.append(raw)
        self._exact.append(exact)
        self.parts.append(text)
        self.length += len(text)

    def copy(self, content: str, start: int, end: int) -> None:
        self._add(content[start:end], start, True)

    def insert(self, markup: str, raw: int) -> None:
        self._add(markup, raw, False)

    @property
    def html(self) -> str:
        return "".join(self.parts)

    def to_raw(self) -> Callable[[int], int]:
        local, raw, exact = self._local, self._raw, self._exact
        total = self.length
        end_raw = (raw[-1] + (len(self.parts[-1]) if exact[-1] else 0)) if raw else 0

        def mapper(offset: int) -> int:
            if offset >= total:
                return end_raw
            i = max(bisect_right(local, offset) - 1, 0)
            return raw[i] + (offset - local[i] if exact[i] else 0)

        return mapper


def render(content: str) -> Rendered:
    """The HTML WordPress would show for stored post content."""
    out = Rendered()
    autop = not has_blocks(content)
    stack: list[str] = []
    run_start = 0  # start of the stretch of inline content not yet written

    def flush(end: int) -> None:
        if run_start >= end:
            return
        text = content[run_start:end]
        body = text.strip()
        host = stack[-1] if stack else None
        if not autop or not body or (host is not None and host not in PARAGRAPH_HOSTS):
            out.copy(content, run_start, end)
            return
        lead = len(text) - len(text.lstrip())
        body_start, body_end = run_start + lead, run_start + lead + len(body)
        out.copy(content, run_start, body_start)
        out.insert("<p>", body_start)
        out.copy(content, body_start, body_end)
        out.insert("</p>", body_end)
        out.copy(content, body_end, end)

    for m in _TOKEN.finditer(content):
        if m.group("comment") is not None or _inline(m):
            continue  # part of the current stretch of text
        flush(m.start())
        if m.group("caption") is not None:
            _caption(out, content, m)
        elif m.group("media") is not None:
            out.insert("", m.start())
        elif m.group("tag") is not None:
            name = m.group("tname").lower()
            out.copy(content, m.start(), m.end())
            if m.group("close"):
                if name in stack:
                    while stack and stack.pop() != name:
                        pass
            elif name not in VOID_BLOCKS and not m.group("tag").endswith("/>"):
                stack.append(name)
        else:  # a blank line, or a block-level <pre>/<style>/<math>
            out.copy(content, m.start(), m.end())
        run_start = m.end()
    flush(len(content))
    return out


def _inline(m: re.Match[str]) -> bool:
    name = m.group("tname") or m.group("otag")
    return name is not None and name.lower() not in BLOCK_TAGS


def _caption(out: Rendered, content: str, m: re.Match[str]) -> None:
    """[caption]<img …> Text[/caption] is a <figure> with a <figcaption>
    (WordPress's img_caption_shortcode); the text may also sit in a
    caption="…" attribute."""
    body_start, body_end = m.start("cbody"), m.end("cbody")
    out.insert("<figure>", m.start())
    media = _CAPTION_MEDIA.match(content, body_start, body_end)
    text_start = media.end() if media else body_start
    out.copy(content, body_start, text_start)
    out.insert("<figcaption>", text_start)
    attr = _CAPTION_ATTR.search(content, m.start("cattrs"), m.end("cattrs"))
    if text_start == body_end or not content[text_start:body_end].strip():
        if attr:
            group = 1 if attr.group(1) is not None else 2
            out.copy(content, attr.start(group), attr.end(group))
    else:
        out.copy(content, text_start, body_end)
    out.insert("</figcaption></figure>", body_end)

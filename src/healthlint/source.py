"""Raw source text, offsets and the map from extracted text back to the source.

Every position healthlint reports is carried from the parser as a raw offset
into the decoded file text and turned into a 1-based line and code-point
column only at the end. Line breaks are LF, CRLF and a lone CR, as editors
count them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class SourceText:
    """The decoded text of one file with its line starts."""

    __slots__ = ("text", "line_starts")

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        if "\r" in text:
            starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        else:
            find = text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
        self.line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a raw offset; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        if 0 < offset < len(self.text) and self.text[offset - 1] == "\r" and self.text[offset] == "\n":
            offset -= 1  # inside a CRLF (a parser that saw only LF): the end of the line
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of raw offsets."""

    start: int
    end: int


class TextMap:
    """Maps offsets in extracted text (block text) to raw source offsets.

    The text is built from runs. An exact run copies source characters one to
    one; an opaque run stands for source that decoded to other characters (an
    entity, a collapsed stretch of white space, a Markdown escape), so any
    offset inside it maps to the whole source stretch. Runs are never dropped,
    which is what keeps every position exact.
    """

    __slots__ = ("_text_starts", "_runs", "parts", "length", "exact")

    def __init__(self) -> None:
        self._text_starts: list[int] = []
        # (text_start, text_len, raw_start, raw_len, exact)
        self._runs: list[tuple[int, int, int, int, bool]] = []
        self.parts: list[str] = []
        self.length = 0
        self.exact = True

    def add(self, text: str, raw_start: int, raw_end: int, exact: bool | None = None) -> None:
        if not text:
            return
        if exact is None:
            exact = raw_end - raw_start == len(text)
        self._text_starts.append(self.length)
        self._runs.append((self.length, len(text), raw_start, raw_end - raw_start, exact))
        self.parts.append(text)
        self.length += len(text)

    def mark_inexact(self) -> None:
        self.exact = False

    def text(self) -> str:
        return "".join(self.parts)

    def text_between(self, start: int, end: int) -> str:
        """text()[start:end] without joining the runs before start (a link
        in a long paragraph asks for its own text only)."""
        if start >= end:
            return ""
        first = max(bisect_right(self._text_starts, start) - 1, 0)
        last = bisect_right(self._text_starts, end - 1)
        offset = self._text_starts[first] if self._text_starts else 0
        return "".join(self.parts[first:last])[start - offset : end - offset]

    def _run_at(self, index: int) -> tuple[int, int, int, int, bool] | None:
        if not self._runs:
            return None
        i = bisect_right(self._text_starts, index) - 1
        return self._runs[max(i, 0)]

    def raw_start(self, index: int) -> int:
        run = self._run_at(index)
        if run is None:
            return 0
        t0, tlen, r0, rlen, exact = run
        if exact:
            return r0 + min(max(index - t0, 0), rlen)
        return r0 if index < t0 + tlen else r0 + rlen

    def raw_end(self, index: int) -> int:
        """Raw offset for an exclusive end index."""
        if not self._runs:
            return 0
        i = bisect_right(self._text_starts, index - 1) - 1 if index > 0 else 0
        t0, tlen, r0, rlen, exact = self._runs[max(i, 0)]
        if exact:
            return r0 + min(max(index - t0, 0), rlen)
        return r0 + rlen if index > t0 else r0

    def span(self, start: int, end: int) -> Span:
        raw_start = self.raw_start(start)
        return Span(raw_start, max(raw_start, self.raw_end(end)))

    @property
    def raw_first(self) -> int:
        return self._runs[0][2] if self._runs else 0


_SPACE_FOLD = str.maketrans({c: " " for c in "\t\n\r\f\v\u00a0\u2002\u2003\u2009\u202f"})
_MULTI_SPACE = re.compile(r" {2,}")


class TextBuilder:
    """Builds one block's text with HTML white-space collapsing.

    White space that folds to a single space keeps its length, so a chunk of
    source stays one exact run; only longer stretches (line wraps with
    indentation) become opaque single spaces. Leading and trailing blanks are
    never written.
    """

    __slots__ = ("map", "_pending")

    def __init__(self) -> None:
        self.map = TextMap()
        self._pending: tuple[int, int] | None = None

    def _flush_space(self) -> None:
        if self._pending is not None:
            if self.map.length:
                start, end = self._pending
                self.map.add(" ", start, end, end - start == 1)
            self._pending = None

    def space(self, raw_start: int, raw_end: int) -> None:
        if self._pending is None:
            self._pending = (raw_start, raw_end)

    def add_source(self, text: str, raw_start: int) -> None:
        folded = text.translate(_SPACE_FOLD)
        pos = 0
        end = len(folded)
        if folded.startswith(" "):
            stripped = len(folded) - len(folded.lstrip(" "))
            self.space(raw_start, raw_start + stripped)
            pos = stripped
        if pos >= end:
            return
        tail = len(folded.rstrip(" "))
        for m in _MULTI_SPACE.finditer(folded, pos, tail):
            self._flush_space()
            self.map.add(folded[pos : m.start()], raw_start + pos, raw_start + m.start(), True)
            self.space(raw_start + m.start(), raw_start + m.end())
            pos = m.end()
        self._flush_space()
        self.map.add(folded[pos:tail], raw_start + pos, raw_start + tail, True)
        if tail < end:
            self.space(raw_start + tail, raw_start + end)

    def add_decoded(self, decoded: str, raw_start: int, raw_end: int) -> None:
        """Text that stands for other source characters (an entity, an escape)."""
        if not decoded:
            return
        if decoded.isspace():
            self.space(raw_start, raw_end)
            return
        self._flush_space()
        self.map.add(decoded, raw_start, raw_end, False)

    def text(self) -> str:
        return self.map.text()

"""Offsets in a Python string <-> LSP positions in the negotiated encoding.

Python strings index code points; LSP counts a line's characters in UTF-16
code units unless client and server agreed on "utf-8" or "utf-32" at
initialisation (`positionEncoding`). An emoji or any other character outside
the Basic Multilingual Plane is one code point, two UTF-16 units and four
UTF-8 bytes, so a plain column would put every finding after it one unit too
early. Lines break at LF, CRLF and a lone CR, as in LSP and in
healthlint.source.
"""

from __future__ import annotations

from bisect import bisect_right

from healthlint.source import SourceText

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """Length of text in the code units of encoding."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class LineIndex:
    """Position arithmetic for one version of a document."""

    __slots__ = ("source", "encoding")

    def __init__(self, text: str | SourceText, encoding: str = UTF16):
        self.source = text if isinstance(text, SourceText) else SourceText(text)
        self.encoding = encoding

    @property
    def text(self) -> str:
        return self.source.text

    def _line_bounds(self, line: int) -> tuple[int, int]:
        """Start and end (before the line break) of a 0-based line."""
        starts = self.source.line_starts
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.source.line_starts, offset) - 1
        start, end = self._line_bounds(line)
        return line, units(self.text[start : min(offset, end)], self.encoding)

    def position_of_column(self, line: int, column: int) -> tuple[int, int]:
        """LSP position of a report's 1-based line and code-point column."""
        line = max(1, min(line, len(self.source.line_starts)))
        return self.position(self.source.line_starts[line - 1] + column - 1)

    def offset(self, line: int, character: int) -> int:
        """Code-point offset of a 0-based LSP position; a character past the
        end of its line means the end of the line, a line past the end of the
        text the end of the text (as the LSP specification asks)."""
        if line >= len(self.source.line_starts):
            return len(self.text)
        start, end = self._line_bounds(max(line, 0))
        if self.encoding == UTF32:
            return min(start + max(character, 0), end)
        count = 0
        for index in range(start, end):
            if count >= character:
                return index
            count += units(self.text[index], self.encoding)
        return end

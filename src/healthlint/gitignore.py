""".gitignore matching in time linear in the pattern times the path.

pathspec (which healthlint used before) compiles each glob to a backtracking
regular expression: a 13-byte line such as ``*a*a*a*a*a*b`` becomes
``[^/]*a[^/]*a…b``, which Python's ``re`` tries in O(n^5) ways on a long file
name, and a few ``**`` do the same across folders; a line like ``x[z-a]`` or
``foo\\`` made it raise. A .gitignore is input from whoever adds a file, so
the folder walk cannot depend on it being kind (docs/decisions.md).

Here a pattern is cut into path segments and matched without any regular
expression, as git's wildmatch does, on the bytes of the names:

* inside one segment, ``*`` ``?`` ``[...]`` and literal bytes are matched
  with the two-pointer wildcard algorithm, which on a mismatch only lets the
  most recent ``*`` grow: O(len(glob) * len(name));
* across segments, ``**`` is a star over whole path components and every
  other segment matches exactly one, by the same algorithm one level up.

Semantics are git's (tests/robustness/test_robust_gitignore.py compares with
``git ls-files`` on generated patterns): blank lines and ``#`` comments are
skipped; trailing spaces are dropped unless escaped; ``!`` negates; ``\\``
escapes the next byte; a pattern with a slash before its end is anchored to
the .gitignore's folder, one without matches a name at any depth; a trailing
``/`` matches folders only; a segment of two or more stars matches any
number of folders (``a/**`` what is inside ``a``); ``[...]`` takes ``!`` or
``^``, ranges, escapes and POSIX classes, and never matches ``/``; a pattern
with an unclosed ``[`` never matches. The last matching line wins. The walk
asks about a folder before it descends into it and does not descend into an
ignored one, so, as in git, a file inside an ignored folder cannot be
re-included.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence, TypeVar

_Item = TypeVar("_Item")
_Unit = TypeVar("_Unit")

_ANY_RUN: Any = object()  # '*' inside a segment, '**' as a whole segment: any number of units
_SLASH = ord("/")

_POSIX_CLASSES: dict[bytes, Callable[[int], bool]] = {
    b"alnum": lambda c: chr(c).isalnum() and c < 128,
    b"alpha": lambda c: chr(c).isalpha() and c < 128,
    b"blank": lambda c: c in (9, 32),
    b"cntrl": lambda c: c < 32 or c == 127,
    b"digit": lambda c: 48 <= c <= 57,
    b"graph": lambda c: 33 <= c <= 126,
    b"lower": lambda c: 97 <= c <= 122,
    b"print": lambda c: 32 <= c <= 126,
    b"punct": lambda c: 33 <= c <= 126 and not chr(c).isalnum(),
    b"space": lambda c: c in (9, 10, 11, 12, 13, 32),
    b"upper": lambda c: 65 <= c <= 90,
    b"xdigit": lambda c: chr(c) in "0123456789abcdefABCDEF",
}


@dataclass(frozen=True)
class _ByteClass:
    """A bracket expression (or '?', an empty negated one): one byte but '/'."""

    negated: bool
    singles: frozenset[int]
    ranges: tuple[tuple[int, int], ...]
    named: tuple[Callable[[int], bool], ...]

    def accepts(self, byte: int) -> bool:
        inside = (byte in self.singles or any(low <= byte <= high for low, high in self.ranges)
                  or any(test(byte) for test in self.named))
        return inside != self.negated and byte != _SLASH


_ANY_BYTE = _ByteClass(True, frozenset(), (), ())


def wildcard_match(pattern: Sequence[_Item], units: Sequence[_Unit],
                   accepts: Callable[[_Item, _Unit], bool]) -> bool:
    """Whether pattern matches all of units, where an item of pattern is
    _ANY_RUN (any number of units) or stands for exactly one unit it
    `accepts`. Greedy with one saved position: on a mismatch only the most
    recent run grows by one unit (an earlier run never needs to: the later
    one can absorb the same units), so the work is O(len(pattern) * len(units))."""
    p = u = 0
    resume = -1  # index in pattern just after the most recent run
    resume_u = 0  # where that run's units end so far
    while u < len(units):
        if p < len(pattern) and pattern[p] is _ANY_RUN:
            p += 1
            resume, resume_u = p, u
        elif p < len(pattern) and accepts(pattern[p], units[u]):
            p += 1
            u += 1
        elif resume >= 0:
            resume_u += 1
            p, u = resume, resume_u
        else:
            return False
    while p < len(pattern) and pattern[p] is _ANY_RUN:
        p += 1
    return p == len(pattern)


def _byte_accepts(item: object, byte: int) -> bool:
    return item.accepts(byte) if isinstance(item, _ByteClass) else item == byte


class _NeverMatches(ValueError):
    """A pattern git's wildmatch aborts on: an unclosed '[', a lone trailing
    backslash, an unknown [:class:]."""


def _bracket(glob: bytes, i: int) -> tuple[_ByteClass, int]:
    """The bracket expression whose '[' is at glob[i - 1], read as git's
    wildmatch reads it, and the index after its ']'."""
    negated = i < len(glob) and glob[i] in b"!^"
    if negated:
        i += 1
    singles: set[int] = set()
    ranges: list[tuple[int, int]] = []
    named: list[Callable[[int], bool]] = []
    previous = 0  # the byte a following '-' starts a range from (0: none)
    first = True
    while True:
        if i >= len(glob):
            raise _NeverMatches("unclosed '['")
        byte = glob[i]
        if byte == ord("]") and not first:
            return _ByteClass(negated, frozenset(singles), tuple(ranges), tuple(named)), i + 1
        first = False
        if byte == ord("\\"):
            i += 1
            if i >= len(glob):
                raise _NeverMatches("a backslash escapes nothing")
            byte = glob[i]
            singles.add(byte)
        elif byte == ord("-") and previous and i + 1 < len(glob) and glob[i + 1] != ord("]"):
            i += 1
            high = glob[i]
            if high == ord("\\"):
                i += 1
                if i >= len(glob):
                    raise _NeverMatches("a backslash escapes nothing")
                high = glob[i]
            ranges.append((previous, high))
            byte = 0
        elif byte == ord("[") and glob[i + 1:i + 2] == b":":
            end = glob.find(b"]", i + 2)
            if end < 0:
                raise _NeverMatches("unclosed '['")
            if end - (i + 2) >= 1 and glob[end - 1] == ord(":"):
                test = _POSIX_CLASSES.get(glob[i + 2:end - 1])
                if test is None:
                    raise _NeverMatches("unknown character class")
                named.append(test)
                i = end
                byte = 0
            else:
                singles.add(byte)  # no ':]': an ordinary '['
        else:
            singles.add(byte)
        previous = byte
        i += 1


def _tokens(pattern: bytes) -> list[object]:
    """The pattern as items: a byte (int; _SLASH separates segments), a
    _ByteClass, or ('*', n) for a run of n stars (n tells '**' segments)."""
    items: list[object] = []
    i = 0
    while i < len(pattern):
        byte = pattern[i]
        if byte == ord("\\"):
            if i + 1 >= len(pattern):
                raise _NeverMatches("a backslash escapes nothing")
            items.append(pattern[i + 1])  # an escaped '/' still separates, as in a path
            i += 2
        elif byte == ord("*"):
            run = len(pattern[i:]) - len(pattern[i:].lstrip(b"*"))
            items.append(("*", run))
            i += run
        elif byte == ord("?"):
            items.append(_ANY_BYTE)
            i += 1
        elif byte == ord("["):
            item, i = _bracket(pattern, i + 1)
            items.append(item)
        else:
            items.append(byte)
            i += 1
    return items


class _Segment:
    """A glob for one path component. Most lines are a plain name, '*.ext' or
    'prefix*': those compare bytes directly; the rest run wildcard_match."""

    def __init__(self, items: list[object]):
        # items are bytes (int), _ByteClass or _ANY_RUN: Any, as wildcard_match sees them
        self.items: tuple[Any, ...] = tuple(_ANY_RUN if isinstance(item, tuple) else item for item in items)
        runs = [i for i, item in enumerate(self.items) if item is _ANY_RUN]
        plain = all(isinstance(item, int) or item is _ANY_RUN for item in self.items)
        literal = bytes(item for item in self.items if item is not _ANY_RUN) if plain else b""
        last = len(self.items) - 1
        self.accepts: Callable[[bytes], bool]
        if plain and not runs:
            self.accepts = literal.__eq__
        elif plain and runs == [0]:
            self.accepts = lambda name: name.endswith(literal)
        elif plain and runs == [last]:
            self.accepts = lambda name: name.startswith(literal)
        elif plain and runs == [0, last]:
            self.accepts = lambda name: literal in name
        else:
            self.accepts = lambda name: wildcard_match(self.items, name, _byte_accepts)


def _segments(items: list[object]) -> list[object]:
    """Items cut at each unescaped '/': a segment that is only stars (two or
    more) becomes _ANY_RUN over components, any other a _Segment."""
    cut: list[list[object]] = [[]]
    for item in items:
        if item == _SLASH:
            cut.append([])
        else:
            cut[-1].append(item)
    segments: list[object] = []
    for index, part in enumerate(cut):
        whole_run = len(part) == 1 and isinstance(part[0], tuple) and part[0][1] >= 2
        if not whole_run:
            segments.append(_Segment(part))
        # git lets stars before a '/' cross folders even inside a segment ('x**/b' matches x/y/b):
        # the same as 'x*/**/b'
        crossing = bool(part) and isinstance(part[-1], tuple) and part[-1][1] >= 2 and index < len(cut) - 1
        if (whole_run or crossing) and segments[-1:] != [_ANY_RUN]:
            segments.append(_ANY_RUN)
    return segments


def _component_accepts(segment: _Segment, name: bytes) -> bool:
    return segment.accepts(name)


_ANY_COMPONENT = _Segment([("*", 1)])  # any one path component


@dataclass(frozen=True)
class IgnoreRule:
    """One line: the segments a path must match, '**' being _ANY_RUN."""

    segments: tuple[Any, ...]  # _Segment or _ANY_RUN
    negated: bool
    folders_only: bool

    def matches(self, parts: Sequence[bytes], is_dir: bool) -> bool:
        if self.folders_only and not is_dir:
            return False
        if len(self.segments) == 2 and self.segments[0] is _ANY_RUN and self.segments[1] is not _ANY_RUN:
            return self.segments[1].accepts(parts[-1])  # a line without a slash: the name only
        return wildcard_match(self.segments, parts, _component_accepts)


def _trim(line: bytes) -> bytes:
    """The line without its CR and its trailing spaces, unless a backslash
    escapes one (git's trim_trailing_spaces: tabs stay)."""
    line = line.removesuffix(b"\r")
    last_space = None
    i = 0
    while i < len(line):
        if line[i] == ord(" "):
            if last_space is None:
                last_space = i
        else:
            last_space = None
            if line[i] == ord("\\"):
                i += 1  # the escaped byte is never trailing space
        i += 1
    return line if last_space is None else line[:last_space]


def parse_line(line: bytes) -> IgnoreRule | None:
    """One .gitignore line as a rule; None for a blank line, a comment or a
    line that can never match."""
    line = _trim(line)
    if not line or line.startswith(b"#"):
        return None
    negated = line.startswith(b"!")
    if negated:
        line = line[1:]
    folders_only = line.endswith(b"/")
    if folders_only:
        line = line[:-1]
    anchored = b"/" in line  # git looks for any slash, even one in brackets
    line = line.removeprefix(b"/")
    if not line:
        return None  # '/', '!', '!/'
    try:
        segments = _segments(_tokens(line))
    except _NeverMatches:
        return None
    if not anchored:
        segments = [_ANY_RUN, *segments]  # no slash: a name at any depth
    if any(isinstance(segment, _Segment) and not segment.items for segment in segments):
        return None  # 'a//b': a path never has an empty component
    if segments[-1] is _ANY_RUN and len(segments) > 1:
        segments[-1:] = [_ANY_COMPONENT, _ANY_RUN]  # 'a/**': what is inside a, not a itself
    return IgnoreRule(tuple(segments), negated, folders_only)


class IgnoreSpec:
    """The rules of one .gitignore; `ignored` asks about a path relative to
    its folder, '/'-separated."""

    def __init__(self, rules: Iterable[IgnoreRule]):
        self.rules = tuple(rules)

    @classmethod
    def from_bytes(cls, data: bytes) -> "IgnoreSpec":
        lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")  # git skips a UTF-8 BOM
        return cls(rule for rule in map(parse_line, lines) if rule is not None)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "IgnoreSpec":
        return cls.from_bytes(b"\n".join(os.fsencode(line) for line in lines))

    def ignored(self, relative: str, is_dir: bool) -> bool:
        if not self.rules:
            return False
        parts = os.fsencode(relative).split(b"/")
        for rule in reversed(self.rules):
            if rule.matches(parts, is_dir):
                return not rule.negated
        return False

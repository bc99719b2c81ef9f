"""Structured data on a page: JSON-LD parsed once per document, and microdata
as plain dicts.

`jsonld(doc)` parses every `<script type="application/ld+json">` once and
caches the result on the document, so every rule that wants structured data
(FAQPage, author, dates) shares one parse. Each entry is `(script, value)`
where value is the parsed JSON or a `JsonLdError` carrying the exact raw
offset of the problem. Hostile input is bounded: a script larger than
MAX_SCRIPT is not parsed, JSON nested too deeply for the decoder is an
error rather than a crash, and every walk over parsed data is iterative.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Callable, Iterator, cast

from healthlint.model import Document, MicroItem, Script
from healthlint.source import Span

MAX_SCRIPT = 2 * 1024 * 1024  # characters of one JSON-LD script we are willing to parse
MAX_DEPTH = 64  # how deep walks over parsed JSON-LD go looking for typed nodes

Path = tuple[Any, ...]  # JSON path: str keys and int indexes


@dataclass(slots=True, eq=False)
class JsonLdError:
    """A JSON-LD script that could not be read."""

    kind: str  # syntax | too-deep | too-large
    message: str
    offset: int  # raw offset in the file where the problem is


@dataclass(slots=True, eq=False)
class Node:
    """A typed JSON-LD node (a dict with "@type") and where it sits."""

    script: Script
    root: Any  # the script's parsed value
    path: Path
    value: dict[str, Any]

    @property
    def types(self) -> frozenset[str]:
        return types_of(self.value)


# -- parsing -------------------------------------------------------------------
def jsonld(doc: Document) -> list[tuple[Script, Any]]:
    """Every JSON-LD script of the page with its parsed value or a JsonLdError."""
    cached = doc._cache.get("structured:jsonld")
    if cached is None:
        cached = doc._cache["structured:jsonld"] = [(s, _parse(doc, s)) for s in doc.jsonld]
    return cached


def _parse(doc: Document, script: Script) -> Any:
    body = script.body
    if len(body) > MAX_SCRIPT:
        return JsonLdError("too-large", f"the JSON-LD script is {len(body) // 1024} KB, larger than "
                           f"{MAX_SCRIPT // (1024 * 1024)} MB; healthlint does not read it", script.span.start)
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        return JsonLdError("syntax", f"invalid JSON: {exc.msg}", raw_offset(doc, script, exc.pos))
    except RecursionError:
        return JsonLdError("too-deep", "the JSON is nested too deeply to be read (more than about "
                           "1,000 levels); no consumer will read this structured data", script.span.start)


def raw_offset(doc: Document, script: Script, pos: int) -> int:
    """Raw file offset of offset `pos` inside script.body."""
    body = script.body
    pos = max(0, min(pos, len(body)))
    start = script.body_start
    # whether the body is the source verbatim, and where its lines start: found
    # once per script, as a page's findings may ask for thousands of offsets in it
    key = ("structured:body_lines", id(script))
    body_lines = doc._cache.get(key)
    if body_lines is None:
        verbatim = doc.source.text.startswith(body, start)
        body_lines = doc._cache[key] = None if verbatim else [0] + [m.end() for m in re.finditer("\n", body)]
    if body_lines is None:
        return start + pos
    # the script sat in an indented Markdown HTML block: map line by line
    line_index = bisect_right(body_lines, pos) - 1
    line_start = body_lines[line_index]
    line_end = body.find("\n", pos)
    piece = body[line_start : line_end if line_end != -1 else len(body)]
    first_line = doc.source.position(start)[0]
    line_no = min(first_line + line_index, len(doc.source.line_starts))
    raw_line = doc.source.line_text(line_no)
    col = raw_line.rfind(piece) if piece else 0
    if col < 0:
        col = 0
    return doc.source.line_starts[line_no - 1] + col + (pos - line_start)


# -- types and nodes -------------------------------------------------------------
_TYPE_PREFIX = re.compile(r"^(?:(?:https?://)?(?:www\.)?schema\.org/|schema:)", re.I)


def short_type(value: Any) -> str:
    return _TYPE_PREFIX.sub("", value) if isinstance(value, str) else ""


def types_of(node: Any) -> frozenset[str]:
    """Short schema.org type names of a node ("FAQPage"), @type string or list."""
    if not isinstance(node, dict):
        return frozenset()
    raw = node.get("@type")
    if isinstance(raw, list):
        return frozenset(short_type(t) for t in raw if isinstance(t, str))
    return frozenset({short_type(raw)}) if isinstance(raw, str) else frozenset()


def walk(value: Any, max_depth: int = MAX_DEPTH) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every dict inside value with its path, depth first, in document order;
    iterative, so no input can exhaust the stack."""
    stack: list[tuple[Path, Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if len(path) > max_depth:
            continue
        if isinstance(item, dict):
            yield path, item
            stack.extend((path + (k,), v) for k, v in reversed(list(item.items())) if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend((path + (i,), v) for i, v in reversed(list(enumerate(item))) if isinstance(v, (dict, list)))


def nodes(doc: Document) -> list[Node]:
    """Every typed node in every readable JSON-LD script (cached)."""
    cached = doc._cache.get("structured:nodes")
    if cached is None:
        cached = []
        for script, value in jsonld(doc):
            if isinstance(value, JsonLdError):
                continue
            for path, node in walk(value):
                if "@type" in node:
                    cached.append(Node(script, value, path, node))
        doc._cache["structured:nodes"] = cached
    return cached


def by_id(doc: Document) -> dict[str, Node]:
    """Nodes with an "@id" and any other property, for resolving references
    (Yoast puts each Question in @graph and refers to it by @id)."""
    cached = doc._cache.get("structured:ids")
    if cached is None:
        cached = {}
        for script, value in jsonld(doc):
            if isinstance(value, JsonLdError):
                continue
            for path, node in walk(value):
                ident = node.get("@id")
                if isinstance(ident, str) and len(node) > 1 and ident not in cached:
                    cached[ident] = Node(script, value, path, node)
        doc._cache["structured:ids"] = cached
    return cached


def has_context(root: Any, path: Path) -> bool:
    """Whether the node at path sits under an "@context" naming schema.org."""
    item = root
    for key in (None, *path):
        if key is not None:
            try:
                item = item[key]
            except (KeyError, IndexError, TypeError):
                return False
        if isinstance(item, dict) and "schema.org" in json.dumps(item.get("@context", ""), ensure_ascii=False):
            return True
    return False


def format_path(path: Path) -> str:
    """A JSON path as people read it: @graph[2].mainEntity[0].acceptedAnswer."""
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "(top level)"


# -- locating a JSON path in the raw script ----------------------------------------
_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SCALAR = re.compile(r"[^\s,\]}]+")
_BRACKETS = re.compile(r'[{}\[\]"]')


def _value_end(s: str, i: int) -> int:
    c = s[i]
    if c == '"':
        m = _STRING.match(s, i)
        return m.end() if m else len(s)
    if c in "{[":
        depth = 0
        j = i
        while True:
            m = _BRACKETS.search(s, j)
            if m is None:
                return len(s)
            ch = m.group()
            if ch == '"':
                sm = _STRING.match(s, m.start())
                j = sm.end() if sm else len(s)
            elif ch in "{[":
                depth += 1
                j = m.end()
            else:
                depth -= 1
                j = m.end()
                if depth == 0:
                    return j
    m = _SCALAR.match(s, i)
    return m.end() if m else i + 1


def locate_in_body(body: str, path: Path, index: dict[Any, Any] | None = None) -> tuple[int, int] | None:
    """(start, end) of the value at path inside a JSON text, or None.

    index: what earlier calls on the same body learnt (where each container's
    values start, where values end); with it, locating the n-th of many
    questions does not skip over the n - 1 before it again."""
    if index is None:
        index = {}
    ws = cast(Callable[[str, int], "re.Match[str]"], _WS.match)  # [ \t\n\r]* always matches
    try:
        i = ws(body, 0).end()
        for key in path:
            if isinstance(key, int):
                if body[i] != "[":
                    return None
                found = _array_item(body, i, key, index)
                if found is None:
                    return None
                i = found
            else:
                if body[i] != "{":
                    return None
                members = _object_members(body, i, index)
                if members is None or key not in members:
                    return None
                i = members[key]
        end = index.get(("end", i))
        if end is None:
            end = index[("end", i)] = _value_end(body, i)
        return i, end
    except IndexError:
        return None


def _array_item(body: str, i: int, key: int, index: dict[Any, Any]) -> int | None:
    """Start of item `key` of the array opening at i, or None. The starts are
    found once and extended only as far as asked for."""
    ws = cast(Callable[[str, int], "re.Match[str]"], _WS.match)  # [ \t\n\r]* always matches
    entry = index.get(("array", i))
    if entry is None:
        entry = index[("array", i)] = [[ws(body, i + 1).end()], False]  # item starts so far, finished
    starts, finished = entry
    while len(starts) <= key and not finished:
        j = starts[-1]
        try:
            if body[j] == "]":
                entry[1] = finished = True
                break
            j = ws(body, _value_end(body, j)).end()
            if body[j] == ",":
                j = ws(body, j + 1).end()
        except IndexError:
            entry[1] = finished = True
            break
        starts.append(j)
    if key >= len(starts) or body[starts[key]] == "]":
        return None
    return starts[key]


def _object_members(body: str, i: int, index: dict[Any, Any]) -> dict[str, int] | None:
    """Name -> value start of the object opening at i (the last duplicate key
    wins, as in json.loads), or None when it cannot be read; read once."""
    key = ("object", i)
    if key in index:
        return index[key]
    ws = cast(Callable[[str, int], "re.Match[str]"], _WS.match)  # [ \t\n\r]* always matches
    members: dict[str, int] = {}
    readable = True
    try:
        i = ws(body, i + 1).end()
        while body[i] != "}":
            m = _STRING.match(body, i)
            if m is None:
                readable = False
                break
            name = json.loads(m.group())
            i = ws(body, m.end()).end()
            if body[i] != ":":
                readable = False
                break
            i = ws(body, i + 1).end()
            members[name] = i
            i = ws(body, _value_end(body, i)).end()
            if body[i] == ",":
                i = ws(body, i + 1).end()
    except (IndexError, ValueError):
        readable = False
    index[key] = members if readable else None
    return index[key]


def locate(doc: Document, script: Script, path: Path, whole: bool = True) -> Span:
    """Raw span of the value at path in a JSON-LD script; for an object or
    array (or when whole is False) only its first character. Falls back to
    the nearest enclosing value that can be found, then to the script."""
    index = doc._cache.setdefault(("structured:json_index", id(script)), {})
    for cut in range(len(path), -1, -1):
        found = locate_in_body(script.body, path[:cut], index)
        if found is not None:
            start, end = found
            if not whole or script.body[start : start + 1] in ("{", "["):
                end = start + 1
            return Span(raw_offset(doc, script, start), raw_offset(doc, script, end))
    return script.span


# -- microdata -------------------------------------------------------------------
def microdata_dict(item: MicroItem, max_depth: int = MAX_DEPTH) -> tuple[dict[str, Any], dict[Path, Span]]:
    """A microdata item as a JSON-LD-like dict ({"@type": ..., prop: value or
    [values]}) and the source span of every path in it."""
    spans: dict[Path, Span] = {(): item.span}
    root: dict[str, Any] = {}
    stack: list[tuple[MicroItem, dict[str, Any], Path]] = [(item, root, ())]
    seen: set[int] = set()
    while stack:
        current, out, path = stack.pop()
        if id(current) in seen or len(path) > max_depth:
            continue
        seen.add(id(current))
        itemtype = current.type.split()[0] if current.type.split() else ""
        if itemtype:
            out["@type"] = short_type(itemtype.rstrip("/"))
        counts: dict[str, int] = {}
        for name, _, _ in current.props:
            counts[name] = counts.get(name, 0) + 1
        for name, value, span in current.props:
            if counts[name] > 1:
                index = len(out.setdefault(name, []))
                sub_path = path + (name, index)
            else:
                index = None
                sub_path = path + (name,)
            if isinstance(value, MicroItem):
                child: dict[str, Any] = {}
                stack.append((value, child, sub_path))
                stored: Any = child
            else:
                stored = value
            if index is None:
                out[name] = stored
            else:
                out[name].append(stored)
            spans[sub_path] = span
    return root, spans

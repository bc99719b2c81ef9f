"""Read a file, decode it and parse it once into a Document."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from healthlint.errors import InputError
from healthlint.model import Document
from healthlint.source import SourceText
from healthlint.stagetimes import stage

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
ARTICLE_SUFFIXES = HTML_SUFFIXES | MARKDOWN_SUFFIXES
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


def format_for(path: str, text: str | None = None) -> str:
    """By suffix; a name with another suffix (readme.txt) by its content."""
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES or text is None:
        return "html"
    from healthlint.sniff import content_format

    return content_format(text)


def declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    m = _XML_DECL.match(head) or _CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff(data: bytes) -> tuple[str, bytes]:
    """The encoding a file is in, and the byte-order mark it starts with."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", codecs.BOM_UTF8
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", b""  # the utf-16 codec reads and writes the mark itself
    encoding = declared_encoding(data) or "utf-8"
    if encoding.startswith("utf-16") and b"\x00" not in data[:200]:
        encoding = "utf-8"  # a page that says utf-16 but is ASCII-compatible bytes
    return encoding, b""


def decode(data: bytes, path: str) -> str:
    """UTF-8 with or without BOM; another encoding when the file declares one
    (<meta charset>, an XML declaration). Undecodable input is an error."""
    encoding, bom = sniff(data)
    data = data[len(bom) :]
    if b"\x00" in data[:8000] and not encoding.startswith("utf-16"):
        raise InputError(f"{path}: binary file (contains NUL bytes), not an article")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: cannot decode as {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8 or declare its encoding with <meta charset>"
        ) from None
    except LookupError:
        raise InputError(f"{path}: unknown encoding {encoding!r}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def read_limited(handle: BinaryIO, max_bytes: int, expected: int = 0) -> bytes:
    """At most max_bytes + 1 bytes of handle. A read allocates the size it is
    asked for, so the first asks for what the file holds (expected), never
    for the limit itself: a 30-digit max-file-size must not mean a 10^30-byte
    buffer; more comes in 1 MiB steps (a growing file, stdin, /proc)."""
    want = max_bytes + 1
    parts = [handle.read(max(0, min(want, expected + 1)))]
    got = len(parts[0])
    while got < want:
        more = handle.read(min(want - got, 1 << 20))
        if not more:
            break
        parts.append(more)
        got += len(more)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        # O_NONBLOCK: opening a FIFO named like an article must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb", closefd=True) as handle:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                raise InputError(f"{path}: not a regular file (a FIFO, socket or device); not linted")
            data = read_limited(handle, max_bytes, status.st_size)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file (was it deleted during the run?)") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _within_limit(data, max_bytes, str(path))


def read_stream(handle: BinaryIO, max_bytes: int, name: str) -> bytes:
    """Standard input, with the size limit of a file."""
    return _within_limit(read_limited(handle, max_bytes), max_bytes, name)


def _within_limit(data: bytes, max_bytes: int, name: str) -> bytes:
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: larger than the size limit of {max_bytes:,} bytes; raise max-file-size in the "
            "config or with --max-file-size if this really is one article"
        )
    return data


@stage("parse + document model")
def parse_text(text: str, path: str, fmt: str | None = None) -> Document:
    fmt = fmt or format_for(path, text)
    doc = Document(path=path, format=fmt, source=SourceText(text))
    if fmt == "markdown":  # markdown-it is imported only when a Markdown file is linted
        from healthlint.parse.markdown import parse_markdown

        parse_markdown(doc)
    else:
        from healthlint.parse.html import parse_html

        parse_html(doc)
    return doc

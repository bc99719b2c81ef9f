"""Tell HTML from Markdown by content, for text whose name does not say:
standard input without --stdin-filename, and a file named on the command
line with another suffix (readme.txt).

Front matter or `#` headings mean Markdown; a document skeleton (doctype,
<html>, <body>) or block-level tags without Markdown headings mean HTML;
plain text is read as Markdown, where it is simply paragraphs.
"""

from __future__ import annotations

import re

_HEAD = 65536  # the first 64 KB decide; an article shows its kind at the top
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_SKELETON = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|article|section|main|ul|ol|table|blockquote)\b[^>]*>", re.I)


def content_format(text: str) -> str:
    """'markdown' or 'html'."""
    head = text[:_HEAD]
    if _FRONT_MATTER.match(head):
        return "markdown"
    if _SKELETON.search(head):
        return "html"
    if _ATX_HEADING.search(head):
        return "markdown"
    return "html" if _BLOCK_TAG.search(head) else "markdown"


def stdin_name(text: str) -> str:
    """The name standard input is reported under when --stdin-filename is not given."""
    return "stdin.md" if content_format(text) == "markdown" else "stdin.html"

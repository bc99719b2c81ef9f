"""Text that reaches a CI log: file names, messages and article excerpts are
untrusted, and a CI runner reads commands out of its log. GitHub Actions
runs a line as a workflow command when it starts with "::" (after leading
white space) and reads "##[" anywhere in a line; Azure Pipelines reads
"##vso[". So every untrusted piece printed to a log has its line breaks and
other control characters written as visible escapes (no piece can start a
line of its own), a leading "::" and every "##[" / "##vso[" broken by a
backslash, and lone surrogates (undecodable bytes in a file name) escaped so
the output is valid UTF-8.
"""

from __future__ import annotations

import re
from typing import Any

_UNSAFE_CHAR = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_COMMAND = re.compile(r"##(vso)?\[")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _char_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def log_text(value: Any) -> str:
    """One untrusted piece of a log line, made inert."""
    text = _UNSAFE_CHAR.sub(_char_escape, str(value))
    text = _COMMAND.sub(lambda m: m.group().replace("[", "\\["), text)
    stripped = text.lstrip()
    if stripped.startswith("::"):
        text = text[: len(text) - len(stripped)] + "\\" + stripped
    return text


def escape_surrogates(text: str) -> str:
    """Lone surrogates (undecodable bytes of a file name) as visible \\uXXXX text."""
    return _SURROGATE.sub(_char_escape, text)


def json_text(text: str) -> str:
    """JSON (report, SARIF) safe for a log and for UTF-8, meaning unchanged:
    "##[" has its bracket as a JSON escape, lone surrogates become \\uXXXX escapes."""
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _COMMAND.sub(lambda m: m.group()[:-1] + "\\u005b", text)


def markup_text(text: str) -> str:
    """An HTML report: lone surrogates cannot be written as UTF-8; U+FFFD stands for them."""
    return _SURROGATE.sub("\ufffd", text)


def for_output(fmt: str, text: str) -> str:
    """A whole rendered JSON, SARIF or HTML report made safe for a log and UTF-8
    (text and github escape piece by piece as they build their lines)."""
    if fmt in ("json", "sarif"):
        return json_text(text)
    if fmt == "html":
        return markup_text(text)
    return text

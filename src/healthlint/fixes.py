"""--fix and --diff: apply the edits findings carry, safely.

An edit is (start, end, text) in raw offsets of the decoded file. Edits of a
file are applied from the end backwards so earlier offsets stay valid;
overlapping edits are skipped.

Edits are only ever applied to the text they were computed from: a file is
locked (safe_write.LockedArticle), read and linted again under the lock, and
written only if, just before the rename, it is still that inode with those
bytes. The report then comes from linting the text as written, so it lists
what remains at the positions in the fixed file. Standard input is never
written anywhere but standard output (the way editors call formatters).
"""

from __future__ import annotations

import codecs
import difflib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from healthlint.errors import InputError
from healthlint.loader import decode, sniff
from healthlint.safe_write import LockedArticle, RefusedWrite
from healthlint.report.escape import log_text

# Python codecs that name no web charset: they turn backslashes into
# characters on reading, so writing the text back changes bytes the fix
# never touched.
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"})


class FixRefused(Exception):
    """A file the fix leaves untouched; the message says why."""


@dataclass
class FixOutcome:
    result: dict[str, Any]  # what to report: the text as written, or as it was
    fixed: int = 0  # findings whose edits were applied
    message: str | None = None  # one line for standard error
    failed: bool = False
    output: bytes | None = None  # the diff (--diff) or the fixed document (standard input)

    def emit(self, diff: bool) -> int | None:
        """Standard input under --fix or --diff: the message to standard
        error, the document or diff to standard output. The exit code when
        the run ends here (--diff, a failed fix), else None (the report follows)."""
        if self.message:
            sys.stderr.write(log_text(self.message) + "\n")
        sys.stdout.flush()
        sys.stdout.buffer.write(self.output or b"")
        sys.stdout.flush()
        error = self.result.get("error")
        if diff:
            if error:
                sys.stderr.write(f"healthlint: error: {log_text(error)}\n")
            return 2 if self.failed or error else 1 if self.output else 0
        return 2 if self.failed else None


def _apply(text: str, edits: list[dict[str, Any]]) -> tuple[str, set[int]]:
    """The edited text and the indexes of the edits that were applied."""
    order = sorted(range(len(edits)), key=lambda i: (edits[i]["start"], edits[i]["end"]), reverse=True)
    applied: set[int] = set()
    last_start = len(text) + 1
    for i in order:
        edit = edits[i]
        if edit["end"] > last_start:
            continue  # overlaps an edit already applied
        text = text[: edit["start"]] + edit["text"] + text[edit["end"] :]
        last_start = edit["start"]
        applied.add(i)
    return text, applied


def fixable(result: dict[str, Any]) -> bool:
    # a WordPress post or a fetched page is never written back: healthlint.sources writes a copy for review
    return not result.get("error") and not result.get("source") and any(f.get("fix") for f in result["findings"])


def fix_text(text: str, result: dict[str, Any]) -> tuple[str, int]:
    """The text with every fix of result applied, and how many findings that
    fixes (a finding whose edits overlap another's is left for a later run)."""
    edits: list[dict[str, Any]] = []
    owner: list[int] = []
    fixes = [f["fix"] for f in result["findings"] if f.get("fix")]
    for n, fix in enumerate(fixes):
        edits.extend(fix["edits"])
        owner.extend([n] * len(fix["edits"]))
    new_text, applied = _apply(text, edits)
    whole = {n for n in range(len(fixes)) if all(i in applied for i, o in enumerate(owner) if o == n)}
    return new_text, len(whole) if new_text != text else 0


def write_codec(data: bytes) -> tuple[str, bytes]:
    """The codec and byte-order mark that write text back as the bytes it
    was read from: the BOM's byte order for UTF-16, no BOM added to a file
    that declares utf-8-sig without one."""
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", codecs.BOM_UTF16_BE
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", codecs.BOM_UTF16_LE
    encoding, bom = sniff(data)
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    elif encoding == "utf-16":
        encoding = "utf-16-le"  # no BOM: the web's default byte order, and no BOM added
    return encoding, bom


def encode_like(data: bytes, text: str, new_text: str) -> bytes:
    """new_text in the encoding data is in, if that codec gives back data
    byte for byte from text; else FixRefused (a fix must change nothing but
    its edits)."""
    encoding, bom = write_codec(data)
    if codecs.lookup(encoding).name in _NOT_CHARSETS:
        raise FixRefused(f"its declared encoding {encoding} is not a character set; writing it back would "
                         "change bytes the fix does not touch")
    try:
        if bom + text.encode(encoding) != data:
            raise FixRefused(f"writing it back as {encoding} does not give the same bytes")
        out = bom + new_text.encode(encoding)
    except UnicodeEncodeError:
        raise FixRefused(f"the fix adds characters that {encoding} cannot hold") from None
    if decode(out, "") != new_text:
        raise FixRefused(f"the fixed text does not read back the same as {encoding}")
    return out


def unified_diff(display: str, text: str, new_text: str) -> str:
    lines = difflib.unified_diff(text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                                 f"a/{display}", f"b/{display}")
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _diff_bytes(display: str, text: str, new_text: str) -> bytes:
    return unified_diff(display, text, new_text).encode("utf-8", "replace")


def _fixed_message(count: int, display: str, where: str = "") -> str:
    return f"healthlint: fixed {count} finding{'s' if count != 1 else ''} in {display}{where}"


def _refused(result: dict[str, Any], display: str, reason: str) -> FixOutcome:
    return FixOutcome(result, message=f"healthlint: error: {display}: fix not applied: {reason}", failed=True)


def fix_file(result: dict[str, Any], linter: Any, *, diff: bool = False) -> FixOutcome:
    """Fix (or, with diff, show the fix of) the file a result came from."""
    if not fixable(result):
        return FixOutcome(result)
    display = result["path"]
    path = Path(display)
    settings = linter.settings_for(path)
    try:
        with LockedArticle(path, settings.max_file_size) as article:
            if not diff:
                reason = article.refusal()
                if reason:
                    raise FixRefused(reason)
            text = decode(article.data, display)
            before = linter.lint_text(text, display, settings)
            new_text, count = fix_text(text, before)
            if not count:
                return FixOutcome(before)
            new_data = encode_like(article.data, text, new_text)
            if diff:
                return FixOutcome(before, count, output=_diff_bytes(display, text, new_text))
            article.replace(new_data)
    except (FixRefused, RefusedWrite) as exc:
        return _refused(result, display, str(exc))
    except InputError as exc:
        return _refused(result, display, str(exc).removeprefix(f"{display}: "))
    except OSError as exc:
        return _refused(result, display, exc.strerror or str(exc))
    return FixOutcome(linter.lint_text(new_text, display, settings), count, _fixed_message(count, display))


def fix_stdin(data: bytes, result: dict[str, Any], linter: Any, settings: Any, *, diff: bool = False) -> FixOutcome:
    """The fix of text read from standard input: output is the whole fixed
    document (unchanged when nothing is fixed or the fix fails), or the diff."""
    display = result["path"]
    keep = b"" if diff else data
    if result.get("error"):
        return FixOutcome(result, output=keep)
    try:
        text = decode(data, display)
        new_text, count = fix_text(text, result)
        if not count:
            return FixOutcome(result, output=keep)
        new_data = encode_like(data, text, new_text)
    except (FixRefused, InputError) as exc:
        outcome = _refused(result, display, str(exc))
        outcome.output = keep
        return outcome
    if diff:
        return FixOutcome(result, count, output=_diff_bytes(display, text, new_text))
    after = linter.lint_text(new_text, display, settings)
    return FixOutcome(after, count, _fixed_message(count, display, " (written to standard output)"), output=new_data)


class Fixer:
    """Fixes results as the check loop hands them over; counts what it did."""

    def __init__(self, linter: Any, *, diff: bool = False, stream: Any = None):
        self.linter = linter
        self.diff = diff
        self.stream = stream or sys.stderr
        self.fixed = 0
        self.files = 0
        self.failed = False

    def __call__(self, result: dict[str, Any]) -> FixOutcome:
        outcome = fix_file(result, self.linter, diff=self.diff)
        self.record(outcome)
        return outcome

    def record(self, outcome: FixOutcome) -> None:
        if outcome.fixed:
            self.fixed += outcome.fixed
            self.files += 1
        self.failed = self.failed or outcome.failed
        if outcome.message:
            self.stream.write(log_text(outcome.message) + "\n")

    def summary(self) -> str:
        if self.diff:
            return (f"healthlint: {self.fixed} finding{'s' if self.fixed != 1 else ''} in {self.files} "
                    f"file{'s' if self.files != 1 else ''} would be fixed")
        return f"healthlint: fixed {self.fixed} finding{'s' if self.fixed != 1 else ''} in {self.files} " \
               f"file{'s' if self.files != 1 else ''}"


def print_diffs(results: Iterable[dict[str, Any]], linter: Any) -> int:
    """--diff over files: each fix as a unified diff on standard output,
    nothing written; the exit code (1: there is a diff, 2: an error)."""
    fixer = Fixer(linter, diff=True)
    errors = 0
    out = sys.stdout
    for result in results:
        if result.get("error"):
            errors += 1
            fixer.stream.write(f"healthlint: error: {result['error']}\n")
            continue
        outcome = fixer(result)
        if outcome.output:
            out.flush()
            out.buffer.write(outcome.output)
    out.flush()
    fixer.stream.write(fixer.summary() + "\n")
    if errors or fixer.failed:
        return 2
    return 1 if fixer.fixed else 0

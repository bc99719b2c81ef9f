"""--fix: apply the edits findings carry, atomically, to the files they came from.

An edit is (start, end, text) in raw offsets of the decoded file. Edits of a
file are applied from the end backwards so earlier offsets stay valid;
overlapping edits are skipped. Files whose fix would change nothing are not
touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from healthlint.loader import decode, read_source, sniff
from healthlint.safe_write import atomic_write_bytes


def apply_edits(text: str, edits: Iterable[dict[str, Any]]) -> str:
    ordered = sorted(edits, key=lambda e: (e["start"], e["end"]), reverse=True)
    last_start = len(text) + 1
    for edit in ordered:
        if edit["end"] > last_start:
            continue  # overlaps an edit already applied
        text = text[: edit["start"]] + edit["text"] + text[edit["end"] :]
        last_start = edit["start"]
    return text


def apply_fixes(results: list[dict[str, Any]]) -> list[str]:
    messages = []
    for result in results:
        edits = [e for f in result["findings"] if f.get("fix") for e in f["fix"]["edits"]]
        if not edits or result.get("error") or result.get("source"):
            continue  # a WordPress post or a fetched page: healthlint.sources wrote a copy for review
        path = Path(result["path"])
        try:
            data = read_source(path, max(path.stat().st_size, 1))
            encoding, bom = sniff(data)
            text = decode(data, result["path"])
            new_text = apply_edits(text, edits)
            if new_text != text:
                atomic_write_bytes(path, bom + new_text.encode(encoding))
                fixed = sum(1 for f in result["findings"] if f.get("fix"))
                messages.append(f"healthlint: fixed {fixed} finding(s) in {result['path']}")
        except Exception as exc:  # noqa: BLE001 - a failed fix leaves the file as it was
            messages.append(f"healthlint: error: {result['path']}: fix not applied: {exc}")
    return messages

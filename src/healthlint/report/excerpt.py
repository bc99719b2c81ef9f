"""Where a finding's span sits in its excerpt, for every writer that shows one.

The engine cuts a long line to a window around the finding and records the
column the window starts at (``excerpt_column``); the span's offset in the
excerpt is ``column - excerpt_column``. Text and HTML both split the excerpt
here, so they underline exactly the same characters.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Parts(NamedTuple):
    before: str
    mark: str
    after: str


def split(f: dict[str, Any], before_max: int, mark_max: int, after_max: int) -> Parts | None:
    """The excerpt as text before the span, the span, and text after it.

    The span runs from ``column`` to ``end_column`` (exclusive) when the
    finding ends on the same line, else to the end of the excerpt. Each part
    longer than its maximum is cut, with an ellipsis on the cut side. Columns
    outside the excerpt are clamped, never raise. A finding without a column
    gets the stripped excerpt as ``before`` and no mark.
    """
    excerpt = f.get("excerpt")
    if excerpt is None:
        return None
    col = f.get("column")
    if not col:
        limit = before_max + mark_max + after_max
        return Parts(_cut_end(excerpt.strip(), limit), "", "")
    origin = int(f.get("excerpt_column") or 1)
    n = len(excerpt)
    start = min(max(int(col) - origin, 0), n)
    end = n
    if f.get("end_line") in (None, f.get("line")) and f.get("end_column"):
        end = min(max(int(f["end_column"]) - origin, start), n)
    before, mark, after = excerpt[:start], excerpt[start:end], excerpt[end:]
    if len(before) > before_max:
        before = "…" + before[len(before) - before_max :]
    return Parts(before, _cut_end(mark, mark_max), _cut_end(after, after_max))


def _cut_end(text: str, limit: int) -> str:
    return text[:limit] + "…" if len(text) > limit else text

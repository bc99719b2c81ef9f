"""The types of a report, mirroring schemas/report.schema.json key by key.

Results are the plain dicts every reporter, the cache and `healthlint merge`
already share; these TypedDicts only name their shape for type checkers and
readers of the public API (tests/test_api.py keeps them equal to the schema).
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

Severity = Literal["error", "warning", "info"]


class Edit(TypedDict):
    start: int  # character offsets into the file's text
    end: int
    text: str


class Fix(TypedDict):
    description: str
    edits: list[Edit]


class Suppression(TypedDict):
    kind: Literal["inline", "front-matter", "config", "baseline"]
    reason: str | None


class Finding(TypedDict):
    rule: str
    category: str
    severity: Severity
    message: str
    line: int | None  # 1-based; None for a finding about the whole document
    column: int | None  # 1-based, in code points
    end_line: int | None
    end_column: int | None
    excerpt: str | None
    excerpt_column: NotRequired[int | None]
    fix: Fix | None
    suggestion: str | None
    fingerprint: str
    approximate: bool
    suppression: NotRequired[Suppression]


class Stats(TypedDict):
    words: int
    sentences: int
    paragraphs: int
    headings: int
    links: int
    keyword_count: int | None
    keyword_density: float | None
    flesch: float | None
    long_sentence_share: float | None


class RulesRun(TypedDict):
    run: list[str]
    not_applicable: list[str]


class FileResult(TypedDict):
    path: str
    format: Literal["html", "markdown"] | None
    language: Literal["nl", "en"] | None
    keyword: str | None
    error: str | None  # why the file could not be linted; then the rest is empty
    stats: Stats | None
    scores: dict[str, int]  # per category and "overall", 0-100
    rules: RulesRun
    findings: list[Finding]
    suppressed: list[Finding]
    source: NotRequired[dict[str, Any]]  # a WordPress post or fetched page


class Tool(TypedDict):
    name: Literal["healthlint"]
    version: str


class Summary(TypedDict):
    files: int
    errors: int
    warnings: int
    infos: int
    suppressed: int
    file_errors: int


class Report(TypedDict):
    version: Literal["1"]
    tool: Tool
    files: list[FileResult]
    summary: Summary

"""Lint articles that do not live in local files: WordPress posts and
fetched pages. Each result is the usual per-file result plus a `source`
object (post id, title, status, edit link; or URL and fetch time) that every
report format shows."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable

from healthlint.engine import error_result
from healthlint.model import Document

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-.")[:120] or "article"


def settings_for(linter: Any, name: str) -> Any:
    """Settings as for a file of that name in the current folder: the
    current folder's config applies, and its per-file globs see the name."""
    return linter.settings_for(Path(os.getcwd(), safe_name(name) + ".html"))


def lint_source(linter: Any, display: str, name: str, size: int, build: Callable[[Any], Document],
                source: dict[str, Any], fix_dir: str | None = None) -> dict[str, Any]:
    """Build the document, lint it and attach where it came from; with
    fix_dir, write the fixed text there (never back to the source)."""
    settings = settings_for(linter, name)
    if size > settings.max_file_size:
        result = error_result(display, f"{display}: larger than the size limit of {settings.max_file_size:,} "
                                       "characters; raise max-file-size if this really is one article")
        result["source"] = source
        return result
    try:
        packs = linter.packs_for(settings)
        doc = build(packs)
        result = linter.lint_document(doc, settings, packs)
    except RecursionError:
        result = error_result(display, f"{display}: document too deeply nested to parse")
        doc = None
    result["source"] = source
    if fix_dir is not None and doc is not None:
        review = write_review_copy(doc.source.text, result, Path(fix_dir), name)
        if review is not None:
            source["fixed_copy"] = str(review)
    return result


def write_review_copy(text: str, result: dict[str, Any], folder: Path, name: str) -> Path | None:
    """The fixed text, for an editor to review and paste back by hand."""
    from healthlint.fixes import fix_text
    from healthlint.safe_write import atomic_write_text

    fixed, count = fix_text(text, result)
    if not count:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (safe_name(name) + ".html")
    atomic_write_text(target, fixed)
    return target


def lint_post(linter: Any, post: Any, fix_dir: str | None = None) -> dict[str, Any]:
    from healthlint.sources.post import post_document

    host = re.sub(r"^\w+://", "", post.site)
    name = f"{host}-{post.type}-{post.id}-{post.slug}" if post.slug else f"{host}-{post.type}-{post.id}"
    return lint_source(linter, post.display, name, len(post.content),
                       lambda packs: post_document(post, {lang: packs.words(lang, "stopwords") for lang in ("nl", "en")}),
                       post.source_info(), fix_dir)

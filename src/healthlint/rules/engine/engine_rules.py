"""Findings the engine itself reports. They have ids like every rule, so
they can be selected, ignored and suppressed the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class InternalError(Rule):
    """## What it does
    Reports a rule that crashed on this file. The other rules still ran.

    ## Why it matters
    A crash means the file was not fully checked; the message names the rule
    and where it failed so it can be reported and fixed.

    ## Example
    `rule claim-disease failed on this file (IndexError: ...)`

    ## Instead
    Report the message to the healthlint developers with the file if you can.
    """

    id = "internal-error"
    category = "engine"
    severity = "error"
    summary = "A rule crashed on this file"

    def check(self, doc: Document, ctx: Context) -> None:  # reported by the engine
        return None


class FrontMatterInvalid(Rule):
    """## What it does
    Flags YAML front matter that cannot be read (a syntax error, or not a
    mapping of keys to values).

    ## Why it matters
    Title, description, keyphrase, author and dates come from the front
    matter; when it cannot be read, the article is linted without them and
    your site generator probably fails on it too.

    ## Example
    ```
    ---
    title: Vitamine D: wat doet het?
    ---
    ```
    (an unquoted colon inside a value)

    ## Instead
    ```
    ---
    title: "Vitamine D: wat doet het?"
    ---
    ```
    """

    id = "front-matter-invalid"
    category = "engine"
    severity = "error"
    summary = "Front matter that is not valid YAML"

    def check(self, doc: Document, ctx: Context) -> None:  # reported by the engine
        return None


class SuppressionUnused(Rule):
    """## What it does
    Reports an inline `healthlint-disable` comment that suppresses nothing,
    or names a rule id that does not exist.

    ## Why it matters
    Stale suppressions hide future problems and typos in rule ids silently
    suppress nothing.

    ## Example
    `<!-- healthlint-disable-next-line claim-diseases -->`

    ## Instead
    Remove the comment, or fix the id: `<!-- healthlint-disable-next-line claim-disease -->`.
    """

    id = "suppression-unused"
    category = "engine"
    severity = "info"
    summary = "An inline suppression that matches no finding"

    def check(self, doc: Document, ctx: Context) -> None:  # reported by the engine
        return None


class LangConfigMismatch(Rule):
    """## What it does
    Warns when the language set in config (`lang`, or a per-file `lang`)
    contradicts the language the text is clearly written in, judged by
    counting Dutch and English function words (options `min_words`,
    `ratio`). It names both languages. It does not apply when the document
    declares its language or `--lang` is given.

    ## Why it matters
    healthlint runs the phrase lists of one language per file: an English
    article linted as Dutch silently gets none of the English claim,
    affiliate and trust checks.

    ## Example
    `lang = "nl"` in healthlint.toml, and an English article without a
    language of its own.

    ## Instead
    Declare the language in the article (`<html lang="en">`, front matter
    `lang: en`), or give that folder its own `lang` with a per-file entry.
    """

    id = "lang-config-mismatch"
    category = "engine"
    severity = "warning"
    summary = "The language set in config contradicts the text"

    def check(self, doc: Document, ctx: Context) -> None:  # reported by the engine
        return None

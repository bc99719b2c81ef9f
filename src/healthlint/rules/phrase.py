"""Phrase rules: a rule that is only phrase lists and a kind of check, as in
Vale's check kinds. The rule declares what it looks for; this base does the
looking, so no phrase rule writes its own loop.

- `existence`: every match of the `lists` is a finding ({match} in `message`).
- `cooccurrence`: a match of the first list with a match of the second in the
  same block, at most `window` words apart ({first}, {second}, {match} for
  the whole stretch).
- `absence`: one finding for the page when none of the `lists` matches
  anywhere in `scope` (with `either_language`, in either language's lists).

Optional filters leave a match alone: `skip_code` (inside code), `skip_quoted`
(between quotation marks), `skip_questions` (in a question),
`negator_words` (a negation among that many words before it) and
`negation_lists` (a phrase of these lists in the same sentence). A rule that
needs more overrides `keep(doc, ctx, match)`.

The lists a rule names are checked when the packs load: a language whose
packs lack one is an error naming the list, not a rule that silently finds
nothing (healthlint.engine.check_declared_lists).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from healthlint import evidence, text
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document
    from healthlint.text import Match

KINDS = ("existence", "cooccurrence", "absence")
OTHER_LANGUAGE = {"nl": "en", "en": "nl"}


class PhraseRule(Rule):
    kind: ClassVar[str] = "existence"
    scope: ClassVar[str] = "body"  # "body": the article body; "all": the whole page
    message: ClassVar[str]
    window: ClassVar[int] = 0  # cooccurrence: words allowed between the two phrases
    meta_message: ClassVar[str | None] = None  # existence: also search the title and meta description
    either_language: ClassVar[bool] = False  # absence: the other language's phrases count too
    skip_code: ClassVar[bool] = False
    skip_quoted: ClassVar[bool] = False
    skip_questions: ClassVar[bool] = False
    negator_words: ClassVar[int] = 0
    negation_lists: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "id" not in cls.__dict__:
            return
        assert cls.kind in KINDS, f"{cls.id}: kind must be one of {KINDS}"
        assert cls.lists, f"{cls.id}: a phrase rule names its phrase lists"
        assert cls.kind != "cooccurrence" or len(cls.lists) == 2, f"{cls.id}: cooccurrence takes two lists"

    @classmethod
    def lists_read(cls, lang: str) -> tuple[str, ...]:
        negators = ("negators",) if cls.negator_words else ()
        return (*super().lists_read(lang), *cls.negation_lists, *negators)

    def check(self, doc: Document, ctx: Context) -> None:
        if self.kind == "absence":
            self._absence(doc, ctx)
        elif self.kind == "cooccurrence":
            self._cooccurrence(doc, ctx)
        else:
            self._existence(doc, ctx)

    def keep(self, doc: Document, ctx: Context, match: Match) -> bool:
        """Whether a match is a finding, after the declared filters."""
        return True

    # -- the kinds ------------------------------------------------------------
    def _matches(self, doc: Document, ctx: Context, name: str) -> list[Match]:
        return [m for m in text.find(doc, ctx.phrases(name), scope=self.scope) if self._kept(doc, ctx, m)]

    def _existence(self, doc: Document, ctx: Context) -> None:
        for name in self.lists:
            for m in self._matches(doc, ctx, name):
                ctx.report(self.message.format(match=m.text), block=m.block, start=m.start, end=m.end)
        if self.meta_message is None:
            return
        for field in (doc.meta.title, doc.meta.description):
            if field is None:
                continue
            for name in self.lists:
                for start, end in ctx.phrases(name).matches(field.value):
                    ctx.report(self.meta_message.format(match=field.value[start:end]),
                               span=field.sub_span(start, end))

    def _cooccurrence(self, doc: Document, ctx: Context) -> None:
        first_list, second_list = self.lists
        seconds: dict[int, list[Match]] = {}
        for m in self._matches(doc, ctx, second_list):
            seconds.setdefault(m.block.index, []).append(m)
        for first in self._matches(doc, ctx, first_list):
            for second in seconds.get(first.block.index, ()):
                start, end = min(first.start, second.start), max(first.end, second.end)
                between = first.block.text[min(first.end, second.end):max(first.start, second.start)]
                if first.start < second.end and second.start < first.end or len(text.words(between)) > self.window:
                    continue  # the same words, or too far apart
                ctx.report(self.message.format(first=first.text, second=second.text,
                                               match=first.block.text[start:end]),
                           block=first.block, start=start, end=end)
                break

    def _absence(self, doc: Document, ctx: Context) -> None:
        langs = (ctx.lang, OTHER_LANGUAGE[ctx.lang]) if self.either_language and ctx.lang in OTHER_LANGUAGE \
            else (ctx.lang,)
        for lang in langs:
            for name in self.lists:
                if text.find(doc, ctx.phrases(name, lang), scope=self.scope):
                    return
        ctx.report(self.message)

    # -- filters --------------------------------------------------------------
    def _kept(self, doc: Document, ctx: Context, m: Match) -> bool:
        if self.skip_code and m.block.in_code(m.start, m.end):
            return False
        if self.skip_quoted or self.skip_questions or self.negation_lists:
            sentence = evidence.sentence_of(doc, ctx, m.block, m.start)
            if self.skip_quoted and evidence.quoted_at(m.block, sentence, m.start):
                return False
            if self.skip_questions and evidence.is_question(sentence):
                return False
            if self.negation_lists and evidence.negated(doc, ctx, m.block, sentence.start, sentence.end,
                                                        self.negation_lists):
                return False
        if self.negator_words and evidence.negator_before(ctx, m.block, m.start, self.negator_words):
            return False
        return self.keep(doc, ctx, m)

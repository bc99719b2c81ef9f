"""parse -> rules -> findings -> suppressions -> one result per file.

One direction only: a rule never re-parses, a reporter never re-runs a rule.
A file's result is a plain dict in the shape of the JSON report (schemas/
report.schema.json), so every reporter, the cache and `healthlint merge`
work from the same data.
"""

from __future__ import annotations

import gc
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from healthlint import suggest
from healthlint.analysis import document_stats
from healthlint.config import find_config, load_settings
from healthlint.context import MAX_FINDINGS_PER_RULE, Context, Finding
from healthlint.errors import HealthlintError, PackError, describe
from healthlint.loader import parse_text
from healthlint.model import Document
from healthlint.packs import Packs, load_packs
from healthlint.registry import CATEGORIES, SEVERITY_WEIGHT, Rule, all_rules, generation, resolve_selector
from healthlint.settings import Settings
from healthlint.stagetimes import stage
from healthlint.suppress import parse_suppressions
from healthlint.text import detect_language, language_counts

EXCERPT_MAX = 400
UNREADABLE_OVERALL = 0  # the overall score of an article whose front matter cannot be read


def severity_of(settings: Settings, rule_id: str) -> str:
    """A rule's effective severity in a file: the config's, else the rule's own."""
    return settings.severity_override(rule_id) or all_rules()[rule_id].severity


def enabled_rules(settings: Settings) -> tuple[type[Rule], ...]:
    """The rules a file's settings run (cached: files of a run share settings)."""
    return _enabled_rules_cached(settings, generation())


@lru_cache(maxsize=64)
def _enabled_rules_cached(settings: Settings, registry_generation: int) -> tuple[type[Rule], ...]:
    return tuple(_enabled_rules(settings))


def _enabled_rules(settings: Settings) -> list[type[Rule]]:
    selected: set[str] = set()
    for selector in settings.select:
        selected |= resolve_selector(selector)
    for selector in settings.ignore:
        selected -= resolve_selector(selector)
    rules = []
    for rid, cls in all_rules().items():
        if rid not in selected and cls.category != "engine":
            continue
        if cls.category == "engine" and any(rid in resolve_selector(s) for s in settings.ignore):
            continue
        if cls.status == "preview" and not settings.preview:
            continue
        rules.append(cls)
    return rules


def _fingerprint(path: str, rule: str, text: str, nth: int) -> str:
    normal = " ".join(text.split()).lower()
    # surrogatepass: text handed to lint_text may hold lone surrogates; hashing must not fail on them
    return hashlib.sha256(f"{path}\0{rule}\0{normal}\0{nth}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def choose_language(doc: Document, settings: Settings, cli_lang: str | None, packs: Packs) -> None:
    """Set doc.lang and doc.lang_source as `healthlint check` does: --lang, then the
    document's own declaration, then config, then the language its words are in."""
    declared = doc.meta.lang.value.split("-")[0].split("_")[0].lower() if doc.meta.lang else None
    if cli_lang:
        doc.lang, doc.lang_source = cli_lang, "cli"
    elif declared in ("nl", "en"):
        doc.lang, doc.lang_source = declared, "document"
    elif settings.lang:
        doc.lang, doc.lang_source = settings.lang, "config"
    else:
        stop = {lang: packs.words(lang, "stopwords") for lang in ("nl", "en")}
        doc.lang = detect_language(doc, stop) or "en"
        doc.lang_source = "detected"


_LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


def _check_config_language(doc: Document, ctx: Context) -> None:
    """Warn when the lang set in config contradicts the language the text is
    clearly written in: the other language's checks would silently not run."""
    rid = "lang-config-mismatch"
    if doc.lang_source != "config" or doc.lang not in _LANGUAGE_NAMES:
        return
    counts = language_counts(doc, {lang: ctx.packs.words(lang, "stopwords") for lang in _LANGUAGE_NAMES})
    other = "en" if doc.lang == "nl" else "nl"
    if counts[other] < int(ctx.option("min_words", rid)) or counts[other] < float(ctx.option("ratio", rid)) * counts[doc.lang]:
        return
    where = f" in {ctx.settings.config_path}" if ctx.settings.config_path else ""
    ctx.report(f'config{where} sets lang = "{doc.lang}" ({_LANGUAGE_NAMES[doc.lang]}), but the text reads as '
               f"{_LANGUAGE_NAMES[other]} ({other}), so the {_LANGUAGE_NAMES[other]} checks did not run; declare the "
               "language in the document (<html lang> or front matter lang) or fix lang in the config", rule_id=rid)


def _choose_keyword(doc: Document, settings: Settings, cli_keyword: str | None) -> None:
    """The focus keyphrase: the article's own (front matter keyword or
    focus_keyword) first, then --keyword, then a per-file config entry.

    An article that names its keyphrase is judged on it even in a run with
    --keyword, so one command can check a folder of articles with different
    keyphrases; never <meta name="keywords">.
    """
    if doc.meta.keyword is not None:
        doc.keyword = doc.meta.keyword.value
    elif cli_keyword:
        doc.keyword = cli_keyword
    elif settings.keyword:
        doc.keyword = settings.keyword


def check_declared_lists(packs: Packs) -> None:
    """Every phrase list a rule declares (Rule.lists, Rule.lang_lists) is in
    its languages' packs: a missing one is a PackError naming the list, the
    rule and the packs that do have it, not a list that silently matches nothing."""
    if packs.lists_checked_at == generation():
        return
    for cls in all_rules().values():
        for lang, by_name in packs.lists.items():
            for name in cls.lists_read(lang):
                if name in by_name:
                    continue
                elsewhere = sorted({f for files in packs.list_files.values() for f in files.get(name, ())})
                where = f" (only {', '.join(elsewhere)} defines it)" if elsewhere else ""
                raise PackError(f"rule {cls.id} reads the phrase list {name!r}, but no {lang!r} rule pack defines "
                                f"it{where}; add {name}: under lists: in a pack in rules/{lang}/")
    packs.lists_checked_at = generation()


class Linter:
    """Lints files with fixed command-line choices; config is found per file."""

    def __init__(self, base: Settings | None = None, *, cli_lang: str | None = None,
                 cli_keyword: str | None = None, explicit_config: bool = False,
                 overrides: dict[str, Any] | None = None):
        self.base = base or Settings()
        self.cli_lang = cli_lang
        self.cli_keyword = cli_keyword
        self.explicit_config = explicit_config
        self.overrides = overrides or {}
        self._packs: dict[tuple[str, ...], Packs] = {}
        self._settings_cache: dict[str, Settings] = {}
        self._recent_settings: dict[str, Settings] = {}
        # folder of a file -> (config file or "", the folder per-file globs are relative to)
        self._roots: dict[str, tuple[str, str]] = {}

    # -- settings -----------------------------------------------------------
    def settings_for(self, path: Path | None) -> Settings:
        """The effective settings of a file. A run asks for every file at least
        twice (to lint it, then for its fail-on), so the last few are kept."""
        if path is None:
            return self._settings_for(None)
        key = str(path)
        cached = self._recent_settings.get(key)
        if cached is None:
            if len(self._recent_settings) >= 256:
                self._recent_settings.clear()
            cached = self._recent_settings[key] = self._settings_for(path)
        return cached

    def _settings_for(self, path: Path | None) -> Settings:
        from dataclasses import replace

        base = self.base
        if path is None:
            return replace(base, **self.overrides) if self.overrides else base
        # abspath, not resolve(): no file system calls per file, and a symlinked article
        # takes the config of the folder it is linted in. Plain strings: this runs for
        # every file, cache hits included, and pathlib objects cost more than the lookup.
        absolute = os.path.abspath(path)
        folder = os.path.dirname(absolute)
        root = self._roots.get(folder)
        if root is None:
            config_file = None if self.explicit_config else find_config(Path(folder))
            if config_file is not None:
                key = str(config_file)
                if key not in self._settings_cache:
                    self._settings_cache[key] = load_settings(config_file)
                root = (key, os.path.dirname(os.path.abspath(config_file)))
            else:
                root = ("", os.path.abspath(os.path.dirname(base.config_path) if base.config_path else os.getcwd()))
            self._roots[folder] = root
        config_key, root_dir = root
        if config_key:
            base = self._settings_cache[config_key]
        if absolute.startswith(root_dir + os.sep):
            rel = absolute[len(root_dir) + 1 :]
        else:
            rel = str(path)
        base = base.for_file(rel.replace(os.sep, "/"))
        if self.overrides:
            base = replace(base, **self.overrides)
        return base

    def packs_for(self, settings: Settings) -> Packs:
        key = settings.extra_packs
        packs = self._packs.get(key)
        if packs is None:
            packs = load_packs([Path(p) for p in key])
            check_declared_lists(packs)
            self._packs[key] = packs
            # the packs' many small objects live as long as the run: moved out of the garbage
            # collector's sight, they are no longer traversed by every full collection (packs
            # load once per set of extra packs, so whatever else this freezes stays bounded)
            gc.freeze()
        return packs

    # -- linting ------------------------------------------------------------
    def lint_text(self, text: str, display: str, settings: Settings | None = None) -> dict[str, Any]:
        settings = settings or self.settings_for(None)
        packs = self.packs_for(settings)
        try:
            doc = parse_text(text, display)
            return self.lint_document(doc, settings, packs)
        except RecursionError:
            return error_result(display, f"{display}: document too deeply nested to parse")
        except HealthlintError:
            raise
        except Exception as exc:  # noqa: BLE001 - one file's crash is that file's error, the run goes on
            return internal_error_result(display, exc)

    @stage("rules' own code")
    def lint_document(self, doc: Document, settings: Settings, packs: Packs) -> dict[str, Any]:
        choose_language(doc, settings, self.cli_lang, packs)
        _choose_keyword(doc, settings, self.cli_keyword)
        ctx = Context(doc, settings, packs)
        run: list[str] = []
        not_applicable: list[str] = []
        if any(cls.id == "lang-config-mismatch" for cls in enabled_rules(settings)):
            _check_config_language(doc, ctx)
        for cls in enabled_rules(settings):
            if cls.category == "engine":
                continue
            rule = cls()
            ctx.rule_id = cls.id
            try:
                if (doc.front_matter_error is not None and cls.reads_front_matter) or not rule.applicable(doc, ctx):
                    not_applicable.append(cls.id)
                    continue
                run.append(cls.id)
                rule.check(doc, ctx)
            except Exception as exc:  # a broken rule must not end the run
                import traceback  # only a failing rule needs it

                where = traceback.extract_tb(exc.__traceback__)[-1]
                ctx.rule_id = None
                ctx.report(
                    f"rule {cls.id} failed on this file ({type(exc).__name__}: {exc} at "
                    f"{Path(where.filename).name}:{where.lineno}); please report this",
                    rule_id="internal-error",
                )
        ctx.rule_id = None
        for rid, count in ctx.counts.items():
            if count > MAX_FINDINGS_PER_RULE:
                ctx.findings.append(Finding(
                    rid,
                    f"{count - MAX_FINDINGS_PER_RULE} more findings of this rule in this file are not listed "
                    f"(only the first {MAX_FINDINGS_PER_RULE} are)", None))
        if doc.front_matter_error is not None:
            message, span = doc.front_matter_error
            ctx.report(message, span=span, rule_id="front-matter-invalid")
        result = self._result(doc, ctx, settings, run, not_applicable)
        # The analyses cached on the document (matches, sentences, FAQ markup that points back
        # at the document) form reference cycles: left alone, each article's thousands of
        # objects wait for the cyclic garbage collector, whose full passes cost several ms per
        # article. Dropped here, most are freed at once; a later reader recomputes them.
        doc._cache.clear()
        return result

    @stage("report")
    def _result(self, doc: Document, ctx: Context, settings: Settings, run: list[str],
                not_applicable: list[str]) -> dict[str, Any]:
        suppressions = parse_suppressions(doc, settings.inline_config)
        engine_ids = {cls.id for cls in enabled_rules(settings) if cls.category == "engine"}
        findings: list[dict[str, Any]] = []
        suppressed: list[dict[str, Any]] = []
        seen: dict[tuple[str, str], int] = {}
        for finding in sorted(ctx.findings, key=lambda f: (f.span.start if f.span else -1, f.rule)):
            if finding.rule in ("internal-error", "front-matter-invalid", "lang-config-mismatch") \
                    and finding.rule not in engine_ids:
                continue
            item = self._finding_dict(doc, finding, seen, settings)
            hit = suppressions.match(finding.rule, finding.span.start if finding.span else None)
            if hit is not None:
                item["suppression"] = {"kind": hit[0], "reason": hit[1]}
                suppressed.append(item)
            else:
                findings.append(item)
        if settings.inline_config and "suppression-unused" in engine_ids:
            # a suppression of rules that did not run here (not selected, or not
            # applicable) cannot be judged: removing it could bring findings back
            ran = set(run) | engine_ids
            for directive in suppressions.directives:
                problems = [f"unknown rule id or category {u!r}" + suggest.did_you_mean(u, suggest.selectors())
                            for u in directive.unknown]
                judged = directive.rules is None or bool(directive.rules & ran)
                if directive.kind != "enable" and judged and not directive.used and not directive.unknown:
                    named = ", ".join(directive.selectors) or "all rules"
                    problems.append(f"this suppression of {named} matches no finding; remove it")
                for problem in problems:
                    finding = Finding("suppression-unused", problem, directive.span)
                    findings.append(self._finding_dict(doc, finding, seen, settings))
        findings.sort(key=lambda f: (f["line"] or 0, f["column"] or 0, f["rule"]))
        scores = score(findings, run, not_applicable, ctx)
        return {
            "path": doc.path,
            "format": doc.format,
            "language": doc.lang,
            "keyword": doc.keyword,
            "error": None,
            "stats": document_stats(doc, ctx),
            "scores": scores,
            "rules": {"run": run, "not_applicable": not_applicable},
            "findings": findings,
            "suppressed": suppressed,
        }

    def _finding_dict(self, doc: Document, finding: Finding, seen: dict[tuple[str, str], int],
                      settings: Settings) -> dict[str, Any]:
        source = doc.source
        cls = all_rules()[finding.rule]
        line: int | None
        column: int | None
        end_line: int | None
        end_column: int | None
        excerpt_column: int | None
        if finding.span is not None:
            line, column = source.position(finding.span.start)
            end_line, end_column = source.position(finding.span.end)
            excerpt, excerpt_column = _excerpt(source.line_text(line), column,
                                               end_column if end_line == line else None)
            quoted = source.text[finding.span.start : finding.span.end][:200]
        else:
            line = column = end_line = end_column = excerpt_column = None
            excerpt = None
            quoted = finding.message
        key = (finding.rule, " ".join(quoted.split()).lower())
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        return {
            "rule": finding.rule,
            "category": cls.category,
            "severity": severity_of(settings, finding.rule),
            "message": finding.message,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "excerpt": excerpt,
            "excerpt_column": excerpt_column,
            "fix": finding.fix,
            "suggestion": finding.suggestion,
            "fingerprint": _fingerprint(doc.path, finding.rule, quoted, nth),
            "approximate": finding.approximate,
        }


def _excerpt(line_text: str, column: int, end_column: int | None) -> tuple[str, int]:
    """The finding's line, cut to EXCERPT_MAX characters around its span on a
    long line, and the column the cut starts at (reporters place the underline
    from it: column - excerpt_column is the span's offset in the excerpt)."""
    if len(line_text) <= EXCERPT_MAX:
        return line_text, 1
    start = column - 1
    end = len(line_text) if end_column is None else max(end_column - 1, start)
    # centre the span in the window; a span longer than the window starts it
    lo = max(0, start - max(0, EXCERPT_MAX - (end - start)) // 2)
    lo = min(lo, len(line_text) - EXCERPT_MAX)
    return line_text[lo : lo + EXCERPT_MAX], lo + 1


def score(findings: list[dict[str, Any]], run: list[str], not_applicable: list[str], ctx: Context) -> dict[str, int]:
    """Lighthouse-style scores: each rule run on the file is an audit that
    passes without unsuppressed findings; weights error 3, warning 2, info 1
    by effective severity; a category is the passed share of its weight.
    Rules that report a missing input (scored = False) are not audits. An
    article whose front matter cannot be read scores UNREADABLE_OVERALL at
    most: its title, keyphrase, author and dates are unknown, so the other
    audits judged a different article than the one that will be published."""
    failed = {f["rule"] for f in findings}
    rules = all_rules()
    totals: dict[str, list[int]] = {}
    for rid in run:
        cls = rules[rid]
        if not cls.scored:
            continue
        weight = SEVERITY_WEIGHT[severity_of(ctx.settings, rid)]
        bucket = totals.setdefault(cls.category, [0, 0])
        bucket[1] += weight
        if rid not in failed:
            bucket[0] += weight
    scores = {cat: round(100 * passed / total) for cat, (passed, total) in totals.items() if total and cat in CATEGORIES}
    all_passed = sum(totals[c][0] for c in totals if c in CATEGORIES)
    all_total = sum(totals[c][1] for c in totals if c in CATEGORIES)
    if all_total:
        scores["overall"] = round(100 * all_passed / all_total)
    if "front-matter-invalid" in failed:
        scores["overall"] = min(scores.get("overall", UNREADABLE_OVERALL), UNREADABLE_OVERALL)
    return scores


def error_result(path: str, message: str) -> dict[str, Any]:
    return {
        "path": path, "format": None, "language": None, "keyword": None, "error": message,
        "stats": None, "scores": {}, "rules": {"run": [], "not_applicable": []}, "findings": [], "suppressed": [],
    }


def internal_error_result(path: str, exc: BaseException) -> dict[str, Any]:
    """A file healthlint failed on: one line naming the file and what went wrong where."""
    return error_result(path, f"{path}: internal error ({describe(exc)}); please report this")

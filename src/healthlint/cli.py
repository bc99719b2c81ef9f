"""The command line: `healthlint check`, `rules`, `rule`, and friends.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 a usage, config or input error (other files are still linted).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from healthlint.version import __version__
from healthlint.errors import HealthlintError, InputError
from healthlint.registry import SEVERITY_RANK
from healthlint.report import FORMATS
from healthlint.sources import cli as sources_cli

FAIL_RANK = {**SEVERITY_RANK, "never": 99}
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMPACT_JSON_FILES = 100  # larger runs write each file's JSON on one line


def _fail(message: str) -> NoReturn:
    from healthlint.report.escape import log_text

    click.echo(f"healthlint: error: {log_text(message)}", err=True)
    sys.exit(EXIT_ERROR)


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        out.extend(v for v in value.replace(" ", ",").split(",") if v)
    return tuple(out)


def _check_selectors(selectors: tuple[str, ...], option: str) -> None:
    from healthlint.registry import resolve_selector

    from healthlint.suggest import did_you_mean, selectors as known

    unknown = [s for s in selectors if not resolve_selector(s)]
    if unknown:
        named = ", ".join(f"{u!r}{did_you_mean(u, known())}" for u in unknown)
        _fail(f"{option}: unknown rule id or category: {named} (see `healthlint rules`)")


def write_output(text: str, output: str | None) -> None:
    if output is None or output == "-":
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            from healthlint.console import end_on_closed_pipe

            end_on_closed_pipe()
        return
    from healthlint.safe_write import atomic_write_text

    try:
        atomic_write_text(Path(output), text)
    except OSError as exc:
        _fail(f"{output}: cannot write report: {exc.strerror or exc}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="healthlint")
def main() -> None:
    """healthlint: lint health and supplement articles (HTML, Markdown) for
    unsupported claims, affiliate disclosure, FAQ markup, SEO and more."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--keyword", "-k", help="Focus keyphrase for articles that do not name their own in front matter (overrides config).")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Document language (overrides <html lang>, front matter, config).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Report format (default text).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file (atomically).")
@click.option("--fail-on", type=click.Choice(list(FAIL_RANK)), default=None,
              help="Lowest severity that makes the exit code 1 (default error).")
@click.option("--select", multiple=True, help="Rule ids or categories to run (comma-separated; default ALL stable rules).")
@click.option("--ignore", multiple=True, help="Rule ids or categories to skip (comma-separated).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file for every file.")
@click.option("--preview", is_flag=True, default=None, help="Also run preview rules.")
@click.option("--no-inline-config", is_flag=True, help="Ignore inline and front matter suppressions.")
@click.option("--stdin-filename", help="File name to report (and pick the format by) when PATH is '-'.")
@click.option("--max-file-size", type=click.IntRange(min=1), help="Largest file to lint, in bytes (default 10 MiB).")
@click.option("--quiet", "-q", is_flag=True, help="One line per finding, no source excerpts.")
@click.option("--fix", is_flag=True, help="Apply safe fixes (rel=\"sponsored\", FAQPage JSON-LD) to the files, atomically; "
              "with '-', write the fixed document to standard output and the report to standard error.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing (exit 1 when there is a diff).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when writing to a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
              help="Worker processes (default: all cores for more than 30 files, else 1; 0 = all cores).")
@click.option("--no-cache", is_flag=True, help="Lint every file again; neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Result cache folder (default $HEALTHLINT_CACHE_DIR, cache-dir in the config, "
                   "$XDG_CACHE_HOME/healthlint or ~/.cache/healthlint).")
@click.option("--shard", default=None, metavar="K/N",
              help="Lint only shard K of N (split by a stable hash of each path; see docs/ci.md).")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False), default=None,
              help="Report only findings not recorded in this baseline file (see docs/ci.md).")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record every finding in this baseline file; exit 0 unless a file cannot be read.")
@click.option("--changed-since", metavar="REF", default=None,
              help="Lint only files changed since the merge base of git REF and HEAD.")
@click.option("--new-only", is_flag=True, help="With --changed-since: report only findings on changed lines.")
@sources_cli.options
def check(paths: tuple[str, ...], keyword: str | None, lang: str | None, fmt: str | None, output: str | None,
          fail_on: str | None, select: tuple[str, ...], ignore: tuple[str, ...], config_path: str | None,
          preview: bool | None, no_inline_config: bool, stdin_filename: str | None, max_file_size: int | None,
          quiet: bool, fix: bool, diff: bool, color: bool | None, jobs: int | None, no_cache: bool,
          cache_dir: str | None, shard: str | None, baseline: str | None, write_baseline: str | None,
          changed_since: str | None, new_only: bool) -> None:
    """Lint PATHS (files or folders; '-' reads standard input; URLs and
    WordPress export files), --wordpress posts or --sitemap pages."""
    from healthlint.config import Settings, load_settings
    from healthlint.engine import Linter, error_result
    from healthlint.files import collect

    select_ids, ignore_ids = _split_ids(select), _split_ids(ignore)
    _check_selectors(select_ids + ignore_ids, "--select/--ignore")
    try:
        base = load_settings(Path(config_path)) if config_path else Settings()
        from healthlint.adoption import Scope

        scope = Scope(baseline=baseline, write_baseline=write_baseline, changed_since=changed_since,
                      new_only=new_only, stdin=paths == ("-",))
    except HealthlintError as exc:
        _fail(str(exc))
    if select_ids:
        from healthlint.console import preview_warnings

        governing = base if config_path or paths == ("-",) else _cwd_settings()
        for note in preview_warnings(select_ids, bool(preview) or governing.preview):
            click.echo(f"healthlint: warning: {note}", err=True)
    if write_baseline:
        fail_on = "never"
    overrides: dict[str, Any] = {}
    if select_ids:
        overrides["select"] = select_ids
    if ignore_ids:
        overrides["ignore"] = ignore_ids
    if preview:
        overrides["preview"] = True
    if no_inline_config:
        overrides["inline_config"] = False
    if max_file_size:
        overrides["max_file_size"] = max_file_size
    linter_args: dict[str, Any] = {"base": base, "cli_lang": lang, "cli_keyword": keyword, "explicit_config": bool(config_path),
                   "overrides": overrides}
    linter = Linter(**linter_args)
    paths, remote, remote_count = sources_cli.remote_sources(paths, linter, fix, output)
    if not paths and remote is None:
        _fail("nothing to check: name files or folders, URLs, --wordpress URL or --sitemap URL")
    fmt = fmt or "text"
    options = {"quiet": quiet, "colour": color if color is not None else (output is None and sys.stdout.isatty()
                                                                         and "NO_COLOR" not in os.environ)}
    report_stream = None
    report_settings: Any = None  # the settings whose rule options the report shows
    if paths == ("-",):
        display = stdin_filename or "stdin"
        from healthlint.loader import decode, read_stream

        data = b""
        try:
            limit = linter.settings_for(Path(display) if stdin_filename else None).max_file_size
            data = read_stream(sys.stdin.buffer, limit, display)
            text = decode(data, display)
            if not stdin_filename:  # Markdown or HTML by content (front matter, # headings, tags)
                from healthlint.sniff import stdin_name

                display = stdin_name(text)
            settings = linter.settings_for(Path(display) if stdin_filename else None)
            report_settings = settings
            result = linter.lint_text(text, display, settings)
        except InputError as exc:
            result = error_result(display, str(exc))
        except HealthlintError as exc:  # config or pack errors stop the run
            _fail(str(exc))
        results: Any = [result]
        targets_count = 1
        run_jobs = 1
        if fix or diff:
            from healthlint.fixes import fix_stdin

            outcome = fix_stdin(data, result, linter, linter.settings_for(Path(display) if stdin_filename else None),
                                diff=diff)
            results, fix, report_stream = [outcome.result], False, sys.stderr
            code = outcome.emit(diff)
            if code is not None:
                sys.exit(code)
    else:
        from healthlint.runner import default_jobs, parse_shard, select_shard

        try:
            found = list(collect(list(paths)))
        except HealthlintError as exc:
            _fail(str(exc))
        from healthlint.files import Empty, Missing, Target

        for empty in (t for t in found if isinstance(t, Empty)):  # a warning, as ruff's "no files found"
            click.echo(f"healthlint: warning: {empty.message}", err=True)
        targets: list[Target | Missing] = [t for t in found if not isinstance(t, Empty)]
        if shard:
            try:
                k, n = parse_shard(shard)
            except ValueError as exc:
                _fail(str(exc))
            targets = select_shard(targets, k, n)
        targets = scope.targets(targets)
        targets_count = len(targets)
        run_base = base if config_path else _cwd_settings()
        report_settings = run_base
        chosen_jobs = jobs if jobs is not None else run_base.jobs
        run_jobs = default_jobs(targets_count) if chosen_jobs is None else chosen_jobs or default_jobs(10**9)
        if output:
            from healthlint.safe_write import RefusedWrite, check_report_path

            try:
                check_report_path(Path(output), [t.path for t in targets if hasattr(t, "path")])
            except RefusedWrite as exc:
                _fail(f"--output: {exc}")
        cache_root = None
        if not no_cache and not (fix or diff):
            from healthlint.cache import resolve_cache_dir
            from healthlint.private_folder import cache_folder_problem
            from healthlint.report.escape import log_text

            cache_root = str(resolve_cache_dir(cache_dir, run_base.cache_dir))
            problem = cache_folder_problem(Path(cache_root))
            if problem:  # another user could have planted entries that turn a dirty article clean
                click.echo(f"healthlint: warning: {log_text(problem)}; linting without the cache "
                           "(use a folder of your own, e.g. --cache-dir)", err=True)
                cache_root = None
        results = _lint_targets(targets, linter_args, cache_root, run_jobs, linter)
    if remote is not None:
        import itertools

        results, targets_count = itertools.chain(remote, results), targets_count + remote_count
    if diff:
        from healthlint.fixes import print_diffs

        sys.exit(print_diffs(results, linter))
    _stream_report(_scoped(scope, results), targets_count, fmt, output, options, fix, fail_on, linter, report_stream,
                   report_settings)


def _scoped(scope: Any, results: Any) -> Any:
    try:
        yield from scope.results(results)
    except HealthlintError as exc:
        _fail(str(exc))


def _cwd_settings() -> Any:
    """Run-level settings (jobs, cache-dir) from the config that governs the
    current folder, when there is one."""
    from healthlint.config import Settings, find_config, load_settings

    found = find_config(Path.cwd())
    try:
        return load_settings(found) if found else Settings()
    except HealthlintError as exc:
        _fail(str(exc))


def _lint_targets(targets: list[Any], linter_args: dict[str, Any], cache_root: str | None, jobs: int,
                  linter: Any) -> Any:
    from healthlint.runner import lint_all

    try:
        yield from lint_all(targets, linter_args, cache_root, jobs, linter)
    except HealthlintError as exc:  # config or pack errors stop the run
        _fail(str(exc))


def _stream_report(results: Any, total: int, fmt: str, output: str | None, options: dict[str, Any], fix: bool,
                   fail_on: str | None, linter: Any, stream: Any = None, settings: Any = None) -> None:
    """Hand each result to the report writer as it comes, then the summary;
    exit with the code the findings call for. The writer gets the rule
    metadata with the options of the run's settings (the HTML report draws
    its charts' thresholds from them)."""
    from healthlint.report import summarise
    from healthlint.report.escape import log_text
    from healthlint.runner import Output, Progress, Writer

    try:
        out = Output(output, stream)
    except OSError as exc:
        _fail(f"{output}: cannot write report: {exc.strerror or exc}")
    # a text report on standard output shares the terminal with stderr: say each error once, there
    writer = Writer(fmt, out, lambda: _rules_metadata(settings), {**options, "compact_json": total > COMPACT_JSON_FILES,
                                                "file_errors": output not in (None, "-")})
    progress = Progress(total)
    summary = summarise(())
    input_errors = 0
    failed = False
    fixer = None
    if fix:
        from healthlint.fixes import Fixer

        fixer = Fixer(linter)
    try:
        for result in results:
            progress.step()
            if result.get("error"):
                input_errors += 1
                progress.close()
                click.echo(f"healthlint: error: {log_text(result['error'])}", err=True)
            if fixer is not None:
                result = fixer(result).result
            _count(summary, result)
            failed = failed or _fails(result, fail_on, linter)
            writer.add(result)
        progress.close()
        report = writer.finish(summary)
        out.commit()
    except BrokenPipeError:
        out.abort()
        from healthlint.console import end_on_closed_pipe

        end_on_closed_pipe()
    except OSError as exc:
        out.abort()
        _fail(f"{output or 'stdout'}: cannot write report: {exc.strerror or exc}")
    except BaseException:
        progress.close()
        out.abort()
        raise
    if output not in (None, "-"):
        from healthlint.console import report_written

        click.echo(report_written(output, fmt, summary), err=True)
    if fmt == "github" and report is not None and os.environ.get("GITHUB_STEP_SUMMARY"):
        from healthlint.report import github

        github.write_step_summary(report, os.environ["GITHUB_STEP_SUMMARY"])
    if fixer is not None and fixer.fixed:
        click.echo(fixer.summary(), err=True)
    if input_errors or (fixer is not None and fixer.failed):
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _count(summary: dict[str, int], result: dict[str, Any]) -> None:
    from healthlint.report import summarise

    for key, value in summarise([result]).items():
        summary[key] += value


def _fails(result: dict[str, Any], cli_fail_on: str | None, linter: Any) -> bool:
    """Whether a file's findings reach --fail-on (or the fail-on of its config)."""
    if not result["findings"]:
        return False
    threshold = cli_fail_on or linter.settings_for(Path(result["path"])).fail_on
    return max(FAIL_RANK[f["severity"]] for f in result["findings"]) >= FAIL_RANK[threshold]


def _rules_metadata(settings: Any = None) -> list[dict[str, Any]]:
    """Every rule's metadata; with a run's settings, each rule that takes
    options also gets `options`, their values in that run."""
    from healthlint.registry import all_rules

    meta = [cls.metadata() for cls in all_rules().values()]
    if settings is not None:
        from healthlint.config import default_thresholds

        defaults = default_thresholds()
        for rule in meta:
            if rule["id"] in defaults:
                rule["options"] = {key: settings.option(rule["id"], key) for key in defaults[rule["id"]]}
    return meta


@main.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable list.")
@click.option("--markdown", is_flag=True, help="Every rule's documentation as one Markdown page (docs/rules.md).")
def rules_command(as_json: bool, markdown: bool) -> None:
    """List every rule with its category, default severity and status."""
    import json

    meta = _rules_metadata()
    if as_json:
        click.echo(json.dumps(meta, ensure_ascii=False, indent=2))
        return
    if markdown:
        from healthlint.registry import rules_markdown

        click.echo(rules_markdown(meta), nl=False)
        return
    width = max(len(m["id"]) for m in meta)
    for m in meta:
        status = " (preview)" if m["status"] == "preview" else ""
        click.echo(f"{m['id']:<{width}}  {m['category']:<11} {m['severity']:<7} {m['summary']}{status}")


@main.command("rule")
@click.argument("rule_id")
def rule_command(rule_id: str) -> None:
    """Print the documentation of one rule."""
    from healthlint.registry import get_rule

    cls = get_rule(rule_id)
    if cls is None:
        from healthlint.registry import all_rules
        from healthlint.suggest import did_you_mean

        _fail(f"unknown rule id {rule_id!r}{did_you_mean(rule_id, all_rules())} (see `healthlint rules`)")
    meta = cls.metadata()
    docs = meta["docs"]
    click.echo(f"# {meta['id']} ({meta['category']}, default {meta['severity']}, {meta['status']})\n")
    click.echo(meta["summary"] + "\n")
    for title, key in (("What it does", "what"), ("Why it matters", "why"), ("Example", "example"), ("Instead", "instead")):
        if docs.get(key):
            click.echo(f"## {title}\n{docs[key]}\n")
    if meta["source"]:
        click.echo(f"Source: {meta['source']}")


@main.command("faq-schema")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Document language (overrides <html lang>, front matter, config).")
@click.option("--script", "as_script", is_flag=True, help="Wrap the JSON-LD in <script type=\"application/ld+json\">.")
def faq_schema_command(file: str, lang: str | None, as_script: bool) -> None:
    """Print FAQPage JSON-LD built from the visible FAQ of FILE, ready to paste."""
    from healthlint.faq_generate import dumps, script_element

    try:
        data = _faq_schema_for_file(Path(file), lang)
    except (HealthlintError, OSError) as exc:
        _fail(str(exc))
    if data is None:
        click.echo(f"healthlint: {file}: no visible FAQ found (an FAQ heading such as \"Veelgestelde vragen\" or "
                   "\"Frequently asked questions\" followed by questions, <details>, <dl>, or a Yoast/Rank Math FAQ "
                   "block); nothing to generate", err=True)
        sys.exit(EXIT_FINDINGS)
    click.echo(script_element(data) if as_script else dumps(data))


def _faq_schema_for_file(path: Path, lang: str | None) -> dict[str, Any] | None:
    """FAQPage JSON-LD for a file read, parsed and given its language as
    `healthlint check` would; None when it shows no FAQ."""
    from healthlint.engine import Context, Linter, choose_language
    from healthlint.faq_generate import generate
    from healthlint.faq_visible import advertising
    from healthlint.loader import decode, parse_text, read_source

    linter = Linter(cli_lang=lang)
    settings = linter.settings_for(path)
    packs = linter.packs_for(settings)
    doc = parse_text(decode(read_source(path, settings.max_file_size), str(path)), str(path))
    choose_language(doc, settings, lang, packs)
    return generate(doc, packs, advertising(doc, Context(doc, settings, packs)))


@main.command("merge")
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(["json", "sarif", "html"]), default="json",
              help="Format of the merged report (default json).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the merged report to this file (atomically).")
@click.option("--fail-on", type=click.Choice(list(FAIL_RANK)), default="error",
              help="Lowest severity that makes the exit code 1 (default error), as in `check`.")
def merge_command(reports: tuple[str, ...], fmt: str, output: str | None, fail_on: str) -> None:
    """Combine JSON reports (e.g. of `check --shard K/N` jobs) into one report.

    Each input is validated against the report schema; files are put in the
    order a single run over the folder would use, a path reported twice is
    kept once, and the summary is recomputed."""
    from healthlint.merge import MergeError, exit_code, merge_reports

    try:
        report = merge_reports([Path(r) for r in reports])
    except MergeError as exc:
        _fail(str(exc))
    from healthlint.report import render
    from healthlint.report.escape import for_output

    rendered = for_output(fmt, render(fmt, report, _rules_metadata(), {"quiet": False, "colour": False}))
    write_output(rendered, output)
    sys.exit(exit_code(report, fail_on))


@main.command("init")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of articles that do not declare one.")
@click.option("--detect-lang", is_flag=True, help="Leave the language to detection (no lang in the config).")
@click.option("--keyword", help="Focus keyphrase for articles whose front matter names none.")
@click.option("--front-matter-keyword", is_flag=True,
              help="Each article names its keyphrase in front matter (no keyword in the config).")
@click.option("--select", "categories", help="Categories or rule ids to run, comma-separated (default ALL).")
@click.option("--fail-on", type=click.Choice(list(FAIL_RANK)), help="Lowest severity that fails a check (default error).")
def init_command(lang: str | None, detect_lang: bool, keyword: str | None, front_matter_keyword: bool,
                 categories: str | None, fail_on: str | None) -> None:
    """Write a commented healthlint.toml (or [tool.healthlint] in pyproject.toml)
    in the current folder; asks for what the options leave open when run in a
    terminal. Never overwrites a config."""
    from healthlint.init import Answers, interactive, target, write

    folder = Path.cwd()
    try:
        target(folder)
    except HealthlintError as exc:
        _fail(str(exc))
    ask = interactive()
    if lang is None and not detect_lang and ask:
        lang = click.prompt("Language of articles that do not declare one (nl, en, or detect)",
                            type=click.Choice(["nl", "en", "detect"]), default="detect")
    if keyword is None and not front_matter_keyword and ask:
        keyword = click.prompt("Focus keyphrase for articles without one in front matter (empty: none)",
                               default="", show_default=False)
    if categories is None and ask:
        categories = click.prompt("Categories to run (comma-separated, or ALL)", default="ALL")
    if fail_on is None and ask:
        fail_on = click.prompt("Lowest severity that fails a check", type=click.Choice(list(FAIL_RANK)),
                               default="error")
    selected = _split_ids((categories or "ALL",))
    _check_selectors(selected, "--select")
    answers = Answers(lang if lang in ("nl", "en") else None, keyword or None, selected or ("ALL",),
                      fail_on or "error")
    try:
        path = write(folder, answers)
    except (HealthlintError, OSError) as exc:
        _fail(str(exc))
    click.echo(f"healthlint: wrote {path.name}; run `healthlint check .` to lint with it")


@main.command("lsp")
def lsp_command() -> None:
    """Run the language server on standard input and output (editors start it;
    needs the `lsp` extra). See docs/editors.md."""
    from healthlint import lsp

    try:
        lsp.run()
    except HealthlintError as exc:
        _fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    main()

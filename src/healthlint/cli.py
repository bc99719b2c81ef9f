"""The command line: `healthlint check`, `rules`, `rule`, and friends.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 a usage, config or input error (other files are still linted).
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from healthlint import __version__
from healthlint.errors import HealthlintError

FAIL_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"healthlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        out.extend(v for v in value.replace(" ", ",").split(",") if v)
    return tuple(out)


def _check_selectors(selectors: tuple[str, ...], option: str) -> None:
    from healthlint.registry import resolve_selector

    unknown = [s for s in selectors if not resolve_selector(s)]
    if unknown:
        _fail(f"{option}: unknown rule id or category: {', '.join(unknown)} (see `healthlint rules`)")


def write_output(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
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
@click.argument("paths", nargs=-1, required=True)
@click.option("--keyword", "-k", help="Focus keyphrase (overrides front matter and config).")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Document language (overrides <html lang>, front matter, config).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "html"]), default=None,
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
@click.option("--max-file-size", type=int, help="Largest file to lint, in bytes (default 10 MiB).")
@click.option("--quiet", "-q", is_flag=True, help="One line per finding, no source excerpts.")
@click.option("--fix", is_flag=True, help="Apply safe fixes (rel=\"sponsored\", FAQPage JSON-LD) to the files, atomically.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when writing to a terminal).")
def check(paths: tuple[str, ...], keyword: str | None, lang: str | None, fmt: str | None, output: str | None,
          fail_on: str | None, select: tuple[str, ...], ignore: tuple[str, ...], config_path: str | None,
          preview: bool | None, no_inline_config: bool, stdin_filename: str | None, max_file_size: int | None,
          quiet: bool, fix: bool, color: bool | None) -> None:
    """Lint PATHS (files or folders; '-' reads standard input)."""
    from healthlint.config import Settings, load_settings
    from healthlint.engine import Linter, error_result, report_dict
    from healthlint.files import Missing, collect

    select_ids, ignore_ids = _split_ids(select), _split_ids(ignore)
    _check_selectors(select_ids + ignore_ids, "--select/--ignore")
    try:
        base = load_settings(Path(config_path)) if config_path else Settings()
    except HealthlintError as exc:
        _fail(str(exc))
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
    linter = Linter(base, cli_lang=lang, cli_keyword=keyword, explicit_config=bool(config_path), overrides=overrides)
    results: list[dict[str, Any]] = []
    input_errors = 0
    try:
        if paths == ("-",):
            display = stdin_filename or "stdin.html"
            data = sys.stdin.buffer.read()
            from healthlint.loader import decode

            try:
                text = decode(data, display)
            except HealthlintError as exc:
                results.append(error_result(display, str(exc)))
            else:
                settings = linter.settings_for(Path(display) if stdin_filename else None)
                results.append(linter.lint_text(text, display, settings))
        else:
            for target in collect(list(paths)):
                if isinstance(target, Missing):
                    results.append(error_result(target.display, target.message))
                    continue
                results.append(linter.lint_path(target.path, target.display))
    except HealthlintError as exc:  # config or pack errors stop the run
        _fail(str(exc))
    for result in results:
        if result.get("error"):
            input_errors += 1
            click.echo(f"healthlint: error: {result['error']}", err=True)
    if fix:
        from healthlint.fixes import apply_fixes

        for message in apply_fixes(results):
            click.echo(message, err=True)
    report = report_dict(results)
    fmt = fmt or "text"
    rules_meta = _rules_metadata()
    options = {"quiet": quiet, "colour": color if color is not None else (output is None and sys.stdout.isatty()
                                                                         and "NO_COLOR" not in os.environ)}
    write_output(_render(fmt, report, rules_meta, options), output)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from healthlint.report import github

        github.write_step_summary(report, os.environ["GITHUB_STEP_SUMMARY"])
    if input_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if any(_fails(r, fail_on, linter) for r in results) else EXIT_OK)


def _fails(result: dict[str, Any], cli_fail_on: str | None, linter: Any) -> bool:
    """Whether a file's findings reach --fail-on (or the fail-on of its config)."""
    if not result["findings"]:
        return False
    threshold = cli_fail_on or linter.settings_for(Path(result["path"])).fail_on
    return max(FAIL_RANK[f["severity"]] for f in result["findings"]) >= FAIL_RANK[threshold]


def _rules_metadata() -> list[dict[str, Any]]:
    from healthlint.registry import all_rules

    return [cls.metadata() for cls in all_rules().values()]


def _render(fmt: str, report: dict[str, Any], rules: list[dict[str, Any]], options: dict[str, Any]) -> str:
    import importlib

    module = importlib.import_module(f"healthlint.report.{'json_report' if fmt == 'json' else fmt}")
    return module.render(report, rules, options=options)


@main.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable list.")
def rules_command(as_json: bool) -> None:
    """List every rule with its category, default severity and status."""
    import json

    meta = _rules_metadata()
    if as_json:
        click.echo(json.dumps(meta, ensure_ascii=False, indent=2))
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
        _fail(f"unknown rule id {rule_id!r} (see `healthlint rules`)")
    meta = cls.metadata()
    docs = meta["docs"]
    click.echo(f"# {meta['id']} ({meta['category']}, default {meta['severity']}, {meta['status']})\n")
    click.echo(meta["summary"] + "\n")
    for title, key in (("What it does", "what"), ("Why it matters", "why"), ("Example", "example"), ("Instead", "instead")):
        if docs.get(key):
            click.echo(f"## {title}\n{docs[key]}\n")
    if meta["source"]:
        click.echo(f"Source: {meta['source']}")


if __name__ == "__main__":  # pragma: no cover
    main()

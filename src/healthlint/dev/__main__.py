"""`python -m healthlint.dev`: regenerate derived files, scaffold a rule."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from healthlint.dev.derived import GENERATE_COMMAND, GenerateError, checkout_root, generate, stale_message
from healthlint.registry import CATEGORIES

_ROOT = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="The checkout to work in (default: the one healthlint runs from).")


@click.group()
def dev() -> None:
    """Developer tools for a source checkout of healthlint."""


@dev.command("generate")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and name every stale file.")
@_ROOT
def generate_command(check: bool, root: Path | None) -> None:
    """Regenerate every derived file: schemas, docs/rules.md, golden reports, README samples."""
    try:
        changed = generate(root or checkout_root(), check=check)
    except GenerateError as exc:
        click.echo(f"healthlint.dev: error: {exc}", err=True)
        sys.exit(2)
    for path in changed:
        click.echo(stale_message(path) if check else f"wrote {path}", err=check)
    if check and changed:
        sys.exit(1)
    if not changed:
        click.echo("every derived file is current")


@dev.command("new-rule")
@click.argument("rule_id")
@click.option("--category", required=True, type=click.Choice(CATEGORIES))
@click.option("--severity", default="warning", show_default=True, type=click.Choice(("error", "warning", "info")))
def new_rule_command(rule_id: str, category: str, severity: str) -> None:
    """Write a phrase rule, its packs, fixtures and docs, then regenerate the derived files.

    Works in the checkout healthlint runs from: the new rule must register
    in this process for the schemas and docs to name it."""
    import importlib

    from healthlint.dev.scaffold import ScaffoldError, new_rule

    try:
        root = checkout_root()
        written = new_rule(root, rule_id, category, severity)
        importlib.invalidate_caches()
        importlib.import_module(f"healthlint.rules.{category}.{rule_id.replace('-', '_')}")
        changed = generate(root)
    except (ScaffoldError, GenerateError) as exc:
        click.echo(f"healthlint.dev: error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"wrote {len(written)} files to edit by hand:")
    for path in written:
        click.echo(f"  {path}")
    click.echo("regenerated:")
    for path in changed:
        click.echo(f"  {path}")
    click.echo(f"after editing them, run `{GENERATE_COMMAND}` and `pytest tests/test_rule_fixtures.py -k {rule_id}`")


if __name__ == "__main__":
    dev()

"""The public API: lint text or files from Python, get the JSON report's data.

`lint_text` and `lint_paths` run exactly what `healthlint check` runs (same
rules, config discovery, suppressions and scores) and return the dicts of
schemas/report.schema.json, typed by healthlint.results. docs/api.md has
examples; tests/test_api.py runs them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Union, cast

from healthlint.results import FileResult, Report

ConfigArg = Union[str, "os.PathLike[str]", Mapping[str, Any], None]


def _linter(config: ConfigArg, keyword: str | None, lang: str | None) -> Any:
    """A Linter like the CLI's: a config file (or a config table) for every
    file, or None to find each file's config as `healthlint check` does."""
    from healthlint.config import Settings, _validate, load_settings, settings_from_table
    from healthlint.engine import Linter

    if lang not in (None, "nl", "en"):
        from healthlint.errors import ConfigError

        raise ConfigError(f"lang: {lang!r} is not a supported language (nl or en)")
    if config is None:
        base, explicit = Settings(), False
    elif isinstance(config, Mapping):
        table = dict(config)
        _validate(table, Path("config"))
        base, explicit = settings_from_table(table, None), True
    else:
        base, explicit = load_settings(Path(config)), True
    return Linter(base, cli_lang=lang, cli_keyword=keyword, explicit_config=explicit)


def lint_text(text: str, path: str | None = None, config: ConfigArg = None, *,
              keyword: str | None = None, lang: str | None = None) -> FileResult:
    """Lint one article held in memory.

    `path` names it in findings and picks the format by its suffix (`.md`,
    `.html`); without it the format is read from the content. `config` is a
    config file (healthlint.toml or pyproject.toml), a mapping in the shape of
    its `[tool.healthlint]` table, or None for the config that governs `path`
    (none for text without a path). `keyword` and `lang` act as `--keyword`
    and `--lang`. A config or rule-pack error raises
    healthlint.errors.HealthlintError; anything wrong with the text itself is
    in the result (`error`, or an `internal-error` finding)."""
    linter = _linter(config, keyword, lang)
    if path is None:
        from healthlint.sniff import stdin_name

        display = stdin_name(text)
        settings = linter.settings_for(None)
    else:
        display = os.fspath(path)
        settings = linter.settings_for(Path(display))
    return cast(FileResult, linter.lint_text(text, display, settings))


def lint_paths(paths: list[str] | list[Path] | list[str | Path], config: ConfigArg = None, *,
               keyword: str | None = None, lang: str | None = None) -> Report:
    """Lint files and folders (walked as `healthlint check` walks them) and
    return the whole report. A file that cannot be read or parsed is a result
    with `error` set; the other files are still linted. No result cache is
    read or written."""
    from healthlint.files import Empty, collect
    from healthlint.report import envelope
    from healthlint.runner import FileLinter

    linter = _linter(config, keyword, lang)
    one = FileLinter({}, None, linter)
    results = [one(target) for target in collect([os.fspath(p) for p in paths]) if not isinstance(target, Empty)]
    return cast(Report, envelope(results))

"""`healthlint init`: write a commented starting config.

It goes to healthlint.toml, or to a [tool.healthlint] table at the end of
pyproject.toml when the folder has one. An existing config is never
overwritten. The written text is validated by loading it back, so `init`
cannot leave a config that `check` refuses.
"""

from __future__ import annotations

import json
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from healthlint.errors import ConfigError


@dataclass(frozen=True)
class Answers:
    lang: str | None  # None: detect per article
    keyword: str | None  # None: each article's front matter names its own
    categories: tuple[str, ...]  # ("ALL",) or category names
    fail_on: str


def interactive() -> bool:
    """Ask questions only of a person at a terminal; scripts and CI get the defaults."""
    return sys.stdin.isatty()


def _toml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def render(answers: Answers, table: str = "") -> str:
    """The config text; table is "tool.healthlint." inside pyproject.toml, "" in healthlint.toml."""
    lines = []
    if table:
        lines += [f"[{table.rstrip('.')}]"]
    lines += ["# healthlint configuration, written by `healthlint init`. Every key: README.md (Configuration)",
              "# and schemas/config.schema.json.", ""]
    if answers.lang:
        lines += ["# Language of articles that do not declare one (<html lang>, front matter lang).",
                  f"lang = {json.dumps(answers.lang)}"]
    else:
        lines += ["# Language of articles that do not declare one (<html lang>, front matter lang);",
                  "# without it healthlint detects Dutch or English from the text.",
                  '# lang = "nl"']
    lines += ["", "# Rule ids or categories to run: keyword, heading, faq, affiliate, claims, trust,",
              "# integrity, meta, readability, or ALL.",
              f"select = {_toml_list(answers.categories)}",
              "", "# Lowest severity that makes `healthlint check` exit 1: error, warning, info or never.",
              f"fail-on = {json.dumps(answers.fail_on)}",
              "", "# Also run preview rules (heuristics whose false-positive rate is still measured).",
              "preview = false", ""]
    if answers.keyword:
        lines += ["# Focus keyphrase for articles whose front matter names none (`keyword:` there wins).",
                  f"[[{table}per-file]]", 'glob = "**"', f"keyword = {json.dumps(answers.keyword)}"]
    else:
        lines += ["# Focus keyphrase: each article names its own in front matter (`keyword: ...`),",
                  "# or pass --keyword. For a folder of articles on one topic:",
                  f"# [[{table}per-file]]", '# glob = "content/magnesium/**"', '# keyword = "magnesium tekort"']
    return "\n".join(lines) + "\n"


def target(folder: Path) -> tuple[Path, str]:
    """Where the config goes and the table prefix; ConfigError when one exists."""
    own = folder / "healthlint.toml"
    if own.exists():
        raise ConfigError(f"{own}: already exists; healthlint init does not overwrite a config")
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{pyproject}: cannot read it to add [tool.healthlint]: {exc}") from None
        if "healthlint" in data.get("tool", {}):
            raise ConfigError(f"{pyproject}: already has [tool.healthlint]; healthlint init does not overwrite a config")
        return pyproject, "tool.healthlint."
    return own, ""


def write(folder: Path, answers: Answers) -> Path:
    """Write the config for answers into folder; the path written."""
    from jsonschema import Draft202012Validator

    from healthlint.config import config_schema
    from healthlint.safe_write import atomic_write_text

    path, table = target(folder)
    text = render(answers, table)
    if table:
        existing = path.read_text(encoding="utf-8")
        text = existing + ("" if existing.endswith("\n") or not existing else "\n") + "\n" + text
    data = tomllib.loads(text)  # never write what TOML or check would refuse
    error = next(iter(Draft202012Validator(config_schema()).iter_errors(
        data["tool"]["healthlint"] if table else data)), None)
    if error is not None:
        raise ConfigError(f"healthlint init: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    atomic_write_text(path, text)
    return path

"""Every file in the repository that is generated from something else, and
how to produce it.

One list, read by three users: `python -m healthlint.dev generate` rewrites
the stale ones, `generate --check` names them (CI), and the tests that once
held their own copy of each producer (tests/test_schemas.py,
test_golden_examples.py, test_readme.py, tests/report/) compare through
`assert_current`, so a stale file fails the same way everywhere.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

GENERATE_COMMAND = "python -m healthlint.dev generate"


class GenerateError(Exception):
    """A derived file cannot be produced (the message says which and why)."""


@dataclass(frozen=True)
class Derived:
    path: str  # relative to the checkout, with "/"
    produce: Callable[[Path], str]  # the checkout -> the file's text
    # the older switch that rewrites the file from its test (still honoured)
    update_env: str


def checkout_root() -> Path:
    """The source checkout healthlint runs from; the dev tools write only there."""
    from healthlint.resources import data_path

    root = data_path("schemas").parent
    if not (root / "src" / "healthlint").is_dir():
        raise GenerateError(f"{root}: not a source checkout of healthlint (the dev tools need one)")
    return root


# -- schemas ------------------------------------------------------------------
def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _catalog_ids() -> list[str]:
    """The ids a rule pack may name: every rule but the engine's own findings."""
    from healthlint.registry import all_rules

    return [rid for rid, cls in all_rules().items() if cls.category != "engine"]


def _config_schema(root: Path) -> str:
    from healthlint.config import config_schema

    return _json(config_schema())


def _with_enum(root: Path, name: str, pointer: tuple[str, ...], ids: list[str]) -> str:
    """A hand-written schema whose one rule-id enum is the registry's."""
    path = root / "schemas" / name
    schema = json.loads(path.read_text(encoding="utf-8"))
    node = schema
    for key in pointer:
        node = node[key]
    node["enum"] = ids
    return _json(schema)


def _rulepack_schema(root: Path) -> str:
    return _with_enum(root, "rulepack.schema.json", ("$defs", "rule_id"), _catalog_ids())


def _thresholds_schema(root: Path) -> str:
    from healthlint.registry import all_rules

    # every id, engine findings included: lang-config-mismatch takes options
    return _with_enum(root, "thresholds.schema.json", ("properties", "options", "propertyNames"), list(all_rules()))


# -- docs ---------------------------------------------------------------------
def _rules_page(root: Path) -> str:
    from healthlint.registry import all_rules, rules_markdown

    return rules_markdown([cls.metadata() for cls in all_rules().values()])


# -- output of real runs ------------------------------------------------------
def _run_cli(root: Path, args: list[str], exit_codes: tuple[int, ...]) -> str:
    """Standard output of `healthlint ARGS` run in the checkout, without the
    user's cache, colour or GitHub step summary."""
    from click.testing import CliRunner

    from healthlint.cli import main

    with chdir(root):
        result = CliRunner().invoke(main, args, env={"GITHUB_STEP_SUMMARY": None})
    if result.exit_code not in exit_codes:
        raise GenerateError(f"`healthlint {shlex.join(args)}` exited {result.exit_code}: "
                            f"{result.stderr.strip() or result.exception!r}")
    return result.stdout


EXAMPLE_REPORTS = {"text": "report.txt", "json": "report.json", "sarif": "report.sarif",
                   "github": "report.github.txt", "html": "report.html", "rdjson": "report.rdjson"}


def example_report(fmt: str) -> Callable[[Path], str]:
    def produce(root: Path) -> str:
        from healthlint import __version__

        output = _run_cli(root, ["check", "--no-cache", "--no-color", "--format", fmt, "examples"], (1,))
        # the version is the one thing allowed to change without a review of the golden files
        return output.replace(__version__, "<version>")

    return produce


README_SAMPLE = re.compile(r"(<!-- readme-sample: (?P<args>[^>]*?) -->\n```\n)(?P<body>.*?)(```\n)", re.S)


def readme_sample(root: Path, args: str) -> str:
    argv = shlex.split(args)
    return f"$ healthlint {args}\n" + _run_cli(root, [argv[0], "--no-cache", "--no-color", *argv[1:]], (0, 1))


def _readme(root: Path) -> str:
    text = (root / "README.md").read_text(encoding="utf-8")
    return README_SAMPLE.sub(lambda m: m.group(1) + readme_sample(root, m.group("args")) + m.group(4), text)


# -- report writers on the fixed report of tests/report/fixtures ----------------
def _report_fixture(root: Path) -> tuple[dict, list[dict]]:
    fixtures = root / "tests" / "report" / "fixtures"
    return (json.loads((fixtures / "report.json").read_text(encoding="utf-8")),
            json.loads((fixtures / "rules.json").read_text(encoding="utf-8")))


def _writer_golden(render: Callable[[dict, list[dict]], str]) -> Callable[[Path], str]:
    def produce(root: Path) -> str:
        return render(*_report_fixture(root))

    return produce


def _github(report: dict, rules: list[dict]) -> str:
    from healthlint.report import github

    return github.render(report, rules)


def _step_summary(report: dict, rules: list[dict]) -> str:
    from healthlint.report import github

    return github.step_summary(report)


def _html(report: dict, rules: list[dict]) -> str:
    from healthlint.report import html

    return html.render(report, rules)


def _sarif(report: dict, rules: list[dict]) -> str:
    from healthlint.report import sarif

    return sarif.render(report, rules)


# Schemas come first: the packs are validated against them while the later
# files are produced, and a new rule's pack names an id the old enum lacks.
DERIVED: tuple[Derived, ...] = (
    Derived("schemas/config.schema.json", _config_schema, "HEALTHLINT_UPDATE_SCHEMAS"),
    Derived("schemas/rulepack.schema.json", _rulepack_schema, "HEALTHLINT_UPDATE_SCHEMAS"),
    Derived("schemas/thresholds.schema.json", _thresholds_schema, "HEALTHLINT_UPDATE_SCHEMAS"),
    Derived("docs/rules.md", _rules_page, "HEALTHLINT_UPDATE_SCHEMAS"),
    *(Derived(f"tests/golden/examples/{name}", example_report(fmt), "HEALTHLINT_UPDATE_GOLDEN")
      for fmt, name in sorted(EXAMPLE_REPORTS.items())),
    Derived("README.md", _readme, "HEALTHLINT_UPDATE_README"),
    Derived("tests/report/golden/report.github.txt", _writer_golden(_github), "HEALTHLINT_UPDATE_GOLDEN"),
    Derived("tests/report/golden/step-summary.md", _writer_golden(_step_summary), "HEALTHLINT_UPDATE_GOLDEN"),
    Derived("tests/report/golden/report.html", _writer_golden(_html), "HEALTHLINT_UPDATE_GOLDEN"),
    Derived("tests/report/golden/report.sarif", _writer_golden(_sarif), "HEALTHLINT_UPDATE_GOLDEN"),
)
BY_PATH = {d.path: d for d in DERIVED}


def _forget_loaded_data() -> None:
    """Drop what this process read from schemas/ and rules/, after a schema was rewritten."""
    from healthlint import config, packs, resources

    resources.load_schema.cache_clear()
    config.default_thresholds.cache_clear()
    packs.forget_loaded()


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


def generate(root: Path, *, check: bool = False, only: tuple[str, ...] = ()) -> list[str]:
    """Produce every derived file (or those in `only`); write the ones that
    differ unless `check`. Returns the paths that were (or would be) rewritten."""
    stale: list[str] = []
    for derived in DERIVED:
        if only and derived.path not in only:
            continue
        path = root / derived.path
        text = derived.produce(root)
        if _read(path) == text:
            continue
        stale.append(derived.path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            if derived.path.startswith("schemas/"):
                _forget_loaded_data()
    return stale


def stale_message(path: str) -> str:
    return f"{path} is stale: regenerate it with `{GENERATE_COMMAND}` and review the diff"


def assert_current(path: str, root: Path | None = None, text: str | None = None) -> None:
    """The test of one derived file: equal to what its producer makes now.
    With the file's HEALTHLINT_UPDATE_* switch set, rewrite it first."""
    root = root or checkout_root()
    derived = BY_PATH[path]
    if text is None:
        text = derived.produce(root)
    if os.environ.get(derived.update_env):
        (root / path).write_bytes(text.encode("utf-8"))
    assert _read(root / path) == text, stale_message(path)

"""`python -m healthlint.dev generate` regenerates every derived file, and
`--check` names each stale one with the command that fixes it."""

import shutil
from pathlib import Path

from click.testing import CliRunner

from healthlint.dev.__main__ import dev
from healthlint.dev.derived import DERIVED, GENERATE_COMMAND, generate

ROOT = Path(__file__).resolve().parent.parent


def _copy_of_derived_inputs(tmp_path: Path) -> Path:
    """The derived files and what they are produced from, outside the repository."""
    root = tmp_path / "checkout"
    for folder in ("schemas", "examples", "tests/golden/examples", "tests/report/fixtures", "tests/report/golden"):
        shutil.copytree(ROOT / folder, root / folder)
    for name in ("README.md", "docs/rules.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, root / name)
    return root


def test_every_derived_file_is_listed_once_and_exists():
    paths = [d.path for d in DERIVED]
    assert len(paths) == len(set(paths))
    assert all((ROOT / p).is_file() for p in paths)


def test_check_names_each_stale_file_and_the_command_and_generate_fixes_it(tmp_path):
    root = _copy_of_derived_inputs(tmp_path)
    (root / "docs" / "rules.md").write_text("# outdated\n", encoding="utf-8")
    golden = root / "tests" / "golden" / "examples" / "report.txt"
    golden.write_text(golden.read_text(encoding="utf-8").replace("error", "eror"), encoding="utf-8")

    result = CliRunner().invoke(dev, ["generate", "--check", "--root", str(root)])

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path} is stale: regenerate it with `{GENERATE_COMMAND}` and review the diff"
        for path in ("docs/rules.md", "tests/golden/examples/report.txt")]
    assert (root / "docs" / "rules.md").read_text(encoding="utf-8") == "# outdated\n", "--check writes nothing"

    assert generate(root, only=("docs/rules.md", "tests/golden/examples/report.txt")) == [
        "docs/rules.md", "tests/golden/examples/report.txt"]
    assert (root / "docs" / "rules.md").read_bytes() == (ROOT / "docs" / "rules.md").read_bytes()
    assert golden.read_bytes() == (ROOT / "tests" / "golden" / "examples" / "report.txt").read_bytes()


def test_a_current_file_is_left_alone(tmp_path):
    root = _copy_of_derived_inputs(tmp_path)
    assert generate(root, check=True, only=("schemas/rulepack.schema.json", "docs/rules.md")) == []

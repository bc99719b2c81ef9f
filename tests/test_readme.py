"""The README works on a fresh machine and shows real output (issue 11 §8).

Its sample output is generated from a real run: after an intended change,
regenerate with `python -m healthlint.dev generate` (or
HEALTHLINT_UPDATE_README=1 pytest tests/test_readme.py) and review the diff."""

import re
from pathlib import Path

from healthlint.cli import check
from healthlint.dev.derived import README_SAMPLE, assert_current

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def test_readme_samples_are_real_output():
    assert README_SAMPLE.search(README.read_text(encoding="utf-8")), \
        "README.md has no <!-- readme-sample: ... --> block"
    assert_current("README.md")


def _code_blocks(text: str) -> list[str]:
    return re.findall(r"```(?:bash)?\n(.*?)```", text, re.S)


def test_quickstart_makes_and_activates_a_venv_in_the_same_block():
    blocks = _code_blocks(README.read_text(encoding="utf-8"))
    (quick,) = [b for b in blocks if "healthlint check examples/" in b and "pip install -e ." in b]
    lines = quick.splitlines()
    venv = next(i for i, line in enumerate(lines) if "python3 -m venv" in line)
    activate = next(i for i, line in enumerate(lines) if "/bin/activate" in line)
    install = next(i for i, line in enumerate(lines) if "pip install -e ." in line)
    assert venv <= activate < install


def test_readme_says_exit_1_on_the_examples_is_expected():
    text = README.read_text(encoding="utf-8")
    assert re.search(r"exit status 1, and that is expected", text)


def test_test_command_is_the_one_ci_runs():
    command = "pip install -e '.[test]' && pytest"
    assert any(b.strip() == command for b in _code_blocks(README.read_text(encoding="utf-8")))
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_no_references_to_release_tags_that_do_not_exist():
    for path in (README, ROOT / "docs" / "reports.md", ROOT / ".pre-commit-hooks.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"rev:\s*v\d", text), path
        assert not re.search(r"healthlint@v\d", text), path
        assert "OWNER/" not in text, path


def test_every_check_option_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = [opt for param in check.params for opt in param.opts
               if opt.startswith("--") and opt not in text and opt != "--help"]
    assert not missing, f"add to the README's options of `check`: {missing}"

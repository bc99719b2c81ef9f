"""`python -m healthlint.dev new-rule` writes a rule that loads, whose
fixtures pass and whose derived files are current, in four files to edit by
hand. It runs in a copy of the checkout, so nothing is left in this one."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from healthlint.dev.scaffold import ScaffoldError, new_rule, rule_files

ROOT = Path(__file__).resolve().parent.parent
RULE_ID = "claim-superlative"


def _copy_checkout(tmp_path: Path) -> Path:
    copy = tmp_path / "checkout"
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.egg-info")
    for name in ("src", "rules", "schemas", "docs", "tests", "examples"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    for name in ("README.md", "pyproject.toml"):
        shutil.copyfile(ROOT / name, copy / name)
    return copy


def _run(copy: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}  # the copy's healthlint, not this checkout's
    return subprocess.run([sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_new_rule_loads_passes_its_fixtures_and_leaves_nothing_stale(tmp_path):
    copy = _copy_checkout(tmp_path)

    made = _run(copy, "-m", "healthlint.dev", "new-rule", RULE_ID, "--category", "claims")

    assert made.returncode == 0, made.stderr
    files = rule_files(copy, RULE_ID, "claims")
    by_hand = [str(p.relative_to(copy)) for p in files.values()]
    assert made.stdout.startswith("wrote 4 files to edit by hand:\n" + "".join(f"  {p}\n" for p in by_hand))
    assert all(p.is_file() for p in files.values())
    assert RULE_ID in (copy / "docs" / "rules.md").read_text(encoding="utf-8")
    assert RULE_ID in (copy / "schemas" / "rulepack.schema.json").read_text(encoding="utf-8")

    check = _run(copy, "-m", "healthlint.dev", "generate", "--check")
    assert check.returncode == 0, check.stderr

    loads = _run(copy, "-c", "from healthlint.registry import get_rule; r = get_rule('claim-superlative'); "
                             "print(r.category, r.status, r.lists)")
    assert loads.stdout.split("\n")[0] == "claims preview ('claim_superlative',)", loads.stderr

    fixtures = _run(copy, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider",
                    "tests/test_rule_fixtures.py", "-k", RULE_ID)
    assert fixtures.returncode == 0, fixtures.stdout + fixtures.stderr
    assert "2 passed" in fixtures.stdout

    again = _run(copy, "-m", "healthlint.dev", "new-rule", RULE_ID, "--category", "claims")
    assert again.returncode == 2 and "exists already" in again.stderr

    assert not any(p.exists() for p in rule_files(ROOT, RULE_ID, "claims").values())
    assert RULE_ID not in (ROOT / "schemas" / "rulepack.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(("rule_id", "category", "message"), [
    ("ClaimSuperlative", "claims", "not a rule id"),
    ("superlative", "claims", "not a rule id"),
    ("claim-superlative", "superlatives", "unknown category"),
    ("claim-absolute", "claims", "exists already"),
])
def test_new_rule_refuses_bad_input_and_writes_nothing(tmp_path, rule_id, category, message):
    with pytest.raises(ScaffoldError, match=message):
        new_rule(tmp_path, rule_id, category)
    assert not any(tmp_path.iterdir())


def test_new_rule_never_overwrites_a_file(tmp_path):
    pack = rule_files(tmp_path, RULE_ID, "claims")["pack"]
    pack.parent.mkdir(parents=True)
    pack.write_text("mine\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match=r"rules/claim-superlative\.yaml exists already; not overwriting"):
        new_rule(tmp_path, RULE_ID, "claims")
    assert pack.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["claim-superlative.yaml"]

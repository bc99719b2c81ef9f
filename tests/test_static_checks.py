"""ruff and mypy pass on src/ with the configuration in pyproject.toml, so the
README's `pytest` (and .ci/run) fails on a lint or type error."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.fail(f"{tool} is not installed; it is in the test extra: pip install -e '.[test]'")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_passes_on_src():
    done = _run("ruff", "check", "--no-cache", "src")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_passes_on_src():
    # the files and options are pyproject.toml's [tool.mypy]; no cache, so a run never reuses a stale one
    done = _run("mypy", "--cache-dir", "/dev/null")
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_rule_check_is_annotated():
    """check() and applicable() take (doc: Document, ctx: Context) and say
    what they return, so mypy checks every rule body against the model."""
    import inspect

    from healthlint.registry import all_rules

    unannotated = []
    for rule_id, cls in all_rules().items():
        for name in ("check", "applicable"):
            method = inspect.getattr_static(cls, name)
            hints = getattr(method, "__annotations__", {})
            if set(hints) != {"doc", "ctx", "return"}:
                unannotated.append(f"{rule_id}.{name} ({cls.__module__})")
    assert not unannotated, unannotated

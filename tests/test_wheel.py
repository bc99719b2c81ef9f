"""The built wheel carries its rule packs and schemas and declares every
dependency it needs: installed with its dependencies into a fresh virtual
environment that sees nothing of the running one (nor of the base
interpreter's site-packages), it lints an example from a folder outside the
checkout. Without one of its dependencies it stops at start-up with one line."""

import json
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args, **kwargs):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory):
    pytest.importorskip("build", reason="the test extra installs 'build'")
    tmp_path = tmp_path_factory.mktemp("wheel")
    dist = tmp_path / "dist"
    proc = _run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT], timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(dist.glob("healthlint-*.whl"))

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    python = env_dir / "bin" / "python"
    # Dependencies come from the package index, exactly as a user's `pip install` gets them.
    proc = _run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel], timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return wheel, env_dir


@pytest.mark.slow
def test_wheel_carries_packs_schemas_and_templates(installed_wheel):
    wheel, _ = installed_wheel
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("healthlint/_data/rules/nl/") for n in names)
    assert "healthlint/_data/schemas/report.schema.json" in names
    assert any(n.startswith("healthlint/report/templates/") for n in names)
    assert {"healthlint/syllable_tables/nl.json", "healthlint/syllable_tables/en.json"} <= set(names)


@pytest.mark.slow
def test_wheel_venv_holds_nothing_but_the_wheel_and_its_dependencies(installed_wheel):
    _, env_dir = installed_wheel
    assert "include-system-site-packages = false" in (env_dir / "pyvenv.cfg").read_text()
    # pytest runs this suite but is no dependency of healthlint: the venv must not see it
    proc = _run([env_dir / "bin" / "python", "-c", "import pytest"])
    assert proc.returncode != 0 and "No module named 'pytest'" in proc.stderr


@pytest.mark.slow
def test_wheel_installs_and_lints_outside_the_checkout(installed_wheel, tmp_path):
    _, env_dir = installed_wheel
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(ROOT / "examples" / "magnesium-tekort.html", outside / "artikel.html")
    proc = _run([env_dir / "bin" / "healthlint", "check", "--format", "json", "artikel.html"],
                cwd=outside, timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["files"][0]["findings"]
    where = _run([env_dir / "bin" / "python", "-c",
                  "import healthlint.resources as r; print(r.data_path('rules'))"], cwd=outside, timeout=60)
    assert str(env_dir) in where.stdout and "_data" in where.stdout


@pytest.mark.slow
def test_a_missing_dependency_stops_at_start_up_with_one_line(installed_wheel, tmp_path):
    _, env_dir = installed_wheel
    python = env_dir / "bin" / "python"
    proc = _run([python, "-m", "pip", "uninstall", "-y", "-q", "pyphen"], timeout=120)
    assert proc.returncode == 0, proc.stderr
    try:
        article = tmp_path / "a.md"
        article.write_text("# Magnesium\n\nTekst.\n")
        for command in ([env_dir / "bin" / "healthlint", "check", article],
                        [python, "-m", "healthlint", "check", article]):
            proc = _run(command, timeout=120)
            assert proc.returncode == 2
            assert proc.stdout == ""
            lines = proc.stderr.splitlines()
            assert len(lines) == 1, proc.stderr
            assert "pyphen" in lines[0] and "Traceback" not in proc.stderr
    finally:
        wheel, _ = installed_wheel
        _run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel], timeout=600)

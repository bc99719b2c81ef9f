"""The built wheel carries its rule packs and schemas: installed into a fresh
virtual environment it lints an example from a folder outside the checkout."""

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_lints_outside_the_checkout(tmp_path):
    pytest.importorskip("build", reason="the test extra installs 'build'")
    dist = tmp_path / "dist"
    proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(dist.glob("healthlint-*.whl"))

    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("healthlint/_data/rules/nl/") for n in names)
    assert "healthlint/_data/schemas/report.schema.json" in names
    assert any(n.startswith("healthlint/report/templates/") for n in names)

    env_dir = tmp_path / "venv"
    # dependencies come from the running environment; the wheel itself goes into the new one
    venv.create(env_dir, with_pip=True, system_site_packages=True)
    python = env_dir / "bin" / "python"
    proc = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(ROOT / "examples" / "magnesium-tekort.html", outside / "artikel.html")
    proc = subprocess.run([str(env_dir / "bin" / "healthlint"), "check", "--format", "json", "artikel.html"],
                          cwd=outside, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["files"][0]["findings"]
    where = subprocess.run([str(python), "-c", "import healthlint.resources as r; print(r.data_path('rules'))"],
                           cwd=outside, capture_output=True, text=True, timeout=60)
    assert str(env_dir) in where.stdout and "_data" in where.stdout

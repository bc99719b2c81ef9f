import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
if str(SRC) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(SRC))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _private_result_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own result cache, never the user's ~/.cache/healthlint."""
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path_factory.mktemp("healthlint-cache")))

"""Robustness and security tests (issue 8).

Hypothesis profiles:

* ``robust-ci`` (default here): a small, derandomised sample so the normal
  suite stays fast and deterministic;
* ``robust-fuzz``: chosen when ``HEALTHLINT_FUZZ_EXAMPLES`` is set; random,
  that many generated documents in total over the fuzz tests (see
  docs/robustness.md for the documented 10,000-case run).
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
            HealthCheck.large_base_example]

settings.register_profile("robust-ci", max_examples=75, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_SLOW_OK, print_blob=True)
settings.register_profile("robust-fuzz", deadline=None, database=None, suppress_health_check=_SLOW_OK,
                          print_blob=True)

"""Hostile shapes of input cost time in proportion to their size.

Each shape of bench/stress.py (issue 14: one paragraph of claims, of links,
reference links, repeated FAQ headings, FAQ markup with unclosed <noscript>,
a long table, setext headings, many attributes) is linted at a base size and
at four times that size. Linear work takes about 4× as long; quadratic work
about 16×. The test fails only above 8×, on the best of three runs measured
in CPU time of this process, so a loaded machine does not make it flaky.
This compares a document with itself four times larger: it asserts growth,
not speed (speed is measured by bench/stress.py).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from healthlint.config import Settings
from healthlint.engine import Linter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import stress  # noqa: E402

pytestmark = pytest.mark.xdist_group("linear-time")  # one worker: the cases do not compete with each other

GROWTH = 4
LIMIT = 8.0  # linear gives ~4, quadratic ~16
# a mild quadratic term (a copy of the text so far per link) only shows on larger
# inputs: HEALTHLINT_LINEAR_SCALE=8 multiplies every base size (docs/robustness.md)
SCALE = float(os.environ.get("HEALTHLINT_LINEAR_SCALE", "1"))
# base size in characters per case: large enough that a quadratic term shows at 4×,
# small enough that the 4× document takes a fraction of a second when linear
BASE_SIZE = {
    "claims-paragraph": 25_000,
    "md-link-paragraph": 60_000,
    "reference-links": 40_000,
    "html-faq-headings": 40_000,
    "faq-markup-noscript": 25_000,
    "md-table": 15_000,
    "setext-headings": 15_000,
    "many-attributes": 30_000,
}


@pytest.fixture(scope="module")
def lint():
    linter = Linter(Settings(), explicit_config=True)
    settings = replace(Settings(), preview=True, select=("ALL",))
    linter.lint_text("warm-up: packs loaded before timing", "x.md", settings)
    return lambda text, display: linter.lint_text(text, display, settings)


def _cpu_seconds(lint, text: str, display: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        result = lint(text, display)
        best = min(best, time.process_time() - start)
        assert result.get("error") is None, result["error"]
    return best


def test_every_stress_case_has_a_base_size():
    assert set(BASE_SIZE) == set(stress.CASES)


@pytest.mark.parametrize("case", sorted(BASE_SIZE))
def test_four_times_the_input_costs_at_most_eight_times_the_time(lint, case):
    display, make = stress.CASES[case]
    size = int(BASE_SIZE[case] * SCALE)
    small = _cpu_seconds(lint, make(size), display)
    large = _cpu_seconds(lint, make(GROWTH * size), display)
    ratio = large / max(small, 1e-3)
    assert ratio <= LIMIT, (f"{case}: {GROWTH}x the input took {ratio:.1f}x the time "
                            f"({small:.3f} s -> {large:.3f} s): superlinear growth")

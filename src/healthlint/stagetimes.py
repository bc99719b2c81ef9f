"""Where a document's milliseconds go, by pipeline stage, for bench/run.py.

A function of the pipeline is marked with ``@stage("phrase scan")``. Timing is
off unless HEALTHLINT_STAGE_TIMES is set when healthlint is imported; then
the decorator hands the function back unchanged, so a normal run pays
nothing, not even a call. When on, each stage records its own time: time
spent in a stage called from inside another (sentences computed on first use
by a rule) counts for the inner stage only, so the stages add up to the total.
"""

from __future__ import annotations

import os
from functools import wraps
from time import process_time  # CPU time: on a busy machine, wall time would count the neighbours
from typing import Callable, TypeVar

ENABLED = bool(os.environ.get("HEALTHLINT_STAGE_TIMES"))

F = TypeVar("F", bound=Callable)

# stage name -> CPU seconds of its own time since the last reset()
totals: dict[str, float] = {}
# time spent in nested stages, one entry per stage now running
_nested: list[float] = []


def stage(name: str) -> Callable[[F], F]:
    """Count the decorated function's own time under `name` (when enabled)."""

    def decorate(function: F) -> F:
        if not ENABLED:
            return function
        totals.setdefault(name, 0.0)

        @wraps(function)
        def timed(*args, **kwargs):
            start = process_time()
            _nested.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = process_time() - start
                totals[name] += elapsed - _nested.pop()
                if _nested:
                    _nested[-1] += elapsed

        return timed  # type: ignore[return-value]

    return decorate


def reset() -> None:
    for name in totals:
        totals[name] = 0.0

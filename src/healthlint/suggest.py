"""Suggestions ("did you mean …?") for names a user typed: rule ids, categories, config keys.

difflib's ratio is enough for typos in short hyphenated names
("claim-diseases", "affilate", "fail_on") and needs no dependency.
"""

from __future__ import annotations

from typing import Iterable


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """' (did you mean "x"?)' for the closest known name, or '' when none is close."""
    import difflib  # only a misspelt name needs it: a plain run does not import it

    candidates = list(known)
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if not close:
        # a different separator or case is still the same name ("fail_on", "Claim-Disease")
        folded = {c.lower().replace("_", "-"): c for c in candidates}
        match = folded.get(name.lower().replace("_", "-"))
        close = [match] if match else []
    return f' (did you mean "{close[0]}"?)' if close else ""


def selectors() -> list[str]:
    """Every rule id and category, and ALL: what --select, --ignore and suppressions accept."""
    from healthlint.registry import CATEGORIES, all_rules

    return ["ALL", *CATEGORIES, "engine", *all_rules()]

"""Developer tools for a source checkout of healthlint (not for linting content).

    python -m healthlint.dev generate [--check]
    python -m healthlint.dev new-rule RULE-ID --category CATEGORY

See docs/adding-a-rule.md.
"""

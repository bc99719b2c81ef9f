"""Accuracy evaluation: labelled corpora and the scorer (python -m eval.score)."""

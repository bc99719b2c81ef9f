"""readability-* rules: Flesch reading ease (en) / Flesch-Douma (nl), long sentences and paragraphs."""

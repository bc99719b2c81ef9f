"""Report writers. Each takes the JSON report dict and the rule metadata."""

FORMATS = ("text", "json", "sarif", "github", "html", "rdjson")

"""The JSON report: the wire format of schemas/report.schema.json."""

from __future__ import annotations

import json
from typing import Any


def render(report: dict[str, Any], rules: list[dict[str, Any]] | None = None, *, options: dict | None = None) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"

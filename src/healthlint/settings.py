"""The effective settings of one file, and the rules' default thresholds.

Settings are what the engine, the rules' Context and the reports read; finding
and reading config files (healthlint.config) is the app layer's job, so the
value type sits below both, next to the pack data its defaults come from
(rules/thresholds.yaml).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

from healthlint.errors import ConfigError
from healthlint.loader import DEFAULT_MAX_BYTES
from healthlint.resources import ValidatedBefore, data_path, load_schema


@lru_cache(maxsize=1)
def default_thresholds() -> dict[str, dict[str, Any]]:
    """Per-rule thresholds from rules/thresholds.yaml (validated by its schema)."""
    path = data_path("rules") / "thresholds.yaml"
    raw = path.read_bytes()
    schema = load_schema("thresholds.schema.json")
    known = ValidatedBefore("thresholds", raw, schema)
    data = known.parsed_copy("options")
    if data is None:
        import yaml  # only without a parsed copy: a plain run imports no YAML parser

        data = yaml.safe_load(raw.decode("utf-8"))
        if not known:
            from jsonschema import Draft202012Validator

            errors = list(Draft202012Validator(schema).iter_errors(data))
            if errors:
                raise ConfigError(f"{path}: /{'/'.join(map(str, errors[0].absolute_path))}: {errors[0].message}")
            known.remember()
        known.keep_parsed_copy(data)
    return data["options"]


@dataclass(frozen=True)
class Settings:
    """The effective settings for one file."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    fail_on: str = "error"
    preview: bool = False
    inline_config: bool = True
    lang: str | None = None
    keyword: str | None = None
    extra_packs: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_BYTES
    own_domains: tuple[str, ...] = ()
    affiliate_hosts: tuple[str, ...] = ()
    cloaked_paths: tuple[str, ...] = ()
    cache_dir: str | None = None
    jobs: int | None = None  # worker processes for a run (0 = all cores); not part of digest()
    config_path: str | None = None
    per_file: tuple[dict[str, Any], ...] = field(default=(), compare=False, hash=False)

    def option(self, rule_id: str, key: str) -> Any:
        for rid, values in self.options:
            if rid == rule_id:
                for k, v in values:
                    if k == key:
                        return v
        return default_thresholds().get(rule_id, {}).get(key)

    def severity_override(self, rule_id: str) -> str | None:
        """The severity the config gives a rule, or None."""
        return self._severities.get(rule_id)

    @cached_property
    def _severities(self) -> dict[str, str]:
        # read once per finding: a dict, made once per settings
        return dict(self.severity)

    def digest(self) -> str:
        return self._digest

    @cached_property
    def _digest(self) -> str:
        # what changes a file's result; where and how fast it is computed does not
        data = {k: v for k, v in self.__dict__.items()
                if k not in ("per_file", "config_path", "cache_dir", "jobs") and not k.startswith("_")}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def for_file(self, rel_path: str) -> Settings:
        """Apply the per-file entries whose glob matches this path."""
        settings = self
        for entry in self.per_file:
            if not _glob_match(rel_path, entry["glob"]):
                continue
            changes: dict[str, Any] = {}
            if "keyword" in entry and settings.keyword is None:
                changes["keyword"] = entry["keyword"]
            if "lang" in entry:
                changes["lang"] = entry["lang"]
            if "select" in entry:
                changes["select"] = tuple(entry["select"])
            if "ignore" in entry:
                changes["ignore"] = settings.ignore + tuple(entry["ignore"])
            if "severity" in entry:
                changes["severity"] = settings.severity + tuple(sorted(entry["severity"].items()))
            settings = replace(settings, **changes)
        return settings


def _glob_match(path: str, pattern: str) -> bool:
    path = path.replace("\\", "/")
    if fnmatch.fnmatch(path, pattern):
        return True
    if pattern.endswith("/**"):
        return path.startswith(pattern[:-3] + "/") or fnmatch.fnmatch(path, pattern[:-3] + "/*")
    return "**/" in pattern and fnmatch.fnmatch(path, pattern.replace("**/", ""))

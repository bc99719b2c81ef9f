"""Configuration: `[tool.healthlint]` in pyproject.toml or a healthlint.toml,
the nearest to each file wins; validated against schemas/config.schema.json.

Precedence: command line > per-file entry > config file > defaults.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from healthlint.errors import ConfigError
from healthlint.registry import CATEGORIES, SEVERITIES, all_rules
from healthlint.resources import ValidatedBefore
from healthlint.settings import Settings, default_thresholds
from healthlint.suggest import did_you_mean

FAIL_ON = ("error", "warning", "info", "never")
CONFIG_FILES = ("healthlint.toml", "pyproject.toml")


def config_schema() -> dict[str, Any]:
    """The JSON Schema of the config, generated from the registry so that an
    unknown rule id or option is an error (schemas/config.schema.json is this,
    written out; a test keeps them equal)."""
    ids = list(all_rules())
    selectors = sorted({*ids, *CATEGORIES, "ALL"})
    thresholds = default_thresholds()
    option_props: dict[str, Any] = {}
    for rid, values in thresholds.items():
        props = {}
        for key, value in values.items():
            kind = "boolean" if isinstance(value, bool) else "number" if isinstance(value, (int, float)) else "string"
            props[key] = {"type": kind, "default": value}
        option_props[rid] = {"type": "object", "additionalProperties": False, "properties": props}
    selector_list = {"type": "array", "items": {"enum": selectors}, "uniqueItems": True}
    severity_map = {"type": "object", "propertyNames": {"enum": ids}, "additionalProperties": {"enum": list(SEVERITIES)}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://healthlint.dev/schemas/config.schema.json",
        "title": "healthlint configuration ([tool.healthlint] or healthlint.toml)",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "lang": {"enum": ["nl", "en"]},
            "select": selector_list,
            "ignore": selector_list,
            "severity": severity_map,
            "options": {"type": "object", "additionalProperties": False, "properties": option_props},
            "fail-on": {"enum": list(FAIL_ON)},
            "preview": {"type": "boolean"},
            "inline-config": {"type": "boolean"},
            "extra-packs": {"type": "array", "items": {"type": "string"}},
            "trusted-pack-paths": {"type": "array", "items": {"type": "string"}},
            "max-file-size": {"type": "integer", "minimum": 1},
            "cache-dir": {"type": "string"},
            "jobs": {"type": "integer", "minimum": 0},
            "affiliate": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "own-domains": {"type": "array", "items": {"type": "string"}},
                    "hosts": {"type": "array", "items": {"type": "string"}},
                    "cloaked-paths": {"type": "array", "items": {"type": "string", "pattern": "^/.*/$"}},
                },
            },
            # `check --wordpress` and fetched pages (healthlint.sources); credentials never live here
            "wordpress": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "site": {"type": "string", "pattern": "^https?://"},
                    "status": {"type": "array", "items": {"type": "string"}},
                    "type": {"type": "array", "items": {"type": "string"}},
                    "author": {"type": "array", "items": {"type": "string"}},
                    "fix-dir": {"type": "string"},
                },
            },
            "content-selector": {"type": "string", "minLength": 1},
            "per-file": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["glob"],
                    "properties": {
                        "glob": {"type": "string"},
                        "keyword": {"type": "string"},
                        "lang": {"enum": ["nl", "en"]},
                        "select": selector_list,
                        "ignore": selector_list,
                        "severity": severity_map,
                    },
                },
            },
        },
    }


def _validate(data: dict[str, Any], path: Path) -> None:
    schema = config_schema()
    known = ValidatedBefore("config", json.dumps(data, sort_keys=True, default=str).encode(), schema)
    if known:
        return
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        message = error.message
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(error.schema.get("properties", {}))
            extra = [k for k in error.instance if k not in allowed]
            message = "; ".join(f"unknown key {k!r}" + did_you_mean(k, allowed) for k in extra) or message
        elif error.validator == "enum" and isinstance(error.instance, str):
            message = f"unknown value {error.instance!r}" + did_you_mean(error.instance, map(str, error.validator_value))
        elif error.validator == "propertyNames":
            message = f"unknown rule id {error.instance!r}" + did_you_mean(str(error.instance), all_rules())
        raise ConfigError(f"{path}: {where}: {message}")
    known.remember()


def read_config_file(path: Path) -> dict[str, Any] | None:
    """The healthlint table of a config file, or None if it has none."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except ValueError as exc:  # e.g. an integer past Python's 4,300-digit conversion limit
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("healthlint")
        if table is None:
            return None
    else:
        table = data
    _validate(table, path)
    return table


@lru_cache(maxsize=256)
def find_config(directory: Path) -> Path | None:
    """The nearest config file at or above directory."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            try:
                found = candidate.is_file()
            except OSError:  # a path longer than PATH_MAX: that folder's config cannot be read
                continue
            if found:
                if name == "healthlint.toml" or _has_tool_table(candidate):
                    return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return "healthlint" in tomllib.load(handle).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False
    except (ValueError, RecursionError):
        return True  # a file TOML can parse but Python cannot hold: read_config_file names the problem


def settings_from_table(table: dict[str, Any], path: Path | None, base: Settings | None = None) -> Settings:
    settings = base or Settings()
    root = path.parent if path else Path.cwd()
    changes: dict[str, Any] = {"config_path": str(path) if path else None}
    if "select" in table:
        changes["select"] = tuple(table["select"])
    if "ignore" in table:
        changes["ignore"] = tuple(table["ignore"])
    if "severity" in table:
        changes["severity"] = tuple(sorted(table["severity"].items()))
    if "options" in table:
        changes["options"] = tuple(sorted((rid, tuple(sorted(v.items()))) for rid, v in table["options"].items()))
    for key, attr in (("fail-on", "fail_on"), ("preview", "preview"), ("inline-config", "inline_config"),
                      ("lang", "lang"), ("max-file-size", "max_file_size"), ("jobs", "jobs")):
        if key in table:
            changes[attr] = table[key]
    if "extra-packs" in table:
        trusted = [(root / p).resolve() for p in table.get("trusted-pack-paths", ())]
        changes["extra_packs"] = tuple(str(_pack_path(root, p, trusted, path)) for p in table["extra-packs"])
    if "cache-dir" in table:
        changes["cache_dir"] = str((root / table["cache-dir"]).resolve())
    affiliate = table.get("affiliate", {})
    changes["own_domains"] = tuple(affiliate.get("own-domains", ()))
    changes["affiliate_hosts"] = tuple(affiliate.get("hosts", ()))
    changes["cloaked_paths"] = tuple(affiliate.get("cloaked-paths", ()))
    if "per-file" in table:
        changes["per_file"] = tuple(table["per-file"])
    return replace(settings, **changes)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _pack_path(root: Path, raw: str, trusted: list[Path], config: Path | None) -> Path:
    """An extra-packs entry, resolved. Packs are untrusted input that steer
    every run, so one that resolves outside the config file's folder (through
    '..', an absolute path or a symlink, also a symlink inside a pack folder)
    is refused unless it lies in a folder named under trusted-pack-paths."""
    resolved = (root / raw).resolve()
    folder = root.resolve()
    allowed = [folder, *trusted]
    candidates = [resolved]
    if resolved.is_dir():  # what packs.pack_files_from will load
        candidates += [p.resolve() for p in sorted((root / raw).rglob("*.yaml"))]
    for candidate in candidates:
        if not any(_inside(candidate, base) for base in allowed):
            where = config or "the config"
            raise ConfigError(
                f"{where}: extra-packs: {raw!r} resolves to {candidate}, outside the project folder {folder}; "
                "name that folder under trusted-pack-paths if you mean to load packs from there"
            )
    return resolved


def load_settings(path: Path) -> Settings:
    table = read_config_file(path)
    return settings_from_table(table or {}, path)

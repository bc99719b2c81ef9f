"""SARIF 2.1.0 writer.

``render(report, rules)`` turns the JSON report (the wire format of
``healthlint check --format json``) and the rule registry metadata into one
SARIF log with a single run:

* ``tool.driver.rules`` holds every registry rule (plus a synthesised
  descriptor for any rule id that only appears in findings, such as the
  engine's ``internal-error``) with its docs as ``help`` (text and Markdown);
* each finding becomes a ``result`` with ``ruleId``/``ruleIndex``, a level
  (info -> ``note``), a physical location relative to ``%SRCROOT%`` and a
  region in 1-based lines and Unicode code point columns
  (``run.columnKind = "unicodeCodePoints"``; ``endColumn`` is exclusive, as in
  the report); a document-level finding (``line: null``) gets a location with
  the artifact only;
* ``partialFingerprints["healthlint/v1"]`` is the finding's own fingerprint,
  which the engine computes without line numbers, so GitHub code scanning keeps
  an alert when unrelated lines move;
* suppressed findings are results with ``suppressions`` (``inSource`` for
  inline and front-matter directives, ``external`` for config);
* file-level input errors become ``invocations[0].toolExecutionNotifications``.

The output is deterministic (no timestamps) so it can be golden-tested.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any
from urllib.parse import quote

from healthlint.report.escape import escape_surrogates

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "healthlint/v1"
SRCROOT = "%SRCROOT%"

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

def _level(severity: str | None) -> str:
    return _LEVEL.get(severity or "", "warning")


def _quote(text: str, safe: str) -> str:
    """Percent-encoding; a file name's undecodable bytes (lone surrogates) as the bytes they were."""
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte stands for
        data = escape_surrogates(text).encode("utf-8")
    return quote(data, safe=safe)


def artifact_uri(path: str) -> tuple[str, bool]:
    """Return ``(uri, relative)`` for a report path.

    Relative paths become a percent-encoded relative URI reference (resolved
    against ``%SRCROOT%``); absolute paths become ``file://`` URIs.
    """
    p = path.replace("\\", "/")
    if len(p) >= 2 and p[1] == ":" and p[0].isalpha():  # Windows drive path
        return "file:///" + _quote(p, "/:"), False
    if p.startswith("/"):
        return "file://" + _quote(posixpath.normpath(p), "/"), False
    while p.startswith("./"):
        p = p[2:]
    return _quote(p, "/"), True


def _artifact_location(path: str, index: int | None = None) -> dict[str, Any]:
    uri, relative = artifact_uri(path)
    loc: dict[str, Any] = {"uri": uri}
    if relative:
        loc["uriBaseId"] = SRCROOT
    if index is not None:
        loc["index"] = index
    return loc


def _text(*parts: str | None) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _help_markdown(rule: dict[str, Any]) -> str:
    docs = rule.get("docs") or {}
    out: list[str] = []
    if docs.get("what"):
        out += ["## What it does", docs["what"].strip()]
    if docs.get("why"):
        out += ["## Why it matters", docs["why"].strip()]
    if docs.get("example"):
        out += ["## Example", _fence(docs["example"])]
    if docs.get("instead"):
        out += ["## Instead", _fence(docs["instead"])]
    if rule.get("source"):
        out += ["## Source", str(rule["source"]).strip()]
    return "\n\n".join(out) or (rule.get("summary") or rule["id"])


def _fence(text: str) -> str:
    text = text.strip("\n")
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"


def _help_text(rule: dict[str, Any]) -> str:
    docs = rule.get("docs") or {}
    out: list[str] = []
    for label, key in (("What it does", "what"), ("Why it matters", "why"),
                       ("Example", "example"), ("Instead", "instead")):
        if docs.get(key):
            out.append(f"{label}:\n{docs[key].strip()}")
    if rule.get("source"):
        out.append(f"Source: {rule['source']}")
    return "\n\n".join(out) or (rule.get("summary") or rule["id"])


def _descriptor(rule: dict[str, Any]) -> dict[str, Any]:
    docs = rule.get("docs") or {}
    summary = rule.get("summary") or rule["id"]
    category = rule.get("category") or "engine"
    status = rule.get("status") or "stable"
    tags = ["healthlint", category]
    if status != "stable":
        tags.append(status)
    props: dict[str, Any] = {"category": category, "status": status, "tags": tags}
    if rule.get("source"):
        props["source"] = rule["source"]
    if "fixable" in rule:
        props["fixable"] = bool(rule.get("fixable"))
    desc: dict[str, Any] = {
        "id": rule["id"],
        "name": rule.get("name") or _camel(rule["id"]),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": _text(docs.get("what"), docs.get("why")) or summary},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": _level(rule.get("severity"))},
        "properties": props,
    }
    return desc


def _camel(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _synthetic_rule(finding: dict[str, Any]) -> dict[str, Any]:
    rid = finding["rule"]
    return {
        "id": rid,
        "category": finding.get("category") or "engine",
        "severity": finding.get("severity") or "warning",
        "status": "stable",
        "summary": rid,
        "docs": {},
        "source": None,
    }


def _region(f: dict[str, Any]) -> dict[str, Any] | None:
    line = f.get("line")
    if not line:
        return None
    region: dict[str, Any] = {"startLine": int(line)}
    col = f.get("column")
    if col:
        region["startColumn"] = max(1, int(col))
    end_line = f.get("end_line")
    if end_line:
        region["endLine"] = max(int(end_line), int(line))
        end_col = f.get("end_column")
        if end_col and col:
            end_col = int(end_col)
            if region["endLine"] == region["startLine"]:
                end_col = max(end_col, region["startColumn"])
            region["endColumn"] = max(1, end_col)
    return region


def _location(path: str, artifact_index: int, f: dict[str, Any] | None) -> dict[str, Any]:
    phys: dict[str, Any] = {"artifactLocation": _artifact_location(path, artifact_index)}
    if f is not None:
        region = _region(f)
        if region is not None:
            phys["region"] = region
            if f.get("excerpt") is not None:
                context: dict[str, Any] = {"startLine": region["startLine"]}
                if f.get("excerpt_column"):  # the excerpt may be a window of a long line: say which
                    context["startColumn"] = int(f["excerpt_column"])
                    context["endColumn"] = context["startColumn"] + len(f["excerpt"])
                context["snippet"] = {"text": f["excerpt"]}
                phys["contextRegion"] = context
    return {"physicalLocation": phys}


def _fixes(path: str, artifact_index: int, fix: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not fix or not fix.get("edits"):
        return []
    replacements = []
    for edit in fix["edits"]:
        start, end = int(edit["start"]), int(edit["end"])
        rep: dict[str, Any] = {"deletedRegion": {"charOffset": start, "charLength": max(0, end - start)}}
        if edit.get("text"):
            rep["insertedContent"] = {"text": edit["text"]}
        replacements.append(rep)
    out: dict[str, Any] = {
        "artifactChanges": [{
            "artifactLocation": _artifact_location(path, artifact_index),
            "replacements": replacements,
        }],
    }
    if fix.get("description"):
        out["description"] = {"text": fix["description"]}
    return [out]


_SUPPRESSION_KIND = {"inline": "inSource", "front-matter": "inSource", "config": "external", "baseline": "external"}


def _result(f: dict[str, Any], path: str, artifact_index: int, rule_index: int,
            suppressed: bool, source: dict[str, Any] | None = None) -> dict[str, Any]:
    message = f.get("message") or f["rule"]
    res: dict[str, Any] = {
        "ruleId": f["rule"],
        "ruleIndex": rule_index,
        "level": _level(f.get("severity")),
        "message": {"text": message},
        "locations": [_location(path, artifact_index, f)],
    }
    if f.get("fingerprint"):
        res["partialFingerprints"] = {FINGERPRINT_KEY: str(f["fingerprint"])}
    fixes = _fixes(path, artifact_index, f.get("fix"))
    if fixes:
        res["fixes"] = fixes
    if suppressed:
        sup = f.get("suppression") or {}
        entry: dict[str, Any] = {"kind": _SUPPRESSION_KIND.get(sup.get("kind", "inline"), "inSource"),
                                 "state": "accepted"}
        if sup.get("reason"):
            entry["justification"] = sup["reason"]
        res["suppressions"] = [entry]
    props: dict[str, Any] = {"category": f.get("category") or "engine", "severity": f.get("severity")}
    if f.get("approximate"):
        props["approximate"] = True
    if f.get("suggestion"):
        props["suggestion"] = f["suggestion"]
    if source:  # a WordPress post (id, title, status, edit link) or a fetched page
        props["source"] = source
    res["properties"] = props
    return res


def build(report: dict[str, Any], rules: list[dict[str, Any]], *,
          options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the SARIF log as a Python dict (``render`` serialises it)."""
    options = options or {}
    tool = report.get("tool") or {}
    files = report.get("files") or []

    registry: list[dict[str, Any]] = list(rules or [])
    index: dict[str, int] = {}
    for r in registry:
        index.setdefault(r["id"], len(index))
    registry = [r for i, r in enumerate(registry) if index[r["id"]] == i]  # drop duplicate ids
    for fentry in files:
        for f in list(fentry.get("findings") or []) + list(fentry.get("suppressed") or []):
            if f["rule"] not in index:
                index[f["rule"]] = len(registry)
                registry.append(_synthetic_rule(f))

    driver: dict[str, Any] = {
        "name": tool.get("name") or "healthlint",
        "version": str(tool.get("version") or "0"),
        "rules": [_descriptor(r) for r in registry],
    }
    if tool.get("version"):
        driver["semanticVersion"] = str(tool["version"])
    if options.get("information_uri"):
        driver["informationUri"] = options["information_uri"]

    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for ai, fentry in enumerate(files):
        path = fentry["path"]
        art: dict[str, Any] = {"location": _artifact_location(path)}
        if fentry.get("format"):
            art["sourceLanguage"] = fentry["format"]
        art_props: dict[str, Any] = {}
        for key in ("language", "keyword", "scores", "stats"):
            if fentry.get(key) is not None:
                art_props[key] = fentry[key]
        if art_props:
            art["properties"] = art_props
        artifacts.append(art)
        if fentry.get("error"):
            notifications.append({
                "level": "error",
                "message": {"text": f"{path}: {fentry['error']}"},
                "locations": [_location(path, ai, None)],
                "descriptor": {"id": "input-error"},
            })
        for f in fentry.get("findings") or []:
            results.append(_result(f, path, ai, index[f["rule"]], suppressed=False,
                                   source=fentry.get("source")))
        for f in fentry.get("suppressed") or []:
            results.append(_result(f, path, ai, index[f["rule"]], suppressed=True,
                                   source=fentry.get("source")))

    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications

    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if options.get("srcroot"):
        run["originalUriBaseIds"] = {SRCROOT: {"uri": options["srcroot"]}}
    if options.get("automation_id"):
        run["automationDetails"] = {"id": options["automation_id"]}
    if report.get("summary"):
        run["properties"] = {"summary": report["summary"]}
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(report: dict[str, Any], rules: list[dict[str, Any]], *,
           options: dict[str, Any] | None = None) -> str:
    """Render the report as a SARIF 2.1.0 JSON document (with trailing newline).

    Options: ``srcroot`` (a ``file:///.../`` URI for ``%SRCROOT%``),
    ``automation_id`` (``run.automationDetails.id``, GitHub's category),
    ``information_uri`` (``tool.driver.informationUri``).
    """
    return json.dumps(build(report, rules, options=options), indent=2, ensure_ascii=False) + "\n"

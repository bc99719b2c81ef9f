"""Self-contained HTML audit report (Lighthouse model, server-rendered).

``render(report, rules)`` returns one HTML document that

* needs no network and no JavaScript (``<details>`` expands and collapses;
  a Content-Security-Policy ``<meta>`` forbids scripts and remote loads);
* shows an overview of all files, worst overall score first, with a gauge per
  category, then per file: the stats charts (keyphrase density, Flesch,
  words), failed audits per category (open), passed, not-applicable and
  suppressed audits (collapsed), each finding with ``line:col``, message,
  rule docs and the source excerpt with the span in ``<mark>``;
* prints well (``@media print`` opens all ``<details>``, light colours).

Every string from the report is escaped by Jinja2's autoescape. The only
markup built in Python is the embedded report JSON, in which ``<``, ``>``,
``&``, U+2028 and U+2029 are written as ``\\uXXXX`` escapes (as Lighthouse's
``sanitizeJson`` does), so it can neither end the ``<script>`` element nor
open a comment.

Templates live in ``healthlint/report/templates/`` (package data).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from healthlint.registry import CATEGORIES as CATEGORY_KEYS
from healthlint.report import excerpt

TEMPLATE_DIR = Path(__file__).with_name("templates")

# How the report names each category (the categories and their order are the registry's).
_LABELS = {"keyword": "Keyphrase", "heading": "Headings", "faq": "FAQ", "affiliate": "Affiliate",
           "claims": "Health claims", "trust": "Trust", "integrity": "Integrity", "meta": "Meta & SEO",
           "readability": "Readability", "engine": "Engine"}
CATEGORIES: list[tuple[str, str]] = [(key, _LABELS.get(key, key.title())) for key in CATEGORY_KEYS]
_SEV_RANK = {"error": 0, "warning": 1, "info": 2}

# Excerpt window around the highlighted span (code points).
_BEFORE, _MARK, _AFTER = 80, 300, 120

_env: Environment | None = None


def _environment() -> Environment:
    global _env
    if _env is None:
        _env = Environment(
            loader=FileSystemLoader(str(TEMPLATE_DIR)),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    return _env


def rating(score: int | None) -> str:
    """``pass`` (>= 90), ``average`` (>= 50), ``fail``; ``na`` for no score."""
    if score is None:
        return "na"
    if score >= 90:
        return "pass"
    if score >= 50:
        return "average"
    return "fail"


def sanitize_json(data: Any) -> str:
    """JSON safe to put inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def excerpt_parts(f: dict[str, Any]) -> dict[str, Any] | None:
    """Split a finding's excerpt into before / marked / after text (see
    healthlint.report.excerpt), cut to a window around the mark."""
    parts = excerpt.split(f, _BEFORE, _MARK, _AFTER)
    if parts is None:
        return None
    return {"before": parts.before.lstrip(), "mark": parts.mark, "after": parts.after.rstrip()}


def _position(f: dict[str, Any]) -> str:
    line = f.get("line")
    if not line:
        return "document"
    if f.get("column"):
        return f"{line}:{f['column']}"
    return str(line)


def _finding_view(f: dict[str, Any]) -> dict[str, Any]:
    fix = f.get("fix") or None
    sup = f.get("suppression") or None
    return {
        "rule": f["rule"],
        "severity": f.get("severity") or "warning",
        "position": _position(f),
        "line": f.get("line") or 0,
        "line_range": (f"lines {f['line']}–{f['end_line']}"
                       if f.get("line") and f.get("end_line") and f["end_line"] != f["line"] else ""),
        "message": f.get("message") or "",
        "excerpt": excerpt_parts(f),
        "suggestion": f.get("suggestion"),
        "fix": fix.get("description") if fix else None,
        "approximate": bool(f.get("approximate")),
        "suppression_kind": sup.get("kind") if sup else None,
        "suppression_reason": sup.get("reason") if sup else None,
    }


def _rule_meta(rid: str, registry: dict[str, dict[str, Any]], fallback: dict[str, Any] | None = None) -> dict[str, Any]:
    r = registry.get(rid)
    if r is None:
        fallback = fallback or {}
        r = {"id": rid, "name": rid, "category": fallback.get("category") or "engine",
             "severity": fallback.get("severity") or "warning", "status": "stable",
             "summary": rid, "docs": {}, "source": None}
    docs = r.get("docs") or {}
    return {
        "id": rid,
        "category": r.get("category") or "engine",
        "severity": r.get("severity") or "warning",
        "status": r.get("status") or "stable",
        "summary": r.get("summary") or rid,
        "what": docs.get("what") or "",
        "why": docs.get("why") or "",
        "example": docs.get("example") or "",
        "instead": docs.get("instead") or "",
        "source": r.get("source") or "",
    }


def _bar(value: float | None, lo: float, hi: float, band: tuple[float | None, float | None],
         marker: float | None = None) -> dict[str, Any] | None:
    """Geometry for a 0..100 wide horizontal scale (SVG user units)."""
    if value is None:
        return None

    def x(v: float) -> float:
        return round(max(0.0, min(100.0, (v - lo) / (hi - lo) * 100.0)), 2)

    b_lo = x(band[0]) if band[0] is not None else 0.0
    b_hi = x(band[1]) if band[1] is not None else 100.0
    return {"value": x(value), "band_x": b_lo, "band_w": round(b_hi - b_lo, 2),
            "marker": x(marker) if marker is not None else None}


def _threshold(registry: dict[str, dict[str, Any]], rule_id: str, key: str) -> Any:
    """A rule option as the run used it: the `options` of the rule metadata
    the writer was given (the run's config), else thresholds.yaml's default."""
    options = (registry.get(rule_id) or {}).get("options") or {}
    if key in options:
        return options[key]
    from healthlint.settings import default_thresholds

    return default_thresholds()[rule_id][key]


def _charts(stats: dict[str, Any], keyword: str | None = None,
            registry: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    registry = registry or {}
    density_band = (float(_threshold(registry, "keyword-density", "min")),
                    float(_threshold(registry, "keyword-density", "max")))
    flesch_threshold = _threshold(registry, "readability-score", "min")
    min_words = _threshold(registry, "content-too-short", "min_words")
    long_words = _threshold(registry, "readability-long-sentences", "max_words")
    long_share = float(_threshold(registry, "readability-long-sentences", "max_share"))
    charts = []
    density = stats.get("keyword_density")
    hi = max(5.0, (density or 0) * 1.2)
    d_ok = density is not None and density_band[0] <= density <= density_band[1]
    charts.append({
        "key": "density", "title": "Keyphrase density",
        "value": None if density is None else f"{density:.2f} %".replace(".00 %", " %"),
        "empty": "not measured" if keyword else "no keyphrase",
        "note": f"target {density_band[0]:g}–{density_band[1]:g} %"
                + ("" if stats.get("keyword_count") is None else f" · {stats['keyword_count']} uses"),
        "ok": d_ok, "bar": _bar(density, 0.0, hi, density_band),
        "lo": "0 %", "hi": f"{hi:g} %",
    })
    flesch = stats.get("flesch")
    charts.append({
        "key": "flesch", "title": "Reading ease (Flesch)",
        "value": None if flesch is None else f"{flesch:.0f}",
        "empty": "not measured",
        "note": f"{flesch_threshold:g}+ is fairly easy",
        "ok": flesch is not None and flesch >= flesch_threshold,
        "bar": _bar(None if flesch is None else max(0.0, min(100.0, flesch)), 0.0, 100.0,
                    (flesch_threshold, None), flesch_threshold),
        "lo": "0", "hi": "100",
    })
    words = stats.get("words")
    w_hi = float(max(600, int((words or 0) * 1.15)))
    charts.append({
        "key": "words", "title": "Words",
        "value": None if words is None else f"{words:,}".replace(",", "\u202f"),
        "empty": "not counted",
        "note": f"minimum {min_words:g}",
        "ok": words is not None and words >= min_words,
        "bar": _bar(words, 0.0, w_hi, (min_words, None), min_words),
        "lo": "0", "hi": f"{int(w_hi):,}".replace(",", "\u202f"),
    })
    share = stats.get("long_sentence_share")
    charts.append({
        "key": "long", "title": f"Sentences > {long_words:g} words",
        "value": None if share is None else f"{share * 100:.0f} %",
        "empty": "not measured",
        "note": f"limit {long_share:g} %",
        "ok": share is not None and share <= long_share / 100,
        "bar": _bar(None if share is None else share * 100, 0.0, 100.0, (None, long_share), long_share),
        "lo": "0 %", "hi": "100 %",
    })
    return charts


def _file_view(index: int, fentry: dict[str, Any], registry: dict[str, dict[str, Any]]) -> dict[str, Any]:
    scores = fentry.get("scores") or {}
    findings = fentry.get("findings") or []
    suppressed = fentry.get("suppressed") or []
    run = list((fentry.get("rules") or {}).get("run") or [])
    not_applicable = list((fentry.get("rules") or {}).get("not_applicable") or [])

    failed: dict[str, dict[str, Any]] = {}
    for f in findings:
        a = failed.get(f["rule"])
        if a is None:
            meta = _rule_meta(f["rule"], registry, f)
            meta["category"] = f.get("category") or meta["category"]
            a = failed[f["rule"]] = {"rule": meta, "severity": f.get("severity") or meta["severity"],
                                     "findings": []}
        if _SEV_RANK.get(f.get("severity"), 1) < _SEV_RANK.get(a["severity"], 1):
            a["severity"] = f["severity"]
        a["findings"].append(_finding_view(f))

    cats: dict[str, dict[str, Any]] = {}

    def cat(key: str) -> dict[str, Any]:
        if key not in cats:
            score = scores.get(key) if key != "engine" else None
            cats[key] = {"key": key, "label": _LABELS.get(key, key.title()), "score": score,
                         "rating": rating(score), "failed": [], "passed": [], "na": []}
        return cats[key]

    for a in failed.values():
        cat(a["rule"]["category"])["failed"].append(a)
    for rid in run:
        if rid not in failed:
            meta = _rule_meta(rid, registry)
            cat(meta["category"])["passed"].append(meta)
    for rid in not_applicable:
        if rid not in failed:
            meta = _rule_meta(rid, registry)
            cat(meta["category"])["na"].append(meta)
    for c in cats.values():
        c["failed"].sort(key=lambda a: (_SEV_RANK.get(a["severity"], 1),
                                        min((f["line"] for f in a["findings"]), default=0), a["rule"]["id"]))
        c["passed"].sort(key=lambda m: m["id"])
        c["na"].sort(key=lambda m: m["id"])
    order = [k for k, _ in CATEGORIES] + ["engine"]
    categories = [cats[k] for k in order if k in cats] + [cats[k] for k in sorted(cats) if k not in order]
    anchor = f"file-{index + 1}"
    n = 0
    for c in categories:
        for a in c["failed"]:
            n += 1
            a["anchor"] = f"{anchor}-a{n}"
            a["category_label"] = c["label"]
    # "Fix before publishing": the error audits, in category order.
    priorities = [a for c in categories for a in c["failed"] if a["severity"] == "error"]

    gauges = [{"key": k, "label": label, "score": scores.get(k), "rating": rating(scores.get(k))}
              for k, label in CATEGORIES]
    counts = {s: sum(1 for f in findings if f.get("severity") == s) for s in ("error", "warning", "info")}
    overall = scores.get("overall")
    return {
        "anchor": anchor,
        "priorities": priorities,
        "path": fentry.get("path") or "",
        "path_parts": (fentry.get("path") or "").split("/"),
        "format": fentry.get("format") or "",
        "source": fentry.get("source"),
        "language": fentry.get("language") or "",
        "keyword": fentry.get("keyword"),
        "error": fentry.get("error"),
        "stats": fentry.get("stats") or {},
        "overall": overall,
        "overall_rating": rating(overall),
        "gauges": gauges,
        "charts": _charts(fentry.get("stats") or {}, fentry.get("keyword"), registry),
        "categories": categories,
        "counts": counts,
        "failed_count": len(failed),
        "passed_count": sum(len(c["passed"]) for c in categories),
        "suppressed": [_finding_view(f) | {"summary": _rule_meta(f["rule"], registry, f)["summary"]}
                       for f in suppressed],
    }


def build_context(report: dict[str, Any], rules: list[dict[str, Any]], *,
                  options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The template context (exposed for tests and other renderers)."""
    options = options or {}
    registry = {r["id"]: r for r in rules or []}
    views = [_file_view(i, f, registry) for i, f in enumerate(report.get("files") or [])]
    views.sort(key=lambda v: (0 if v["error"] else 1, 101 if v["overall"] is None else v["overall"], v["path"]))
    tool = report.get("tool") or {}
    summary = report.get("summary") or {}
    if len(views) == 1:
        title = f"healthlint report: {views[0]['path']}"
    else:
        title = f"healthlint report: {len(views)} files"
    return {
        "title": title,
        "tool": {"name": tool.get("name") or "healthlint", "version": tool.get("version") or ""},
        "summary": {
            "files": summary.get("files", len(views)),
            "errors": summary.get("errors", 0),
            "warnings": summary.get("warnings", 0),
            "infos": summary.get("infos", 0),
            "suppressed": summary.get("suppressed", 0),
            "file_errors": summary.get("file_errors", 0),
        },
        "files": views,
        "categories": CATEGORIES,
        "generated": options.get("generated_at"),
        "csp": options.get("csp", True),
        "data": Markup(sanitize_json(report)) if options.get("embed_json", True) else None,
    }


def render(report: dict[str, Any], rules: list[dict[str, Any]], *,
           options: dict[str, Any] | None = None) -> str:
    """Render the report as one self-contained HTML page.

    Options: ``embed_json`` (default True: embed the report once as
    ``<script type="application/json" id="healthlint-data">``), ``csp``
    (default True: a Content-Security-Policy meta that forbids scripts and
    remote loads), ``generated_at`` (a timestamp string to show; omitted by
    default so the output is reproducible).
    """
    template = _environment().get_template("report.html.j2")
    return template.render(**build_context(report, rules, options=options))

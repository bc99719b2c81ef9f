#!/usr/bin/env bash
# Run the Yoast SEO peer (yoastseo, pinned in shared/peers/yoast) over the comparison articles
# and put healthlint's own Flesch figures next to Yoast's.
#
#   bash docs/comparison/yoast/run_yoast.sh
#
# Inputs : docs/comparison/articles/manifest.jsonl  (one {"file","keyphrase","locale"} per line;
#          "file" relative to the repo root or to the manifest's folder) and
#          examples/magnesium-tekort.html ("magnesium tekort", nl_NL).
# Outputs (in this folder):
#   yoast-results.jsonl     raw `yoast.mjs --many --manifest` output (one result per file + summary)
#   yoast-counts.jsonl      Yoast's Flesch inputs (sentences, words, syllables) via yoast_counts.mjs
#   healthlint-counts.jsonl healthlint's counts and Flesch (healthlint_counts.py)
#   yoast-figures.md        the summary table (make_figures.py)
# Environment:
#   YOAST_DIR   writable folder holding the peer with node_modules (default /tmp/yoast). If it has
#               no node_modules/yoastseo, the peer is copied there from PEER_SRC and `npm ci` is run
#               (needs the npm registry; yoastseo 3.6.0 and its lockfile pins).
#   PEER_SRC    the read-only peer (default: ../shared/peers/yoast next to the repo, else /work/shared/peers/yoast)
#   PYTHON      python with pyphen (default python3); node >= 18 must be on PATH.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
YOAST_DIR="${YOAST_DIR:-/tmp/yoast}"
PYTHON="${PYTHON:-python3}"
if [[ -z "${PEER_SRC:-}" ]]; then
  for c in "$ROOT/../shared/peers/yoast" /work/shared/peers/yoast; do
    [[ -f "$c/yoast.mjs" ]] && PEER_SRC="$c" && break
  done
fi

if [[ ! -f "$YOAST_DIR/node_modules/yoastseo/package.json" ]]; then
  [[ -n "${PEER_SRC:-}" && -f "$PEER_SRC/yoast.mjs" ]] || { echo "peer not found; set PEER_SRC" >&2; exit 1; }
  mkdir -p "$YOAST_DIR"
  cp -r "$PEER_SRC"/. "$YOAST_DIR"/
  chmod -R u+w "$YOAST_DIR"
  (cd "$YOAST_DIR" && npm ci --no-audit --no-fund)
fi

MANIFEST="$ROOT/docs/comparison/articles/manifest.jsonl"
JOBS="$(mktemp)"
trap 'rm -f "$JOBS"' EXIT
# Repo-relative paths, so the outputs name files the same way on every machine.
"$PYTHON" - "$ROOT" "$MANIFEST" > "$JOBS" <<'PY'
import json, os, sys
root, manifest = sys.argv[1], sys.argv[2]
jobs = []
if os.path.exists(manifest):
    mdir = os.path.dirname(manifest)
    for line in open(manifest, encoding="utf-8"):
        if not line.strip():
            continue
        j = json.loads(line)
        f = j["file"]
        cand = [f, os.path.join(root, f), os.path.join(mdir, f)]
        path = next((c for c in cand if os.path.isfile(c)), None)
        if path is None:
            sys.exit(f"missing article: {f}")
        j["file"] = os.path.relpath(os.path.abspath(path), root)
        jobs.append(j)
else:
    print(f"warning: {manifest} not found; examples only", file=sys.stderr)
ex = os.path.join(root, "examples", "magnesium-tekort.html")
if os.path.isfile(ex) and not any(j["file"] == "examples/magnesium-tekort.html" for j in jobs):
    jobs.append({"file": "examples/magnesium-tekort.html", "keyphrase": "magnesium tekort", "locale": "nl_NL"})
for j in jobs:
    print(json.dumps(j, ensure_ascii=False))
PY

cd "$ROOT"
node "$YOAST_DIR/yoast.mjs" --many --manifest "$JOBS" > "$HERE/yoast-results.jsonl"
YOAST_DIR="$YOAST_DIR" node "$HERE/yoast_counts.mjs" files "$JOBS" > "$HERE/yoast-counts.jsonl"
PYTHONPATH="$ROOT/src" "$PYTHON" "$HERE/healthlint_counts.py" "$JOBS" > "$HERE/healthlint-counts.jsonl"
PYTHONPATH="$ROOT/src" "$PYTHON" "$HERE/make_figures.py" "$HERE" > "$HERE/yoast-figures.md"
echo "wrote $HERE/yoast-results.jsonl and $HERE/yoast-figures.md" >&2

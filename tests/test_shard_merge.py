"""--shard K/N splits the files exactly; `healthlint merge` of the shard
reports is the single-run report; merged SARIF validates."""

import json

import pytest
from jsonschema import Draft202012Validator

from healthlint.resources import load_schema
from healthlint.runner import parse_shard, shard_of
from helpers import run_cli as run
from perfkit import make_corpus


def paths_of(out: str) -> list[str]:
    return [f["path"] for f in json.loads(out)["files"]]


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_shards_partition_the_file_set(tmp_path, n):
    site = tmp_path / "site"
    make_corpus(site, 16)
    _, whole, _ = run("check", str(site), "--format", "json", "--no-cache")
    everything = paths_of(whole)
    parts = [paths_of(run("check", str(site), "--format", "json", "--no-cache", "--shard", f"{k}/{n}")[1])
             for k in range(1, n + 1)]
    seen = [p for part in parts for p in part]
    assert sorted(seen) == sorted(everything)
    assert len(seen) == len(set(seen))


def test_shard_is_a_stable_hash():
    assert shard_of("content/nl/vitamine-d.html", 4) == shard_of("content/nl/./vitamine-d.html", 4)
    assert shard_of("content/a.html", 7) == 5  # sha1-based: the same on every machine and Python
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "x", "1/0"):
        with pytest.raises(ValueError):
            parse_shard(bad)


def test_bad_shard_is_a_usage_error(tmp_path):
    code, _, err = run("check", str(tmp_path), "--shard", "3/2")
    assert code == 2 and "--shard" in err


def test_merge_of_shard_reports_is_the_single_run_report(tmp_path):
    site = tmp_path / "site"
    make_corpus(site, 16)
    _, whole, _ = run("check", str(site), "--format", "json", "--no-cache")
    reports = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard-{k}.json"
        run("check", str(site), "--format", "json", "--no-cache", "--shard", f"{k}/3", "-o", str(out))
        reports.append(str(out))
    merged = tmp_path / "merged.json"
    code, _, err = run("merge", *reports, "--output", str(merged))
    assert code == 0, err
    assert json.loads(merged.read_text()) == json.loads(whole)
    assert merged.read_text() == whole


def test_merged_sarif_and_html(tmp_path):
    site = tmp_path / "site"
    make_corpus(site, 6)
    reports = []
    for k in (1, 2):
        out = tmp_path / f"shard-{k}.json"
        run("check", str(site), "--format", "json", "--no-cache", "--shard", f"{k}/2", "-o", str(out))
        reports.append(str(out))
    code, sarif, _ = run("merge", *reports, "--format", "sarif")
    assert code == 0
    log = json.loads(sarif)
    schema = load_schema("sarif-schema-2.1.0.json")
    errors = list(Draft202012Validator(schema).iter_errors(log)) if "2020" in schema.get("$schema", "") else []
    if not errors:
        from jsonschema import validators

        errors = list(validators.validator_for(schema)(schema).iter_errors(log))
    assert not errors, errors[0].message
    assert len(log["runs"][0]["artifacts"]) == 6
    code, html, _ = run("merge", *reports, "--format", "html")
    assert code == 0 and html.lstrip().lower().startswith("<!doctype html")


def test_merge_rejects_what_is_not_a_report(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"files": 3}')
    code, _, err = run("merge", str(bad))
    assert code == 2 and "not a healthlint JSON report" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    code, _, err = run("merge", str(broken))
    assert code == 2 and "cannot read" in err


def test_merge_keeps_a_path_once(tmp_path):
    site = tmp_path / "site"
    make_corpus(site, 4)
    out = tmp_path / "r.json"
    run("check", str(site), "--format", "json", "--no-cache", "-o", str(out))
    code, merged, _ = run("merge", str(out), str(out))
    assert json.loads(merged) == json.loads(out.read_text())

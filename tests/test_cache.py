"""The result cache: hits, misses on every part of the key, corrupt entries,
concurrent writers, --no-cache, and where it is (never) written."""

import json
import multiprocessing
import os
from dataclasses import replace
from pathlib import Path

import pytest

from healthlint.cache import Cache, default_cache_dir, resolve_cache_dir
from healthlint.config import Settings
from healthlint.engine import Linter
from helpers import run_cli as run
from perfkit import make_corpus

PAGE = ('<!doctype html><html lang="en"><head><title>Vitamin D and your bones: what the research says</title>'
        '</head><body><h1>Vitamin D</h1><h3>Skipped level</h3><p>Vitamin D helps your bones.</p></body></html>\n')


def entries(root: Path) -> list[Path]:
    return sorted(root.rglob("*.json"))


def check(path, cache, *extra):
    return run("check", str(path), "--format", "json", "--cache-dir", str(cache), *extra)


def test_hit_returns_the_same_report_without_linting(tmp_path, monkeypatch):
    page = tmp_path / "site" / "a.html"
    page.parent.mkdir()
    page.write_text(PAGE)
    cache = tmp_path / "cache"
    first = check(page, cache)
    assert len(entries(cache)) == 1
    monkeypatch.setattr(Linter, "lint_text", lambda *a, **k: pytest.fail("linted on a cache hit"))
    assert check(page, cache) == first


def test_miss_on_content_config_cli_choice_and_version_change(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    page = site / "a.html"
    page.write_text(PAGE)
    cache = tmp_path / "cache"
    check(page, cache)
    page.write_text(PAGE.replace("helps", "supports"))  # content
    check(page, cache)
    assert len(entries(cache)) == 2
    (site / "healthlint.toml").write_text('ignore = ["heading"]\n')  # effective config
    from healthlint.config import find_config

    find_config.cache_clear()  # found configs are remembered for the life of a process
    code, out, _ = check(page, cache)
    assert len(entries(cache)) == 3
    assert not [f for f in json.loads(out)["files"][0]["findings"] if f["category"] == "heading"]
    check(page, cache, "--keyword", "vitamin D")  # command-line choice
    check(page, cache, "--lang", "nl")
    assert len(entries(cache)) == 5
    import healthlint.cache as cache_module

    monkeypatch.setattr(cache_module, "__version__", "99.0")  # a new release
    check(page, cache)
    assert len(entries(cache)) == 6


def test_key_covers_settings_and_packs(tmp_path):
    cache = Cache(tmp_path)
    settings = Settings()
    key = cache.key(b"x", "a.html", settings)
    assert cache.key(b"x", "a.html", settings) == key
    assert cache.key(b"y", "a.html", settings) != key
    assert cache.key(b"x", "b.html", settings) != key  # fingerprints contain the path
    assert cache.key(b"x", "a.html", replace(settings, select=("heading",))) != key
    assert cache.key(b"x", "a.html", replace(settings, jobs=4, cache_dir="/elsewhere")) == key
    pack = tmp_path / "extra.yaml"
    pack.write_text("version: 1\n")
    with_pack = cache.key(b"x", "a.html", replace(settings, extra_packs=(str(pack),)))
    assert with_pack != key
    pack.write_text("version: 1\n# edited\n")
    assert Cache(tmp_path).key(b"x", "a.html", replace(settings, extra_packs=(str(pack),))) != with_pack


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign", "wrong-key", "bad-shape", "empty"])
def test_corrupt_or_foreign_entry_is_ignored_and_rebuilt(tmp_path, damage):
    page = tmp_path / "a.html"
    page.write_text(PAGE)
    cache = tmp_path / "cache"
    good = check(page, cache)
    (entry,) = entries(cache)
    raw = entry.read_bytes()
    data = json.loads(raw)
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(200))
    elif damage == "foreign":
        entry.write_text(json.dumps({"some": "other tool"}))
    elif damage == "wrong-key":
        data["key"] = "0" * 64
        data["result"]["findings"] = []
        entry.write_text(json.dumps(data))
    elif damage == "bad-shape":
        data["result"]["findings"] = [{"rule": "x"}]
        entry.write_text(json.dumps(data))
    else:
        entry.write_bytes(b"")
    assert check(page, cache) == good
    assert json.loads(entry.read_text())["key"] == data["key"] if damage != "wrong-key" else True
    assert check(page, cache) == good


def _writer(args):
    root, key, n = args
    cache = Cache(Path(root))
    result = {"path": "a.html", "format": "html", "language": "en", "keyword": None, "error": None, "stats": None,
              "scores": {}, "rules": {"run": [], "not_applicable": []}, "findings": [], "suppressed": []}
    for i in range(n):
        cache.put(key, result)
        got = cache.get(key)
        if got is not None and got != result:
            return False
    return True


def test_concurrent_writers_never_leave_a_broken_entry(tmp_path):
    key = "ab" + "c" * 62
    with multiprocessing.get_context("fork").Pool(4) as pool:
        assert all(pool.map(_writer, [(str(tmp_path), key, 200)] * 8))
    assert Cache(tmp_path).get(key) is not None
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".healthlint-tmp")]


def test_no_cache_neither_reads_nor_writes(tmp_path, monkeypatch):
    page = tmp_path / "a.html"
    page.write_text(PAGE)
    cache = tmp_path / "cache"
    check(page, cache, "--no-cache")
    assert not cache.exists()
    check(page, cache)
    calls = []
    real = Linter.lint_text
    monkeypatch.setattr(Linter, "lint_text", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    check(page, cache, "--no-cache")
    assert calls == [1]


def test_cache_is_not_written_into_the_content_tree(tmp_path, monkeypatch):
    site = tmp_path / "site"
    make_corpus(site, 6)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    home = tmp_path / "home"
    monkeypatch.delenv("HEALTHLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.chdir(site)
    run("check", ".", "--format", "json")
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert entries(home / ".cache" / "healthlint")


def test_cache_location_precedence(tmp_path, monkeypatch):
    monkeypatch.delenv("HEALTHLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "healthlint"
    assert resolve_cache_dir(None, str(tmp_path / "cfg")) == tmp_path / "cfg"
    assert resolve_cache_dir(str(tmp_path / "cli"), str(tmp_path / "cfg")) == tmp_path / "cli"
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "env"))
    assert resolve_cache_dir(None, str(tmp_path / "cfg")) == tmp_path / "env"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HEALTHLINT_CACHE_DIR")
    assert default_cache_dir() == Path.home() / ".cache" / "healthlint"


def test_cache_dir_from_config(tmp_path, monkeypatch):
    monkeypatch.delenv("HEALTHLINT_CACHE_DIR")
    site = tmp_path / "site"
    site.mkdir()
    (site / "healthlint.toml").write_text('cache-dir = "../lintcache"\njobs = 1\n')
    (site / "a.html").write_text(PAGE)
    monkeypatch.chdir(site)
    run("check", "a.html")
    assert entries(tmp_path / "lintcache")


def test_unchanged_file_is_not_even_read_but_any_change_is_seen(tmp_path, monkeypatch):
    """The stat index reuses a file's content hash while size, mtime and inode
    are unchanged; a change to any of them makes the run read the file."""
    import healthlint.loader as loader

    page = tmp_path / "a.html"
    page.write_text(PAGE)
    cache = tmp_path / "cache"
    first = check(page, cache)
    reads = []

    original = loader.read_source

    def counting(path, *args, **kwargs):
        reads.append(str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(loader, "read_source", counting)
    assert check(page, cache) == first and reads == []
    edited = PAGE.replace("helps your bones", "helps your teeth")  # same size
    stat = page.stat()
    page.write_text(edited)
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = check(page, cache)
    assert reads == [str(page)] and second != first


def test_a_damaged_stat_index_is_ignored(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(PAGE)
    cache = tmp_path / "cache"
    first = check(page, cache)
    for index in cache.rglob("stat-index"):
        index.write_text('{"' + str(page) + '": [1, 2, 3, "not a hash"], "x": "y"')
    assert check(page, cache) == first
    for index in cache.rglob("stat-index"):
        index.write_text(json.dumps({str(page): [0, 0, 0, "0" * 64]}))
    assert check(page, cache) == first

"""The result cache: hits, misses on every part of the key, corrupt entries,
concurrent writers, --no-cache, and where it is (never) written; a cache
folder another user can write to, and symlinks inside it (issue 14); stale
file status (edits with the mtime put back, re-saves within one timestamp
tick)."""

import json
import multiprocessing
import os
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

import healthlint.cache as cache_module
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


def later_run(monkeypatch, seconds=10):
    """Runs that start `seconds` after now: files written by the test are
    then older than the timestamp granularity and their status is trusted."""
    start = time.time_ns() + seconds * 1_000_000_000
    monkeypatch.setattr(cache_module, "_now_ns", lambda: start)


def test_unchanged_file_is_not_even_read_but_any_change_is_seen(tmp_path, monkeypatch):
    """The stat index reuses a file's content hash while size, mtime, ctime
    and inode are unchanged; a change to any of them makes the run read the file."""
    import healthlint.loader as loader

    page = tmp_path / "a.html"
    page.write_text(PAGE)
    later_run(monkeypatch)
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
        index.write_text(json.dumps({str(page): [0, 0, 0, 0, "0" * 64]}))
    assert check(page, cache) == first


# -- stale status (issue 14) -------------------------------------------------------
DIRTY = PAGE.replace("Vitamin D helps your bones.", "Studies show it cures cancer.")
CLEAN = PAGE.replace("Vitamin D helps your bones.", "Vitamin D helps your teeth.")
assert len(DIRTY) != len(PAGE) and len(CLEAN) == len(PAGE)


def findings(report):
    code, out, err = report
    return [f["rule"] for f in json.loads(out)["files"][0]["findings"]]


def test_edit_in_place_with_the_mtime_put_back_is_seen(tmp_path, monkeypatch):
    page = tmp_path / "a.html"
    page.write_text(PAGE)
    later_run(monkeypatch)
    cache = tmp_path / "cache"
    first = check(page, cache)
    status = page.stat()
    with open(page, "r+", encoding="utf-8") as handle:  # the same inode, the same size
        handle.write(CLEAN.replace("Vitamin D</h1>", "Vitamin E</h1>"))
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))  # ctime cannot be put back
    assert page.stat()[:9] == status[:9]  # size, mtime (seconds), inode: what the old index compared
    second = check(page, cache)
    assert second != first and "Vitamin E" in second[1]


def test_same_size_resave_within_one_timestamp_tick_is_seen(tmp_path):
    """A file system with 1-second timestamps: two saves in the same second
    leave size and mtime equal. The file is new (inside the granularity of
    the run's start), so its hash is taken again and not remembered."""
    page = tmp_path / "a.html"
    second_tick = time.time_ns() // 1_000_000_000 * 1_000_000_000
    page.write_text(PAGE)
    os.utime(page, ns=(second_tick, second_tick))
    cache = tmp_path / "cache"
    assert "heading-level-skip" in " ".join(findings(check(page, cache)))
    page.write_text(CLEAN.replace("<h3>Skipped level</h3>", "<h2>Skipped level</h2>"))  # the same size
    os.utime(page, ns=(second_tick, second_tick))
    assert "heading-level-skip" not in " ".join(findings(check(page, cache)))


def fake_status(size=10, mtime=0, ctime=0, ino=7):
    return SimpleNamespace(st_size=size, st_mtime_ns=mtime, st_ctime_ns=ctime, st_ino=ino)


def test_stat_index_compares_ctime_and_nanoseconds(tmp_path):
    cache = Cache(tmp_path)
    old = cache.started_ns - 60 * 1_000_000_000
    cache.note_digest("/a", fake_status(mtime=old, ctime=old), "d" * 64)
    assert cache.known_digest("/a", fake_status(mtime=old, ctime=old)) == "d" * 64
    assert cache.known_digest("/a", fake_status(mtime=old, ctime=old + 1)) is None  # mtime put back
    assert cache.known_digest("/a", fake_status(mtime=old + 1, ctime=old)) is None  # same second, other ns
    assert cache.known_digest("/a", fake_status(mtime=old, ctime=old, ino=8)) is None
    assert cache.known_digest("/a", fake_status(mtime=old, ctime=old, size=11)) is None


def test_a_file_changed_just_before_the_run_is_hashed_again(tmp_path):
    cache = Cache(tmp_path)
    recent = cache.started_ns - 1_000_000_000  # inside the 2 s granularity
    status = fake_status(mtime=recent, ctime=recent)
    cache.note_digest("/a", status, "d" * 64)
    assert cache.known_digest("/a", status) is None
    cache.close()
    assert not (tmp_path / "v1" / "stat-index").exists()  # nothing remembered about it


# -- whose cache it is (issue 14) ---------------------------------------------------
def forge_clean_entries(cache: Path) -> list[tuple[Path, bytes]]:
    """What an attacker who can write to the cache plants: each entry with its
    real key and no findings."""
    forged = []
    for entry in entries(cache):
        data = json.loads(entry.read_text())
        data["result"]["findings"] = []
        forged.append((entry, json.dumps(data).encode()))
    assert forged
    return forged


def dirty_site(tmp_path):
    page = tmp_path / "site" / "a.html"
    page.parent.mkdir()
    page.write_text(DIRTY)
    return page


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o757])
def test_cache_folder_writable_by_others_is_refused_with_a_warning(tmp_path, mode):
    page = dirty_site(tmp_path)
    cache = tmp_path / "shared-cache"
    cache.mkdir()
    os.chmod(cache, mode)
    code, out, err = check(page, cache)
    assert code == 1 and json.loads(out)["files"][0]["findings"]
    assert f"healthlint: warning: cache folder {cache} is writable by other users (mode {mode:04o}); " \
           "linting without the cache" in err
    assert err.count("\n") == 1
    assert not entries(cache)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_cache_folder_of_another_user_is_refused_and_its_entries_never_read(tmp_path):
    page = dirty_site(tmp_path)
    cache = tmp_path / "cache"
    check(page, cache)
    for entry, data in forge_clean_entries(cache):
        entry.write_bytes(data)
    for path in [cache, *cache.rglob("*")]:
        os.chown(path, 1234, 1234)
    code, out, err = check(page, cache)
    assert f"cache folder {cache} is owned by another user (uid 1234)" in err
    assert code == 1 and json.loads(out)["files"][0]["findings"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_an_entry_owned_by_another_user_is_not_trusted(tmp_path):
    page = dirty_site(tmp_path)
    cache = tmp_path / "cache"
    check(page, cache)
    for entry, data in forge_clean_entries(cache):
        entry.write_bytes(data)
        os.chown(entry, 1234, 1234)
    code, out, err = check(page, cache)
    assert code == 1 and json.loads(out)["files"][0]["findings"], err


def test_a_symlinked_entry_is_not_followed(tmp_path):
    page = dirty_site(tmp_path)
    cache = tmp_path / "cache"
    check(page, cache)
    elsewhere = tmp_path / "attacker"
    elsewhere.mkdir()
    for n, (entry, data) in enumerate(forge_clean_entries(cache)):
        (elsewhere / f"{n}.json").write_bytes(data)
        entry.unlink()
        entry.symlink_to(elsewhere / f"{n}.json")
    code, out, err = check(page, cache)
    assert code == 1 and json.loads(out)["files"][0]["findings"], err
    assert all(not p.is_symlink() for p in entries(cache))  # the write replaced the link itself
    assert all(json.loads(p.read_text())["result"]["findings"] == [] for p in elsewhere.iterdir())


@pytest.mark.parametrize("level", ["v1", "shard"])
def test_a_symlinked_folder_inside_the_cache_is_not_followed(tmp_path, level):
    page = dirty_site(tmp_path)
    cache = tmp_path / "cache"
    check(page, cache)
    forged = forge_clean_entries(cache)
    for entry, data in forged:
        entry.write_bytes(data)
    elsewhere = tmp_path / "attacker"
    moved = cache / "v1" if level == "v1" else forged[0][0].parent
    moved.rename(elsewhere)
    moved.symlink_to(elsewhere, target_is_directory=True)
    before = sorted(p.relative_to(elsewhere) for p in elsewhere.rglob("*"))
    code, out, err = check(page, cache)
    assert code == 1 and json.loads(out)["files"][0]["findings"], err  # the forged entries were not read
    assert sorted(p.relative_to(elsewhere) for p in elsewhere.rglob("*")) == before  # nor written through
    assert "Traceback" not in err


def test_folders_the_cache_creates_are_private(tmp_path):
    page = dirty_site(tmp_path)
    cache = tmp_path / "new" / "cache"
    check(page, cache)
    for folder in [tmp_path / "new", cache, *[p for p in cache.rglob("*") if p.is_dir()]]:
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    for entry in entries(cache):
        assert entry.stat().st_mode & 0o077 == 0, entry


def test_a_group_writable_umask_still_gives_a_private_cache(tmp_path, monkeypatch):
    """Ubuntu's umask 002: the folders healthlint creates (validation markers,
    hyphenation data and results share the root) are 0700, so the next run
    does not refuse its own cache."""
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "home-cache"))
    page = dirty_site(tmp_path)
    old = os.umask(0o002)
    try:
        check(page, tmp_path / "home-cache")
        code, out, err = check(page, tmp_path / "home-cache")
    finally:
        os.umask(old)
    assert "warning" not in err
    assert (tmp_path / "home-cache").stat().st_mode & 0o777 == 0o700


def test_validation_markers_in_a_folder_others_can_write_are_not_trusted(tmp_path, monkeypatch):
    from healthlint.resources import ValidatedBefore

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "c"))
    schema = {"type": "object"}
    ValidatedBefore("config", b"x = 1", schema).remember()
    assert ValidatedBefore("config", b"x = 1", schema)
    os.chmod(tmp_path / "c", 0o777)  # anyone could have planted the marker
    assert not ValidatedBefore("config", b"x = 1", schema)

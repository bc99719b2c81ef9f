"""What a plain `healthlint check FILE` imports and reads at start-up (behaviour, not
timing: bench/run.py measures the seconds). A text-format check of a local file needs
no schema validator, template engine, HTTP client, HTML soup or language server, and
once a run has validated the packs and checked the dependencies, the next run
repeats neither."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEVER_FOR_A_PLAIN_CHECK = ("jsonschema", "jinja2", "httpx", "bs4", "pygls")

HTML = """<!doctype html><html lang="en"><head><title>Vitamin D in winter</title></head>
<body><h1>Vitamin D in winter</h1><p>Most adults get enough vitamin D from the sun in summer.</p></body></html>
"""
MARKDOWN = """---
title: Magnesium en spierkramp
lang: nl
---

# Magnesium en spierkramp

Veel mensen krijgen genoeg magnesium binnen via hun voeding.
"""


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEALTHLINT_", "PYTEST_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env["HEALTHLINT_CACHE_DIR"] = str(cache)
    return env


def _imports_of_check(path: Path, cache: Path) -> set[str]:
    """Modules `python -X importtime -m healthlint check PATH` imported."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "healthlint", "check", str(path), "--no-cache"],
                          capture_output=True, text=True, cwd=path.parent, env=_env(cache), timeout=120)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    return {line.split("|")[2].strip() for line in proc.stderr.splitlines()
            if line.startswith("import time:") and "cumulative" not in line}


@pytest.mark.parametrize("name, text", [("article.html", HTML), ("artikel.md", MARKDOWN)])
def test_a_plain_check_imports_no_validator_templates_http_soup_or_language_server(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    first = _imports_of_check(path, cache)
    assert "jsonschema" in first  # a new cache: the packs are validated once
    again = _imports_of_check(path, cache)
    packages = {name.split(".")[0] for name in again}
    assert not packages & set(NEVER_FOR_A_PLAIN_CHECK), sorted(packages & set(NEVER_FOR_A_PLAIN_CHECK))
    assert "importlib.metadata" in first and "importlib.metadata" not in again  # the dependency check ran once


def test_the_dependency_check_runs_again_when_the_installed_packages_change(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(HTML, encoding="utf-8")
    cache = tmp_path / "cache"
    _imports_of_check(path, cache)
    markers = list((cache / "dependencies-present").iterdir())
    assert len(markers) == 1
    # a package installed into a folder on the path changes that folder's modification time
    site = tmp_path / "site"
    site.mkdir()
    env = _env(cache)
    env["PYTHONPATH"] += os.pathsep + str(site)
    subprocess.run([sys.executable, "-m", "healthlint", "check", str(path), "--no-cache", "-q"], env=env,
                   cwd=tmp_path, capture_output=True, timeout=120)
    (site / "newpackage").mkdir()
    subprocess.run([sys.executable, "-m", "healthlint", "check", str(path), "--no-cache", "-q"], env=env,
                   cwd=tmp_path, capture_output=True, timeout=120)
    assert len(list((cache / "dependencies-present").iterdir())) == 3


def test_packs_come_from_the_parsed_copy_and_a_damaged_copy_is_parsed_again(tmp_path, monkeypatch):
    from healthlint import packs

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    path = packs.builtin_pack_files()[0]
    parsed = packs.load_pack_file(path)
    copies = list((tmp_path / "validated" / "pack").glob("*.json"))
    assert len(copies) == 1 and json.loads(copies[0].read_text(encoding="utf-8")) == parsed

    def no_yaml(*args, **kwargs):
        raise AssertionError("the pack was parsed as YAML again")

    from healthlint import yamlsafe

    monkeypatch.setattr(yamlsafe, "load", no_yaml)
    assert packs.load_pack_file(path) == parsed
    monkeypatch.undo()
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    copies[0].write_text('{"lang": "nl", "lists": {"claims": {"phrases": ["a copy that is not the pack"]}}', "utf-8")
    assert packs.load_pack_file(path) == parsed  # half-written JSON: parsed from the YAML again
    copies[0].write_text("[1, 2]", encoding="utf-8")
    assert packs.load_pack_file(path) == parsed


def test_a_changed_pack_is_never_served_from_the_copy_of_the_old_one(tmp_path, monkeypatch):
    from healthlint import packs

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = packs.builtin_pack_files()[0]
    pack = tmp_path / "pack.yaml"
    pack.write_bytes(source.read_bytes())
    before = packs.load_pack_file(pack)
    pack.write_bytes(source.read_bytes() + b"\n# edited\n")
    assert packs.load_pack_file(pack) == before  # same data, but read from the new bytes
    assert len(list((tmp_path / "cache" / "validated" / "pack").glob("*.json"))) == 2


def _fresh_book(packs, lang: str):
    """A new phrase book over copies of a language's scanned lists (no automaton yet)."""
    loaded = packs.load_packs()
    sets = [packs.PhraseSet(name, list(s.phrases)) for name, s in loaded.lists[lang].items()
            if name not in packs.WORD_SET_LISTS]
    return packs.PhraseBook(sets)


TEXT = "Dit middel geneest kanker gegarandeerd en is 100% natuurlijk, zeggen de makers. Buy now!"


def _found(book):
    from healthlint.fold import fold

    return [list(hits) for hits in book.scan(fold(TEXT))]


def test_a_phrase_book_reads_its_kept_plan_instead_of_parsing_every_phrase(tmp_path, monkeypatch):
    from healthlint import packs

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    built = _fresh_book(packs, "nl")
    expected = _found(built)
    assert any(expected)  # the text holds phrases, so equal results compare something
    kept = list((tmp_path / "automata").glob("*.json"))
    assert len(kept) == 1

    def no_plan(self):
        raise AssertionError("the plan was made again")

    monkeypatch.setattr(packs.PhraseBook, "_plan", no_plan)
    assert _found(_fresh_book(packs, "nl")) == expected


def test_a_damaged_or_misplaced_kept_plan_is_ignored_and_made_again(tmp_path, monkeypatch):
    from healthlint import packs

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    expected = _found(_fresh_book(packs, "nl"))
    (kept,) = (tmp_path / "automata").glob("*.json")
    good = kept.read_bytes()
    made = []
    real_plan = packs.PhraseBook._plan
    monkeypatch.setattr(packs.PhraseBook, "_plan", lambda self: made.append(1) or real_plan(self))
    english = _fresh_book(packs, "en")
    _found(english)
    (other,) = set((tmp_path / "automata").glob("*.json")) - {kept}
    for damage in (good[: len(good) // 2],  # cut short
                   good.replace(b'"gates"', b'"gatez"'),  # changed after it was written
                   other.read_bytes(),  # another book's plan under this book's name
                   b"\xff\xfe not even text"):
        made.clear()
        kept.write_bytes(damage)
        assert _found(_fresh_book(packs, "nl")) == expected
        assert made == [1]
        assert kept.read_bytes() == good  # made again and kept again


def test_a_changed_phrase_list_gets_a_plan_of_its_own_and_a_small_book_keeps_none(tmp_path, monkeypatch):
    from healthlint import packs

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    book = _fresh_book(packs, "nl")
    _found(book)
    changed = _fresh_book(packs, "nl")
    changed.sets[0].phrases.append("een nieuwe zin")
    _found(changed)
    assert len(list((tmp_path / "automata").glob("*.json"))) == 2
    small = packs.PhraseSet("few", ["geneest kanker"])
    assert small.hits("dit geneest kanker") == [(4, 18, 0)]
    assert len(list((tmp_path / "automata").glob("*.json"))) == 2


def test_the_dutch_hyphenation_patterns_come_from_their_copy_and_a_damaged_copy_is_rebuilt(tmp_path, monkeypatch):
    pyphen = pytest.importorskip("pyphen")
    from healthlint import readability

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})
    expected = readability._cached_dictionary(pyphen).positions("lettergrepen")
    (copy,) = tmp_path.glob("pyphen-nl_NL-*.json")
    good = copy.read_bytes()

    def no_parse(*args, **kwargs):
        raise AssertionError("the .dic file was parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(pyphen, "hdcache", {})
        patched.setattr(pyphen.HyphDict, "__init__", no_parse)
        assert readability._cached_dictionary(pyphen).positions("lettergrepen") == expected
    for damage in (good[: len(good) // 2], good.replace(b"[", b"{", 1), b"\xff"):
        copy.write_bytes(damage)
        monkeypatch.setattr(pyphen, "hdcache", {})
        assert readability._cached_dictionary(pyphen).positions("lettergrepen") == expected
        assert copy.read_bytes() == good


def test_the_thresholds_come_from_their_parsed_copy_and_a_damaged_copy_is_parsed_again(tmp_path, monkeypatch):
    import yaml

    from healthlint import settings

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    settings.default_thresholds.cache_clear()
    expected = settings.default_thresholds()
    (copy,) = (tmp_path / "validated" / "thresholds").glob("*.json")

    def no_yaml(*args, **kwargs):
        raise AssertionError("the thresholds were parsed as YAML again")

    with monkeypatch.context() as patched:
        patched.setattr(yaml, "safe_load", no_yaml)
        settings.default_thresholds.cache_clear()
        assert settings.default_thresholds() == expected
    copy.write_text('{"options": ', encoding="utf-8")
    settings.default_thresholds.cache_clear()
    assert settings.default_thresholds() == expected
    settings.default_thresholds.cache_clear()

"""Custom rule packs are untrusted input.

* Patterns cannot hang a run: packs hold the safe phrase dialect, never raw
  regular expressions, and every construct compiles to a pattern without
  nested unbounded repetition. Adversarial phrases run over adversarial text
  in a child process with a generous hard timeout (not a timing assertion).
* Packs cannot execute code: YAML is read with the safe loader, so
  `!!python/...` tags are an error.
* A pack from outside the project (outside the folder of the config file
  that names it, through '..', an absolute path or a symlink) is refused
  unless its folder is named under `trusted-pack-paths`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from robustkit import child_env, run_cli

PACK_HEAD = "version: 1\nname: house-rules\nlang: nl\ndescription: hostile test pack\n"


def _pack(phrases: list[str], name: str = "artifacts", rule: str = "integrity-generation-artifact") -> str:
    items = "".join(f"      - {json.dumps(p)}\n" for p in phrases)
    return PACK_HEAD + f"lists:\n  {name}:\n    rules: [{rule}]\n    description: hostile\n    phrases:\n{items}"


def _project(tmp: Path, pack_text: str, extra: str = "") -> Path:
    project = tmp / "project"
    (project / "packs").mkdir(parents=True, exist_ok=True)
    (project / "packs" / "house.yaml").write_text(pack_text, encoding="utf-8")
    (project / "healthlint.toml").write_text(f'extra-packs = ["packs"]\n{extra}', encoding="utf-8")
    return project


# -- no catastrophic backtracking ------------------------------------------------
ADVERSARIAL_PHRASES = [
    # many alternatives (at the 64-expansion limit), wildcards on both sides, gaps everywhere
    "(a|aa|aaa|aaaa|aaaaa|aaaaaa|aaaaaaa|aaaaaaaa) (a*|*a|aa*|*aa|a|aa|aaa|aaaa)",
    "*a {6} a* {6} *a",
    "a* {6} *a* {6} a*",
    "(a|) (a|) (a|) (a|) (a|) (a|) a",
    "*" + "a" * 60 + " {6} " + "a" * 60 + "*",
    "*aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa*".replace("a*", "ab*", 1).replace("*aa", "*a", 1),
    "x {6} x {6} y",
    "(studie*|onderzoek*|*studie|*onderzoek) {6} (toont|tonen|*aan|aan*) {6} (dat|of|x)",
    "x {6} y", "a- {6} -b",
]
# text built to make naive patterns backtrack: long runs of 'a', words and separators
ADVERSARIAL_TEXT = (
    '<html lang="nl"><body>\n'
    + "<p>" + "a" * 50_000 + "!</p>\n"
    + "<p>" + "a " * 20_000 + "b</p>\n"
    + "<p>" + "a-" * 20_000 + "</p>\n"
    + "<p>" + ("aaaa " * 6 + "x ") * 3_000 + "</p>\n"
    + "<p>" + "studie onderzoek toont " * 3_000 + "</p>\n"
    + "<p>x" + "-a" * 50_000 + " z</p>\n<p>x" + " --a" * 20_000 + "</p>\n"  # gaps: once O(n^6)
    + "<p>uit" + "-onderzoek" * 20_000 + " z</p>\n"  # the built-in "uit {3} (onderzoek*|studie*)"
    + "<p>" + "uit-" * 50_000 + "</p>\n"  # ... at every "uit" a gap word once read the whole run: O(n^2)
    + "<p>" + "x " * 20_000 + "</p>\n"  # many places where "x {6} x {6} y" almost matches
)


def test_adversarial_phrases_compile_and_run_in_bounded_time(tmp_path: Path) -> None:
    project = _project(tmp_path, _pack(ADVERSARIAL_PHRASES))
    (project / "page.html").write_text(ADVERSARIAL_TEXT, encoding="utf-8")
    # a hang would hit the timeout; the normal run takes a few seconds
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", "json", "--select", "integrity",
                                 "page.html"], cwd=project, timeout=180, env=child_env(tmp_path))
    assert code in (0, 1), err
    findings = json.loads(out)["files"][0]["findings"]
    assert any(f["rule"] == "integrity-generation-artifact" for f in findings)


def test_compiled_patterns_have_no_nested_unbounded_repetition() -> None:
    """The structural guarantee behind the timeout test: inside any group
    that is itself repeated, there is no unbounded quantifier."""
    import re._parser as sre_parse  # type: ignore[import-not-found]

    from healthlint.packs import PhraseSet

    def walk(items, inside_repeat: bool) -> None:
        for op, arg in items:
            name = str(op)
            if name in ("ATOMIC_GROUP", "POSSESSIVE_REPEAT"):
                continue  # never backtracked into: cannot multiply the work
            if name in ("MAX_REPEAT", "MIN_REPEAT"):
                lo, hi, sub = arg
                unbounded = hi == sre_parse.MAXREPEAT
                assert not (inside_repeat and unbounded), "nested unbounded repetition"
                walk(sub, inside_repeat or unbounded or hi > 1)
            elif name == "SUBPATTERN":
                walk(arg[-1], inside_repeat)
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch, inside_repeat)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1], inside_repeat)

    from healthlint.packs import parse_phrase

    for phrase in ADVERSARIAL_PHRASES:
        for head in parse_phrase(phrase):  # the literal key goes to Aho-Corasick; the rest is a regex
            walk(sre_parse.parse(head.rest_pattern), False)
    assert PhraseSet("t", ADVERSARIAL_PHRASES).matches("aaa aaa") is not None


def test_wildcards_on_huge_words_stay_linear(tmp_path: Path) -> None:
    """A key found at every letter of a 1 MB word ("*a" in "aaaa...", the
    built-in "*ziekte" in "hartziektehartziekte...") once walked the word
    each time: quadratic. Now the word bounds are looked up."""
    code = textwrap.dedent("""
        from healthlint.packs import PhraseSet
        for phrase in ("*a", "*a*", "*a {6} a*", "(a|aa|aaa) *a"):
            assert PhraseSet("t", [phrase]).matches("a" * 1_000_000) is not None
        from healthlint.engine import Linter
        result = Linter().lint_text('<html lang="nl"><p>' + "hartziekte" * 100_000 + "</p>", "x.html")
        assert not [f for f in result["findings"] if f["rule"] == "internal-error"]
        print("done")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, env=child_env(tmp_path))
    assert proc.returncode == 0 and b"done" in proc.stdout, proc.stderr[-2000:]


@pytest.mark.parametrize("phrase,why", [
    ("a" * 201, "not valid under any of the given schemas"),  # the schema's maxLength says it first
    ("(a|b|c|d) (a|b|c|d) (a|b|c|d) (a|b)", "at most 64"),
    ("(a|(b|c))", "nested groups"),
    ("a {7} b", "from 1 to 6"),
    ("a {0} b", "from 1 to 6"),
    ("x {6} x {6} x {6} y", "at most 2 gaps"),  # work per place grows as 7^gaps
    ("a*b", "'*' must stand"),
    ("*", "'*' must stand"),
    ("(a|b", "unbalanced"),
    ("{3}", "has no words"),
])
def test_dangerous_or_malformed_phrases_are_rejected_at_load(tmp_path: Path, phrase: str, why: str) -> None:
    project = _project(tmp_path, _pack(["okay", phrase]))
    (project / "page.md").write_text("# Kop\n", encoding="utf-8")
    code, _, err, _ = run_cli(["check", "--no-cache", "page.md"], cwd=project, timeout=60, env=child_env(tmp_path))
    assert code == 2, err
    assert "house.yaml: /lists/artifacts/phrases/1:" in err and why in err


def test_raw_regular_expressions_are_literal_text() -> None:
    """Regex syntax in a phrase is matched literally (escaped), never compiled as regex."""
    from healthlint.packs import PhraseSet

    assert PhraseSet("t", ["[a-z]+"]).search("zie [a-z]+ hier") is not None
    assert PhraseSet("t", ["[a-z]+"]).search("abc") is None
    assert PhraseSet("t", ["x.*"]).search("x.* y") is not None
    assert PhraseSet("t", ["x.*"]).search("xyz") is None


# -- no code execution -----------------------------------------------------------
@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.check_output [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/module:os",
])
def test_python_yaml_tags_are_rejected(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    pack = PACK_HEAD + "lists:\n  artifacts:\n    rules: [integrity-generation-artifact]\n    phrases:\n" \
        f"      - {tag.format(marker=marker)}\n"
    project = _project(tmp_path, pack)
    (project / "page.md").write_text("# Kop\n", encoding="utf-8")
    code, _, err, _ = run_cli(["check", "--no-cache", "page.md"], cwd=project, timeout=60, env=child_env(tmp_path))
    assert code == 2 and "invalid YAML" in err, err
    assert not marker.exists()


def test_pack_loader_is_the_safe_loader() -> None:
    import yaml

    from healthlint import yamlsafe  # packs are read with yamlsafe.load

    assert issubclass(yamlsafe.Loader, (yaml.SafeLoader, yaml.CSafeLoader))


def test_yaml_alias_bomb_in_a_pack_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    project = _project(tmp_path, PACK_HEAD + "\n".join(lines) + "\n")
    (project / "page.md").write_text("# Kop\n", encoding="utf-8")
    code, _, err, rss = run_cli(["check", "--no-cache", "page.md"], cwd=project, timeout=120,
                                env=child_env(tmp_path))
    assert code == 2 and "house.yaml" in err, err
    assert rss < 1000


# -- packs from outside the project ---------------------------------------------
def _outside_pack(tmp: Path) -> Path:
    outside = tmp / "elsewhere"
    outside.mkdir(exist_ok=True)
    (outside / "evil.yaml").write_text(_pack(["magnesium"]), encoding="utf-8")
    return outside


@pytest.mark.parametrize("how", ["dotdot", "absolute", "symlinked-folder", "symlink-inside-pack-folder"])
def test_pack_outside_the_project_is_refused(tmp_path: Path, how: str) -> None:
    outside = _outside_pack(tmp_path)
    project = tmp_path / "project"
    project.mkdir()
    if how == "dotdot":
        entry = "../elsewhere"
    elif how == "absolute":
        entry = str(outside / "evil.yaml")
    elif how == "symlinked-folder":
        (project / "packs").symlink_to(outside, target_is_directory=True)
        entry = "packs"
    else:
        (project / "packs").mkdir()
        (project / "packs" / "ok.yaml").write_text(_pack(["okay"]), encoding="utf-8")
        (project / "packs" / "sneaky.yaml").symlink_to(outside / "evil.yaml")
        entry = "packs"
    (project / "healthlint.toml").write_text(f"extra-packs = [{json.dumps(entry)}]\n", encoding="utf-8")
    (project / "page.md").write_text("# Kop\n\nMagnesium.\n", encoding="utf-8")
    code, out, err, _ = run_cli(["check", "--no-cache", "page.md"], cwd=project, timeout=60,
                                env=child_env(tmp_path))
    assert code == 2, (out, err)
    assert "outside the project folder" in err and "trusted-pack-paths" in err
    assert "Traceback" not in err


def test_pack_outside_the_project_loads_when_its_folder_is_trusted(tmp_path: Path) -> None:
    _outside_pack(tmp_path)  # the pack the config names
    project = tmp_path / "project"
    project.mkdir()
    (project / "healthlint.toml").write_text(
        'extra-packs = ["../elsewhere"]\ntrusted-pack-paths = ["../elsewhere"]\n', encoding="utf-8")
    (project / "page.md").write_text("# Kop\n\nMagnesium is een mineraal.\n", encoding="utf-8")
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", "json", "page.md"], cwd=project, timeout=60,
                                env=child_env(tmp_path))
    assert code in (0, 1), err
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert "integrity-generation-artifact" in rules  # the trusted pack's phrase "magnesium" was loaded


def test_pack_inside_the_project_needs_no_trust(tmp_path: Path) -> None:
    project = _project(tmp_path, _pack(["magnesium"]))
    (project / "page.md").write_text("# Kop\n\nMagnesium is een mineraal.\n", encoding="utf-8")
    code, out, err, _ = run_cli(["check", "--no-cache", "--format", "json", "page.md"], cwd=project, timeout=60,
                                env=child_env(tmp_path))
    assert code in (0, 1), err
    assert "integrity-generation-artifact" in [f["rule"] for f in json.loads(out)["files"][0]["findings"]]

"""Issue 14: .gitignore files are hostile input to the folder walk.

A 13-byte line ``*a*a*a*a*a*b`` made pathspec's backtracking regex hang the
walk, and ``x[z-a]``, ``foo\\`` or a lone ``!`` made it raise. healthlint now
matches .gitignore lines itself (src/healthlint/gitignore.py) in time
O(pattern x path), with git's semantics: the tests compare it with
``git ls-files --others --exclude-standard`` (the walk git itself does) on a
fixed table and on generated patterns, and with pathspec on the patterns
where pathspec follows git.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzkit import fuzz_examples
from robustkit import child_env, run_cli

from healthlint import gitignore
from healthlint.files import walk

PROFILE = "robust-fuzz" if fuzz_examples("gitignore-git", 0) else "robust-ci"
HAS_GIT = shutil.which("git") is not None

FILES = ["a.md", "b.md", "x/a.md", "x/y/b.md", "docs/x.md", "docs/api/y.md", "build/z.md", "src/build/w.md",
         "lib/a b.md", "n/#c.md", "n/!d.md", "q/a.md", "q/r/s/t.md"]

# (.gitignore lines, the files of FILES git ignores), as `git ls-files --others --exclude-standard` says
GIT_CASES = [
    (["*.md"], FILES),
    (["a.md"], ["a.md", "q/a.md", "x/a.md"]),
    (["/a.md"], ["a.md"]),
    (["x/"], ["x/a.md", "x/y/b.md"]),
    (["x"], ["x/a.md", "x/y/b.md"]),
    (["/x/"], ["x/a.md", "x/y/b.md"]),
    (["build/"], ["build/z.md", "src/build/w.md"]),
    (["/build/"], ["build/z.md"]),
    (["docs/*"], ["docs/api/y.md", "docs/x.md"]),
    (["docs/**"], ["docs/api/y.md", "docs/x.md"]),
    (["docs/**/"], ["docs/api/y.md"]),
    (["**/y"], ["x/y/b.md"]),
    (["q/**/t.md"], ["q/r/s/t.md"]),
    (["q/**/a.md"], ["q/a.md"]),
    (["*", "!*/", "!a.md"], [f for f in FILES if f not in ("a.md", "q/a.md", "x/a.md")]),
    (["*", "!a.md"], [f for f in FILES if f != "a.md"]),  # a.md's folder is ignored: not re-included
    (["x/", "!x/a.md"], ["x/a.md", "x/y/b.md"]),
    (["[ab].md"], ["a.md", "b.md", "q/a.md", "x/a.md", "x/y/b.md"]),
    (["[!a].md"], ["b.md", "build/z.md", "docs/api/y.md", "docs/x.md", "q/r/s/t.md", "src/build/w.md", "x/y/b.md"]),
    (["[a-c].md"], ["a.md", "b.md", "q/a.md", "x/a.md", "x/y/b.md"]),
    (["?.md"], [f for f in FILES if f not in ("lib/a b.md", "n/!d.md", "n/#c.md")]),
    (["\\#c.md"], ["n/#c.md"]),
    (["\\!d.md"], ["n/!d.md"]),
    (["#c.md"], []),
    (["a b.md"], ["lib/a b.md"]),
    (["a\\ b.md"], ["lib/a b.md"]),
    (["a.md  "], ["a.md", "q/a.md", "x/a.md"]),
    (["*.md\r"], FILES),
    (["***/t.md"], ["q/r/s/t.md"]),
    (["x[", "b.md"], ["b.md", "x/y/b.md"]),  # an unclosed bracket never matches (pathspec: ignored line)
    (["foo\\", "b.md"], ["b.md", "x/y/b.md"]),  # pathspec raised
    (["!"], []),  # pathspec raised
    (["[z-a].md", "b.md"], ["b.md", "build/z.md", "x/y/b.md"]),  # pathspec raised; git: 'z' still matches
    (["[[:digit:]x].md", "[[:bogus:]].md"], ["docs/x.md"]),
    (["**/"], [f for f in FILES if "/" in f]),
    (["*/"], [f for f in FILES if "/" in f]),
    (["/"], []),
    (["a//b.md"], []),
]


def _tree(root: Path, files: list[str], lines: list[str]) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"# Kop\n")
    (root / ".gitignore").write_bytes(b"\n".join(os.fsencode(line) for line in lines) + b"\n")


def _walked(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in walk(root) if isinstance(p, Path)}


def _git_kept(root: Path) -> set[str]:
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)
    out = subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", "ls-files", "-z", "--others",
                          "--exclude-standard"], check=True, capture_output=True).stdout
    shutil.rmtree(root / ".git")
    return {os.fsdecode(name) for name in out.split(b"\0") if name and name != b".gitignore"}


@pytest.mark.parametrize("lines,ignored", GIT_CASES)
def test_gitignore_semantics_are_gits(tmp_path: Path, lines: list[str], ignored: list[str]) -> None:
    _tree(tmp_path, FILES, lines)
    assert _walked(tmp_path) == set(FILES) - set(ignored)


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
@pytest.mark.parametrize("lines,ignored", GIT_CASES)
def test_the_table_is_what_git_does(tmp_path: Path, lines: list[str], ignored: list[str]) -> None:
    _tree(tmp_path, FILES, lines)
    assert _git_kept(tmp_path) == set(FILES) - set(ignored)


def test_matching_work_is_bounded_by_pattern_times_name() -> None:
    """No timing: count the byte comparisons for the line that hung pathspec."""
    rule = gitignore.parse_line(b"*a*a*a*a*a*b")
    assert rule is not None
    name = b"a" * 2000
    calls = 0
    real = gitignore._byte_accepts

    def counting(item: object, byte: int) -> bool:
        nonlocal calls
        calls += 1
        return real(item, byte)

    segment = rule.segments[-1].items
    assert not gitignore.wildcard_match(segment, name, counting)
    assert calls <= len(segment) * len(name) * 2  # a backtracking regex makes ~len(name)**5 / 120 steps


def test_hostile_gitignore_does_not_hang_the_walk(tmp_path: Path) -> None:
    """In a child process with a hard timeout: pathspec ran for hours here."""
    project = tmp_path / "site"
    deep = project / "/".join(["d"] * 40)
    deep.mkdir(parents=True)
    (project / ("a" * 200 + ".md")).write_text("# Kop\n\nTekst.\n", encoding="utf-8")
    (deep / ("ab" * 100 + ".md")).write_text("# Kop\n\nTekst.\n", encoding="utf-8")
    (project / ".gitignore").write_text("*a*a*a*a*a*b\n**/**/**/**/**/**/x\n" + "*a" * 300 + "*b\n",
                                        encoding="utf-8")
    code, out, err, _ = run_cli(["check", "--no-cache", "."], cwd=project, timeout=120, env=child_env(project))
    assert code in (0, 1), err
    assert "Checked 2 files" in out, out  # neither name ends in 'b' or 'x': both linted


@pytest.mark.parametrize("line", ["x[z-a]", "foo\\", "!", "[[:bogus:]]", "\udcff\udcfe*", "[", "\\"])
def test_lines_pathspec_raised_on_are_no_crash(tmp_path: Path, line: str) -> None:
    project = tmp_path / "site"
    project.mkdir()
    (project / "a.md").write_text("# Kop\n\nTekst.\n", encoding="utf-8")
    (project / ".gitignore").write_bytes(os.fsencode(line) + b"\n")
    code, out, err, _ = run_cli(["check", "--no-cache", "."], cwd=project, timeout=120, env=child_env(project))
    assert code in (0, 1), err
    assert "internal error" not in err and "Checked 1 file" in out, (out, err)


# -- generated patterns ---------------------------------------------------------
PATTERN_TOKENS = ["a", "b", "x", ".", "*", "**", "/", "?", "[ab]", "[!a]", "[^b]", "[a-x]", "[]a]", "[[:alpha:]]",
                  "!", "\\", " ", "#", "**/", "/**", "[", "]", "-", "\\ ", "\\*", "\t"]
NAME = st.tuples(st.sampled_from("abx-"), st.text("abx.-", max_size=3)).map("".join)  # the walk skips hidden names
PATHS = st.lists(st.lists(NAME, min_size=1, max_size=4).map("/".join), min_size=1, max_size=8).map(
    lambda paths: sorted(set(paths)))
GIT_LINE = st.one_of(
    st.lists(st.sampled_from(PATTERN_TOKENS), min_size=1, max_size=6).map("".join),
    st.binary(min_size=1, max_size=10).filter(lambda b: b"\0" not in b and b"\n" not in b).map(os.fsdecode),
).filter(lambda line: "\\/" not in line and "//" not in line)  # corners where git differs (docs/decisions.md)


def _without_folder_clashes(paths: list[str]) -> list[str]:
    return [p for p in paths if not any(q.startswith(p + "/") for q in paths)]


@pytest.mark.fuzz
@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
@settings(settings.get_profile(PROFILE), max_examples=fuzz_examples("gitignore-git", 40))
@given(st.lists(GIT_LINE, min_size=1, max_size=4), PATHS)
def test_fuzz_gitignore_walk_equals_git(lines: list[str], paths: list[str]) -> None:
    files = [p + ".md" for p in _without_folder_clashes(paths)]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _tree(root, files, lines)
        assert _walked(root) == _git_kept(root), lines


# pathspec follows git except on negation priorities and brackets that match '/' (a negated class, a
# range over '/'): compared where it does, on many more patterns, in-process
PATHSPEC_TOKENS = ["a", "b", "x", ".", "*", "**", "/", "?", "[ab]", "[a-b]", "**/", "/**", "\\*", "\\ ", " ", "#"]
PATHSPEC_LINE = st.lists(st.sampled_from(PATHSPEC_TOKENS), min_size=1, max_size=7).map("".join).filter(
    lambda line: not line.rstrip(" ").endswith("**/") and not re.search(r"[^/]\*\*|\*\*[^/]", line))
# where pathspec is not git: 'a/**/' is the folder a itself to pathspec, stars touching a name ('a**/b',
# '***') a plain star


def _walk_with(files: list[str], ignored) -> set[str]:
    kept = set()
    for path in files:
        parts = path.split("/")
        if not any(ignored("/".join(parts[:i]), True) for i in range(1, len(parts))) and not ignored(path, False):
            kept.add(path)
    return kept


@pytest.mark.fuzz
@settings(settings.get_profile(PROFILE), max_examples=fuzz_examples("gitignore-pathspec", 75))
@given(st.lists(PATHSPEC_LINE, min_size=1, max_size=5), PATHS)
def test_fuzz_gitignore_equals_pathspec(lines: list[str], paths: list[str]) -> None:
    pathspec = pytest.importorskip("pathspec")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            theirs = pathspec.GitIgnoreSpec.from_lines(lines)
        except Exception:  # noqa: BLE001 - a line pathspec rejects; git and healthlint skip it
            return
    ours = gitignore.IgnoreSpec.from_lines(lines)
    files = _without_folder_clashes(paths)
    assert _walk_with(files, ours.ignored) == \
        _walk_with(files, lambda p, is_dir: theirs.match_file(p + "/" if is_dir else p)), lines

"""Fuzzing the inputs issue 14 found defects in, besides article text (see
test_robust_fuzz.py) and .gitignore files (test_robust_gitignore.py):

* hostile file names (CI workflow commands, line breaks, escape sequences,
  bidi controls, markup, bytes that are not UTF-8) through the linter and
  every report format, for a linted file and for a per-file error: the
  properties of test_robust_fuzz, every report encodes as UTF-8, and no
  line of the text or GitHub output can start a CI command;
* hostile rule packs (phrases in and out of the dialect, alias graphs,
  dates and numbers Python cannot build, deep nesting, wrong shapes): a pack
  either loads or is refused with a PackError naming the file, never another
  exception, and a pack that loads lints text made of its own words.

The documented long run is in docs/robustness.md.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzkit import check_result, fuzz_examples, hostile_scalar, lint, linter_and_settings, prose, render_all
from test_robust_log_injection import _command_lines

PROFILE = "robust-fuzz" if fuzz_examples("file-names", 0) else "robust-ci"
_NOT_A_LINE_BREAK = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # str.splitlines() breaks there

pytestmark = pytest.mark.fuzz

NAME_PARTS = st.sampled_from([
    "\n::add-mask::x", "\r\n::error file=x::y", "%0A::warning::z", "::set-output name=a::b", "##[error]boom",
    "##vso[task.setvariable variable=x]1", "\x1b[31mred\x1b[0m", "\x07", "\u202eevil\u202c", "\u2028", "\u0085",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "'", '"', "`", "$(id)", "&amp;", "%", "\\",
    " ", "\t", "..", "-", "--fix", "a" * 200, "é", "日本語", "💊", "\udcff", "\udce9\udc80", "#", "?", "*", "[x]",
    "magnesium", "dir/", "./", "C:\\x", "\x00"[:0],
])
HOSTILE_NAME = st.tuples(st.lists(NAME_PARTS, min_size=1, max_size=5).map("".join),
                         st.sampled_from([".md", ".html", ".htm", ".markdown", ".md\n::error::x"])
                         ).map("".join)
SMALL_DOCUMENT = st.one_of(
    prose(8).map(lambda text: f"# Magnesium\n\n{text}\n"),
    prose(8).map(lambda text: f"<html lang=\"nl\"><body><h1>Kop</h1><p>{text}</p></body></html>"),
    st.just("# Kop\n\n##[error]gevaar\n\n::add-mask::geheim\n\nStudies tonen aan dat het werkt.\n"),
)


def _name_problems(result: dict[str, Any]) -> list[str]:
    from healthlint.report import envelope, render
    from healthlint.report.escape import for_output

    from fuzzkit import rules_metadata

    problems = []
    for fmt in ("text", "github", "json", "sarif", "html"):
        out = for_output(fmt, render(fmt, envelope([result]), rules_metadata(),
                                     options={"quiet": False, "colour": False}))  # as the CLI writes it
        try:
            out.encode("utf-8")
        except UnicodeEncodeError as exc:
            problems.append(f"{fmt}: not UTF-8: {exc}")
        # runners split lines at CR and LF only (.NET ReadLine), not at U+2028, NEL or form feed
        as_runner_reads = _NOT_A_LINE_BREAK.sub(" ", out)
        if fmt in ("text", "github") and _command_lines(as_runner_reads):
            problems.append(f"{fmt}: CI command line {_command_lines(as_runner_reads)[:2]!r}")
        if fmt in ("json", "sarif"):
            json.loads(out)
    return problems


@settings(settings.get_profile(PROFILE), max_examples=fuzz_examples("file-names", 50))
@given(HOSTILE_NAME, SMALL_DOCUMENT)
def test_fuzz_hostile_file_names(name: str, text: str) -> None:
    from healthlint.engine import error_result

    path = name if name.endswith((".md", ".markdown")) else name + ".html"
    result = lint(text, path)
    problems = check_result(text, path, result) + render_all(result) + _name_problems(result)
    problems += _name_problems(error_result(path, f"{path}: cannot decode as utf-8 (byte 0xff at offset 3)"))
    assert not problems, "\n".join(problems)


# -- packs ------------------------------------------------------------------------
PHRASE_PARTS = st.sampled_from([
    "magnesium", "studie*", "*ziekte", "(a|b)", "(bloeddruk|cholesterol)", "{2}", "{6}", "{7}", "{0}", "*", "**",
    "(", ")", "|", "()", "(a|(b|c))", "x-y", "-", "a*b", ".*", "\\d+", "[a-z]", "é", "💊", "", "  ", "{2",
    "verlaagt", "je", "de", "(a|aa|aaa|aaaa|aaaaa|aaaaaa|aaaaaaa|aaaaaaaa)",
])
PHRASE = st.one_of(st.lists(PHRASE_PARTS, min_size=1, max_size=6).map(" ".join),
                   st.text(max_size=30), st.integers(), st.none(), st.booleans())
RULES = st.sampled_from(["integrity-generation-artifact", "claim-absolute", "claim-disease", "no-such-rule"])


@st.composite
def hostile_pack(draw: Any) -> str:
    kind = draw(st.integers(0, 5))
    head = "version: 1\nname: fuzz\nlang: " + draw(st.sampled_from(["nl", "en", "de", "[nl, en]", "1"])) + \
        "\ndescription: fuzz\n"
    if kind <= 2:  # the right shape, hostile phrases
        phrases = draw(st.lists(PHRASE, min_size=1, max_size=80))
        if draw(st.integers(0, 4)) == 0:  # many sharing a first word
            phrases += [f"de {{2}} woord{i}" for i in range(draw(st.integers(60, 70)))]
        items = "".join(f"      - {json.dumps(p)}\n" for p in phrases)
        return head + f"lists:\n  fuzz:\n    rules: [{draw(RULES)}]\n    description: x\n    phrases:\n{items}"
    if kind == 3:  # aliases inside a valid key
        width, levels = draw(st.integers(2, 12)), draw(st.integers(2, 9))
        anchors = ["      - &a0 [" + ",".join(['"x"'] * width) + "]"]
        anchors += [f"      - &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
        key = draw(st.sampled_from(["phrases", "rules", "description"]))
        return head + f"lists:\n  fuzz:\n    {key}:\n" + "\n".join(anchors) + "\n"
    if kind == 4:  # dates and numbers Python cannot build, anywhere
        value = draw(hostile_scalar())
        where = draw(st.integers(0, 2))
        lines = [head.replace("description: fuzz", f"description: {value}") if where == 0 else head,
                 "lists:\n  fuzz:\n    rules: [integrity-generation-artifact]\n",
                 f"    phrases: [{value}, okay]\n" if where == 1 else "    phrases: [okay]\n"]
        if where == 2:
            lines.append(f"version: {value}\n")
        return "".join(lines)
    text = draw(st.text(max_size=200))  # anything at all, deep nesting included
    depth = draw(st.integers(0, 400))
    return head + "lists: " + "[" * depth + json.dumps(text) + "]" * depth + "\n"


@settings(settings.get_profile(PROFILE), max_examples=fuzz_examples("packs", 30))
@given(hostile_pack())
def test_fuzz_hostile_packs(pack_text: str) -> None:
    from healthlint.errors import HealthlintError
    from healthlint.packs import load_packs

    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "fuzz.yaml"
        pack.write_text(pack_text, encoding="utf-8", errors="surrogatepass")
        cache = os.environ.get("HEALTHLINT_CACHE_DIR")
        os.environ["HEALTHLINT_CACHE_DIR"] = str(Path(folder) / "cache")  # validation markers stay here
        try:
            try:
                load_packs([pack])
            except HealthlintError as exc:
                assert "fuzz.yaml" in str(exc) and "\n" not in str(exc).strip(), str(exc)
                return
            words = " ".join(w for w in pack_text.replace('"', " ").split() if w.isalpha())[:2000]
            text = f"# Kop\n\n{words} {words}\n\n" + "de a b c woord1 " * 50 + "\n"
            linter, base = linter_and_settings()
            result = linter.lint_text(text, "x.md", replace(base, extra_packs=(str(pack),)))
        finally:
            if cache is None:
                del os.environ["HEALTHLINT_CACHE_DIR"]
            else:
                os.environ["HEALTHLINT_CACHE_DIR"] = cache
    problems = check_result(text, "x.md", result)
    assert not problems, "\n".join(problems)

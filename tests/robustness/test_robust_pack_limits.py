"""Issue 14, hostile packs: values Python cannot build, alias bombs inside
valid pack keys, and phrase lists whose size multiplies the work per word.
Each is refused (exit 2, one line naming the pack) or read as text, quickly."""

from __future__ import annotations

from pathlib import Path

import pytest

from robustkit import child_env, run_cli
from test_robust_packs import PACK_HEAD, _pack, _project


def _run(project: Path, timeout: float = 120) -> tuple[int, str, str, int]:
    (project / "page.md").write_text("# Kop\n\nEen korte tekst over magnesium.\n", encoding="utf-8")
    return run_cli(["check", "--no-cache", "page.md"], cwd=project, timeout=timeout, env=child_env(project))


@pytest.mark.parametrize("line", ["source: 2024-02-30", "source: 2023-13-45 25:61:00", "source: " + "7" * 5000,
                                  "source: !!timestamp 'off'", "source: !!bool maybe", "source: !!float x"])
def test_values_python_cannot_build_in_a_pack_are_text(tmp_path: Path, line: str) -> None:
    project = _project(tmp_path, _pack(["okay"]).replace("description: hostile test pack\n",
                                                         f"description: hostile test pack\n{line}\n"))
    code, out, err, _ = _run(project)
    assert "Traceback" not in err, err
    assert code in (0, 1), err  # a string where the schema wants a string: the pack loads


def test_impossible_date_where_the_schema_wants_a_string_list_is_a_schema_error(tmp_path: Path) -> None:
    project = _project(tmp_path, _pack(["okay"]).replace('      - "okay"\n', "      - 2024-02-30\n      - 1" + "0" * 5000 + "\n"))
    code, out, err, _ = _run(project)
    assert "Traceback" not in err, err
    assert code in (0, 1, 2)
    if code == 2:
        assert "house.yaml" in err


@pytest.mark.parametrize("where", ["phrases", "description", "rules"])
def test_alias_bomb_inside_a_valid_pack_key_is_refused(tmp_path: Path, where: str) -> None:
    anchors = ['      - &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    anchors += [f"      - &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    bomb = "\n".join(anchors) + "\n"
    if where == "phrases":
        body = PACK_HEAD + "lists:\n  artifacts:\n    rules: [integrity-generation-artifact]\n    phrases:\n" + bomb
    elif where == "description":
        body = PACK_HEAD + "lists:\n  artifacts:\n    rules: [integrity-generation-artifact]\n    description:\n" \
            + bomb + "    phrases: [okay]\n"
    else:
        body = PACK_HEAD + "lists:\n  artifacts:\n    rules:\n" + bomb + "    phrases: [okay]\n"
    code, _, err, rss = _run(_project(tmp_path, body), timeout=120)
    assert code == 2, err
    assert "house.yaml: rule pack expands to more than 200,000 values through YAML aliases" in err
    assert rss < 500


def test_recursive_alias_in_a_pack_is_refused(tmp_path: Path) -> None:
    body = PACK_HEAD + "lists:\n  artifacts: &loop\n    rules: [integrity-generation-artifact]\n    phrases: [okay]\n" \
        "    more: *loop\n"
    code, _, err, _ = _run(_project(tmp_path, body))
    assert code == 2 and "house.yaml: rule pack has a recursive YAML alias" in err, err


@pytest.mark.parametrize("count", [2000, 20_000])  # issue 14: 27 s and 2.4 GB; 24 GB
def test_thousands_of_phrases_sharing_a_first_word_are_refused(tmp_path: Path, count: int) -> None:
    phrases = [f"de {{2}} woord{i}" for i in range(count)]
    code, _, err, rss = _run(_project(tmp_path, _pack(phrases)), timeout=300)
    assert code == 2, err
    assert "house.yaml: /lists/artifacts/phrases/64: more than 64 phrases start with 'de'" in err
    assert rss < 500


def test_64_phrases_sharing_a_first_word_still_load(tmp_path: Path) -> None:
    phrases = [f"de {{2}} woord{i}" for i in range(64)]
    code, _, err, _ = _run(_project(tmp_path, _pack(phrases)))
    assert code in (0, 1), err


def test_phrases_with_distinct_two_word_keys_are_not_limited_per_first_word(tmp_path: Path) -> None:
    phrases = [f"de woord{i}" for i in range(2000)]  # keys "de woord0", "de woord1", ...: one lookup each
    code, _, err, _ = _run(_project(tmp_path, _pack(phrases)))
    assert code in (0, 1), err


def test_extra_packs_hold_at_most_20000_phrases_per_language(tmp_path: Path) -> None:
    phrases = [f"woord{i} x" for i in range(20_001)]
    code, _, err, _ = _run(_project(tmp_path, _pack(phrases)), timeout=300)
    assert code == 2, err
    assert "/lists/artifacts/phrases/20000: extra packs hold more than 20,000 phrases for language 'nl'" in err

"""Rule packs: YAML data validated against schemas/rulepack.schema.json and
compiled once into one trie-shaped regular expression per phrase list.

Packs hold phrases in a small safe dialect (docs/rule-packs.md), never raw
regular expressions: every construct compiles to a pattern without nested
quantifiers, so no pack, however hostile, can make matching backtrack
catastrophically.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from healthlint.errors import PackError
from healthlint.resources import data_path, load_schema
from healthlint.text import fold

try:  # libyaml is bundled with PyYAML's wheels; the pure-Python loader is ~10x slower
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

LANGS = ("nl", "en")
MAX_EXPANSIONS = 64
_GROUP = re.compile(r"\(([^()]*)\)")
_TOKEN = re.compile(r"\([^()]*\)|\{\d+\}|[^ ]+")
_SEP = r"[ \-]{1,3}"
_GAP_WORD = r"[^ \n.!?]+"


class PhraseSyntaxError(ValueError):
    pass


def _word_pattern(word: str) -> list[str]:
    """Atoms of one word: single literal characters, or a wildcard atom."""
    if word == "*" or "*" in word.strip("*"):
        raise PhraseSyntaxError(f"'*' must stand at the start or end of a word: {word!r}")
    atoms: list[str] = []
    if word.startswith("*"):
        atoms.append(r"[^\W_]*")
        word = word[1:]
    tail = word.endswith("*")
    if tail:
        word = word[:-1]
    atoms.extend(re.escape(c) for c in fold(word))
    if tail:
        atoms.append(r"[^\W_]*")
    return atoms


def parse_phrase(phrase: str) -> list[list[str]]:
    """Expand a dialect phrase into alternatives, each a list of regex atoms."""
    if len(phrase) > 200:
        raise PhraseSyntaxError("phrase longer than 200 characters")
    if phrase.count("(") != phrase.count(")"):
        raise PhraseSyntaxError(f"unbalanced parentheses in {phrase!r}")
    stripped = _GROUP.sub("", phrase)
    if "(" in stripped or ")" in stripped:
        raise PhraseSyntaxError(f"nested groups are not allowed: {phrase!r}")
    choices: list[list[list[str]]] = []  # per token: alternatives, each a list of words
    for token in _TOKEN.findall(phrase.strip()):
        if token.startswith("(") and token.endswith(")"):
            choices.append([alt.split() for alt in token[1:-1].split("|")])
        elif re.fullmatch(r"\{\d+\}", token):
            n = int(token[1:-1])
            if not 1 <= n <= 6:
                raise PhraseSyntaxError(f"a gap {{n}} takes n from 1 to 6: {phrase!r}")
            choices.append([[token]])
        else:
            choices.append([[token]])
    combos = 1
    for alts in choices:
        combos *= len(alts)
    if combos > MAX_EXPANSIONS:
        raise PhraseSyntaxError(f"{phrase!r} expands to {combos} phrases (at most {MAX_EXPANSIONS})")
    expanded: list[list[str]] = []
    for combo in itertools.product(*choices):
        tokens = [word for alt in combo for word in alt]
        if not tokens or all(t.startswith("{") for t in tokens):
            continue
        atoms: list[str] = []
        gap_pending = 0
        for token in tokens:
            if token.startswith("{"):
                gap_pending = int(token[1:-1])
                continue
            if atoms:
                if gap_pending:
                    atoms.append(f"(?:{_SEP}{_GAP_WORD}){{0,{gap_pending}}}")
                atoms.append(_SEP)
            gap_pending = 0
            atoms.extend(_word_pattern(token))
        if atoms:
            expanded.append(atoms)
    if not expanded:
        raise PhraseSyntaxError(f"{phrase!r} has no words")
    return expanded


class _Trie:
    __slots__ = ("children", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.end = False

    def add(self, atoms: list[str]) -> None:
        node = self
        for atom in atoms:
            node = node.children.setdefault(atom, _Trie())
        node.end = True

    def pattern(self) -> str:
        # iterative post-order, so very long phrases cannot exhaust the stack
        out: dict[int, str] = {}
        stack: list[tuple[_Trie, bool]] = [(self, False)]
        while stack:
            node, done = stack.pop()
            if not done:
                stack.append((node, True))
                stack.extend((child, False) for child in node.children.values())
                continue
            alts = [atom + out.pop(id(child)) for atom, child in sorted(node.children.items())]
            if not alts:
                out[id(node)] = ""
            elif len(alts) == 1 and not node.end:
                out[id(node)] = alts[0]
            else:
                out[id(node)] = "(?:" + "|".join(alts) + ")" + ("?" if node.end else "")
        return out[id(self)]


@dataclass(eq=False)
class PhraseSet:
    """A compiled phrase list: one regular expression for all its phrases."""

    name: str
    phrases: list[str]
    meta: list[dict[str, Any]] = field(default_factory=list)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        trie = _Trie()
        for phrase in self.phrases:
            for atoms in parse_phrase(phrase):
                trie.add(atoms)
        body = trie.pattern()
        if not body:
            return re.compile(r"(?!x)x")
        return re.compile(r"(?<![^\W_])(?:" + body + r")(?![^\W_])")

    @cached_property
    def _single(self) -> list[re.Pattern[str]]:
        return [PhraseSet(self.name, [p]).regex for p in self.phrases]

    def spans(self, folded_text: str) -> Iterator[tuple[int, int]]:
        for m in self.regex.finditer(folded_text):
            if m.end() > m.start():
                yield m.start(), m.end()

    def search(self, text: str) -> re.Match[str] | None:
        """First match in text (folded here)."""
        return self.regex.search(fold(text))

    def matches(self, text: str) -> list[tuple[int, int]]:
        return list(self.spans(fold(text)))

    def fullmatch(self, text: str) -> bool:
        folded = " ".join(fold(text).split())
        m = self.regex.fullmatch(folded.strip(" .,:;!?\"'()[]"))
        return m is not None

    def which(self, matched: str) -> list[int]:
        """Indexes of the phrases that match this text exactly."""
        folded = fold(matched)
        return [i for i, rx in enumerate(self._single) if rx.fullmatch(folded)]

    def __bool__(self) -> bool:
        return bool(self.phrases)


EMPTY = PhraseSet("empty", [])


def _phrase_text(entry: str | dict[str, Any]) -> str:
    return entry if isinstance(entry, str) else entry["phrase"]


@dataclass
class Packs:
    """Every loaded pack, merged per language."""

    lists: dict[str, dict[str, PhraseSet]]
    neutral: dict[str, Any]
    digest: str
    files: list[str]

    def phrases(self, lang: str, name: str) -> PhraseSet:
        return self.lists.get(lang, {}).get(name, EMPTY)

    def words(self, lang: str, name: str) -> frozenset[str]:
        """A list of plain words (stopwords, abbreviations) as a folded set."""
        key = (lang, name)
        cached = self._word_cache.get(key)
        if cached is None:
            cached = frozenset(fold(p) for p in self.phrases(lang, name).phrases)
            self._word_cache[key] = cached
        return cached

    def __post_init__(self) -> None:
        self._word_cache: dict[tuple[str, str], frozenset[str]] = {}


def _format_error_path(error: Any) -> str:
    return "/" + "/".join(str(p) for p in error.absolute_path)


def load_pack_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_Loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise PackError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    validator = _pack_validator()
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise PackError(f"{path}: {_format_error_path(first)}: {first.message}")
    for name, spec in (data.get("lists") or {}).items():
        for i, entry in enumerate(spec["phrases"]):
            try:
                parse_phrase(_phrase_text(entry))
            except PhraseSyntaxError as exc:
                raise PackError(f"{path}: /lists/{name}/phrases/{i}: {exc}") from None
    return data


_VALIDATOR = None


def _pack_validator() -> Any:
    global _VALIDATOR
    if _VALIDATOR is None:
        from jsonschema import Draft202012Validator

        schema = load_schema("rulepack.schema.json")
        _VALIDATOR = Draft202012Validator(schema)
    return _VALIDATOR


NOT_PACKS = frozenset({"thresholds.yaml"})  # rules/thresholds.yaml has its own schema


def builtin_pack_files() -> list[Path]:
    root = data_path("rules")
    return sorted(p for p in root.rglob("*.yaml") if p.is_file() and p.name not in NOT_PACKS)


def pack_files_from(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.yaml") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise PackError(f"{path}: rule pack not found")
    return files


NEUTRAL_LIST_KEYS = ("networks", "cloaked_paths", "tracking_params", "shop_hosts", "source_hosts", "nutrients")


def load_packs(extra: Iterable[Path] = ()) -> Packs:
    files = builtin_pack_files() + pack_files_from(extra)
    raw_lists: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}
    raw_meta: dict[str, dict[str, list[dict[str, Any]]]] = {lang: {} for lang in LANGS}
    neutral: dict[str, Any] = {key: [] for key in NEUTRAL_LIST_KEYS}
    neutral["concepts"] = {}
    digest = hashlib.sha256()
    for path in files:
        data = load_pack_file(path)
        digest.update(json.dumps(data, sort_keys=True, default=str).encode())
        langs = LANGS if data["lang"] == "any" else (data["lang"],)
        for name, spec in (data.get("lists") or {}).items():
            for lang in langs:
                for entry in spec["phrases"]:
                    raw_lists[lang].setdefault(name, []).append(_phrase_text(entry))
                    raw_meta[lang].setdefault(name, []).append(entry if isinstance(entry, dict) else {})
        for key in NEUTRAL_LIST_KEYS:
            neutral[key].extend(data.get(key) or [])
        for concept, per_lang in (data.get("concepts") or {}).items():
            merged = neutral["concepts"].setdefault(concept, {})
            for lang, phrases in per_lang.items():
                merged.setdefault(lang, []).extend(_phrase_text(p) for p in phrases)
    lists = {
        lang: {name: PhraseSet(name, phrases, raw_meta[lang][name]) for name, phrases in by_name.items()}
        for lang, by_name in raw_lists.items()
    }
    return Packs(lists, neutral, digest.hexdigest(), [str(f) for f in files])

"""Rule packs: YAML data validated against schemas/rulepack.schema.json and
compiled once into one trie-shaped regular expression per phrase list.

Packs hold phrases in a small safe dialect (docs/rule-packs.md), never raw
regular expressions: every construct compiles to a pattern without nested
quantifiers, so no pack, however hostile, can make matching backtrack
catastrophically.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from healthlint import yamlsafe
from healthlint.errors import PackError
from healthlint.resources import ValidatedBefore, data_path, load_schema
from healthlint.stagetimes import stage
from healthlint.text import fold

_Loader = yamlsafe.Loader

LANGS = ("nl", "en")
MAX_EXPANSIONS = 64
# values a pack may stand for once YAML aliases are expanded; the largest
# bundled pack has under 3,000, a "billion laughs" has billions
MAX_PACK_VALUES = 200_000
# Every place in a text where a phrase key occurs is checked against each
# phrase starting with that key, so the phrases sharing a key multiply the
# work per word: 2,000 behind "de" made a 50 KB article take 27 s. The bundled
# packs have at most 6 per key. The phrase cap bounds start-up and memory.
MAX_PHRASES_PER_KEY = 64
MAX_EXTRA_PHRASES = 20_000
# each gap tries 0..n words, so a phrase's matching work per place grows as
# 7^gaps: two gaps keep a 10 MB hostile text to seconds, nine took hours
MAX_GAPS = 2
_GROUP = re.compile(r"\(([^()]*)\)")
_TOKEN = re.compile(r"\([^()]*\)|\{\d+\}|[^ ]+")
_SEP = r"[ \-]{1,3}"
# A gap word is atomic and holds no separator, so a text splits into gap words
# one way only and each gap reads at most n short words: "x {6} y" against
# "x-a-a-a-a..." (no y) once tried every split, O(n^6) (100 characters took a
# minute), and "uit {3} ..." against "uit-uit-uit-..." read the whole run at
# every "uit", O(n^2). A hyphenated word counts as its parts ("hart-en-vaat": 3).
_GAP_WORD = r"(?>[^ \-\n.!?]+)"


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


def _word_regex(word: str) -> str:
    return "".join(_word_pattern(word))


Token = str | tuple[tuple[str, ...], ...]


def _tokens(phrase: str) -> list[Token]:
    """Dialect tokens: a word, a gap '{n}', or a group (its alternatives, each a list of words)."""
    if len(phrase) > 200:
        raise PhraseSyntaxError("phrase longer than 200 characters")
    if phrase.count("(") != phrase.count(")"):
        raise PhraseSyntaxError(f"unbalanced parentheses in {phrase!r}")
    stripped = _GROUP.sub("", phrase)
    if "(" in stripped or ")" in stripped:
        raise PhraseSyntaxError(f"nested groups are not allowed: {phrase!r}")
    tokens: list[Token] = []
    combos = 1
    for token in _TOKEN.findall(phrase.strip()):
        if token.startswith("(") and token.endswith(")"):
            alternatives = tuple(tuple(alt.split()) for alt in token[1:-1].split("|"))
            combos *= len(alternatives)
            tokens.append(alternatives)
        elif re.fullmatch(r"\{\d+\}", token):
            if not 1 <= int(token[1:-1]) <= 6:
                raise PhraseSyntaxError(f"a gap {{n}} takes n from 1 to 6: {phrase!r}")
            tokens.append(token)
            if sum(1 for t in tokens if isinstance(t, str) and t.startswith("{")) > MAX_GAPS:
                raise PhraseSyntaxError(f"at most {MAX_GAPS} gaps {{n}} in a phrase: {phrase!r}")
        else:
            _word_pattern(token)
            tokens.append(token)
    if combos > MAX_EXPANSIONS:
        raise PhraseSyntaxError(f"{phrase!r} expands to {combos} phrases (at most {MAX_EXPANSIONS})")
    return tokens


@lru_cache(maxsize=None)
def _rest_pattern(tokens: tuple[Token, ...]) -> str:
    """The words after a phrase's first word, as one compact pattern (groups
    stay groups: only the first word is expanded into the trie)."""
    parts: list[str] = []
    gap = 0
    for token in tokens:
        if isinstance(token, str) and token.startswith("{"):
            gap = int(token[1:-1])
            continue
        lead = f"(?:{_SEP}{_GAP_WORD}){{0,{gap}}}" if gap else ""
        gap = 0
        if isinstance(token, tuple):
            alternatives = sorted({"".join(_SEP + _word_regex(w) for w in alt) for alt in token}, key=lambda a: (-len(a), a))
            parts.append(lead + "(?:" + "|".join(alternatives) + ")")
        else:
            parts.append(lead + _SEP + _word_regex(token))
    return "".join(parts)


def _starts(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    """Each way a token list can start: (first word, the tokens after it)."""
    starts = []
    pending = [tokens]
    while pending:
        rest = pending.pop()
        while rest and isinstance(rest[0], str) and rest[0].startswith("{"):
            rest = rest[1:]  # a gap at the start means nothing
        if not rest:
            continue
        first, after = rest[0], rest[1:]
        if isinstance(first, tuple):
            for alternative in first:
                if alternative:
                    starts.append((alternative[0], [*alternative[1:], *after]))
                else:
                    pending.append(after)
        else:
            starts.append((first, after))
    return starts


@dataclass(frozen=True)
class Head:
    """Where a phrase is looked up: its literal first word or two (the
    automaton key), whether letters may precede or follow it (wildcards),
    and the tokens the text after it must match (their pattern is built and
    compiled only when the key is found in some text)."""

    key: str
    open_start: bool
    open_end: bool
    rest: tuple[Token, ...]

    @property
    def rest_pattern(self) -> str:
        return _rest_pattern(self.rest)


def parse_phrase(phrase: str) -> list[Head]:
    """A dialect phrase as the heads it can start with. The key takes the
    second word too when it is a plain word or group, so that common first
    words ("de", "is") do not send every occurrence to the slow path."""
    heads: list[Head] = []
    for first, after in _starts(_tokens(phrase)):
        open_start = first.startswith("*")
        key_words = [first]
        seconds: list[tuple[str, list[Token]]] = [("", after)]
        next_is_word = after and not (isinstance(after[0], str) and after[0].startswith("{"))
        if next_is_word and not first.endswith("*"):
            group = after[0] if isinstance(after[0], tuple) else ((after[0],),)
            if all(alt and not alt[0].startswith("*") for alt in group):
                seconds = [(alt[0], [*alt[1:], *after[1:]]) for alt in group]
        for second, rest in seconds:
            words = [*key_words, second] if second else key_words
            last = words[-1]
            literal = " ".join(fold(w.strip("*")) for w in words)
            heads.append(Head(literal, open_start, last.endswith("*"), tuple(rest)))
    if not heads:
        raise PhraseSyntaxError(f"{phrase!r} has no words")
    return heads


_NON_WORD = re.compile(r"[^\w]")
_MARK = "\x02"


def _scan_form(text: str) -> str:
    """Text with every non-word character replaced by one marker, same
    length: a key that starts with the marker can only match at a word
    start, which keeps the automaton from reporting "de" inside "onderzoek"."""
    return _NON_WORD.sub(_MARK, text)


class PhraseBook:
    """All phrase lists of one language behind one Aho-Corasick automaton.

    The automaton finds every phrase's first word (its literal part) in one
    pass of C code over the text; only at those places is the rest of the
    phrase checked, with a small pattern compiled on first use. One pass
    serves every list, so adding lists costs almost nothing per article, and
    start-up compiles no large regular expression.
    """

    def __init__(self, sets: list[PhraseSet]):
        self.sets = sets
        for index, phrase_set in enumerate(sets):
            phrase_set._book = self
            phrase_set._book_index = index
        self._automaton: Any = None
        self._rests: dict[tuple[Token, ...], re.Pattern[str]] = {}
        # recent scans by text value: rules ask for several lists in the same
        # (freshly folded, so never identical) block text one after another
        self._recent: dict[str, list[list[tuple[int, int, int]]]] = {}

    def _build(self) -> Any:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[int, int, bool, bool, str]]] = {}
        for set_index, phrase_set in enumerate(self.sets):
            for phrase_index, phrase in enumerate(phrase_set.phrases):
                for head in parse_phrase(phrase):
                    key = _scan_form(head.key) if head.open_start else _MARK + _scan_form(head.key)
                    entries.setdefault(key, []).append(
                        (set_index, phrase_index, head.open_start, head.open_end, head.rest, head.key))
        for key, items in entries.items():
            automaton.add_word(key, (len(key), tuple(items)))
        automaton.make_automaton()
        return automaton

    def _rest(self, rest: tuple[Token, ...]) -> re.Pattern[str]:
        pattern = self._rests.get(rest)
        if pattern is None:
            pattern = self._rests[rest] = re.compile(_rest_pattern(rest) + r"(?![^\W_])")
        return pattern

    @stage("phrase scan")
    def scan(self, text: str) -> list[list[tuple[int, int, int]]]:
        """Per list, the (start, end, phrase index) of every phrase found."""
        cached = self._recent.get(text)
        if cached is not None:
            return cached
        if self._automaton is None:
            self._automaton = self._build()
        found: list[list[tuple[int, int, int]]] = [[] for _ in self.sets]
        length = len(text)
        rests = self._rests
        words: _Words | None = None  # word bounds for wildcards, built on first need
        if self.sets and len(self._automaton):
            # the scan string has one marker in front, so its index i is text index i - 1
            for last, (key_length, items) in self._automaton.iter(_MARK + _scan_form(text)):
                key_end = last
                for set_index, phrase_index, open_start, open_end, rest, literal in items:
                    start = key_end - key_length + (0 if open_start else 1)
                    if not literal.isalnum() and not _same_literal(text[key_end - len(literal) : key_end], literal):
                        continue  # the scan string cannot tell one punctuation mark from another
                    end = key_end
                    # a wildcard extends to the whole word: looked up, not walked, so a
                    # 1 MB "word" with a key at every letter stays linear (no O(n^2))
                    if open_start and start > 0 and text[start - 1].isalnum():
                        words = words or _Words(text)
                        start = words.start_of(start - 1)
                    if open_end and end < length and text[end].isalnum():
                        words = words or _Words(text)
                        end = words.end_of(end)
                    if rest:
                        m = (rests.get(rest) or self._rest(rest)).match(text, end)
                        if m is None:
                            continue
                        end = m.end()
                    elif end < length and text[end].isalnum() and text[end - 1].isalnum():
                        continue
                    found[set_index].append((start, end, phrase_index))
        if len(self._recent) >= 512:
            self._recent.clear()
        self._recent[text] = found
        return found


def _same_literal(found: str, literal: str) -> bool:
    """The text at a key is the literal, where a space or hyphen between two
    words may stand for either ("doctor recommended" = "doctor-recommended")."""
    return found == literal or found.replace("-", " ") == literal.replace("-", " ")


_WORD_RUN = re.compile(r"[^\W_]+")  # exactly the runs of str.isalnum() characters


class _Words:
    """Start and end of the word (run of letters and digits) around an offset."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _WORD_RUN.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def start_of(self, index: int) -> int:
        """Start of the word holding the (alphanumeric) character at index."""
        return self.starts[bisect_right(self.starts, index) - 1]

    def end_of(self, index: int) -> int:
        return self.ends[bisect_right(self.starts, index) - 1]


def _longest_without_overlap(hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Leftmost-longest matches that do not overlap, like a regex scan."""
    chosen: list[tuple[int, int, int]] = []
    last_end = -1
    for start, end, phrase in sorted(hits, key=lambda h: (h[0], -h[1], h[2])):
        if start >= last_end and end > start:
            chosen.append((start, end, phrase))
            last_end = end
    return chosen


@dataclass(eq=False)
class PhraseSet:
    """A phrase list; matching runs through its language's PhraseBook."""

    name: str
    phrases: list[str]
    meta: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._book: PhraseBook | None = None
        self._book_index = 0

    @property
    def book(self) -> PhraseBook:
        if self._book is None:
            PhraseBook([self])
        assert self._book is not None
        return self._book

    def hits(self, folded_text: str) -> list[tuple[int, int, int]]:
        """(start, end, phrase index) of each non-overlapping match."""
        return _longest_without_overlap(self.book.scan(folded_text)[self._book_index])

    def spans(self, folded_text: str) -> Iterator[tuple[int, int]]:
        for start, end, _ in self.hits(folded_text):
            yield start, end

    def search(self, text: str) -> tuple[int, int] | None:
        """The first match in text (folded here), or None."""
        return next(self.spans(fold(text)), None)

    def match(self, text: str) -> tuple[int, int] | None:
        """A match at the very start of text, or None."""
        first = self.search(text)
        return first if first is not None and first[0] == 0 else None

    def matches(self, text: str) -> list[tuple[int, int]]:
        return list(self.spans(fold(text)))

    def fullmatch(self, text: str) -> bool:
        folded = " ".join(fold(text).split()).strip(" .,:;!?\"'()[]")
        return any(start == 0 and end == len(folded) for start, end, _ in self.book.scan(folded)[self._book_index])

    def which(self, matched: str) -> list[int]:
        """Indexes of the phrases that match this whole text."""
        folded = fold(matched)
        return sorted({i for start, end, i in self.book.scan(folded)[self._book_index]
                       if start == 0 and end == len(folded)})

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
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    known = ValidatedBefore("pack", raw, load_schema("rulepack.schema.json"))
    copy = _parsed_copy(known)
    if copy is not None:
        return copy
    try:
        text = raw.decode("utf-8")
        data = yamlsafe.load(text, MAX_PACK_VALUES)
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    except yamlsafe.AliasLimitError as exc:
        raise PackError(f"{path}: rule pack {exc.problem}; healthlint does not load it") from None
    except RecursionError:
        raise PackError(f"{path}: rule pack nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise PackError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if known:
        _keep_parsed_copy(known, data)
        return data
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
    known.remember()
    _keep_parsed_copy(known, data)
    return data


def _parsed_copy(known: ValidatedBefore) -> dict[str, Any] | None:
    """The pack as parsed before, from a JSON copy beside its validation marker:
    reading YAML is most of a one-file run's pack loading (JSON is ~100x faster).
    The copy is named by the hash of the pack's bytes, so it never stands in for
    other content; anything off about it and the pack is parsed again."""
    if not known:
        return None
    try:
        data = json.loads(_copy_path(known).read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "lang" in data else None


def _keep_parsed_copy(known: ValidatedBefore, data: dict[str, Any]) -> None:
    try:
        blob = json.dumps(data, ensure_ascii=False)
        if json.loads(blob) != data:  # a value JSON would change (a tuple, a date): keep parsing the YAML
            return
        from healthlint.safe_write import atomic_write_bytes

        atomic_write_bytes(_copy_path(known), blob.encode(), keep_mode=False, durable=False)
    except (OSError, TypeError, ValueError):
        pass


def _copy_path(known: ValidatedBefore) -> Path:
    assert known.marker is not None
    return known.marker.with_name(known.marker.name + ".json")


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


class _PhraseBudget:
    """Counts what extra packs add, per language: phrases in all, and phrase
    heads per automaton key (the bundled packs are within both limits)."""

    def __init__(self) -> None:
        self.phrases = {lang: 0 for lang in LANGS}
        self.per_key: dict[str, dict[tuple[str, bool], int]] = {lang: {} for lang in LANGS}

    def spend(self, path: Path, data: dict[str, Any], langs: tuple[str, ...]) -> None:
        for name, spec in (data.get("lists") or {}).items():
            for i, entry in enumerate(spec["phrases"]):
                heads = [] if name in WORD_SET_LISTS else parse_phrase(_phrase_text(entry))
                for lang in langs:
                    self.phrases[lang] += 1
                    if self.phrases[lang] > MAX_EXTRA_PHRASES:
                        raise PackError(f"{path}: /lists/{name}/phrases/{i}: extra packs hold more than "
                                        f"{MAX_EXTRA_PHRASES:,} phrases for language {lang!r}")
                    counts = self.per_key[lang]
                    for head in set((h.key, h.open_start) for h in heads):
                        counts[head] = counts.get(head, 0) + 1
                        if counts[head] > MAX_PHRASES_PER_KEY:
                            raise PackError(
                                f"{path}: /lists/{name}/phrases/{i}: more than {MAX_PHRASES_PER_KEY} phrases "
                                f"start with {head[0]!r} ({lang}); every occurrence of it is checked against "
                                "each of them, so start some with another word")


# plain word lists read as sets (Packs.words); scanning for them would only slow the shared pass
WORD_SET_LISTS = frozenset({"stopwords", "abbreviations"})
NEUTRAL_LIST_KEYS = ("networks", "cloaked_paths", "path_signatures", "link_markers", "shop_paths", "tracking_params",
                     "shop_hosts", "source_hosts", "nutrients")


def load_packs(extra: Iterable[Path] = ()) -> Packs:
    builtin = builtin_pack_files()
    files = builtin + pack_files_from(extra)
    budget = _PhraseBudget()
    raw_lists: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}
    raw_meta: dict[str, dict[str, list[dict[str, Any]]]] = {lang: {} for lang in LANGS}
    neutral: dict[str, Any] = {key: [] for key in NEUTRAL_LIST_KEYS}
    neutral["concepts"] = {}
    digest = hashlib.sha256()
    for path in files:
        data = load_pack_file(path)
        digest.update(path.read_bytes())
        langs = LANGS if data["lang"] == "any" else (data["lang"],)
        if len(files) > len(builtin) and path not in builtin:
            budget.spend(path, data, langs)
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
    for by_name in lists.values():
        PhraseBook([phrase_set for name, phrase_set in by_name.items() if name not in WORD_SET_LISTS])
    return Packs(lists, neutral, digest.hexdigest(), [str(f) for f in files])

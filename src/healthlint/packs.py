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
from typing import Any, Iterable, Iterator, Sequence

from healthlint.errors import PackError
from healthlint.resources import (ValidatedBefore, data_path, load_schema, read_checked_json, user_cache_dir,
                                  write_checked_json)
from healthlint.fold import NON_ASCII, fold
from healthlint.stagetimes import stage

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
# an automaton entry: (list index, phrase index, 1 if the key's leading marker is not
# part of the match, open start, open end, rest pattern id or -1, literal to compare or None)
_Entry = tuple[int, int, int, bool, bool, int, "str | None"]
# an automaton word's value: (key length, its entries, gate id or -1, the entries a closed gate leaves)
_Value = tuple[int, tuple[_Entry, ...], int, tuple[_Entry, ...]]
_Plan = tuple[list[tuple[str, _Value]], list[tuple[Token, ...]], list[tuple[int, ...]]]


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
_ASCII_SCAN_TABLE = {code: _MARK for code in range(128) if _NON_WORD.match(chr(code))}
# the last scan form made: the page's books (its language's and the other's
# tiny one) all scan the same folded page text
_last_scan_form: tuple[str, str] = ("", "")


def _scan_form(text: str) -> str:
    """Text with every non-word character replaced by one marker, same
    length: a key that starts with the marker can only match at a word
    start, which keeps the automaton from reporting "de" inside "onderzoek"."""
    global _last_scan_form
    last_text, last_form = _last_scan_form  # one read: another thread may replace it
    if last_text == text:
        return last_form
    # str.translate takes its C fast path on ASCII; folded text is nearly all ASCII,
    # so only the rare non-ASCII runs go through the regular expression
    if text.isascii():
        form = text.translate(_ASCII_SCAN_TABLE)
    else:
        parts = []
        done = 0
        for run in NON_ASCII.finditer(text):
            parts.append(text[done : run.start()].translate(_ASCII_SCAN_TABLE))
            parts.append(_NON_WORD.sub(_MARK, run.group()))
            done = run.end()
        parts.append(text[done:].translate(_ASCII_SCAN_TABLE))
        form = "".join(parts)
    _last_scan_form = (text, form)
    return form


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
        self._rest_tokens: list[tuple[Token, ...]] = []  # rest patterns by id, compiled on first use
        self._rest_patterns: list[re.Pattern[str] | None] = []
        self._gate_rests: list[tuple[int, ...]] = []  # gates by id: the rest ids each one stands for
        self._gate_patterns: list[re.Pattern[str] | None] = []
        # recent scans by text value: rules ask for several lists in the same
        # (freshly folded, so never identical) block text one after another
        self._recent: dict[str, _Scan] = {}

    def _build(self) -> Any:
        import ahocorasick

        kept = _KeptPlan(self.sets)
        plan = kept.read()
        if plan is None:
            plan = self._plan()
            kept.keep(plan)
        words, rest_tokens, gate_rests = plan
        self._rest_tokens = rest_tokens
        self._rest_patterns = [None] * len(rest_tokens)
        self._gate_rests = gate_rests
        self._gate_patterns = [None] * len(gate_rests)
        automaton = ahocorasick.Automaton()
        for key, value in words:
            automaton.add_word(key, value)
        automaton.make_automaton()
        return automaton

    def _plan(self) -> _Plan:
        """What the automaton holds: (key, value) per word, the rest tokens by id and
        the gates by id. Parsing every phrase is most of building the automaton."""
        entries: dict[str, list[_Entry]] = {}
        rest_ids: dict[tuple[Token, ...], int] = {}
        for set_index, phrase_set in enumerate(self.sets):
            for phrase_index, phrase in enumerate(phrase_set.phrases):
                for head in parse_phrase(phrase):
                    key = _NON_WORD.sub(_MARK, head.key)
                    if not head.open_start:
                        key = _MARK + key
                    rest_id = rest_ids.setdefault(head.rest, len(rest_ids)) if head.rest else -1
                    # the scan form cannot tell one punctuation mark from another: such a key's
                    # literal is compared with the text (None: nothing to compare)
                    literal = None if head.key.isalnum() else head.key
                    entries.setdefault(key, []).append(
                        (set_index, phrase_index, 0 if head.open_start else 1, head.open_start, head.open_end,
                         rest_id, literal))
        words: list[tuple[str, _Value]] = []
        gate_rests: list[tuple[int, ...]] = []
        for key, items in entries.items():
            # A key shared by several phrases whose rest starts right after it (most are
            # common first words: "is", "in", "do not") gets a gate, one pattern for all
            # of their rests: where it does not match, none of them can, and those entries
            # are skipped together (most places where such a key occurs hold no phrase).
            gated = tuple(item for item in items if item[5] >= 0 and not item[4])
            if len(gated) >= 2:
                gate_rests.append(tuple(sorted({item[5] for item in gated})))
                ungated = tuple(item for item in items if item not in gated)
                words.append((key, (len(key), tuple(items), len(gate_rests) - 1, ungated)))
            else:
                words.append((key, (len(key), tuple(items), -1, ())))
        return words, list(rest_ids), gate_rests

    def _gate(self, gate_id: int) -> re.Pattern[str]:
        """One pattern matching wherever one of the gated rests matches."""
        # from the rests' sources: each rest is compiled on its own only where the gate opens
        rests = (self._rest_source(i) for i in self._gate_rests[gate_id])
        pattern = self._gate_patterns[gate_id] = re.compile("|".join(f"(?:{rest})" for rest in rests))
        return pattern

    def _rest(self, rest_id: int) -> re.Pattern[str]:
        pattern = self._rest_patterns[rest_id] = re.compile(self._rest_source(rest_id))
        return pattern

    def _rest_source(self, rest_id: int) -> str:
        return _rest_pattern(self._rest_tokens[rest_id]) + r"(?![^\W_])"

    @stage("phrase scan")
    def scan(self, text: str) -> list[Sequence[tuple[int, int, int]]]:
        """Per list, the (start, end, phrase index) of every phrase found."""
        return self._scan(text).found

    def scan_part(self, text: str, lo: int, hi: int, set_index: int) -> list[tuple[int, int, int]]:
        """For one list, what scan(text[lo:hi]) finds, in text's offsets, read
        from the scan of the whole text. text[lo - 1] and text[hi] (where they
        exist) must be spaces between blocks: a key then starts and ends on the
        same side of them in both scans, and a phrase found in the whole text
        that ends inside the part is what the part's own scan finds (the part's
        scan can only choose among the same ways to match, in the same order).
        A phrase whose rest runs past hi is matched again with the text cut at hi."""
        scanned = self._scan(text)
        rest_starts = scanned.rest_starts
        part = []
        for i, (start, end, phrase_index) in enumerate(scanned.found[set_index]):
            if start < lo:
                continue
            if end > hi:
                rest = rest_starts.get((set_index, i))
                if rest is None or rest[0] > hi:
                    continue
                m = self._rest_patterns[rest[1]].match(text, rest[0], hi)  # type: ignore[union-attr]
                if m is None:
                    continue
                end = m.end()
            part.append((start, end, phrase_index))
        return part

    def _scan(self, text: str) -> _Scan:
        cached = self._recent.get(text)
        if cached is not None:
            return cached
        if self._automaton is None:
            self._automaton = self._build()
        # Per list, its hits; lists without any share one empty tuple. Recent scans are kept
        # (up to 512 texts per book), so every object made here stays in the garbage
        # collector's sight for a while: a short text's scan makes two, not two per list.
        found: list[Sequence[tuple[int, int, int]]] = [_NO_HITS] * len(self.sets)
        # (list, hit number) -> (where its rest pattern matched from, rest id), for scan_part
        rest_starts: dict[tuple[int, int], tuple[int, int]] = {}
        length = len(text)
        patterns = self._rest_patterns
        gates = self._gate_patterns
        words = _Words(text)
        if self.sets and len(self._automaton):
            # the scan string has one marker in front, so its index i is text index i - 1
            for key_end, (key_length, items, gate_id, ungated) in self._automaton.iter(_MARK + _scan_form(text)):
                if gate_id >= 0 and (gates[gate_id] or self._gate(gate_id)).match(text, key_end) is None:
                    items = ungated
                for set_index, phrase_index, start_shift, open_start, open_end, rest_id, literal in items:
                    if literal is not None and not _same_literal(text[key_end - len(literal) : key_end], literal):
                        continue
                    start = key_end - key_length + start_shift
                    end = key_end
                    # a wildcard extends to the whole word
                    if open_start and start > 0 and text[start - 1].isalnum():
                        start = words.start_of(start - 1)
                    if open_end and end < length and text[end].isalnum():
                        end = words.end_of(end)
                    rest_from = -1
                    if rest_id >= 0:
                        m = (patterns[rest_id] or self._rest(rest_id)).match(text, end)
                        if m is None:
                            continue
                        rest_from, end = end, m.end()
                    elif end < length and text[end].isalnum() and text[end - 1].isalnum():
                        continue
                    hits = found[set_index]
                    if hits is _NO_HITS:
                        hits = found[set_index] = []
                    if rest_from >= 0:
                        rest_starts[(set_index, len(hits))] = (rest_from, rest_id)
                    hits.append((start, end, phrase_index))
        scanned = _Scan(found, rest_starts or _NO_REST_STARTS)
        if len(self._recent) >= 512:
            self._recent.clear()
        self._recent[text] = scanned
        return scanned


# A book with fewer phrases builds faster than its kept plan can be read and checked.
_KEEP_PLAN_FROM = 100


class _KeptPlan:
    """A book's automaton plan (PhraseBook._plan) kept in the user cache as JSON, so
    a run loads it instead of parsing every phrase again (~25-35 ms per language;
    adding the words to a new automaton takes ~3 ms). JSON, not a pickled automaton:
    nothing read from the cache can run code, and the file does not depend on the
    pyahocorasick version. The file is named by a hash of the phrases, healthlint's
    version and the code that makes plans, so it never stands in for other content;
    it holds that name and a hash of itself, so a damaged or misplaced file is
    ignored and the plan made (and kept) again."""

    def __init__(self, sets: list[PhraseSet]):
        self.path: Path | None = None
        if sum(len(phrase_set.phrases) for phrase_set in sets) < _KEEP_PLAN_FROM:
            return
        from healthlint.version import __version__

        digest = hashlib.sha256(__version__.encode())
        digest.update(json.dumps([phrase_set.phrases for phrase_set in sets]).encode())
        here = Path(__file__)
        try:
            for module in (here, here.with_name("fold.py")):
                digest.update(module.read_bytes())
            self.key = digest.hexdigest()
            self.path = user_cache_dir() / "automata" / (self.key + ".json")
        except (OSError, RuntimeError):
            self.path = None

    def read(self) -> _Plan | None:
        if self.path is None:
            return None
        data = read_checked_json(self.path)
        try:
            if data["key"] != self.key:
                return None
            # the words stay as JSON made them, lists where the plan had tuples: the
            # scan only unpacks and iterates them, and converting costs ~7 ms
            words = data["words"]
            rests = [tuple(t if isinstance(t, str) else tuple(map(tuple, t)) for t in rest) for rest in data["rests"]]
            return words, rests, [tuple(gate) for gate in data["gates"]]
        except (TypeError, KeyError):
            return None

    def keep(self, plan: _Plan) -> None:
        if self.path is not None:
            words, rests, gates = plan
            write_checked_json(self.path, {"key": self.key, "words": words, "rests": rests, "gates": gates})


_NO_HITS: tuple[tuple[int, int, int], ...] = ()
_NO_REST_STARTS: dict[tuple[int, int], tuple[int, int]] = {}  # shared, never written to


@dataclass(frozen=True, eq=False)
class _Scan:
    found: list[Sequence[tuple[int, int, int]]]
    rest_starts: dict[tuple[int, int], tuple[int, int]]


def _same_literal(found: str, literal: str) -> bool:
    """The text at a key is the literal, where a space or hyphen between two
    words may stand for either ("doctor recommended" = "doctor-recommended")."""
    return found == literal or found.replace("-", " ") == literal.replace("-", " ")


_WORD_RUN = re.compile(r"[^\W_]+")  # exactly the runs of str.isalnum() characters


# the alphanumeric run that ends where a search stops (possessive: no backtracking)
_WORD_RUN_TO_END = re.compile(r"(?<![^\W_])[^\W_]++\Z")
_NEAR = 64  # characters searched around an offset before the whole text is indexed


class _Words:
    """Start and end of the word (run of letters and digits) around an offset.

    A word is read in a small window around the offset; only a word longer
    than the window makes the whole text's word bounds be listed (once), so
    a 1 MB "word" with a key at every letter stays linear (no O(n^2))."""

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []

    def _index(self) -> None:
        if not self.starts:
            for m in _WORD_RUN.finditer(self.text):
                self.starts.append(m.start())
                self.ends.append(m.end())

    def start_of(self, index: int) -> int:
        """Start of the word holding the (alphanumeric) character at index."""
        if not self.starts:
            m = _WORD_RUN_TO_END.search(self.text, max(0, index - _NEAR), index + 1)
            if m is not None:
                return m.start()
            self._index()
        return self.starts[bisect_right(self.starts, index) - 1]

    def end_of(self, index: int) -> int:
        """End of the word holding the (alphanumeric) character at index."""
        if not self.starts:
            run = _WORD_RUN.match(self.text, index, index + _NEAR)
            assert run is not None, "the character at index is alphanumeric"
            end = run.end()
            if end < index + _NEAR:
                return end
            self._index()
        return self.ends[bisect_right(self.starts, index) - 1]


def _longest_without_overlap(hits: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
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

    def hits_in_part(self, folded_text: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
        """hits(folded_text[lo:hi]) in folded_text's offsets (see PhraseBook.scan_part)."""
        return _longest_without_overlap(self.book.scan_part(folded_text, lo, hi, self._book_index))

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


def _entries(spec: dict[str, Any]) -> Iterator[tuple[str, str | dict[str, Any]]]:
    """Every phrase entry of a list with its JSON pointer tail ("3" or "nl/3"):
    `phrases` is one list, or one list per language in a lang 'any' pack."""
    phrases = spec["phrases"]
    if isinstance(phrases, list):
        for i, entry in enumerate(phrases):
            yield str(i), entry
    else:
        for lang, entries in phrases.items():
            for i, entry in enumerate(entries):
                yield f"{lang}/{i}", entry


def _entries_for(spec: dict[str, Any], lang: str) -> list[str | dict[str, Any]]:
    """A list's phrase entries for one language."""
    phrases = spec["phrases"]
    return phrases if isinstance(phrases, list) else phrases.get(lang, [])


@dataclass
class Packs:
    """Every loaded pack, merged per language."""

    lists: dict[str, dict[str, PhraseSet]]
    neutral: dict[str, Any]
    digest: str
    files: list[str]
    # per language, each list's pack files (to name them in errors)
    list_files: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def phrases(self, lang: str, name: str) -> PhraseSet:
        return self.lists.get(lang, {}).get(name, EMPTY)

    def phrases_alone(self, lang: str, name: str) -> PhraseSet:
        """The list behind an automaton of its own: a page scans its own
        language's lists in one pass, and the odd list of the other language
        (a disclaimer in English on a Dutch page) without the rest of them."""
        key = (lang, name)
        alone = self._alone.get(key)
        if alone is None:
            shared = self.phrases(lang, name)
            alone = self._alone[key] = PhraseSet(shared.name, shared.phrases, shared.meta) if shared else shared
        return alone

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
        # the registry generation whose declared lists were found in these packs
        self.lists_checked_at: int | None = None
        self._alone: dict[tuple[str, str], PhraseSet] = {}


def _format_error_path(error: Any) -> str:
    return "/" + "/".join(str(p) for p in error.absolute_path)


def load_pack_file(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    known = ValidatedBefore("pack", raw, load_schema("rulepack.schema.json"))
    copy = known.parsed_copy("lang")
    if copy is not None:
        return copy
    import yaml  # only for packs without a parsed copy: a plain run imports no YAML parser

    from healthlint import yamlsafe

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
        known.keep_parsed_copy(data)
        return data
    validator = _pack_validator()
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise PackError(f"{path}: {_format_error_path(first)}: {first.message}")
    for name, spec in (data.get("lists") or {}).items():
        if isinstance(spec["phrases"], dict) and data["lang"] != "any":
            raise PackError(f"{path}: /lists/{name}/phrases: phrases per language need lang: any "
                            f"(this pack is lang: {data['lang']})")
        for where, entry in _entries(spec):
            try:
                parse_phrase(_phrase_text(entry))
            except PhraseSyntaxError as exc:
                raise PackError(f"{path}: /lists/{name}/phrases/{where}: {exc}") from None
    known.remember()
    known.keep_parsed_copy(data)
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


class _PhraseBudget:
    """Counts what extra packs add, per language: phrases in all, and phrase
    heads per automaton key (the bundled packs are within both limits)."""

    def __init__(self) -> None:
        self.phrases = {lang: 0 for lang in LANGS}
        self.per_key: dict[str, dict[tuple[str, bool], int]] = {lang: {} for lang in LANGS}

    def spend(self, path: Path, data: dict[str, Any], langs: tuple[str, ...]) -> None:
        for name, spec in (data.get("lists") or {}).items():
            for lang in langs:
                counts = self.per_key[lang]
                for i, entry in enumerate(_entries_for(spec, lang)):
                    where = f"{lang}/{i}" if isinstance(spec["phrases"], dict) else str(i)
                    self.phrases[lang] += 1
                    if self.phrases[lang] > MAX_EXTRA_PHRASES:
                        raise PackError(f"{path}: /lists/{name}/phrases/{where}: extra packs hold more than "
                                        f"{MAX_EXTRA_PHRASES:,} phrases for language {lang!r}")
                    heads = [] if name in WORD_SET_LISTS else parse_phrase(_phrase_text(entry))
                    for head in set((h.key, h.open_start) for h in heads):
                        counts[head] = counts.get(head, 0) + 1
                        if counts[head] > MAX_PHRASES_PER_KEY:
                            raise PackError(
                                f"{path}: /lists/{name}/phrases/{where}: more than {MAX_PHRASES_PER_KEY} phrases "
                                f"start with {head[0]!r} ({lang}); every occurrence of it is checked against "
                                "each of them, so start some with another word")


# plain word lists read as sets (Packs.words); scanning for them would only slow the shared pass
WORD_SET_LISTS = frozenset({"stopwords", "abbreviations", "not_nouns", "words_after_finite_verb", "adjective_endings",
                            "chemical_form_endings"})
NEUTRAL_LIST_KEYS = ("networks", "cloaked_paths", "path_signatures", "link_markers", "shop_paths", "tracking_params",
                     "shop_hosts", "source_hosts", "nutrients")


# Loaded packs by the exact bytes of their files: a process that creates many
# linters (the test suite, an editor server, a run per config) loads, validates
# and compiles the same packs once. Keyed by content, so an edited pack loads anew.
_LOADED: dict[tuple[tuple[str, bytes], ...], Packs] = {}
_LOADED_MAX = 8


def load_packs(extra: Iterable[Path] = ()) -> Packs:
    builtin = builtin_pack_files()
    files = builtin + pack_files_from(extra)
    key = tuple((str(path), _read_for_key(path)) for path in files)
    packs = _LOADED.get(key)
    if packs is None:
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.clear()
        packs = _LOADED[key] = _load_packs(files, builtin)
    return packs


def forget_loaded() -> None:
    """Load packs anew on next use (after the pack schema changed in this process)."""
    global _VALIDATOR
    _LOADED.clear()
    _VALIDATOR = None


def _read_for_key(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""  # load_pack_file reports the file it cannot read


def _load_packs(files: list[Path], builtin: list[Path]) -> Packs:
    budget = _PhraseBudget()
    raw_lists: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}
    raw_meta: dict[str, dict[str, list[dict[str, Any]]]] = {lang: {} for lang in LANGS}
    list_files: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}
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
                if isinstance(spec["phrases"], dict) and lang not in spec["phrases"]:
                    continue
                list_files[lang].setdefault(name, []).append(str(path))
                phrases = raw_lists[lang].setdefault(name, [])
                meta = raw_meta[lang].setdefault(name, [])
                for entry in _entries_for(spec, lang):
                    phrases.append(_phrase_text(entry))
                    meta.append(entry if isinstance(entry, dict) else {})
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
    return Packs(lists, neutral, digest.hexdigest(), [str(f) for f in files], list_files)

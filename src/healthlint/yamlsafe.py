"""YAML for untrusted text (front matter, rule packs): the safe loader, a cap
on what aliases expand to, and values the loader cannot build kept as text.

PyYAML's safe loader builds ``date: 2024-02-30`` with ``datetime.date`` and a
5,000-digit number with ``int()``; both raise ``ValueError``, which is no
``YAMLError``, so a caller catching YAML errors crashed instead. Here such a
scalar stays the string it was written as, and a schema or rule judges it.

A "billion laughs" is a few lines of nested aliases that stand for billions
of values: PyYAML shares the objects, but anything that walks the data (a
schema validator, a list merge) walks every one. ``load`` counts the values
the node graph stands for before building anything and refuses the text
when they pass the caller's limit.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

try:  # libyaml is bundled with PyYAML's wheels; the pure-Python parser is ~10x slower
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader


class AliasLimitError(yaml.YAMLError):
    """The text expands to more values than allowed, or holds a recursive alias."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


class Loader(_Base):
    """The safe loader, with impossible dates, over-long integers and other
    scalars its constructors cannot build (explicit !!timestamp, !!int,
    !!float, !!bool tags over any text) as text."""


# What PyYAML's scalar constructors raise on text they cannot build, besides
# YAMLError: an explicit tag over any text reaches them unchecked (the fuzzer
# found `date: !!timestamp 'off'` -> AttributeError, `!!bool maybe` ->
# KeyError, `!!float ''` -> IndexError).
_BUILD_ERRORS = (ValueError, OverflowError, AttributeError, KeyError, IndexError, TypeError)


def _as_text_on_error(build: Any) -> Any:
    def construct(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return build(loader, node)
        except _BUILD_ERRORS:
            return loader.construct_scalar(node)
    return construct


# YAML 1.1 octal, hex and binary integers are built without Python's 4,300-digit limit, but str() of one
# later raises; a number that long is text (the issue 14 fuzz run: `date: 0101…` of 4,400 digits).
_MAX_INT_BITS = 12_000  # about 3,600 decimal digits


def _int(loader: Any, node: yaml.ScalarNode) -> Any:
    value = SafeConstructor.construct_yaml_int(loader, node)
    return loader.construct_scalar(node) if value.bit_length() > _MAX_INT_BITS else value


for _tag, _build in (("timestamp", SafeConstructor.construct_yaml_timestamp),
                     ("int", _int),
                     ("float", SafeConstructor.construct_yaml_float),
                     ("bool", SafeConstructor.construct_yaml_bool)):
    Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _as_text_on_error(_build))


def expanded_size(root: yaml.Node, cap: int) -> int | None:
    """How many nodes the YAML graph stands for with every alias expanded
    (memoised per node, iterative, capped at cap + 1); None for a recursive
    alias."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        if not done:
            if id(node) in visiting:
                return None
            visiting.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        visiting.discard(id(node))
        sizes[id(node)] = min(1 + sum(sizes[id(c)] for c in children), cap + 1)
    return sizes[id(root)]


def load_with_node(text: str, max_values: int) -> tuple[yaml.Node | None, Any]:
    """The node graph (for source positions) and the data of one YAML
    document, (None, None) when empty. Raises YAMLError for invalid YAML,
    AliasLimitError when aliases make it larger than max_values values, and
    RecursionError for nesting deeper than Python's stack."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        size = expanded_size(node, max_values)
        if size is None:
            raise AliasLimitError("has a recursive YAML alias")
        if size > max_values:
            raise AliasLimitError(f"expands to more than {max_values:,} values through YAML aliases")
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


def load(text: str, max_values: int) -> Any:
    """The data of one YAML document (see load_with_node)."""
    return load_with_node(text, max_values)[1]

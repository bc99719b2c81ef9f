"""Differential test (issue 13): healthlint's reading of HTML against html5lib,
a WHATWG-conformant parser, on the conformance set and on generated pages.
Compared: heading levels and texts, link hrefs/rels/texts, image alts and <p>
texts (tests/html_oracle.py). Deliberate differences are listed in
docs/decisions.md ("HTML conformance")."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from html_conformance_set import HAND_WRITTEN, documents
from html_oracle import healthlint_view, oracle_view

DOCS = documents()


def test_conformance_set_is_large_enough():
    assert len(DOCS) >= 200 and len(HAND_WRITTEN) >= 40


def test_conformance_set_agrees_with_html5lib():
    differing = [name for name, page in DOCS if healthlint_view(page) != oracle_view(page)]
    agreement = 1 - len(differing) / len(DOCS)
    assert agreement >= 0.99, differing
    assert not [name for name in differing if name in HAND_WRITTEN], differing


@pytest.mark.parametrize("name", ["misnested-b", "bootstrap-accordion", "template", "nested-links",
                                  "legacy-entities-attr", "script-escapes"])
def test_hand_written_case_reads_like_a_browser(name):
    page = f"<!doctype html>\n<html><body>\n{HAND_WRITTEN[name]}\n</body></html>\n"
    assert healthlint_view(page) == oracle_view(page)


_WORD = st.sampled_from("magnesium slaap zink iron dose & &amp; &nbsp; &copy; &eacute; < > \" ' vitamine".split())
_TEXT = st.lists(_WORD, min_size=1, max_size=4).map(lambda words: " ".join(words) + " ")
_BLOCKS = ["p", "div", "h2", "h3", "section", "blockquote", "ul", "li", "details", "summary", "figure"]
_INLINE = ["b", "i", "em", "strong", "span", "code", "button", "mark", "small"]


def _element(children: list[str], tag: str, attrs: str) -> str:
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


_LINK_ATTRS = st.sampled_from(['', ' href="/a"', ' href="/b/" rel="sponsored"', " href=/c/",
                               ' href="/d" rel="nofollow" rel="sponsored"', ' href="/e?x=1&section=2"'])
_LEAF = st.one_of(_TEXT, st.sampled_from(['<img src="x.png" alt="foto">', "<br>", "<!-- c -->",
                                          '<img src="y.png">']))


def _inline_only(html: str) -> bool:
    return "<a" not in html and not any(f"<{tag}>" in html for tag in _BLOCKS)


def _tree(children):
    return st.one_of(
        st.builds(_element, st.lists(children, max_size=4), st.sampled_from(_BLOCKS + _INLINE), st.just("")),
        # a link that a block start ends implicitly (or a link inside it) is reopened by
        # browsers in the next block as a second link with the same href; healthlint
        # ends it there (a deliberate difference, docs/decisions.md)
        st.builds(_element, st.lists(children.filter(_inline_only), max_size=3), st.just("a"), _LINK_ATTRS),
    )


PAGES = st.lists(st.recursive(_LEAF, _tree, max_leaves=12), min_size=1, max_size=5).map(
    lambda parts: "<!doctype html><html><body>" + "".join(parts) + "</body></html>")


@pytest.mark.fuzz
@settings(max_examples=int(os.environ.get("HEALTHLINT_FUZZ_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_generated_pages_agree_with_html5lib(page):
    assert healthlint_view(page) == oracle_view(page)


@pytest.mark.parametrize("page, kept", [
    # a block start ends the link; browsers reopen it in the new paragraph
    ('<p><a href="/x" rel="sponsored">koop <p>hier</a> nu</p>', [("/x", ("sponsored",), "koop")]),
    # a link inside it across a block: browsers split the outer one in two around the <p>
    ('<a href="/x">a <p>b <a href="/y">c</a></p>', [("/x", (), "a b"), ("/y", (), "c")]),
])
def test_a_link_browsers_reopen_is_kept_as_one(page, kept):
    """The deliberate difference of docs/decisions.md ("HTML conformance"):
    healthlint keeps one link where the browser's DOM has two with the same
    href and rel. Everything else on the page reads the same."""
    page = f"<!doctype html><html><body>{page}</body></html>"
    ours, browsers = healthlint_view(page), oracle_view(page)
    assert ours["links"] == kept
    assert len(browsers["links"]) == len(kept) + 1
    assert {link[:2] for link in browsers["links"]} == {link[:2] for link in kept}
    assert {k: v for k, v in ours.items() if k != "links"} == {k: v for k, v in browsers.items() if k != "links"}

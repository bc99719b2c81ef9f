"""What a reader sees on an HTML page, from healthlint and from html5lib.

html5lib implements the WHATWG tree construction algorithm, so its tree is
what a browser builds; the view taken from it is the oracle of the
differential test (tests/test_parse_differential.py). A view holds the
heading levels and texts (accessible names: text plus image alts), link
hrefs, rels and texts, image alts and the texts of <p> elements.
"""

from __future__ import annotations

import html5lib

# Never page text: raw text, form controls, embedded content and inert fragments.
HIDDEN = frozenset("script style template noscript title textarea select svg math iframe object pre head".split())
INERT = frozenset({"template", "noscript"})
HEADINGS = {f"h{i}": i for i in range(1, 7)}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _text(el, alts: bool) -> str:
    parts: list[str] = []

    def walk(node) -> None:
        tag = _local(node.tag)
        if (tag in HIDDEN or not isinstance(node.tag, str)) and node is not el:
            return  # hidden, or a comment (its tail is added by the parent)
        if tag == "br":
            parts.append(" ")
        if tag == "img" and alts:
            parts.append(node.get("alt") or "")
        if node.text and tag not in HIDDEN:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(el)
    return _norm("".join(parts))


def oracle_view(page: str) -> dict[str, list]:
    root = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    view: dict[str, list] = {"headings": [], "links": [], "images": [], "paragraphs": []}

    def visit(node, inert: bool, hidden: bool, in_heading: bool) -> None:
        tag = _local(node.tag)
        inert = inert or tag in INERT
        hidden = hidden or tag in HIDDEN
        if not inert:
            if tag in HEADINGS and not hidden and not in_heading:
                view["headings"].append((HEADINGS[tag], _text(node, alts=True)))
            elif tag == "p" and not hidden and not in_heading:
                text = _text(node, alts=False)
                if text:
                    view["paragraphs"].append(text)
            elif tag == "a" and node.get("href") is not None:
                view["links"].append((node.get("href"), tuple(node.get("rel", "").lower().split()),
                                      _text(node, alts=False)))
            elif tag == "img":
                view["images"].append(node.get("alt"))
        for child in node:
            visit(child, inert, hidden, in_heading or tag in HEADINGS)

    visit(root, False, False, False)
    return _sorted(view)


def healthlint_view(page: str) -> dict[str, list]:
    from healthlint.loader import parse_text

    doc = parse_text(page, "page.html")
    return _sorted({
        "headings": [(b.level, _norm(b.text)) for b in doc.blocks if b.kind == "heading"],
        "links": [(l.href, l.rel, _norm(l.text)) for l in doc.links],
        "images": [i.alt for i in doc.images],
        "paragraphs": [_norm(b.text) for b in doc.blocks
                       if b.element is not None and b.element.tag == "p" and b.kind in ("paragraph", "quote")],
    })


def _sorted(view: dict[str, list]) -> dict[str, list]:
    return {k: sorted(v, key=repr) for k, v in view.items()}

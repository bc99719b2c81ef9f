"""Generators of hostile-but-plausible articles, and the properties every lint
result must keep (used by test_robust_fuzz.py)."""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]

# -- text --------------------------------------------------------------------
WORDS = [
    # Dutch and English prose, and phrases that make claims/integrity/affiliate rules fire
    "magnesium", "tekort", "vitamine", "D", "je", "lichaam", "energie", "slaap", "het", "een", "de",
    "studies tonen aan", "uit onderzoek blijkt", "verlaagt je bloeddruk", "voorkomt griep",
    "100% natuurlijk", "zonder bijwerkingen", "koop nu", "bestel nu", "#ad", "Volgens de PDF",
    "As an AI language model", "[insert", "Lorem ipsum", "TODO", "clinically proven", "cures cancer",
    "reduces the risk of", "heart disease", "we may earn a commission", "draagt bij tot",
    "the", "supplement", "vitamin", "is", "and", "of", "80%", "twee keer zo", "2x sneller",
    # mixed scripts: Cyrillic look-alikes inside Latin words, Greek, units
    "energiеhuishouding", "botgezondheidsketен", "vitаmine", "Ωmega", "μg", "µmol", "ωmega-3",
    "Привет", "Ελληνικά", "αβγ", "mixedΣword",
    # CJK, emoji (astral), RTL, combining marks, invisible characters
    "漢字", "マグネシウム", "💊", "👩‍⚕️", "🇳🇱", "مرحبا", "שלום", "\u202eevil\u202c", "e\u0301", "a\u0308",
    "\u200b", "\u00a0", "\ufeff", "ﬁ", "Ⅻ", "𝐁𝐨𝐥𝐝", "İstanbul", "ß", "ǅ",
]
ASCII_NOISE = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12)
ANY_CHARS = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)
WORD = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), ASCII_NOISE, ANY_CHARS)
SPACE = st.sampled_from([" ", " ", " ", "\n", "  ", "\t", "\u00a0", "\n\n", " \r\n "])


@st.composite
def prose(draw: Any, max_words: int = 12) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=max_words))
    out = []
    for w in words:
        out.append(w)
        out.append(draw(SPACE))
    return "".join(out) + draw(st.sampled_from(["", ".", "!", "?", "…"]))


ENTITIES = st.sampled_from([
    "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&eacute;", "&euml;", "&hellip;", "&mdash;", "&#233;",
    "&#x1F48A;", "&#1077;", "&#x435;", "&copy", "&amp", "&#0;", "&#xD800;", "&#x110000;", "&#99999999;",
    "&bogus;", "&;", "&#;", "&#x;", "&", "&&", "&#12", "&ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ;",
])

BROKEN = st.sampled_from([
    "<", "</", "<p", "<a href=\"x", "<a href='", "<!--", "-->", "<!-- unterminated", "<![CDATA[x]]>",
    "<!DOCTYPE html>", "<?xml version=\"1.0\"?>", "</div></div></p>", "<p/>", "<br/>", "<img>", "< p>",
    "<a href=x>", "<x-y>", "</x-y>", "<svg><p>in svg</svg>", "<math>", "<script>", "</script>", "<style>",
    "<textarea>", "<title>", "</title>", "<table><td>", "<li>", "</li>", "<dt>", "<h1>", "</h7>", "<p <p>",
    "<a\nhref=\"y\"\n>", "<div\r\nclass=x>", "<!>", "<?>", "<a href=\">\">", "<b a='>'>",
])

TAGS = ["p", "div", "span", "a", "b", "i", "em", "strong", "h1", "h2", "h3", "h4", "h6", "ul", "ol", "li",
        "table", "tr", "td", "th", "blockquote", "q", "code", "pre", "script", "style", "main", "article",
        "nav", "header", "footer", "aside", "section", "details", "summary", "dl", "dt", "dd", "time",
        "figure", "figcaption", "title", "noscript", "template", "button", "select", "iframe", "svg"]

ATTR_NAMES = st.sampled_from(["href", "rel", "class", "id", "lang", "itemprop", "itemscope", "itemtype",
                              "datetime", "role", "title", "alt", "src", "content", "name", "property",
                              "data-x", "style", "onclick", "type"])
HREFS = st.sampled_from([
    "https://www.amazon.nl/dp/B000?tag=x-21", "https://partner.bol.com/click?p=1", "https://example.nl/tip/x",
    "/intern", "#top", "javascript:alert(1)", "https://pubmed.ncbi.nlm.nih.gov/123/", "", "http://[::1",
    "https://xn--bcher-kva.example/", "mailto:a@b", "https://a.example/\u202e", "http://%zz",
])


@st.composite
def attribute_value(draw: Any) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:  # huge attribute
        return draw(st.sampled_from(["x", "é", "💊", "\"", "&amp;", " "])) * draw(st.integers(1000, 40_000))
    if kind <= 2:
        return draw(HREFS)
    if kind == 3:
        return draw(st.sampled_from(["sponsored", "nofollow", "sponsored nofollow", "noopener", "ugc"]))
    if kind == 4:
        return draw(st.sampled_from(["nl", "en", "nl-NL", "en_GB", "de", "", "xx-!!"]))
    return draw(prose(4))


def _quote_attr(name: str, value: str, style: int) -> str:
    if style == 0:
        escaped = value.replace('"', "&quot;")
        return f' {name}="{escaped}"'
    if style == 1:
        escaped = value.replace("'", "&#39;")
        return f" {name}='{escaped}'"
    if style == 2:
        return f" {name}"
    bare = re.sub(r"[\s>\"'=<`]", "", value) or "x"
    return f" {name}={bare}"


@st.composite
def attributes(draw: Any, tag: str) -> str:
    out = []
    if tag == "a" and draw(st.booleans()):
        out.append(_quote_attr("href", draw(HREFS), 0))
    for _ in range(draw(st.integers(0, 2))):
        out.append(_quote_attr(draw(ATTR_NAMES), draw(attribute_value()), draw(st.integers(0, 3))))
    return "".join(out)


JSONLD_OK = json.dumps({
    "@context": "https://schema.org", "@type": "FAQPage",
    "mainEntity": [{"@type": "Question", "name": "Wat doet magnesium?",
                    "acceptedAnswer": {"@type": "Answer", "text": "Het helpt je spieren."}}],
})


@st.composite
def jsonld(draw: Any) -> str:
    kind = draw(st.integers(0, 7))
    if kind == 0:
        body = JSONLD_OK
    elif kind == 1:  # truncated / invalid JSON
        body = JSONLD_OK[: draw(st.integers(0, len(JSONLD_OK) - 1))]
    elif kind == 2:  # deeply nested
        depth = draw(st.integers(100, 3000))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}"), ('{"@graph":[', "]}")]))
        body = opener * depth + "1" + closer * depth
    elif kind == 3:  # deeply nested and truncated
        body = '{"@type":"FAQPage","mainEntity":' + "[" * draw(st.integers(10, 2000))
    elif kind == 4:  # arbitrary JSON values
        value = draw(st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                st.sampled_from(["@type", "@context", "@graph", "mainEntity", "name", "text", "acceptedAnswer",
                                 "author", "datePublished", "x"]), inner, max_size=4),
            max_leaves=20))
        body = json.dumps(value, ensure_ascii=draw(st.booleans()))
    elif kind == 5:  # a script end inside the JSON, comments, NaN
        body = draw(st.sampled_from(['{"a": "</script><p>escaped</p>"}', "{'single': 1}", '{"a": NaN}',
                                     "// comment\n{}", '{"a":1,"a":2}', "[" + "1," * 2000 + "1]", "\ufeff{}"]))
    elif kind == 6:
        body = json.dumps({"@type": ["FAQPage", "WebPage"], "mainEntity": {"@type": "Question",
                           "name": draw(prose(4)), "acceptedAnswer": {"text": draw(prose(6))}}})
    else:
        body = draw(prose(5))
    script_type = draw(st.sampled_from(["application/ld+json", "application/LD+JSON", "application/ld+json; x=1"]))
    return f'<script type="{script_type}">{body}</script>'


COMMENTS = st.sampled_from([
    "<!-- healthlint-disable-next-line claim-absolute -- quoted -->",
    "<!-- healthlint-disable affiliate-link-rel -->", "<!-- healthlint-enable affiliate-link-rel -->",
    "<!-- healthlint-disable-line -->", "<!-- healthlint-disable nonsense-rule -->", "<!-- plain -->",
    "<!-- healthlint-disable", "<!---->", "<!-- -- -->",
])

HEAD_BITS = st.sampled_from([
    "<title>Magnesium tekort: 7 signalen</title>", "<title></title>", "<title>Volgens de PDF &amp; meer</title>",
    '<meta name="description" content="Lees alles over magnesium &amp; slaap.">',
    '<meta name="description" content="As an AI language model I cannot">',
    '<meta name="author" content="Dr. Jansen">', '<meta property="article:published_time" content="2024-01-01">',
    '<meta charset="utf-8">', '<link rel="canonical" href="https://example.nl/x">',
    '<meta name="keywords" content="magnesium">',
])


def _element(tag: str, attrs: str, inner: str) -> str:
    return f"<{tag}{attrs}>{inner}</{tag}>"


@st.composite
def html_node(draw: Any, depth: int = 0) -> str:
    kind = draw(st.integers(0, 14 if depth < 5 else 6))
    if kind <= 2:
        return draw(prose())
    if kind == 3:
        return draw(ENTITIES)
    if kind == 4:
        return draw(BROKEN)
    if kind == 5:
        return draw(COMMENTS)
    if kind == 6:
        return draw(jsonld()) if draw(st.integers(0, 3)) == 0 else draw(prose(4))
    if kind == 7:  # unclosed element
        tag = draw(st.sampled_from(TAGS))
        return f"<{tag}{draw(attributes(tag))}>" + draw(html_node(depth + 1))
    if kind == 8:  # deep chain of one tag
        tag = draw(st.sampled_from(["div", "span", "b", "li", "p", "a", "blockquote", "td"]))
        n = draw(st.integers(10, 400))
        closed = draw(st.booleans())
        return f"<{tag}>" * n + draw(prose(3)) + (f"</{tag}>" * n if closed else "")
    tag = draw(st.sampled_from(TAGS))
    children = draw(st.lists(html_node(depth + 1), min_size=0, max_size=4))
    return _element(tag, draw(attributes(tag)), "".join(children))


def mix_line_endings(draw: Any, text: str) -> str:
    style = draw(st.integers(0, 3))
    if style == 0:
        return text
    if style == 1:
        return text.replace("\n", "\r\n")
    if style == 2:
        return text.replace("\n", "\r")
    parts = text.split("\n")
    return "".join(p + draw(st.sampled_from(["\n", "\r\n", "\r"])) for p in parts[:-1]) + parts[-1]


# -- shapes that cost the most per byte (issue 14): links and FAQ headings in bulk
LINK_WORDS = st.sampled_from(["magnesium", "koop nu", "bestel", "studie", "bron", "x", "Buy", "[", "]", "💊"])


@st.composite
def link_dense_html(draw: Any) -> str:
    n = draw(st.integers(20, 300))  # size is the stress benchmark's job (bench/); shapes are the fuzzer's
    href = draw(HREFS)
    rel = draw(st.sampled_from(["", ' rel="sponsored"', ' rel="nofollow"']))
    word = draw(LINK_WORDS)
    sep = draw(st.sampled_from([" ", "", ", ", "\n"]))
    return "<p>" + sep.join(f'<a href="{href}{i if draw(st.booleans()) else ""}"{rel}>{word}</a>'
                            for i in range(n)) + "</p>"


FAQ_TITLES = st.sampled_from(["Veelgestelde vragen", "FAQ", "Frequently asked questions", "Vragen", "Q&amp;A"])
QUESTIONS = st.sampled_from(["Wat is magnesium?", "Is het veilig?", "What does it do?", "Hoeveel per dag?", "?"])


@st.composite
def repeated_faq_html(draw: Any) -> str:
    title, question = draw(FAQ_TITLES), draw(QUESTIONS)
    heading = draw(st.sampled_from(["h2", "h3", "h4"]))
    unit = f"<{heading}>{title}</{heading}>" if draw(st.booleans()) else ""
    unit += f"<h3>{question}</h3><p>{draw(prose(5))}</p>"
    tail = draw(st.sampled_from(["", "<noscript>", "<details><summary>x</summary>"]))
    return unit * draw(st.integers(5, 60)) + tail


@st.composite
def html_documents(draw: Any) -> str:
    body = "".join(draw(st.lists(html_node(), min_size=1, max_size=8)))
    if draw(st.integers(0, 9)) == 0:
        body += draw(st.one_of(link_dense_html(), repeated_faq_html()))
    shape = draw(st.integers(0, 3))
    if shape == 0:
        text = body
    else:
        lang = draw(st.sampled_from(["nl", "en", "nl-NL", "", "de"]))
        head = "".join(draw(st.lists(HEAD_BITS, max_size=4)))
        lang_attr = f' lang="{lang}"' if lang else ""
        text = (f"<!doctype html>\n<html{lang_attr}>\n<head>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
                if shape != 3 else f"<html{lang_attr}><head>{head}<body>{body}")
    return mix_line_endings(draw, text)


# -- Markdown ------------------------------------------------------------------
FRONT_MATTER = st.sampled_from([
    "", "---\ntitle: Magnesium tekort\ndescription: Alles over magnesium.\nlang: nl\n---\n",
    "---\ntitle: \"Volgens de PDF: magnesium\"\nkeyword: magnesium tekort\nauthor: Dr. Jansen\ndate: 2024-03-01\n---\n",
    "---\ntitle: [unclosed\n---\n", "---\n- a list\n- not a mapping\n---\n", "---\n---\n", "---\njust text\n---\n",
    "---\ntitle: x\n", "---\n\tbad: indent\n  : x\n---\n", "---\nauthor: {name: Anna, url: x}\nlang: en\n---\n",
    "---\nbase: &b {name: Jan}\nauthor: *b\n---\n", "---\na: &a [*a]\n---\n", "---\ntitle: !!python/object:os.system x\n---\n",
    "---\ntitle: !!binary aGk=\n---\n", "---\nhealthlint: {disable: [trust-disclaimer-missing]}\n---\n",
    "---\nhealthlint: {disable: not-a-list}\n---\n", "---\ntitle: 12\ndate: not-a-date\nlang: [nl]\n---\n",
    "---\ntitle: énergie ωmega\u2028x\n---\n", "+++\ntitle = 'toml'\n+++\n", "---\r\ntitle: crlf\r\n---\r\n",
    "---\nkeyword: ''\nfocus_keyword: \"\\uD800\"\n---\n", "---\n" + "k: " + "[" * 300 + "]" * 300 + "\n---\n",
])


@st.composite
def alias_bomb(draw: Any) -> str:
    width = draw(st.integers(2, 9))
    levels = draw(st.integers(2, 9))
    lines = ["a0: &a0 [" + ",".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]")
    lines.append(f"author: *a{levels - 1}")
    lines.append(f"title: *a{levels - 1}")
    return "---\n" + "\n".join(lines) + "\n---\n"


@st.composite
def hostile_scalar(draw: Any) -> str:
    """What YAML or TOML turns into a date or a number Python cannot build."""
    kind = draw(st.integers(0, 6))
    if kind == 0:  # impossible and out-of-range dates, with and without a time
        y, m, d = draw(st.integers(0, 99999)), draw(st.integers(0, 99)), draw(st.integers(0, 99))
        time = draw(st.sampled_from(["", " 25:61:61", "T24:00:00Z", " 12:00:00+99:00", "T00:00:00.9999999999"]))
        return f"{y:04d}-{m:02d}-{d:02d}{time}"
    if kind == 1:
        return draw(st.sampled_from(["2024-02-30", "2023-02-29", "0000-00-00", "2024-13-01", "9999-12-31 23:59:60",
                                     "2024-1-1", "1970-01-01T00:00:00-25:00"]))
    digits = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=1, max_size=3))) * \
        draw(st.integers(1, 2500))
    if kind == 2:  # huge integers
        return draw(st.sampled_from(["", "-", "+"])) + digits
    if kind == 3:
        return draw(st.sampled_from(["0x", "0o", "0b", "0x_"])) + digits.replace("8", "1").replace("9", "0")
    if kind == 4:  # huge floats and exponents
        return draw(st.sampled_from(["1e", "1.5e-", "-9.9e+", "."])) + digits
    if kind == 5:  # sexagesimal and underscores (YAML 1.1)
        return ":".join([digits[:50]] * draw(st.integers(2, 40))) if draw(st.booleans()) else "_".join(digits[:400])
    return draw(st.sampled_from([".nan", ".inf", "-.inf", "~", "null", "yes", "off", "0", "-0", "1_000"]))


@st.composite
def hostile_front_matter(draw: Any) -> str:
    keys = draw(st.lists(st.sampled_from(["date", "datePublished", "dateModified", "updated", "title", "keyword",
                                          "author", "lang", "description", "reading_time", "draft"]),
                         min_size=1, max_size=4))
    values = [draw(hostile_scalar()) for _ in keys]
    style = draw(st.integers(0, 3))
    if style == 0:
        return "---\n" + "".join(f"{k}: {v}\n" for k, v in zip(keys, values)) + "---\n"
    if style == 1:  # inside a list or a mapping
        return "---\n" + "".join(f"{k}: [{v}, {{nested: {v}}}]\n" for k, v in zip(keys, values)) + "---\n"
    if style == 2:  # TOML (a date literal or number Python cannot build)
        return "+++\n" + "".join(f"{k} = {v}\n" for k, v in zip(keys, values)) + "+++\n"
    return "---\n" + "".join(f"{k}: !!timestamp '{v}'\n" if i % 2 else f"{k}: !!int '{v}'\n"
                             for i, (k, v) in enumerate(zip(keys, values))) + "---\n"


@st.composite
def link_dense_markdown(draw: Any) -> str:
    n = draw(st.integers(20, 300))
    word = draw(LINK_WORDS).replace("[", "\\[").replace("]", "\\]")
    url = draw(HREFS).replace(" ", "%20") or "x"
    sep = draw(st.sampled_from([" ", "", ", ", "\n"]))
    if draw(st.booleans()):  # inline links
        return sep.join(f"[{word}]({url}{i % 7})" for i in range(n))
    refs = sep.join(f"[{word}][r{i % 50}]" for i in range(n))  # reference links
    return refs + "\n\n" + "\n".join(f"[r{i}]: {url}{i}" for i in range(50))


@st.composite
def repeated_faq_markdown(draw: Any) -> str:
    title, question = draw(FAQ_TITLES), draw(QUESTIONS)
    setext = draw(st.booleans())
    head = f"{title}\n---\n\n" if setext else f"## {title}\n\n"
    unit = (head if draw(st.booleans()) else "") + f"### {question}\n\n{draw(prose(5))}\n\n"
    return unit * draw(st.integers(5, 60))


@st.composite
def md_inline(draw: Any) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 12))
        if kind <= 4:
            parts.append(draw(prose(6)))
        elif kind == 5:
            parts.append(f"[{draw(prose(3))}]({draw(HREFS).replace(' ', '%20')})")
        elif kind == 6:
            parts.append(draw(st.sampled_from(["*", "**", "_", "`", "\\*", "\\", "~~"])) + draw(prose(2)))
        elif kind == 7:
            parts.append(draw(ENTITIES))
        elif kind == 8:
            parts.append(f'<a href="{draw(HREFS)}">{draw(prose(2))}</a>')
        elif kind == 9:
            parts.append(draw(BROKEN))
        elif kind == 10:
            parts.append(f"![{draw(prose(2))}](x.png)")
        elif kind == 11:
            parts.append(draw(COMMENTS))
        else:
            parts.append(f"<{draw(st.sampled_from(['span', 'b', 'time', 'abbr']))}>{draw(prose(2))}")
    return " ".join(parts)


@st.composite
def md_block(draw: Any, depth: int = 0) -> str:
    kind = draw(st.integers(0, 13 if depth < 3 else 6))
    if kind <= 3:
        return draw(md_inline())
    if kind == 4:
        return "#" * draw(st.integers(1, 7)) + " " + draw(md_inline())
    if kind == 5:
        return draw(md_inline()) + "\n" + draw(st.sampled_from(["===", "---", "-"]))
    if kind == 6:
        return "```" + draw(st.sampled_from(["", "python", "html"])) + "\n" + draw(prose()) + "\n" + \
            draw(st.sampled_from(["```", "", "~~~"]))
    if kind == 7:
        marker = draw(st.sampled_from(["- ", "* ", "1. ", "2) ", "+ "]))
        items = draw(st.lists(md_block(depth + 1), min_size=1, max_size=4))
        return "\n".join(marker + item.replace("\n", "\n" + " " * len(marker)) for item in items)
    if kind == 8:
        inner = draw(md_block(depth + 1))
        return "\n".join("> " + line for line in inner.split("\n"))
    if kind == 9:
        cols = draw(st.integers(1, 4))
        rows = [" | ".join(draw(prose(2)).replace("|", "\\|").replace("\n", " ") for _ in range(cols))
                for _ in range(draw(st.integers(1, 4)))]
        return "| " + rows[0] + " |\n|" + "---|" * cols + "\n" + "\n".join("| " + r + " |" for r in rows[1:])
    if kind == 10:  # an HTML block inside Markdown
        return draw(html_node(3))
    if kind == 11:
        return draw(jsonld())
    if kind == 12:  # deep nesting of quotes or lists
        n = draw(st.integers(5, 120))
        return draw(st.sampled_from(["> ", "- ", "1. ", "    "])) * n + draw(prose(3))
    return "    " + draw(prose(4))  # indented code


@st.composite
def markdown_documents(draw: Any) -> str:
    front_kind = draw(st.integers(0, 15))
    front = draw(alias_bomb()) if front_kind == 0 else draw(hostile_front_matter()) if front_kind <= 3 \
        else draw(FRONT_MATTER)
    blocks = draw(st.lists(md_block(), min_size=1, max_size=8))
    if draw(st.integers(0, 9)) == 0:
        blocks.append(draw(st.one_of(link_dense_markdown(), repeated_faq_markdown())))
    sep = draw(st.sampled_from(["\n\n", "\n", "\n\n\n"]))
    return mix_line_endings(draw, front + sep.join(blocks) + draw(st.sampled_from(["", "\n"])))


# -- the pipeline and its properties -------------------------------------------
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def lines_of(text: str) -> list[str]:
    """Lines as healthlint counts them (LF, CRLF, lone CR), without their breaks."""
    return _LINE_BREAK.split(text)


@lru_cache(maxsize=1)
def linter_and_settings() -> tuple[Any, Any]:
    from healthlint.config import Settings
    from healthlint.engine import Linter

    return Linter(Settings(), explicit_config=True), replace(Settings(), preview=True, select=("ALL",))


@lru_cache(maxsize=1)
def rules_metadata() -> list[dict[str, Any]]:
    from healthlint.cli import _rules_metadata

    return _rules_metadata()


@lru_cache(maxsize=1)
def report_validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8")))


@lru_cache(maxsize=1)
def sarif_validator() -> Any:
    from jsonschema import Draft7Validator

    return Draft7Validator(json.loads((ROOT / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8")))


def lint(text: str, path: str) -> dict[str, Any]:
    linter, settings = linter_and_settings()
    return linter.lint_text(text, path, settings)


def source_slice(lines: list[str], f: dict[str, Any]) -> str:
    """The raw text between a finding's start and end (lines joined by LF)."""
    if f["line"] == f["end_line"]:
        return lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
    first = lines[f["line"] - 1][f["column"] - 1 :]
    middle = lines[f["line"] : f["end_line"] - 1]
    last = lines[f["end_line"] - 1][: f["end_column"] - 1]
    return "\n".join([first, *middle, last])


_QUOTED = re.compile(r'^[^"]*?"(.*?)"(?= mixes| left in the text)', re.S)
EXACT_QUOTE_RULES = ("integrity-mixed-script", "integrity-generation-artifact")


def _squash(s: str) -> str:
    return " ".join(s.split())


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _decoded(raw: str, path: str) -> str:
    """Source text as the reader sees it: entities (and Markdown escapes) decoded."""
    if path.endswith(".md"):
        raw = _MD_ESCAPE.sub(r"\1", raw)
    return _squash(html.unescape(raw))


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


def _points_at(raw: str, quote: str, path: str) -> bool:
    """The finding's source range shows the quoted text: equal once entities
    are decoded and white space squashed, or, where markup sits inside the
    range ("Vol<b>gens</b> de PDF", "[[insert](x)"), starting with the quote's
    first character, ending with its last, and holding all of it in order."""
    seen = _decoded(raw, path)
    if seen == _squash(quote):
        return True
    s, q = "".join(seen.split()), "".join(quote.split())
    return bool(s and q) and s[0] == q[0] and s[-1] == q[-1] and _is_subsequence(q, s)


def check_result(text: str, path: str, result: dict[str, Any]) -> list[str]:
    """Every property of one file's result; returns the problems found."""
    problems: list[str] = []
    if result.get("error"):
        problems.append(f"file error: {result['error']}")
    lines = lines_of(text)
    for f in result["findings"] + result.get("suppressed", []):
        rid = f["rule"]
        if rid == "internal-error":
            problems.append(f"internal-error: {f['message']}")
            continue
        if f["line"] is None:
            continue
        where = f"{rid} at {f['line']}:{f['column']}-{f['end_line']}:{f['end_column']}"
        if not (1 <= f["line"] <= f["end_line"] <= len(lines)):
            problems.append(f"{where}: line outside 1..{len(lines)}")
            continue
        if not 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1:
            problems.append(f"{where}: column outside line of {len(lines[f['line'] - 1])} characters")
        if not 1 <= f["end_column"] <= len(lines[f["end_line"] - 1]) + 1:
            problems.append(f"{where}: end column outside line of {len(lines[f['end_line'] - 1])} characters")
        if f["line"] == f["end_line"] and f["end_column"] < f["column"]:
            problems.append(f"{where}: ends before it starts")
        if rid in EXACT_QUOTE_RULES and not f["approximate"] and "page metadata" not in f["message"]:
            m = _QUOTED.match(f["message"])
            if m is None:
                problems.append(f"{where}: message quotes no text: {f['message'][:120]!r}")
            elif not _points_at(source_slice(lines, f), m.group(1), path):
                problems.append(f"{where}: points at {source_slice(lines, f)[:80]!r}, "
                                f"quotes {m.group(1)[:80]!r}")
    return problems


def render_all(result: dict[str, Any]) -> list[str]:
    """Render the one-file report in every format; returns the problems found."""
    import importlib

    from healthlint.report import envelope

    problems: list[str] = []
    report = envelope([result])
    rules = rules_metadata()
    for fmt, module_name in (("text", "text"), ("json", "json_report"), ("sarif", "sarif"),
                             ("github", "github"), ("html", "html")):
        module = importlib.import_module(f"healthlint.report.{module_name}")
        try:
            out = module.render(report, rules, options={"quiet": False, "colour": False})
        except Exception as exc:  # noqa: BLE001 - the property is that nothing escapes
            problems.append(f"{fmt} renderer raised {type(exc).__name__}: {exc}")
            continue
        if not isinstance(out, str):
            problems.append(f"{fmt} renderer returned {type(out).__name__}")
            continue
        if fmt == "json":
            errors = list(report_validator().iter_errors(json.loads(out)))
            problems += [f"json schema: /{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:3]]
        elif fmt == "sarif":
            errors = list(sarif_validator().iter_errors(json.loads(out)))
            problems += [f"sarif schema: /{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:3]]
        elif fmt == "html" and "<script>document.title" in out:
            problems.append("html report contains an unescaped script")
    return problems


# Each fuzz target's share of HEALTHLINT_FUZZ_EXAMPLES (the whole-pipeline targets cost the most per
# example; the .gitignore comparison with git starts a git process per example).
FUZZ_SHARES = {
    "html": 0.20,
    "markdown": 0.20,
    "file-names": 0.15,
    "packs": 0.10,
    "gitignore-git": 0.05,
    "gitignore-pathspec": 0.30,
}


def fuzz_examples(target: str, default: int) -> int:
    """Examples for one fuzz target. HEALTHLINT_FUZZ_EXAMPLES is either a
    total shared over the targets by FUZZ_SHARES, or per-target counts
    ("html=8000,markdown=9000"; a target not named runs one example). Unset:
    the small default of the normal suite."""
    total = os.environ.get("HEALTHLINT_FUZZ_EXAMPLES")
    if not total:
        return default
    if "=" in total:
        counts = dict(part.split("=") for part in total.replace(" ", "").split(","))
        return max(1, int(counts.get(target, 1)))
    return max(1, round(int(total) * FUZZ_SHARES[target]))

"""The conformance set of the differential test: hand-written tricky pages and
pages assembled from what WordPress, Gutenberg, Elementor, Divi, accordions
and Markdown renderers emit (issue 13). All examples are written for this
project."""

from __future__ import annotations

import random

HAND_WRITTEN: dict[str, str] = {
    "code-in-heading": "<h1>Prettier <code>--tab-width</code></h1><h2><code>max_words</code></h2>",
    "bootstrap-accordion": ('<div class="accordion"><div class="accordion-item"><h3 class="accordion-header">'
                            '<button class="accordion-button" type="button" data-bs-toggle="collapse">'
                            'Hoe lang duurt het?</button></h3><div class="accordion-collapse collapse">'
                            '<div class="accordion-body"><p>Een paar weken.</p></div></div></div></div>'),
    "img-alt-heading": '<h2><img src="logo.png" alt="Logo Vitaal"></h2><p>Tekst.</p>',
    "div-in-heading": "<h2><div>Wat is magnesium?</div></h2>",
    "p-in-heading": "<h2><p>Wat is zink?</p></h2><p>Na de kop.</p>",
    "misnested-b": "<b><h2>Magnesium</b> en slaap</h2><p>Daarna.</p>",
    "misnested-i-in-p": "<p><i>schuin <b>vet</i> nog vet</b> gewoon</p>",
    "misnested-span": "<span><h2>Magnesium</span> en slaap</h2>",
    "duplicate-rel": '<p><a href="/deal" rel="noopener" rel="sponsored">Deal</a></p>',
    "unquoted-slash": "<p><a href=/magnesium/>Magnesium</a> en <a href=/zink/ rel=sponsored>zink</a></p>",
    "legacy-entities-attr": ('<p><a href="/p?country=NL&section=x&currency=EUR">prijs</a> '
                             '<a href="/q?a=1&amp;b=2&copy=3&not;">q</a> &copy 2024 &notit;</p>'),
    "abrupt-comment": "<!--><h2>Na de opmerking</h2><!---><p>Tekst</p>",
    "template": "<template><h2></h2><p>sjabloon</p><a href='/t'>t</a></template><h2>Kop</h2>",
    "script-escapes": ('<script><!-- document.write("<script>x()</script>"); var lek = 1; --></script>'
                       "<p>Zichtbaar</p>"),
    "nested-links": '<p><a href="/1">een <a href="/2">twee</a> drie</a></p>',
    "void-self-closing": '<p>Een<br/>twee<img src="a.png" alt="foto"/>drie</p>',
    "div-self-closing": '<div/><p>Na een div</p>',
    "svg-self-closing": '<svg viewBox="0 0 1 1"/><h2>Kop na svg</h2>',
    "svg-icon-in-link": '<p><a href="/x"><svg><path d="M0"/><title>icoon</title></svg>Lees meer</a></p>',
    "entities-text": "<p>Vitamine&nbsp;D &amp; K&#8209;2 &lt;3 &hellip; &eacute;&#x20AC;</p>",
    "details-faq": ("<h2>Veelgestelde vragen</h2><details><summary>Is het veilig?</summary>"
                    "<p>Meestal wel.</p></details><details><summary>Hoeveel?</summary><p>300 mg.</p></details>"),
    "p-auto-close": "<p>Een<p>Twee<div>Drie</div><p>Vier<ul><li>vijf</li></ul>",
    "li-auto-close": "<ul><li><p>Een<li><p>Twee</ul><p>Na</p>",
    "table-cells": "<table><tr><td><p>cel een</p><td><p>cel <a href='/t'>twee</a></p></table>",
    "stray-end-p": "<div></p><p>tekst</p></div>",
    "uppercase-tags": '<H2 CLASS="x">Hoofdletters</H2><P>Ook <A HREF="/Y" REL="Sponsored">hier</A></P>',
    "attr-gt-in-quotes": '<p><a href="/x" title="a > b">pijl</a></p>',
    "comment-in-p": "<p>Voor<!-- verborgen <b>tekst</b> -->na</p>",
    "cdata-like": "<p>Tekst <![CDATA[ x ]]> meer</p>",
    "empty-heading": "<h2></h2><h3>   </h3><p>Tekst</p>",
    "heading-in-heading": "<h2>Een<h3>Twee</h3></h2>",
    "heading-link-anchor": ('<h2 id="dosering"><a class="anchor" href="#dosering" aria-hidden="true">#</a>'
                            "Dosering</h2>"),
    "figure-figcaption": ('<figure class="wp-block-image"><img src="a.jpg" alt="Capsules"/>'
                          "<figcaption>Magnesiumcapsules</figcaption></figure>"),
    "noscript": '<noscript><p>Zet JavaScript aan</p><img src="pixel.gif" alt=""></noscript><p>Echt</p>',
    "textarea": "<p>Voor</p><textarea><h2>geen kop</h2></textarea><p>Na</p>",
    "style-in-body": "<style>p::before{content:'<h2>'}</style><p>Stijl</p>",
    "button-in-p": '<p>Klik <button type="button">hier</button> nu</p>',
    "blockquote": "<blockquote><p>Citaat van <cite>iemand</cite></p></blockquote>",
    "nbsp-only-p": "<p>&nbsp;</p><p>Tekst</p>",
    "br-in-heading": "<h2>Regel een<br>regel twee</h2>",
    "a-across-block": '<p><a href="/x">Link</a></p><div><a href="/y"><div>Blok link</div></a></div>',
    "unclosed-at-end": "<h2>Kop <em>zonder einde",
    "stray-text-end-tag": "<p>Een</q> twee</p>",
    "nested-inline": "<p><strong><em>sterk <span>en</span> schuin</em></strong></p>",
    "code-in-p": "<p>Gebruik <code>pip install</code> en <kbd>Ctrl</kbd>.</p>",
}

WORDS = ("magnesium slaap vitamine zink ijzer spieren energie dosis capsule voeding onderzoek arts "
         "supplement sleep vitamin iron muscles energy dose study doctor health tired").split()


def _words(rng: random.Random, low: int = 2, high: int = 9) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _inline(rng: random.Random) -> str:
    w = _words(rng, 1, 3)
    return rng.choice([
        w, f"<strong>{w}</strong>", f"<em>{w}</em>", f"<code>{w}</code>", f"<span class=\"x\">{w}</span>",
        f'<a href="/{w.split()[0]}/">{w}</a>', f'<a href="https://shop.example/{w.split()[0]}" '
        f'rel="sponsored noopener" target="_blank">{w}</a>', f"{w} &amp; {w}", f"{w}&nbsp;{w}",
        f'<img src="/i/{w.split()[0]}.jpg" alt="{w}">', f"<b>{w}</b><br>", f"<mark>{w}</mark>",
        f"<a href=/{w.split()[0]}/>{w}</a>", f"{w}<!-- opmerking -->",
    ])


def _para(rng: random.Random) -> str:
    return " ".join([_words(rng)] + [_inline(rng) + " " + _words(rng, 1, 4) for _ in range(rng.randint(0, 3))])


def _heading(rng: random.Random, level: int) -> str:
    inner = rng.choice([
        _words(rng, 1, 5), f"{_words(rng, 1, 3)} <code>{_words(rng, 1, 1)}</code>",
        f"<span class=\"ez-toc-section\" id=\"x\"></span>{_words(rng, 1, 4)}",
        f'<a class="anchor" href="#h">#</a>{_words(rng, 1, 4)}', f"<strong>{_words(rng, 1, 4)}</strong>",
        f"<button type=\"button\">{_words(rng, 2, 5)}?</button>", f"<div>{_words(rng, 1, 4)}</div>",
        f'<img src="/l.png" alt="{_words(rng, 1, 2)}">',
    ])
    return f"<h{level}>{inner}</h{level}>"


def _section(rng: random.Random) -> str:
    level = rng.randint(2, 4)
    style = rng.choice(["wordpress", "gutenberg", "elementor", "divi", "markdown", "accordion", "details", "plain"])
    heading = _heading(rng, level)
    paras = "".join(f"<p>{_para(rng)}</p>\n" for _ in range(rng.randint(1, 3)))
    if style == "wordpress":
        opening = f'<h{level} class="wp-block-heading">'
        return heading.replace(f"<h{level}>", opening, 1) + "\n" + paras
    if style == "gutenberg":
        return (f"<!-- wp:heading -->\n{heading}\n<!-- /wp:heading -->\n<!-- wp:paragraph -->\n{paras}"
                f"<!-- /wp:paragraph -->\n<!-- wp:list --><ul class=\"wp-block-list\"><li>{_para(rng)}</li>"
                f"<li>{_inline(rng)}</li></ul><!-- /wp:list -->\n")
    if style == "elementor":
        return ('<div class="elementor-element elementor-widget-heading"><div class="elementor-widget-container">'
                f'{heading}</div></div><div class="elementor-widget-text-editor"><div '
                f'class="elementor-widget-container">{paras}</div></div>\n')
    if style == "divi":
        return (f'<div class="et_pb_module et_pb_text"><div class="et_pb_text_inner">{heading}{paras}'
                "</div></div>\n")
    if style == "markdown":
        return f"{heading}\n{paras}<ul>\n<li>{_words(rng)}</li>\n<li><p>{_para(rng)}</p></li>\n</ul>\n"
    if style == "accordion":
        return (f'<div class="accordion-item"><h{level} class="accordion-header"><button class="accordion-button">'
                f'{_words(rng, 2, 6)}?</button></h{level}><div class="accordion-collapse"><div '
                f'class="accordion-body">{paras}</div></div></div>\n')
    if style == "details":
        return f"<details><summary>{_words(rng, 2, 6)}?</summary>{paras}</details>\n"
    return f"{heading}\n{paras}"


def _page(rng: random.Random) -> str:
    body = "".join(_section(rng) for _ in range(rng.randint(1, 5)))
    wrap = rng.choice(["main", "article", "div", "none"])
    if wrap != "none":
        body = f'<{wrap} class="entry-content">\n{body}</{wrap}>'
    return (f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>{_words(rng, 2, 4)}</title>'
            f"</head>\n<body>\n<h1>{_words(rng, 2, 6)}</h1>\n{body}\n</body></html>\n")


def documents(generated: int = 220, seed: int = 13) -> list[tuple[str, str]]:
    docs = [(name, f"<!doctype html>\n<html><body>\n{body}\n</body></html>\n") for name, body in HAND_WRITTEN.items()]
    rng = random.Random(seed)
    docs += [(f"generated-{i}", _page(rng)) for i in range(generated)]
    return docs

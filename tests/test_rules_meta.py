"""meta and page rules in Dutch and English: what they must flag and close cases they must not."""

from helpers import findings, html_page, lint, quoted


def fired(text, rule, path="a.html", **kw):
    return findings(lint(text, path, select=(rule,), **kw), rule)


NL_WORDS = "<p>" + " ".join(["Je lichaam gebruikt magnesium voor je spieren en je zenuwen."] * 35) + "</p>"


def test_title_length_nl_en():
    short = html_page("<h1>x</h1>", title="Magnesium")
    found = fired(short, "meta-title-length")
    assert found and "fewer than 30" in found[0]["message"] and quoted(short, found[0]) == "Magnesium"
    long = html_page("<h1>x</h1>", lang="en", title="Vitamin B12: Sources, Symptoms of Low Levels and Who Needs More")
    assert "more than 60" in fired(long, "meta-title-length")[0]["message"]
    ok = html_page("<h1>x</h1>", title="Magnesium tekort herkennen: symptomen en oplossingen")
    assert not fired(ok, "meta-title-length")


def test_title_missing_and_markdown_h1_fallback():
    assert "no title" in fired("<html lang='nl'><body><h1>x</h1></body></html>", "meta-title-length")[0]["message"]
    md = "# Vitamin D deficiency: signs, causes and safe intake\n\nText.\n"
    assert not fired(md, "meta-title-length", "a.md")
    md_short = "# Vitamin D\n\nText.\n"
    found = fired(md_short, "meta-title-length", "a.md")
    assert found and quoted(md_short, found[0]) == "Vitamin D"


def test_meta_description():
    page = html_page("<h1>x</h1>")
    assert "no meta description" in fired(page, "meta-description")[0]["message"]
    short = html_page("<h1>x</h1>", head='<meta name="description" content="Alles over magnesium.">\n')
    assert "fewer than 120" in fired(short, "meta-description")[0]["message"]
    text = "Learn how to recognise vitamin D deficiency, who is most at risk, how a blood test works and how much vitamin D adults need each day."
    md = f"---\ndescription: \"{text}\"\n---\n# T\n"
    assert not fired(md, "meta-description", "a.md")
    md_long = f"---\ndescription: \"{text} Plus advice for children.\"\n---\n# T\n"
    assert "more than 156" in fired(md_long, "meta-description", "a.md")[0]["message"]


def test_lang_missing():
    assert fired("<html><head><title>t</title></head><body><p>Magnesium is een mineraal.</p></body></html>",
                 "meta-lang-missing")
    assert not fired(html_page("<p>x</p>"), "meta-lang-missing")
    assert fired("# Vitamin D\n\nText about the sun.\n", "meta-lang-missing", "a.md")
    assert not fired("---\nlang: en\n---\n# Vitamin D\n", "meta-lang-missing", "a.md")
    assert not fired("# Vitamin D\n\nText.\n", "meta-lang-missing", "a.md", lang="en")  # declared by the run


def test_image_alt_missing_html():
    body = ('<main><img src="/capsules.jpg" width="800">'
            '<img src="/lijn.svg" alt="" role="presentation">'
            '<img src="/icoon.svg" alt="" aria-hidden="true">'
            '<img src="/pixel.gif" width="1" height="1">'
            '<img src="/noten.jpg" alt="Een handje cashewnoten">'
            '<img src="/leeg.jpg" alt="">'
            '</main><footer><img src="/logo.png"></footer>')
    page = html_page(body)
    found = fired(page, "image-alt-missing")
    assert [quoted(page, f) for f in found] == ['<img src="/capsules.jpg" width="800">', '<img src="/leeg.jpg" alt="">']
    assert "no alt attribute" in found[0]["message"] and "not marked decorative" in found[1]["message"]


def test_image_alt_missing_markdown():
    md = "# T\n\n![](sun.jpg)\n\n![A blood sample tube](tube.jpg)\n"
    found = fired(md, "image-alt-missing", "a.md")
    assert len(found) == 1 and quoted(md, found[0]) == "![](sun.jpg)"


def test_link_text_generic_nl_en():
    page = html_page('<main><p>Recepten? <a href="/r/">Klik hier</a>. <a href="/b/">Klik hier voor de beste deal</a>.'
                     ' <a href="/m/">lees meer over magnesiumtekort</a></p></main>'
                     '<footer><a href="/x/">meer</a></footer>')
    found = fired(page, "link-text-generic")
    assert [quoted(page, f) for f in found] == ['<a href="/r/">Klik hier</a>']
    md = "# T\n\nSee [read more](https://example.com) and the [NHS vitamin D page](https://nhs.uk).\n"
    found = fired(md, "link-text-generic", "a.md", lang="en")
    assert [quoted(md, f) for f in found] == ["[read more](https://example.com)"]


def test_content_too_short_counts_body_only():
    chrome = "<nav>" + "<a href='/x'>Menu item</a> " * 200 + "</nav>"
    short = html_page(chrome + "<main><h1>Magnesium</h1><p>Een korte tekst over magnesium.</p></main>"
                      + "<footer><p>" + "voettekst " * 300 + "</p></footer>")
    found = fired(short, "content-too-short")
    assert found and "fewer than 300" in found[0]["message"]
    assert not fired(html_page("<main><h1>Magnesium</h1>" + NL_WORDS + "</main>"), "content-too-short")
    md = "# Vitamin D\n\n" + "The sun helps your skin make vitamin D. " * 10 + "\n"
    assert fired(md, "content-too-short", "a.md")

"""A reproducible corpus of reference articles for the benchmark.

Every article is built from sentence templates with a seeded random.Random,
so the same seed always gives byte-identical files. A reference article is
about 25 KB of HTML with ~2,500 words, 30 headings, 15 links and a 10-question
FAQ marked up as FAQPage JSON-LD; half are Dutch and half English, in HTML and
in Markdown (with YAML front matter).
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass
from pathlib import Path

TOPICS = {
    "nl": [
        ("vitamine D", "vitamine-d", "botten", "de winter"),
        ("magnesium", "magnesium", "spieren", "stressvolle periodes"),
        ("omega-3", "omega-3", "hart en bloedvaten", "een week zonder vis"),
        ("ijzer", "ijzer", "bloedaanmaak", "de menstruatie"),
        ("zink", "zink", "weerstand", "het griepseizoen"),
        ("vitamine B12", "vitamine-b12", "zenuwstelsel", "een veganistisch dieet"),
    ],
    "en": [
        ("vitamin D", "vitamin-d", "bones", "the winter months"),
        ("magnesium", "magnesium", "muscles", "stressful weeks"),
        ("omega-3", "omega-3", "heart and blood vessels", "a week without fish"),
        ("iron", "iron", "red blood cells", "heavy periods"),
        ("zinc", "zinc", "the immune system", "the flu season"),
        ("vitamin B12", "vitamin-b12", "the nervous system", "a vegan diet"),
    ],
}

# {n} nutrient, {b} body part, {s} season/situation, {d} dose, {p} percentage, {y} year, {g} group
SENTENCES = {
    "nl": [
        "{N} speelt een rol bij de normale werking van {b}.",
        "Veel volwassenen krijgen via hun voeding minder {n} binnen dan de Gezondheidsraad aanraadt.",
        "Tijdens {s} is de behoefte aan {n} bij sommige mensen wat hoger.",
        "Een bloedtest bij de huisarts laat zien of je waarde te laag is.",
        "De aanbevolen hoeveelheid voor volwassenen ligt rond {d} per dag.",
        "Neem niet meer dan de aanvaardbare bovengrens zonder overleg met een arts.",
        "In een Nederlandse studie uit {y} had ongeveer {p} procent van de deelnemers een lage waarde.",
        "Mensen met een donkere huid en ouderen lopen meer risico op een tekort.",
        "Een gevarieerd eetpatroon met groente, volkoren producten en peulvruchten helpt al veel.",
        "Klachten als vermoeidheid en spierkramp kunnen ook andere oorzaken hebben.",
        "Bespreek een supplement altijd met je huisarts als je medicijnen gebruikt.",
        "Het Voedingscentrum geeft op zijn website een overzicht van goede bronnen.",
        "Voor {g} gelden soms andere adviezen dan voor de rest van de bevolking.",
        "De opname in de darm hangt af van wat je er tegelijk bij eet.",
        "Wie gezond eet, heeft meestal geen extra {n} nodig.",
        "Een teveel is zeldzaam maar kan wel misselijkheid of maagklachten geven.",
        "Lees het etiket goed, want de hoeveelheid per tablet verschilt sterk tussen merken.",
        "Bij twijfel kun je een dietist om advies vragen.",
        "Het effect van een supplement zie je meestal pas na enkele weken.",
        "Zwangere vrouwen krijgen vaak een apart advies van de verloskundige.",
        "Onderzoekers weten nog niet precies hoeveel {n} kinderen nodig hebben.",
        "Deze tekst is gecontroleerd door een geregistreerd dietist en wordt elk jaar herzien.",
    ],
    "en": [
        "{N} plays a part in the normal function of {b}.",
        "Many adults get less {n} from their diet than health authorities recommend.",
        "During {s} some people need a little more {n} than usual.",
        "A blood test at your doctor's office shows whether your level is too low.",
        "The recommended amount for adults is around {d} a day.",
        "Do not take more than the tolerable upper intake level without asking a doctor.",
        "In a British survey from {y} about {p} percent of participants had a low level.",
        "People with darker skin and older adults are at higher risk of a deficiency.",
        "A varied diet with vegetables, whole grains and legumes already goes a long way.",
        "Symptoms such as tiredness and muscle cramps can have many other causes.",
        "Always discuss a supplement with your doctor if you take any medicines.",
        "The national health service lists good food sources on its website.",
        "For {g} the advice is sometimes different from that for everyone else.",
        "How much your gut absorbs depends on what you eat at the same time.",
        "Most people who eat a healthy diet do not need extra {n}.",
        "Too much is rare but can cause nausea or an upset stomach.",
        "Read the label carefully, because the amount per tablet varies a lot between brands.",
        "If in doubt, a registered dietitian can give you personal advice.",
        "You usually notice the effect of a supplement only after a few weeks.",
        "Pregnant women often receive separate advice from their midwife.",
        "Researchers do not yet know exactly how much {n} children need.",
        "This text was checked by a registered dietitian and is reviewed every year.",
    ],
}

HEADINGS = {
    "nl": ["Wat is {n}?", "Waarom heb je {n} nodig?", "Hoeveel {n} per dag?", "Wie loopt risico op een tekort?",
           "Symptomen van een tekort aan {n}", "{N} in voeding", "Supplementen met {n}",
           "Wanneer naar de huisarts?", "Kan je te veel {n} binnenkrijgen?", "{N} en medicijnen",
           "{N} tijdens de zwangerschap", "{N} voor ouderen", "Hoe wordt {n} opgenomen?",
           "De beste bronnen van {n}", "Wat zegt het onderzoek?"],
    "en": ["What is {n}?", "Why do you need {n}?", "How much {n} a day?", "Who is at risk of a deficiency?",
           "Symptoms of {n} deficiency", "{N} in food", "Supplements with {n}", "When to see a doctor",
           "Can you get too much {n}?", "{N} and medicines", "{N} during pregnancy", "{N} for older adults",
           "How is {n} absorbed?", "The best sources of {n}", "What does the research say?"],
}

QUESTIONS = {
    "nl": ["Hoeveel {n} heb ik per dag nodig?", "Wat zijn de eerste tekenen van een tekort?",
           "Kan ik {n} uit voeding alleen halen?", "Is een supplement veilig?", "Wanneer neem ik {n} het beste in?",
           "Mogen kinderen {n} slikken?", "Helpt {n} tegen vermoeidheid?", "Welke vorm van {n} is het beste?",
           "Hoe lang duurt het voordat een supplement werkt?", "Moet ik mijn bloed laten testen?"],
    "en": ["How much {n} do I need a day?", "What are the first signs of a deficiency?",
           "Can I get enough {n} from food alone?", "Is a supplement safe?", "When is the best time to take {n}?",
           "Can children take {n}?", "Does {n} help with tiredness?", "Which form of {n} is best?",
           "How long does a supplement take to work?", "Should I have my blood tested?"],
}

GROUPS = {"nl": ["kinderen", "zwangere vrouwen", "ouderen", "sporters", "veganisten"],
          "en": ["children", "pregnant women", "older adults", "athletes", "vegans"]}
DOSES = ["10 microgram", "300 milligram", "250 milligram", "11 milligram", "2,8 microgram", "15 milligram"]
LIST_ITEMS = {
    "nl": ["vette vis zoals zalm en makreel", "volkoren brood en havermout", "noten en zaden", "groene bladgroenten",
           "zuivel en eieren", "peulvruchten zoals linzen en bonen", "vlees en gevogelte", "verrijkte margarine"],
    "en": ["oily fish such as salmon and mackerel", "whole grain bread and oats", "nuts and seeds",
           "green leafy vegetables", "dairy and eggs", "legumes such as lentils and beans", "meat and poultry",
           "fortified spreads"],
}
SOURCES = [
    ("https://www.voedingscentrum.nl/", "Voedingscentrum"),
    ("https://www.gezondheidsraad.nl/", "Gezondheidsraad"),
    ("https://ods.od.nih.gov/factsheets/", "NIH Office of Dietary Supplements"),
    ("https://www.efsa.europa.eu/", "EFSA"),
    ("https://doi.org/10.3945/ajcn.115.120873", "Cashman et al."),
    ("https://www.nhs.uk/conditions/", "NHS"),
]


@dataclass(frozen=True)
class Article:
    name: str  # file name
    lang: str
    fmt: str  # html | markdown
    keyword: str
    text: str


def _fill(template: str, rng: random.Random, topic: tuple[str, str, str, str], lang: str) -> str:
    n, _slug, b, s = topic
    return template.format(n=n, N=n[0].upper() + n[1:], b=b, s=s, d=rng.choice(DOSES),
                           p=rng.randint(8, 45), y=rng.randint(2009, 2024), g=rng.choice(GROUPS[lang]))


def _paragraph(rng: random.Random, topic, lang: str, sentences: int, fresh: bool = False) -> str:
    if fresh:  # one template sentence with a varied opener, one sentence of varied words
        opener, sentence = _fresh_opener(rng, lang), _fill(rng.choice(SENTENCES[lang]), rng, topic, lang)
        if opener and not opener.endswith(": "):
            sentence = sentence[0].lower() + sentence[1:]
        return f"{opener}{sentence} {_fresh_sentence(rng, lang)}"
    return " ".join(_fill(rng.choice(SENTENCES[lang]), rng, topic, lang) for _ in range(sentences))


# Word pools for fresh copies: every paragraph of a fresh copy gets a sentence drawn
# from these (about 10^7 combinations per language), so no two paragraphs of a run
# share their text and no cache keyed by text can serve one copy from another.
FRESH = {
    "nl": {
        "who": ["Sanne", "Pieter", "Fatima", "Joris", "Anouk", "Mehmet", "Lotte", "Bram", "Noor", "Daan", "Eva",
                "Thijs", "Yara", "Ruben", "Iris", "Sem", "Lieke", "Milan", "Fleur", "Koen", "Esther", "Youssef",
                "Marleen", "Gijs", "Hanna", "Wouter", "Sofie", "Jesse", "Kim", "Teun"],
        "where": ["Utrecht", "Zwolle", "Groningen", "Leiden", "Tilburg", "Arnhem", "Delft", "Haarlem", "Breda",
                  "Enschede", "Maastricht", "Almere", "Gouda", "Venlo", "Leeuwarden", "Assen", "Deventer", "Emmen",
                  "Hoorn", "Helmond", "Schiedam", "Zeist", "Ede", "Roermond", "Kampen"],
        "food": ["havermout", "linzensoep", "gegrilde makreel", "spinazie", "volkoren pasta", "kikkererwten",
                 "walnoten", "broccoli", "yoghurt", "zalm", "bruine rijst", "pompoenpitten", "boerenkool",
                 "hummus", "tofu", "zuurkool", "paprika", "bietjes", "amandelen", "quinoa", "sardientjes",
                 "witte bonen", "andijvie", "kwark", "rogge", "zonnebloempitten", "spruitjes", "tempeh"],
        "when": ["bij het ontbijt", "na het sporten", "op zondag", "in de avond", "tussen de middag",
                 "tijdens de lunch", "na een lange werkdag", "in het weekend", "voor het slapen", "bij de koffie"],
        "verb": ["eet", "kiest", "maakt", "probeert", "bestelt", "waardeert", "kookt", "neemt"],
        "opener": ["Volgens {who} uit {where}, ", "In {where} merkt {who} dat ", "Zoals {who} zegt: ",
                   "Navraag in {where} leert dat ", ""],
        "sentence": "{who} uit {where} {verb} graag {food} met {food2} {when}.",
    },
    "en": {
        "who": ["Sarah", "Peter", "Amira", "James", "Olivia", "Daniel", "Grace", "Liam", "Nora", "Ethan", "Chloe",
                "Owen", "Maya", "Lucas", "Isla", "Samuel", "Ruby", "Leo", "Hannah", "Oscar", "Esther", "Yusuf",
                "Megan", "Henry", "Zoe", "Arthur", "Lily", "Jack", "Erin", "Toby"],
        "where": ["Leeds", "Bristol", "Glasgow", "Cardiff", "York", "Norwich", "Exeter", "Brighton", "Derby",
                  "Bath", "Durham", "Oxford", "Dundee", "Preston", "Hull", "Chester", "Lincoln", "Swansea",
                  "Reading", "Bangor", "Ipswich", "Perth", "Truro", "Kendal", "Salford"],
        "food": ["porridge", "lentil soup", "grilled mackerel", "spinach", "whole wheat pasta", "chickpeas",
                 "walnuts", "broccoli", "yoghurt", "salmon", "brown rice", "pumpkin seeds", "kale", "hummus",
                 "tofu", "sauerkraut", "peppers", "beetroot", "almonds", "quinoa", "sardines", "white beans",
                 "endive", "cottage cheese", "rye bread", "sunflower seeds", "sprouts", "tempeh"],
        "when": ["at breakfast", "after training", "on Sundays", "in the evening", "at lunchtime",
                 "during the lunch break", "after a long day at work", "at the weekend", "before bed",
                 "with a coffee"],
        "verb": ["eats", "chooses", "makes", "tries", "orders", "enjoys", "cooks", "takes"],
        "opener": ["According to {who} from {where}, ", "In {where}, {who} notices that ", "As {who} puts it: ",
                   "Asking around in {where} shows that ", ""],
        "sentence": "{who} from {where} {verb} {food} with {food2} {when}.",
    },
}


def _fresh_words(rng: random.Random, lang: str) -> dict[str, str]:
    pools = FRESH[lang]
    food, food2 = rng.sample(pools["food"], 2)
    return {"who": rng.choice(pools["who"]), "where": rng.choice(pools["where"]), "verb": rng.choice(pools["verb"]),
            "food": food, "food2": food2, "when": rng.choice(pools["when"])}


def _fresh_opener(rng: random.Random, lang: str) -> str:
    return rng.choice(FRESH[lang]["opener"]).format(**_fresh_words(rng, lang))


def _fresh_sentence(rng: random.Random, lang: str) -> str:
    return FRESH[lang]["sentence"].format(**_fresh_words(rng, lang))


def _plan(rng: random.Random, topic, lang: str, section_count: int = 18, fresh: bool = False,
          faq_count: int = 10) -> dict:
    """The article's content, independent of its markup."""
    n = topic[0]
    title = (f"{n[0].upper() + n[1:]}: wat het doet, hoeveel je nodig hebt en wanneer een tekort dreigt" if lang == "nl"
             else f"{n[0].upper() + n[1:]}: what it does, how much you need and when you run short")
    description = (f"Alles over {n}: de functie in je lichaam, de aanbevolen hoeveelheid per dag, goede bronnen in "
                   f"voeding en wanneer een supplement zinvol is." if lang == "nl" else
                   f"All about {n}: what it does in your body, the recommended amount per day, good food sources and "
                   f"when a supplement makes sense.")
    heads = HEADINGS[lang]
    sections = []
    link_budget = 13  # + the shop link and the nav link = 15 links
    for i in range(section_count):  # h1 + 18 sections + the FAQ heading + 10 questions = 30 headings
        head = _fill(heads[i % len(heads)], rng, topic, lang)
        if i >= len(heads):
            head += f" ({i // len(heads) + 1})" if lang == "en" else f" (deel {i // len(heads) + 1})"
        level = 2 if i % 3 == 0 else 3
        paras = []
        for _ in range(5 if i % 2 else 4):
            paras.append(_paragraph(rng, topic, lang, 2, fresh))
        items = rng.sample(LIST_ITEMS[lang], 4) if i % 6 == 2 else []
        link = None
        if link_budget:
            link_budget -= 1
            link = SOURCES[i % len(SOURCES)]
        sections.append({"head": head, "level": level, "paras": paras, "items": items, "link": link})
    faq = []
    for q in QUESTIONS[lang][:faq_count]:
        faq.append((_fill(q, rng, topic, lang), _paragraph(rng, topic, lang, 2, fresh)))
    return {"title": title, "description": description, "sections": sections, "faq": faq,
            "intro": _paragraph(rng, topic, lang, 3, fresh)}


def _faq_jsonld(faq: list[tuple[str, str]]) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [{"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
                       for q, a in faq],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _anchor(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def render_html(plan: dict, lang: str, slug: str) -> str:
    e = html.escape
    faq_head = "Veelgestelde vragen" if lang == "nl" else "Frequently asked questions"
    shop = "Bekijk bij de winkel" if lang == "nl" else "View in the shop"
    disclosure = ("Dit artikel bevat affiliate links: wij ontvangen een commissie als je via deze links iets koopt."
                  if lang == "nl" else
                  "This article contains affiliate links: we earn a commission if you buy through them.")
    out = [
        "<!doctype html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(plan['title'])}</title>",
        f'<meta name="description" content="{e(plan["description"])}">',
        '<meta name="author" content="Anna de Vries, dietist">',
        '<meta property="article:published_time" content="2025-03-01">',
        '<meta property="article:modified_time" content="2025-09-15">',
        f'<link rel="canonical" href="https://example.com/{slug}/">',
        *(['<script type="application/ld+json">', _faq_jsonld(plan["faq"]), "</script>"] if plan["faq"] else []),
        "</head>",
        "<body>",
        '<nav><a href="/">Home</a></nav>',
        "<article>",
        f"<h1>{e(plan['title'])}</h1>",
        f"<p><em>{e(disclosure)}</em></p>",
        f"<p>{e(plan['intro'])}</p>",
    ]
    for i, sec in enumerate(plan["sections"]):
        if i:
            out.append("</section>")
        out.append('<section class="wp-block-group article-section">')
        out.append(f'<h{sec["level"]} id="{_anchor(sec["head"])}">{e(sec["head"])}</h{sec["level"]}>')
        for j, para in enumerate(sec["paras"]):
            if j == 0 and sec["link"]:
                href, name = sec["link"]
                out.append(f'<p class="wp-block-paragraph">{e(para)} Bron: <a href="{href}">{e(name)}</a>.</p>')
            else:
                out.append(f'<p class="wp-block-paragraph">{e(para)}</p>')
        if sec["items"]:
            out.append("<ul>")
            out.extend(f"  <li>{e(item)}</li>" for item in sec["items"])
            out.append("</ul>")
        if i == 7:
            out.append(f'<p><a href="https://www.bol.com/nl/p/{slug}-supplement/" rel="sponsored nofollow">{shop}</a></p>')
    out.append("</section>")
    if plan["faq"]:
        out.append(f'<h2 id="faq">{faq_head}</h2>')
    for q, a in plan["faq"]:
        out.append(f"<h3>{e(q)}</h3>")
        out.append(f"<p>{e(a)}</p>")
    out += ["</article>", "<footer><p>&copy; 2025 Voorbeeld Gezond</p></footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def render_markdown(plan: dict, lang: str, keyword: str) -> str:
    faq_head = "Veelgestelde vragen" if lang == "nl" else "Frequently asked questions"
    out = [
        "---",
        f"title: {json.dumps(plan['title'], ensure_ascii=False)}",
        f"description: {json.dumps(plan['description'], ensure_ascii=False)}",
        f"keyword: {json.dumps(keyword, ensure_ascii=False)}",
        f"lang: {lang}",
        'author: "Anna de Vries, dietist"',
        "date: 2025-03-01",
        "updated: 2025-09-15",
        "---",
        "",
        f"# {plan['title']}",
        "",
        plan["intro"],
        "",
    ]
    for sec in plan["sections"]:
        out += ["#" * sec["level"] + " " + sec["head"], ""]
        for j, para in enumerate(sec["paras"]):
            if j == 0 and sec["link"]:
                href, name = sec["link"]
                para += f" Bron: [{name}]({href})."
            out += [para, ""]
        if sec["items"]:
            out += [f"- {item}" for item in sec["items"]] + [""]
    if plan["faq"]:
        out += [f"## {faq_head}", ""]
        for q, a in plan["faq"]:
            out += [f"### {q}", "", a, ""]
        out += ['<script type="application/ld+json">', _faq_jsonld(plan["faq"]), "</script>", ""]
    return "\n".join(out)


def article(seed: int, index: int) -> Article:
    """Article number `index` of the corpus for `seed`: even indexes Dutch, odd
    English; every other pair Markdown."""
    lang = "nl" if index % 2 == 0 else "en"
    fmt = "html" if (index // 2) % 2 == 0 else "markdown"
    rng = random.Random(f"{seed}:{index}")
    topic = TOPICS[lang][(index // 4) % len(TOPICS[lang])]
    plan = _plan(rng, topic, lang)
    slug = f"{lang}-{topic[1]}-{index:05d}"
    keyword = topic[0]
    if fmt == "html":
        return Article(f"{slug}.html", lang, fmt, keyword, render_html(plan, lang, slug))
    return Article(f"{slug}.md", lang, fmt, keyword, render_markdown(plan, lang, keyword))


def fresh_article(seed: int, lang: str, fmt: str, copy: int, sections: int = 18, faq: int = 10) -> Article:
    """Copy number `copy` of the reference article in lang and fmt, new in every
    paragraph (see FRESH); `sections` and `faq` (questions) scale it: 18 and 10
    give the ~25 KB reference, each further section adds about 1 KB."""
    rng = random.Random(f"fresh:{seed}:{lang}:{fmt}:{copy}")
    topic = TOPICS[lang][copy % len(TOPICS[lang])]
    plan = _plan(rng, topic, lang, sections, fresh=True, faq_count=faq)
    slug = f"{lang}-{topic[1]}-fresh-{copy:05d}"
    if fmt == "html":
        return Article(f"{slug}.html", lang, fmt, topic[0], render_html(plan, lang, slug))
    return Article(f"{slug}.md", lang, fmt, topic[0], render_markdown(plan, lang, topic[0]))


def sized_article(seed: int, lang: str, fmt: str, copy: int, target_bytes: int) -> Article:
    """A fresh article of about target_bytes (UTF-8): a short one without FAQ,
    longer ones with the reference article's FAQ and as many sections as fit."""
    if target_bytes < 6_000:
        sections = 1
        while True:
            short = fresh_article(seed, lang, fmt, copy, sections=sections, faq=0)
            if len(short.text.encode()) >= 0.9 * target_bytes:
                return short
            sections += 1
    probe = fresh_article(seed, lang, fmt, copy, sections=18)
    per_section = (len(probe.text.encode()) - len(fresh_article(seed, lang, fmt, copy, sections=8).text.encode())) / 10
    sections = max(1, 18 + round((target_bytes - len(probe.text.encode())) / per_section))
    return fresh_article(seed, lang, fmt, copy, sections=sections)


def reference_set(seed: int, count: int = 8) -> list[Article]:
    return [article(seed, i) for i in range(count)]


def config_text() -> str:
    """A healthlint.toml that gives every HTML article its keyphrase by file name."""
    lines = []
    for lang, topics in TOPICS.items():
        for name, slug, _b, _s in topics:
            lines += ["[[per-file]]", f'glob = "**/{lang}-{slug}-*.html"', f"keyword = {json.dumps(name)}", f'lang = "{lang}"', ""]
    return "\n".join(lines)


def write_corpus(folder: Path, seed: int, count: int, *, distinct: int = 48, config: bool = True) -> list[Path]:
    """Write `count` files into folder (sharded into sub-folders of 500). Only
    `distinct` articles are generated; the others are copies made distinct by
    a trailing comment, so a 10,000-file corpus is written in seconds but every
    file still has its own content (and cache key)."""
    folder.mkdir(parents=True, exist_ok=True)
    if config:
        (folder / "healthlint.toml").write_text(config_text(), encoding="utf-8")
    base = [article(seed, i) for i in range(min(distinct, count))]
    paths = []
    for i in range(count):
        src = base[i % len(base)]
        sub = folder / f"part{i // 500:03d}"
        sub.mkdir(exist_ok=True)
        stem, dot, ext = src.name.rpartition(".")
        stem = stem.rsplit("-", 1)[0]
        path = sub / f"{stem}-{i:05d}.{ext}"
        text = src.text if i < len(base) else src.text + f"\n<!-- copy {i} -->\n"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths

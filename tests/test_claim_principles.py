"""Each principle of issue 12 for claim-disease and claim-unsupported-evidence:
a case that must fire and a close case that must not, in Dutch and English."""

import pytest
from helpers import findings, lint, quoted


def claims(sentence, lang, rule="claim-disease"):
    text = sentence + "\n"
    found = findings(lint(text, "a.md", lang=lang, select=(rule,)), rule)
    return [quoted(text, f) for f in found]


# (principle, lang, must fire, underlined, must not fire)
DISEASE = [
    ("hedged, sourced reporting of research stays silent", "en",
     "Peppermint oil eases cramps.", "eases cramps",
     "A [trial](https://doi.org/10.1000/xyz) found that peppermint oil may ease cramps a little."),
    ("hedged, sourced reporting of research stays silent", "nl",
     "Pepermuntolie verlicht darmkrampen.", "verlicht darmkrampen",
     "Een [proef](https://doi.org/10.1000/xyz) vond dat pepermuntolie darmkrampen iets kan verlichten."),
    ("passive forms of the active verbs", "en",
     "Psoriasis can be soothed with aloe vera gel.", "Psoriasis can be soothed with", "Psoriasis can be painful."),
    ("passive forms of the active verbs", "nl",
     "Eczeem wordt verzacht door kamillezalf.", "Eczeem wordt verzacht door", "Eczeem wordt vaak erger in de winter."),
    ("sales idioms, Dutch like English", "nl",
     "Onze thee maakt een einde aan je maagklachten.", "maakt een einde aan je maagklachten",
     "Het seizoen maakt een einde aan de hooikoorts."),
    ("a body part after a possessive is the object, not the agent", "en",
     "Celery juice cleanses your liver and cures fatty liver disease.", "cures fatty liver disease",
     "Your liver cures nothing; it filters the blood."),
    ("a plant part names a herbal product", "en",
     "Marshmallow root heals stomach ulcers.", "heals stomach ulcers", "Stomach ulcers heal slowly."),
    ("a plant part names a herbal product", "nl",
     "Heemstwortel geneest maagzweren.", "geneest maagzweren", "Maagzweren genezen langzaam."),
    ("a pronoun stands for the food named in the previous sentence", "en",
     "Moringa is rich in iron. It lowers blood pressure.", "lowers blood pressure",
     "Regular walking is good for you. It lowers blood pressure."),
    ("a pronoun stands for the food named in the previous sentence", "nl",
     "Moringa zit vol ijzer. Het verlaagt je bloeddruk.", "verlaagt je bloeddruk",
     "Wandelen is gezond. Het verlaagt je bloeddruk."),
    ("agent is a food or supplement, not lifestyle", "nl",
     "Knoflook verlaagt je bloeddruk.", "verlaagt je bloeddruk", "Regelmatig wandelen verlaagt je bloeddruk."),
    ("agent is a food or supplement, not lifestyle", "en",
     "Garlic lowers blood pressure.", "lowers blood pressure", "Regular walking lowers blood pressure."),
    ("a body process is no agent", "nl",
     "Kurkuma remt de ontsteking af.", "remt de ontsteking af",
     "Het immuunsysteem remt de ontsteking af."),
    ("a body process is no agent", "en",
     "Echinacea fights infections.", "fights infections", "The immune system fights infections."),
    ("description of physiology", "nl",
     "Gember helpt bij ontstekingen.", "helpt bij ontstekingen", "Een acute ontsteking hoort bij het genezingsproces."),
    ("description of physiology", "en",
     "Turmeric heals inflammation.", "heals inflammation", "Acute inflammation is part of healing."),
    ("harm statement", "nl",
     "Olijfolie verlaagt je LDL-cholesterol.", "verlaagt je LDL-cholesterol", "Transvetten verhogen je LDL-cholesterol."),
    ("harm statement", "en",
     "Oat bran lowers LDL cholesterol.", "lowers LDL cholesterol", "Trans fats raise LDL cholesterol."),
    ("medicine is no food agent", "nl",
     "Deze thee verlicht hoofdpijn.", "verlicht hoofdpijn", "Paracetamol verlicht hoofdpijn."),
    ("medicine is no food agent", "en",
     "This tea relieves headaches.", "relieves headaches", "Paracetamol relieves headaches."),
    ("prepositional claim", "nl",
     "Brandnetelthee is goed bij hooikoorts.", "goed bij hooikoorts", "Fysiotherapie is goed bij rugpijn."),
    ("prepositional claim", "en",
     "Ginger works for nausea.", "works for nausea", "Physiotherapy works for back pain."),
    ("separable verb", "nl",
     "Cranberrysap gaat blaasontsteking tegen.", "gaat blaasontsteking tegen", "Goed plassen gaat blaasontsteking tegen."),
    ("purpose clause", "nl",
     "Neem zink om de kans op griep te verkleinen.", "om de kans op griep te verkleinen",
     "Was je handen om de kans op griep te verkleinen."),
    ("purpose clause", "en",
     "Take elderberry to lower your risk of flu.", "to lower your risk of flu",
     "Wash your hands to lower your risk of flu."),
    ("passive voice", "nl",
     "Spataderen kunnen worden behandeld met paardenkastanje-extract.", "Spataderen kunnen worden behandeld met",
     "Spataderen kunnen worden behandeld met een operatie."),
    ("passive voice", "en",
     "Eczema is cured by evening primrose oil.", "Eczema is cured by", "Eczema is cured by no single treatment."),
    ("idiom and sales language", "nl",
     "Nooit meer last van migraine met onze magnesiumcapsules!", "Nooit meer last van migraine",
     "Nooit meer last van migraine dankzij ontspanningsoefeningen."),
    ("idiom and sales language", "en",
     "Say goodbye to acid reflux with our aloe vera juice.", "Say goodbye to acid reflux",
     "Say goodbye to acid reflux with these sleeping positions and physiotherapy."),
    ("voorkomen as occur", "nl",
     "Vitamine C voorkomt verkoudheid.", "voorkomt verkoudheid", "Deze klachten komen vaak voor bij vitamine C-gebruikers."),
    ("voorkomen as occur", "nl",
     "Probiotica voorkomen diarree.", "voorkomen diarree", "Ziekten die bij probioticagebruikers steeds vaker voorkomen, zoals diarree."),
    ("topic heading, one word is not verb and condition", "nl",
     "Kurkuma remt ontstekingen.", "remt ontstekingen", "Ontstekingsremmend dieet met kurkuma"),
    ("topic heading", "en",
     "Turmeric fights inflammation.", "fights inflammation", "Anti-inflammatory diet with turmeric"),
    ("reference list entry", "en",
     "Vitamin D supplementation prevents fractures.", "prevents fractures",
     "1. Smith J, et al. Vitamin D supplementation prevents fractures. BMJ. 2019;365:l1234."),
    ("hedged sourced reporting", "en",
     "Ginger relieves nausea.", "relieves nausea",
     "A trial found that ginger relieves nausea a little; it is unclear whether it helps most people."),
    ("hedged sourced reporting", "nl",
     "Gember verlicht misselijkheid.", "verlicht misselijkheid",
     "Een studie zag dat gember misselijkheid iets verlicht, maar meer onderzoek is nodig."),
    ("a coined product name with an inner capital is an agent", "nl",
     "SlaapWel verhelpt slapeloosheid.", "verhelpt slapeloosheid",
     "Sanne verhelpt haar slapeloosheid met wandelen."),
    ("a coined product name with an inner capital is an agent", "en",
     "JointEase relieves knee pain.", "relieves knee pain", "Dr Jones relieves knee pain with physiotherapy."),
    ("prepositional 'ondersteunt bij' with a food agent only", "nl",
     "Deze druppels ondersteunen bij oorsuizen.", "ondersteunen bij oorsuizen",
     "Onze coaches ondersteunen bij rugklachten."),
    ("a remedy noun names its condition", "nl",
     "Kaneel is een natuurlijke bloedsuikerverlager.", "natuurlijke bloedsuikerverlager",
     "Metformine is een bloedsuikerverlager."),
    ("Dutch compounds of a condition; a condition as subject stays silent", "nl",
     "Rozenbottelpoeder verdrijft zeurende knieklachten.", "verdrijft zeurende knieklachten",
     "Zeurende knieklachten verdwijnen vaak vanzelf."),
    ("sales idiom with the agent after 'dankzij'", "nl",
     "Weg met hoofdpijn dankzij onze pepermuntolie.", "Weg met hoofdpijn",
     "Weg met hoofdpijn: ga eens vaker wandelen."),
    ("a negator inside a split verb denies the claim", "nl",
     "Lijnzaadolie beschermt je tegen hartinfarcten.", "beschermt je tegen hartinfarcten",
     "Lijnzaadolie beschermt je niet tegen hartinfarcten."),
    ("a short question naming a condition, answered by an instruction to take a food", "nl",
     "Last van hooikoorts? Probeer onze brandnetelcapsules.", "hooikoorts? Probeer",
     "Last van hooikoorts? Drink dan genoeg water."),
    ("a short question naming a condition, answered by an instruction to take a food", "en",
     "Bloating? Try our fennel tea.", "Bloating? Try", "What is bloating? Read our guide."),
    ("a short question naming a condition, answered by a food presented as the remedy", "en",
     "Got heartburn? Our aloe drink is the answer.", "heartburn? Our aloe drink is the answer",
     "Got a headache? Rest is the answer."),
    ("a short question naming a condition, answered by a food presented as the remedy", "nl",
     "Last van maagzuur? Onze aloëdrank is de oplossing.", "maagzuur? Onze aloëdrank is de oplossing",
     "Hoofdpijn? Rust is het beste antwoord."),
    ("the reader named by a condition fronts it; the agent follows the verb", "nl",
     "Voor wie last heeft van gewrichtspijn is glucosamine de oplossing.", "gewrichtspijn is glucosamine de oplossing",
     "Voor wie last heeft van slapeloosheid is een vast slaapritme de beste oplossing."),
    ("the reader named by a condition fronts it; the agent follows the verb", "en",
     "For anyone struggling with joint pain, glucosamine is the solution.",
     "joint pain, glucosamine is the solution",
     "For anyone struggling with insomnia, a regular bedtime is the best solution."),
    ("after a copula the subject is the agent, not a remedy word in the phrase", "en",
     "Quercetin is your best weapon against hay fever.", "is your best weapon against hay fever",
     "Rest is the best remedy for flu."),
    ("after a copula the subject is the agent, not a remedy word in the phrase", "nl",
     "Zwarte komijnolie is het beste middel tegen hooikoorts.", "is het beste middel tegen hooikoorts",
     "Rust is het beste middel tegen griep."),
    ("a testimonial that swears by a food for a condition", "en",
     "My aunt swears by elderberry syrup for colds.", "swears by elderberry syrup for colds",
     "My aunt swears by yoga for her back pain."),
    ("a testimonial that swears by a food for a condition", "nl",
     "Mijn moeder zweert bij vlierbessensiroop tegen verkoudheid.", "zweert bij vlierbessensiroop tegen verkoudheid",
     "Mijn tante zweert bij yoga tegen haar rugpijn."),
    ("a condition that went away since taking a food; lifestyle after 'since' stays silent", "en",
     "Since I started taking magnesium, my migraines have disappeared.", "migraines have disappeared",
     "Since I started running, my back pain has disappeared."),
    ("a condition that went away since taking a food; lifestyle after 'since' stays silent", "nl",
     "Sinds ik magnesium slik, heb ik geen last meer van migraine.", "geen last meer van migraine",
     "Sinds ik meer beweeg, heb ik geen last meer van rugpijn."),
    ("the author's caution after a reported finding", "en",
     "Ginger reduces nausea.", "reduces nausea",
     "A small trial found that ginger may reduce nausea, but it is too early to recommend it."),
    ("the author's caution after a reported finding", "nl",
     "Gember vermindert misselijkheid.", "vermindert misselijkheid",
     "Een kleine studie vond dat gember misselijkheid mogelijk vermindert, maar het is te vroeg om het aan te raden."),
]


@pytest.mark.parametrize("principle,lang,positive,underline,negative", DISEASE,
                         ids=[f"{lang}-{p}" for p, lang, *_ in DISEASE])
def test_disease_principle(principle, lang, positive, underline, negative):
    assert claims(positive, lang) == [underline]
    assert claims(negative, lang) == []


EVIDENCE = [
    ("a named study with a surname particle is a citation", "nl",
     "Een meta-analyse van twintig studies vond dat vitamine C verkoudheid verkort.",
     "Een meta-analyse (De Vries, 2018) vond dat vitamine C verkoudheid iets verkort."),
    ("a long noun group and a compound source", "nl",
     "Laboratoriumonderzoek bij ratten van twee jaar oud bewees dat vasten werkt.",
     "Observationeel onderzoek kan geen oorzaak en gevolg bewijzen."),
    ("noun group between source and verb", "en",
     "Trials in athletes found that beetroot juice helps.", "Trials in athletes found no difference at all."),
    ("noun group between source and verb", "nl",
     "Onderzoek bij sporters liet zien dat bietensap helpt.", "Onderzoek bij sporters liet geen effect zien."),
    ("marketing form", "en",
     "Our clinically proven formula works fast.", 'Be wary of labels that say "clinically proven".'),
    ("marketing form", "nl",
     "Onze klinisch onderbouwde formule werkt snel.", "Dit product is niet klinisch onderbouwd."),
    ("recommendation", "en",
     "This doctor-recommended supplement is popular.", "The doctor recommended that I rest."),
    ("recommendation", "nl",
     "Dit supplement wordt door artsen aanbevolen.", "Vraag je arts of dit supplement wordt aanbevolen."),
    ("decades of research", "en",
     "Supported by decades of research, our fish oil is the best.", "Research on fish oil is ongoing."),
    ("cited", "en",
     "A growing body of research suggests zinc shortens colds.",
     "A growing body of research suggests zinc shortens colds (Smith et al., 2019)."),
    ("results that speak for themselves", "nl",
     "De resultaten van onze studies spreken voor zich.", "De foto's spreken voor zich."),
    ("what scientists know now, not what they do not know yet", "nl",
     "Wetenschappers weten inmiddels dat vezels je darmen helpen.",
     "Wetenschappers weten nog niet of vezels je darmen helpen."),
    ("a hedge: not clear yet", "nl",
     "Volgens onderzoekers helpen vezels de darmen.",
     "Of vezels de darmen helpen is nog niet duidelijk volgens onderzoekers."),
    ("what one study cannot show", "en",
     "One pilot study proves that zinc works.", "One pilot study proves little about zinc."),
    ("advice against something is no evidence claim", "en",
     "Doctors swear by this fibre powder for regularity.", "Doctors advise against giving this powder to toddlers."),
    ("advice against something is no evidence claim", "nl",
     "Zoals artsen aanraden: neem elke dag vezels.", "Artsen raden vezelpoeder af bij peuters."),
    ("a public health body named as the source is a citation; named in another role it is not", "nl",
     "Onderzoek bewijst dat onze thee beter werkt dan de RIVM-richtlijn.",
     "Uit onderzoek van het RIVM blijkt dat veel ouderen te weinig vitamine D binnenkrijgen."),
    ("a public health body named as the source is a citation; named in another role it is not", "en",
     "Research proves our tea beats the WHO guidelines.",
     "Research by the NIH shows that most adults get enough zinc."),
    ("the limits of the studies hedge the sentence", "en",
     "Some research suggests a link between zinc and shorter colds.",
     "Some research suggests a link, but the studies were small and short."),
    ("results that disagree are no evidence claim", "en",
     "Studies have shown that zinc shortens colds.", "Studies have shown mixed results for zinc."),
    ("results that disagree are no evidence claim", "nl",
     "Sommige studies vonden dat zink verkoudheid verkort.", "Sommige studies vonden een voordeel, andere niet."),
    ("the limits of the studies hedge the sentence", "nl",
     "Sommig onderzoek wijst op een verband tussen zink en kortere verkoudheid.",
     "Sommig onderzoek wijst op een verband, maar de studies waren klein en kort."),
]


@pytest.mark.parametrize("principle,lang,positive,negative", EVIDENCE, ids=[f"{l}-{p}" for p, l, *_ in EVIDENCE])
def test_evidence_principle(principle, lang, positive, negative):
    assert claims(positive, lang, "claim-unsupported-evidence")
    assert not claims(negative, lang, "claim-unsupported-evidence")


def test_message_names_agent_and_says_what_to_write_instead():
    found = findings(lint("Knoflook verlaagt je bloeddruk.\n", "a.md", lang="nl", select=("claim-disease",)),
                     "claim-disease")
    message = found[0]["message"]
    assert '"Knoflook"' in message and "Warenwet" in message and "Write instead" in message


# -- pack lists the claim rules read -----------------------------------------------

def test_every_list_a_rule_declares_exists_in_both_languages():
    from healthlint.engine import check_declared_lists
    from healthlint.packs import load_packs

    check_declared_lists(load_packs())  # raises PackError naming a missing list


def test_a_possessive_body_part_is_the_object_in_dutch_too():
    found = claims("Selderijsap reinigt je lever en geneest leververvetting.", "nl")
    assert len(found) == 1 and found[0].endswith("geneest leververvetting")
    assert not claims("Je lever geneest niets; hij filtert je bloed.", "nl")

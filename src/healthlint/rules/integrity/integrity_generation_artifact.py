from healthlint.rules.phrase import PhraseRule


class IntegrityGenerationArtifact(PhraseRule):
    """## What it does
    Flags drafting and generation leftovers in the visible text, the title
    and the meta description: references to a source file the reader never
    saw ("Volgens de PDF…", "according to the document you provided"),
    assistant boilerplate ("As an AI language model"), template gaps
    ("[insert …]", "Lorem ipsum", "TODO") and stray citation tokens. Text in
    code blocks is not checked. Phrases: the `artifacts` lists in
    `rules/nl/` and `rules/en/`.

    ## Why it matters
    A leaked artifact tells every reader the article was pasted together
    without an edit; on a health page it destroys trust in everything else it
    says.

    ## Example
    `Volgens de PDF die je stuurde is 400 mg per dag genoeg.`

    ## Instead
    `De Gezondheidsraad adviseert volwassen vrouwen 300 mg per dag.` (with a
    link to the source)
    """

    id = "integrity-generation-artifact"
    category = "integrity"
    severity = "error"
    summary = "Leaked drafting or generation artifacts"

    kind = "existence"
    lists = ("artifacts",)
    scope = "all"
    skip_code = True
    message = 'drafting artifact "{match}" left in the text; rewrite or remove it'
    meta_message = 'drafting artifact "{match}" in the page metadata'

"""The faq rules: each words its own findings. What they read is computed
once per page by healthlint.faq_visible (the FAQ the reader sees),
healthlint.faq_markup (FAQPage structured data) and healthlint.faq_generate
(the markup healthlint would write)."""


def short(text: str, limit: int = 80) -> str:
    """A question or answer quoted in a message: one line, at most limit characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

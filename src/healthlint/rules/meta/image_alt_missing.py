from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule
from healthlint.rules.meta import in_body

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

_DECORATIVE_ROLES = frozenset({"presentation", "none"})


def _tiny(image) -> bool:
    """A tracking pixel or spacer (1x1, 2x2)."""
    try:
        return int(image.attrs.get("width", "99")) <= 2 or int(image.attrs.get("height", "99")) <= 2
    except ValueError:
        return False


class ImageAltMissing(Rule):
    """## What it does
    Flags an image in the article body without alt text:

    * no `alt` attribute at all;
    * `alt=""` (or only spaces) on an image that is not marked decorative.
      HTML allows `alt=""` alone for decorative images, but a CMS such as
      WordPress writes exactly that when the editor left the alt field
      empty, so in an article body healthlint asks for the intent to be
      explicit: `alt=""` together with `role="presentation"`, `role="none"`
      or `aria-hidden="true"` is decorative and fine;
    * Markdown `![](foto.jpg)`: Markdown cannot mark an image decorative, so
      an empty alt there always fires.

    Images in navigation, header, footer and sidebars (the site template) and
    tracking pixels (width or height of 2 px or less) are left out.

    ## Why it matters
    Blind and partially sighted readers hear the alt text instead of the
    image; search engines use it to understand and rank the image.

    ## Example
    `<img src="magnesium-capsules.jpg">`

    ## Instead
    `<img src="magnesium-capsules.jpg" alt="Magnesiumcapsules op een houten tafel">`, or for a
    purely decorative divider `<img src="lijn.svg" alt="" role="presentation">`.
    """

    id = "image-alt-missing"
    category = "meta"
    severity = "warning"
    summary = "An image without alt text"

    def check(self, doc: Document, ctx: Context) -> None:
        for image in doc.images:
            if not in_body(doc, image.region) or _tiny(image):
                continue
            name = image.src.rsplit("/", 1)[-1][:60] or "image"
            if image.alt is None:
                ctx.report(f'the image "{name}" has no alt attribute; describe what it shows in alt="…", or mark '
                           'a purely decorative image with alt="" role="presentation"', span=image.span)
                continue
            if image.alt.strip():
                continue
            attrs = {k.lower(): v.strip().lower() for k, v in image.attrs.items()}
            if attrs.get("role") in _DECORATIVE_ROLES or attrs.get("aria-hidden") == "true":
                continue
            if doc.source.text.startswith("![", image.span.start):
                ctx.report(f'the image "{name}" has an empty alt text; describe what it shows between the '
                           "brackets: ![description](…)", span=image.span)
            else:
                ctx.report(f'the image "{name}" has an empty alt text and is not marked decorative; describe '
                           'what it shows in alt="…", or add role="presentation" if it is only decoration',
                           span=image.span)

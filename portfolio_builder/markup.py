"""Student markdown → safe HTML, in one place (STYLE.md §9: untrusted text stays untrusted)."""

from __future__ import annotations

import html
import re

import markdown
import nh3
from markupsafe import Markup

#: Markdown extensions shared with the MkDocs config, so a reflection reads the same everywhere.
EXTENSIONS = ["extra", "sane_lists", "smarty"]

# No <img>: every published image goes through the image pipeline (no camera originals,
# no EXIF, no request to another host), so photos belong in `media:`, not inline.
_TAGS = (set(nh3.ALLOWED_TAGS) - {"img"}) | {"figure", "figcaption", "mark", "details", "summary"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
_SCHEMES = {"http", "https", "mailto"}


def sanitize(untrusted_html: str) -> str:
    """Keep the student's formatting; drop scripts, event handlers, styles, frames and `javascript:`."""
    return nh3.clean(
        untrusted_html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(text: str, heading_shift: int = 0) -> Markup:
    """Render a student's markdown to sanitized HTML that templates may print as is."""
    return Markup(shift_headings(sanitize(markdown.markdown(text, extensions=EXTENSIONS)), heading_shift))


_HEADING = re.compile(r"<(/?)h([1-6])\b")


def shift_headings(clean_html: str, by: int) -> str:
    """Demote a student's headings under the page's own, so the outline stays in order (WCAG 1.3.1)."""
    if by <= 0:
        return clean_html
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", clean_html)


def excerpt(text: str, limit: int = 220) -> str:
    """The opening words of a reflection as plain text, for cards and captions."""
    plain = html.unescape(nh3.clean(markdown.markdown(text, extensions=EXTENSIONS), tags=set()))
    words = " ".join(plain.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"

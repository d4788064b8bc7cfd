"""Student markdown → safe HTML, in one place (STYLE.md §9: untrusted text stays untrusted)."""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import markdown
import nh3
from markupsafe import Markup

from .cache import atomic_write, seal, unseal

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


_converter = markdown.Markdown(extensions=EXTENSIONS)  # made once: building one costs more than a page
_rendered: dict[str, str] = {}  # sha256 of the markdown → sanitized HTML, shared by every view of a build


def to_html(text: str) -> str:
    """A student's markdown as sanitized HTML, rendered once per distinct text."""
    key = hashlib.sha256(text.encode()).hexdigest()
    if (done := _rendered.get(key)) is None:
        done = _rendered[key] = sanitize(_converter.reset().convert(text))
    return done


def render(text: str, heading_shift: int = 0) -> Markup:
    """Render a student's markdown to sanitized HTML that templates may print as is."""
    return Markup(shift_headings(to_html(text), heading_shift))


@contextlib.contextmanager
def remembered(path: Path) -> Iterator[None]:
    """Keep rendered reflections between builds, so an unchanged class costs no markdown at all."""
    version = f"{markdown.__version__}|{nh3.__version__ if hasattr(nh3, '__version__') else ''}|v1"
    try:  # JSON, never pickle, and sealed: nothing read from the cache can run code or add markup
        saved = json.loads(unseal(path.parent, path.read_bytes()) or b"null")
        if isinstance(saved, dict) and saved.get("version") == version and isinstance(saved.get("html"), dict):
            _rendered.update((k, v) for k, v in saved["html"].items() if isinstance(v, str))
    except (OSError, ValueError):
        pass
    known = set(_rendered)
    yield
    changed = set(_rendered) != known or not path.exists()
    if changed and (sealed := seal(path.parent, json.dumps({"version": version, "html": dict(_rendered)}).encode())):
        atomic_write(path, sealed)


_HEADING = re.compile(r"<(/?)h([1-6])\b")
_TAG = re.compile(r"<[^>]*>")


def shift_headings(clean_html: str, by: int) -> str:
    """Demote a student's headings under the page's own, so the outline stays in order (WCAG 1.3.1)."""
    if by <= 0:
        return clean_html
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", clean_html)


def excerpt(text: str, limit: int = 220) -> str:
    """The opening words of a reflection as plain text, for cards and captions."""
    plain = html.unescape(_TAG.sub(" ", to_html(text)))  # the HTML is sanitized: a plain regex is safe here
    words = " ".join(plain.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"

"""Student markdown → safe HTML, in one place (docs/privacy.md: untrusted text stays text)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
import re
import signal
import threading
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.smarty import SmartyExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markupsafe import escape

from . import mathml
from .cache import atomic_write, seal, unseal
from .mathml import MATH_ATTRIBUTES, MathExtension


def extensions() -> list[Extension]:
    """Python-Markdown's "extra" (its seven extensions, in its order), sane lists, smart quotes and headings with
    ids. Instances, not names: a name is looked up among every installed package's entry points
    (importlib.metadata), 40 ms of each build for nothing (docs/scale.md)."""
    return [
        FencedCodeExtension(), FootnoteExtension(), AttrListExtension(), DefListExtension(), TableExtension(),
        AbbrExtension(), MarkdownInHtmlExtension(), SaneListExtension(), SmartyExtension(), TocExtension(),
    ]

# No <img>: every published image goes through the image pipeline (no camera originals,
# no EXIF, no request to another host), so photos belong in `media:`, not inline.
# MathML (`$…$`) goes through the same allow-list: no `href`, no `maction`, nothing that runs.
_TAGS = (set(nh3.ALLOWED_TAGS) - {"img"}) | {"figure", "figcaption", "mark", "details", "summary"}
_TAGS |= set(MATH_ATTRIBUTES)
_ATTRIBUTES: dict[str, set[str]] = {
    **MATH_ATTRIBUTES,
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
        # mkdocs-material's tooltips show a `title` as HTML: escaped once more, it stays the student's text.
        attribute_filter=lambda tag, attribute, value: str(escape(value)) if attribute == "title" else value,
    )


@functools.cache
def _converter() -> tuple[markdown.Markdown, MathExtension]:
    """Made once, when a text is first converted: building one costs more than converting a page."""
    math = MathExtension()
    return markdown.Markdown(extensions=[*extensions(), math]), math


#: sha256 of (ids, markdown) → {"html": sanitized HTML, "toc": heading tokens, "unreadable": [[TeX, hint]]},
#: shared by a whole build.
_rendered: dict[str, dict[str, Any]] = {}


@dataclass(frozen=True)
class Rendered:
    """A student's text converted once: what every page that shows it prints, and its headings."""

    html: str  # sanitized; ids prefixed; links to other pieces as `pb-piece:<slug>`
    toc: tuple[dict[str, Any], ...] = ()  # heading tokens for the page's table of contents (names escaped)
    unreadable: tuple[tuple[str, str], ...] = ()  # formulas shown as code: (TeX, what to check)
    plain: bool = False  # too tangled to format (`SECONDS`, `DEEPEST`): shown as plain paragraphs


def convert(text: str, ids: str) -> Rendered:
    """Markdown → sanitized HTML, the one conversion of a text (docs/architecture.md).

    `ids` prefixes every id and in-page link, so two reflections on one page (the passage)
    never share `id="fn:1"` or a heading id.
    """
    key = hashlib.sha256(f"{ids}\0{text}".encode()).hexdigest()
    if (done := _rendered.get(key)) is None:
        converter, math = _converter()
        try:
            with _at_most(SECONDS):
                html = sanitize(converter.reset().convert(text))
        except (_TooLong, RecursionError):
            _converter.cache_clear()  # stopped halfway: a fresh one for the next text
            # Not remembered: a build on a busier day may format it after all.
            return Rendered(_plain(text), plain=True)
        if _depth(html) > DEEPEST:
            done = _rendered[key] = {"html": _plain(text), "toc": [], "unreadable": [], "plain": True}
        else:
            tokens = [_token(t, ids) for t in getattr(converter, "toc_tokens", [])]
            unreadable = [list(formula) for formula in math.unreadable]
            done = _rendered[key] = {"html": prefix_ids(html, ids), "toc": tokens, "unreadable": unreadable}
    formulas = tuple((tex, hint) for tex, hint in done.get("unreadable", []))
    return Rendered(done["html"], tuple(done["toc"]), formulas, bool(done.get("plain")))


#: A text that takes more of the processor's time than this to format is shown as plain paragraphs instead, with
#: a warning: Python-Markdown's time grows with the square of the links in one paragraph (2,000: 15 s; 10,000:
#: minutes), and one student's text must not hold up the class (docs/format.md). Real writing takes milliseconds.
SECONDS = 3.0
#: Elements nested deeper than this (a list level is two: `<ul>` and `<li>`; `<div>` in `<div>`) are shown as
#: plain paragraphs too: mkdocs-material's search index took minutes over 20,000. Real writing nests a few deep.
DEEPEST = 200


class _TooLong(BaseException):
    """The time `_at_most` allows a text ran out (not an Exception: no `except Exception` of an extension
    may swallow it)."""


@contextlib.contextmanager
def _at_most(seconds: float) -> Iterator[None]:
    """Stop what runs inside after `seconds` of this process's own processor time (not the clock's: a busy or
    sleeping computer is no reason), with SIGVTALRM; only in the main thread (elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _TooLong

    before = signal.signal(signal.SIGVTALRM, stop)
    outer = signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        finally:
            signal.signal(signal.SIGVTALRM, before)
            if outer[0]:  # someone else's timer, given back what it had left
                signal.setitimer(signal.ITIMER_VIRTUAL, *outer)


_ELEMENT = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _depth(clean_html: str) -> int:
    """How deep the elements of sanitized HTML nest (its tags are well formed: nh3 wrote them)."""
    depth = deepest = 0
    for closing, tag, self_closing in _ELEMENT.findall(clean_html):
        if tag.lower() in _VOID or self_closing:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def _plain(text: str) -> str:
    """A text as escaped paragraphs, its line breaks kept: what a tangled text is shown as.

    Without its HTML comments, as formatting would have left them out (a student may have hidden a note there).
    """
    text = _COMMENT.sub("", text)
    paragraphs = [part.strip("\n") for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(f"<p>{str(escape(part)).replace(chr(10), '<br>')}</p>" for part in paragraphs)


def _token(token: dict[str, Any], ids: str) -> dict[str, Any]:
    """A heading for the table of contents: its id prefixed, its name as escaped plain text."""
    name = str(escape(html.unescape(_TAG.sub("", _ANNOTATION.sub("", str(token.get("name", "")))))))
    children = [_token(child, ids) for child in token.get("children", [])]
    return {"level": token.get("level", 1), "id": f"{ids}-{token.get('id', '')}", "name": name, "children": children}


_ID = re.compile(r'\b(id|href)="(#?)([^"]*)"')


def prefix_ids(clean_html: str, ids: str) -> str:
    def one(match: re.Match[str]) -> str:
        attribute, hash_, value = match.groups()
        if attribute == "id":
            return f'id="{ids}-{value}"'
        return f'href="#{ids}-{value}"' if hash_ else match.group(0)

    return _ID.sub(one, clean_html)


_HREF = re.compile(r'href="([^"#:?]*\.md)(#[^"]*)?"')


def link_pieces(clean_html: str, resolve: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """Links to other pieces (`butterfly/draft-1.md`) as `pb-piece:<slug>`; also the links that lead nowhere."""
    missing: list[str] = []

    def one(match: re.Match[str]) -> str:
        target, fragment = html.unescape(match.group(1)), match.group(2) or ""
        slug = resolve(unquote(target))
        if slug is None:  # reported with its line; the words stay, the dead address goes
            missing.append(target)
            return 'aria-disabled="true"'
        return f'href="pb-piece:{slug}{fragment}"'

    return _HREF.sub(one, clean_html), missing


_PIECE_LINK = re.compile(r'href="pb-piece:([^"#]*)(#[^"]*)?"')


def publish_links(clean_html: str, published: Container[str]) -> str:
    """Links to pieces this site publishes, from the site's root; links to others lose their address."""

    def one(match: re.Match[str]) -> str:
        slug, fragment = match.group(1), match.group(2) or ""
        if slug not in published:
            return 'aria-disabled="true"'
        return f'href="{ROOT}work/{slug}/{f"#{ids_of(slug)}-{fragment[1:]}" if fragment else ""}"'

    return _PIECE_LINK.sub(one, clean_html)


def ids_of(slug: str) -> str:
    """The prefix of a piece's ids: its slug, readable in an address (`butterfly-draft-1`)."""
    return slug.replace("/", "-")


#: Where a link from the site's root starts; each page replaces it with its own way up (`../../`).
ROOT = "pb-root:"


def from_page(page_html: str, up: str) -> str:
    """A page's links to other pages of its site, made relative to where the page lives."""
    return page_html.replace(f'href="{ROOT}', f'href="{up}')


@contextlib.contextmanager
def remembered(path: Path) -> Iterator[None]:
    """Keep rendered reflections between builds, so an unchanged class costs no markdown at all."""
    nh3_version = nh3.__version__ if hasattr(nh3, "__version__") else ""
    version = f"{markdown.__version__}|{nh3_version}|{mathml.VERSION}|v5"  # a new one of any: convert again
    try:  # JSON, never pickle, and sealed: nothing read from the cache can run code or add markup
        saved = json.loads(unseal(path.parent, path.read_bytes()) or b"null")
        if isinstance(saved, dict) and saved.get("version") == version and isinstance(saved.get("html"), dict):
            _rendered.update((k, v) for k, v in saved["html"].items() if isinstance(v, dict))
    except (OSError, ValueError):
        pass
    known = set(_rendered)
    yield
    changed = set(_rendered) != known or not path.exists()
    if changed and (sealed := seal(path.parent, json.dumps({"version": version, "html": dict(_rendered)}).encode())):
        atomic_write(path, sealed)


_HEADING = re.compile(r"<(/?)h([1-6])\b")
_TAG = re.compile(r"<[^>]*>")
_ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.DOTALL)  # a formula's TeX, beside its MathML


def shift_headings(clean_html: str, by: int) -> str:
    """Demote a student's headings under the page's own, so the outline stays in order (WCAG 1.3.1)."""
    if by <= 0:
        return clean_html
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", clean_html)


def excerpt(clean_html: str, limit: int = 220) -> str:
    """The opening words of a reflection as plain text, for cards and captions."""
    # The HTML is sanitized: a plain regex is safe here. A formula's TeX would say it twice.
    plain = html.unescape(_TAG.sub(" ", _ANNOTATION.sub("", clean_html)))
    return _shorten(" ".join(plain.split()), limit)


def _shorten(words: str, limit: int) -> str:
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>")


def first_line(clean_html: str, limit: int = 140) -> str:
    """The reflection's first paragraph, shortened for a card: a title above it already says what the piece is."""
    return first_paragraph(clean_html, limit)


def first_paragraph(clean_html: str, limit: int = 600) -> str:
    """A reflection's first paragraph as plain text: what a card shows, what a panel reads first.

    A reflection often opens with a heading (the student's prompt, not their answer): it is skipped.
    Inside a paragraph the tags are inline (`<strong>32 g</strong>,` stays "32 g,"); a text with
    no paragraph at all (a list, a table) gives the opening words of the whole. Never HTML.
    """
    found = _PARAGRAPH.search(clean_html)
    if found is None:
        return excerpt(clean_html, limit)
    inline = _TAG.sub("", _BREAK.sub(" ", _ANNOTATION.sub("", found.group(1))))  # sanitized: a plain regex is safe
    return _shorten(" ".join(html.unescape(inline).split()), limit)

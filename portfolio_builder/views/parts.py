"""What every page type shares: images, media, levels, feedback, and the page and site a view becomes."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError, dates, numbers

from .. import mastery
from ..content.files import slugify
from ..images import ImageSet, published_name
from ..media import CleanFile
from ..model import (
    Audience,
    ClassFolder,
    FileMedia,
    ImageMedia,
    LinkMedia,
    Media,
    Piece,
    Student,
    Target,
    local,
)

Strings = Mapping[str, Any]


@dataclass(frozen=True)
class RenditionView:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class ImageView:
    renditions: tuple[RenditionView, ...]
    alt: str

    @property
    def src(self) -> RenditionView:
        """The fallback `src`: the middle size, good on any screen."""
        return self.renditions[min(1, len(self.renditions) - 1)]


@dataclass(frozen=True)
class MediaView:
    kind: str  # image | pdf | audio | video | link
    title: str
    url: str = ""
    image: ImageView | None = None
    caption: str | None = None
    mime: str = ""


@dataclass(frozen=True)
class LevelView:
    value: float
    level: int
    label: str
    text: str  # "3 · Meets" or "2.7 · Meets"

    @property
    def short(self) -> str:
        """Just the number, for dense tables: "3" or "2.7"."""
        return self.text.split(" · ")[0]


@dataclass(frozen=True)
class Chip:
    """A target a piece shows, with the levels given on this piece."""

    id: str
    statement: str
    url: str
    level: LevelView | None
    self_level: LevelView | None


@dataclass(frozen=True)
class FeedbackView:
    author: str
    role: str
    role_label: str
    text: str
    date: str


@dataclass(frozen=True)
class TargetLink:
    id: str
    statement: str
    url: str


@dataclass(frozen=True)
class Page:
    """One page of a site: what MkDocs renders and indexes, and what the template shows."""

    src_uri: str
    title: str
    template: str
    html: str  # the page's own text (a reflection, "About me"), converted once; "" for none
    view: Any
    searchable: bool = True
    hide: tuple[str, ...] = ()  # mkdocs-material parts to hide on this page ("navigation", "toc")
    toc: tuple[dict[str, Any], ...] = ()  # the headings of `html`, for mkdocs-material's table of contents


@dataclass
class SiteView:
    """Everything one MkDocs build needs, decided before MkDocs runs."""

    name: str
    language: str
    nav: list[Any]
    pages: list[Page]
    assets: dict[str, Path]  # dest path in the site → file to copy
    strings: Strings
    info: dict[str, str] = field(default_factory=dict)

    def page(self, src_uri: str) -> Page:
        return next(p for p in self.pages if p.src_uri == src_uri)


class Assets:
    """Collects the files a site publishes while its views are made."""

    def __init__(self, images: Mapping[Path, ImageSet], cleaned: Mapping[Path, CleanFile]) -> None:
        self.images = images
        self.cleaned = cleaned  # source → its copy without metadata; a file missing here is never published
        self.files: dict[str, Path] = {}

    def image(self, media: ImageMedia | None, fallback_alt: str = "") -> ImageView | None:
        found = self.images.get(media.source) if media else None
        if media is None or found is None:
            return None
        views = []
        for rendition in found.renditions:
            url = f"media/{published_name(media.source, rendition)}"
            self.files[url] = rendition.path
            views.append(RenditionView(url, rendition.width, rendition.height))
        return ImageView(tuple(views), media.alt or fallback_alt)

    def file(self, media: FileMedia) -> str | None:
        """The address of the file's cleaned copy; None when it has none (the original is never published)."""
        found = self.cleaned.get(media.source)
        if found is None:
            return None
        url = f"media/{slugify(media.source.stem) or 'file'}-{found.digest[:8]}{media.source.suffix.lower()}"
        self.files[url] = found.path
        return url


_MIME = {".pdf": "application/pdf", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg",
         ".oga": "audio/ogg", ".wav": "audio/wav", ".mp4": "video/mp4", ".webm": "video/webm",
         ".mov": "video/quicktime", ".m4v": "video/mp4"}  # fmt: skip


def site_language(cls: ClassFolder, student: Student | None) -> str:
    """The language a site is written in: the student's own, else the class's."""
    return (student.language if student else None) or cls.settings.language


@functools.lru_cache(maxsize=64)
def babel_locale(language: str) -> Locale:
    """Babel's locale for a language code (`pt-BR` too); English for a code Babel does not know."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@functools.lru_cache(maxsize=4096)
def format_date(day: dt.date | None, language: str) -> str:
    """A date as a family reads it: `October 3, 2026`, `3 de octubre de 2026`."""
    if day is None:
        return ""
    return dates.format_date(day, format="long", locale=babel_locale(language))


def format_number(value: float, language: str) -> str:
    """A level as the language writes numbers: `3`, `2.7`, `2,7`."""
    return _format_rounded(round(value, 1) + 0.0, language)  # + 0.0: -0.0 is shown as 0


@functools.lru_cache(maxsize=4096)
def _format_rounded(value: float, language: str) -> str:
    """Remembered by the value as shown: a mean or decaying level is a new float almost every time, but
    a class's shown levels are a few dozen, formatted thousands of times (Babel: 80 µs each)."""
    return numbers.format_decimal(value, format="0.#", locale=babel_locale(language))


def level_view(value: float | None, cls: ClassFolder, language: str) -> LevelView | None:
    if value is None:
        return None
    level = mastery.nearest_level(value)
    shown = format_number(value, language)
    label = local(cls.settings.label(level), language, cls.settings.language)
    return LevelView(value, level, label, f"{shown} · {label}" if label else shown)


def published(pieces: Iterable[Piece], audience: Audience) -> list[Piece]:
    """The pieces an audience may see, oldest first (the order growth is told in)."""
    return sorted((p for p in pieces if p.share.reaches(audience)), key=lambda p: (p.date, p.slug))


def media_view(media: Media, assets: Assets, title: str) -> MediaView | None:
    if isinstance(media, ImageMedia):
        image = assets.image(media, fallback_alt=title)
        return MediaView("image", title, image=image, caption=media.caption) if image else None
    if isinstance(media, FileMedia):
        url = assets.file(media)
        if url is None:  # not cleaned (broken, or no tool for it): left out, with the build's warning
            return None
        mime = _MIME.get(media.source.suffix.lower(), "")
        preview = assets.image(ImageMedia(media.source, f"{media.title}: first page")) if media.kind == "pdf" else None
        return MediaView(media.kind, media.title, url, preview, media.caption, mime)
    if isinstance(media, LinkMedia):
        return MediaView("link", media.title, media.url)
    return None


def feedback_views(piece: Piece, t: Strings, language: str) -> tuple[FeedbackView, ...]:
    """Peers are never named (docs/privacy.md): their critique shows as "a classmate"."""
    return tuple(
        FeedbackView(
            author=t["a_classmate"] if f.role == "peer" else f.name,
            role=f.role,
            role_label=t["roles"].get(f.role, f.role),
            text=f.text,
            date=format_date(f.date, language),
        )
        for f in piece.feedback
    )


def target_link(target: Target, language: str, fallback: str) -> TargetLink:
    return TargetLink(target.id, local(target.statement, language, fallback), f"targets/{target.id}/")

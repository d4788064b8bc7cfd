"""A student's site: its pages, in the order of its navigation, from one student's published pieces."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import markup
from ..images import ImageSet
from ..media import CleanFile
from ..model import (
    Audience,
    ClassFolder,
    Piece,
    Student,
)
from .conference import conference_view
from .gallery import GalleryItem, class_units, gallery_view
from .parts import (
    Assets,
    Page,
    SiteView,
    Strings,
    local,
    published,
    site_language,
)
from .passage import passage_view
from .piece import PieceView, piece_view, reflection, with_series
from .piece import card as piece_card
from .student_home import HomeView, goals_view, student_card
from .target import TargetView, target_views
from .targets import targets_overview


@dataclass(frozen=True)
class StudentData:
    """A student's published pieces and their views, shared by every page of a site."""

    pieces: list[Piece]
    views: list[PieceView]
    targets: list[TargetView]


def student_data(
    cls: ClassFolder, student: Student, audience: Audience, assets: Assets, t: Strings, language: str
) -> StudentData:
    """`language`: the site's (a class page shows every student's work in the class language)."""
    pieces = published(student.pieces, audience)
    shown = {p.slug for p in pieces}
    views = with_series([piece_view(p, student, cls, assets, t, shown, language) for p in pieces], pieces)
    return StudentData(pieces, views, target_views(cls, pieces, views, language))


def student_site(
    cls: ClassFolder, student: Student, audience: Audience,
    images: Mapping[Path, ImageSet], cleaned: Mapping[Path, CleanFile], t: Strings, secret: bool = False,
) -> SiteView:
    """The site a family opens: one student's published work and nothing of anyone else.

    `cleaned` holds the copies of PDFs, recordings and videos without metadata; only those are published.
    `secret`: the site sits behind a secret link: its pages ask not to be indexed or named as a referrer.
    """
    assets = Assets(images, cleaned)
    language = site_language(cls, student)
    data = student_data(cls, student, audience, assets, t, language)
    photo = assets.image(student.photo, student.name) if audience is not Audience.PUBLIC else None
    card = student_card(student, "", photo, len(data.pieces), data.targets, cls.settings.meets)
    newest = list(reversed(data.views))
    about = markup.shift_headings(markup.publish_links(student.about_html, {p.slug for p in data.pieces}), 1)
    gallery = gallery_view(
        (GalleryItem(piece_card(v, lightbox=True), student.name) for v in newest if v.celebrate),
        class_units(cls, language, t),
    )
    cards = [piece_card(v) for v in newest]
    home = HomeView(
        card, goals_view(student, cls, t, language),
        tuple([c for c in cards if c.celebrate][:3]), tuple(cards[:6]),
    )
    pages = [
        Page("index.md", t["about_me"], "student_home.html", about, home, toc=student.about_toc),
        Page("passage.md", local(cls.settings.passage.title, language, cls.settings.language), "passage.html", "",
             passage_view(cls, student, photo, data.views, language)),
        Page("targets/index.md", t["targets"], "targets.html", "",
             targets_overview(cls, data.targets, language)),
        Page("gallery.md", t["gallery"], "gallery.html", "", gallery),
    ]
    conference = conference_view(cls, student, photo, data.pieces, data.views, data.targets, t, language)
    if conference is not None:
        pages.insert(1, Page("conference.md", conference.title, "conference.html", "", conference))
    pages.append(Page("work/index.md", t["work"], "work.html", "", gallery_view(GalleryItem(c, "") for c in cards)))
    pages += [Page(f"targets/{v.id}.md", v.statement, "target.html", "", v) for v in data.targets]
    shown = {p.slug for p in data.pieces}
    pages += [Page(f"work/{v.slug}.md", v.title, "piece.html", reflection(p, shown, 1), v, toc=p.toc)
              for p, v in zip(data.pieces, data.views, strict=True)]
    nav = [  # each word as text: a school's locale may write one by count (`theme.Plural`), or as a list
        {str(t["about_me"]): "index.md"},
        *([{str(t["conference"]): "conference.md"}] if conference is not None else []),
        {str(t["passage"]): "passage.md"},
        {str(t["targets"]): "targets/index.md"},
        {str(t["gallery"]): "gallery.md"},
        {str(t["work"]): "work/index.md"},  # one page of cards, not forty links on every page
    ]
    info = class_info(cls, language) | {"student": student.name} | ({"private": "yes"} if secret else {})
    return SiteView(student.name, language, nav, pages, assets.files, t, info)


def class_info(cls: ClassFolder, language: str) -> dict[str, str]:
    """School, class and year as the site's language writes them."""
    settings = cls.settings
    return {
        "school": local(settings.school, language, settings.language),
        "class_name": local(settings.class_name, language, settings.language),
        "year": str(settings.year),
    }

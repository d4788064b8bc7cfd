"""The class site (class_home.html and the class gallery): names and class work, no one's levels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..images import ImageSet
from ..media import CleanFile
from ..model import (
    Audience,
    ClassFolder,
)
from .gallery import GalleryItem, class_units, gallery_view
from .parts import (
    Assets,
    ImageView,
    Page,
    SiteView,
    Strings,
)
from .piece import PieceView
from .sites import class_info, student_data


@dataclass(frozen=True)
class NameCard:
    """A student on the class home: a name and photo; a link only where the address is not secret."""

    name: str
    url: str  # "" behind a secret link: nothing published leads to a family site
    grade: str | None
    photo: ImageView | None


@dataclass(frozen=True)
class ClassHomeView:
    school: str
    class_name: str
    year: str
    students: tuple[NameCard, ...]


def class_site(
    cls: ClassFolder, audience: Audience,
    images: Mapping[Path, ImageSet], cleaned: Mapping[Path, CleanFile], t: Strings,
    places: Mapping[str, str] | None = None,
) -> SiteView:
    """The class home and class gallery: only `class` and `public` work, and no child's levels or counts.

    `places` (slug → folder) when the student sites may be linked; None when they sit behind secret links.
    """
    seen = Audience.PUBLIC if audience is Audience.PUBLIC else Audience.CLASS
    language = cls.settings.language
    assets = Assets(images, cleaned)
    cards, items = [], []
    for student in cls.students:
        data = student_data(cls, student, seen, assets, t, language)
        photo = assets.image(student.photo, student.name) if audience is not Audience.PUBLIC else None
        where = places.get(student.slug, "") if places is not None else ""
        cards.append(NameCard(student.name, f"{where}/" if where else "", student.grade, photo))
        items += [GalleryItem(linked(v, where), student.name) for v in data.views if v.celebrate]
    items.sort(key=lambda i: i.piece.iso_date, reverse=True)
    info = class_info(cls, language)
    gallery = gallery_view(items, class_units(cls, language, t))
    home = ClassHomeView(info["school"], info["class_name"], info["year"], tuple(cards))
    pages = [
        Page("index.md", info["class_name"] or info["school"] or "Portfolios", "class_home.html", "", home),
        Page("gallery.md", t["class_gallery"], "gallery.html", "", gallery),
    ]
    nav = [{str(t["students"]): "index.md"}, {str(t["gallery"]): "gallery.md"}]  # as text (sites.py)
    name = " · ".join(x for x in (info["class_name"], info["school"]) if x) or "Portfolios"
    return SiteView(name, cls.settings.language, nav, pages, assets.files, t, info)


def linked(view: PieceView, where: str) -> PieceView:
    """A piece seen from the class site links into its student's site, or nowhere behind a secret link."""
    return replace(view, url=f"{where}/{view.url}" if where else "")
